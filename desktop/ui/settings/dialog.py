"""File ▸ Settings…: the settings form in a dialog with OK and Cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.core.i18n import _
from desktop.ui.settings.form import SettingsForm
from desktop.ui.widgets.screen import fit_to_screen


def restart_message() -> str:
    return _("Saved. Restart Linli Desk to use the new language or display size.")


class SettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(_("Settings"))
        self.form = SettingsForm(ctx)
        self.form.load_backups()
        self.restart_needed = False
        self.form.saved.connect(self._remember)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        # Scrolls: at 150-175 % on a small laptop screen the form is taller than the screen.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(20, 18, 20, 6)
        inner_layout.addWidget(self.form)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 14)
        layout.setSpacing(10)
        layout.addWidget(scroll, 1)
        row = QHBoxLayout()
        row.setContentsMargins(20, 0, 20, 0)
        row.addWidget(buttons)
        layout.addLayout(row)
        fit_to_screen(self, 640, 680)

    def _remember(self, restart: bool) -> None:
        self.restart_needed = restart

    def accept(self) -> None:
        if self.form.save():
            super().accept()
