"""The exact PDF kept in the archive when a notice was printed, with its fingerprint."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
)
from shiboken6 import isValid

from desktop.core.errors import LinliError
from desktop.core.i18n import _
from desktop.ui.printing.pdf_dialog import print_audited, save_audited
from desktop.ui.printing.preview import PdfPreview
from desktop.ui.widgets.screen import fit_dialog


class PrintedDialog(QDialog):
    """What was printed for the board, as kept in the archive, with its fingerprint."""

    def __init__(self, pdf: bytes, row, parent) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.pdf = pdf
        self._page = parent
        title = row.title if row is not None else ""
        self.setWindowTitle(_("Printed notice — {title}").format(title=title))
        digest = hashlib.sha256(pdf).hexdigest()
        when = row.printed_at.strftime("%Y-%m-%d %H:%M") if row and row.printed_at else ""
        self.info = QLabel(_("Printed {time}. Fingerprint (SHA-256): {hash}").format(
            time=when, hash=digest))
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview = PdfPreview()
        self.preview.set_pdf(pdf)
        self.message = QLabel()
        self.message.setObjectName("formError")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        print_button = buttons.addButton(_("Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        save_button = buttons.addButton(_("Save as PDF…"),
                                        QDialogButtonBox.ButtonRole.ActionRole)
        print_button.clicked.connect(self._print)
        save_button.clicked.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.preview, 1)
        row_layout = QHBoxLayout()
        row_layout.addWidget(self.message, 1)
        row_layout.addWidget(buttons)
        layout.addLayout(row_layout)
        fit_dialog(self, 0, 0, 720, 820)

    def _print(self) -> None:
        def failed(message: str) -> None:
            if isValid(self):  # the dialog may have been closed while it printed
                self.message.setText(message)

        try:
            print_audited(self._page._ctx.db, self._page.task_runner, self.pdf, self,
                          choose=self._page.choose_printer, on_failed=failed)
        except LinliError as exc:
            self.message.setText(exc.message)

    def _save(self) -> None:
        try:
            save_audited(self._page._ctx.db, self._page.task_runner, self.pdf, self,
                         suggested_name=self.windowTitle(), ask_path=self._page.ask_pdf_path)
        except LinliError as exc:
            self.message.setText(exc.message)
