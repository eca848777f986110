"""The Settings page of the main window: the form with a Save button."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from desktop.context import AppContext
from desktop.core.i18n import _
from desktop.ui.settings.dialog import restart_message
from desktop.ui.settings.form import SettingsForm
from desktop.ui.widgets.page import Page


class SettingsPage(Page):
    key = "settings"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            _("Settings"),
            _("Language, display size, your name, the data folder and its backups."),
            parent,
        )
        self.form = SettingsForm(ctx)
        self.form.setMaximumWidth(760)
        self.form.saved.connect(self._saved)
        self.save_button = QPushButton(_("&Save settings"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.form.save)
        self.message = QLabel()
        self.message.setObjectName("success")
        self.message.setWordWrap(True)
        self.body.addWidget(self.form)
        self.body.addStretch(1)
        self.add_footer(self.save_button, self.message)

    def activated(self) -> None:
        self.form.load_backups()
        self.message.clear()

    def _saved(self, restart: bool) -> None:
        self.message.setText(restart_message() if restart else _("Settings saved."))
