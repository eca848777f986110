"""The progress dialog of a running task: what is happening, how far, and Cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _


class TaskProgressDialog(QDialog):
    """Modal while shown. Cancel, Esc and the close button all *ask* the work to stop; the
    dialog closes only when the work has actually ended (``finish``)."""

    cancel_requested = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taskProgress")
        self.setWindowTitle(title)
        self.setModal(True)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.setMinimumWidth(420)
        self._finished = False

        self.title_label = QLabel(title)
        self.title_label.setObjectName("taskTitle")
        self.title_label.setWordWrap(True)
        self.message_label = QLabel(_("Starting…"))
        self.message_label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the first report says how much there is
        self.bar.setTextVisible(True)
        buttons = QDialogButtonBox()
        self.cancel_button: QPushButton = buttons.addButton(
            _("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(10)
        layout.addWidget(self.title_label)
        layout.addWidget(self.message_label)
        layout.addWidget(self.bar)
        layout.addWidget(buttons)

    def set_progress(self, done: int, total: int, message: str = "") -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)
        if message and self.cancel_button.isEnabled():
            self.message_label.setText(message)

    def show_cancelling(self) -> None:
        self.message_label.setText(_("Stopping… Nothing of the unfinished work will be saved."))
        self.cancel_button.setEnabled(False)

    def reject(self) -> None:  # Esc, Cancel, the window's close button
        if self._finished:
            super().reject()
        elif self.cancel_button.isEnabled():
            self.cancel_requested.emit()

    def finish(self) -> None:
        self._finished = True
        self.done(QDialog.DialogCode.Accepted)
