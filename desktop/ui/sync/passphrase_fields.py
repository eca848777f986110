"""A bundle's passphrase typed twice, with a show/hide toggle, checked before export."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QWidget

from desktop.core.i18n import _
from desktop.sync.bundle.passphrase import MIN_PASSPHRASE


class PassphraseFields:
    """A passphrase typed twice, with a show/hide toggle (``row`` holds the first and the
    toggle; both go into the caller's form)."""

    def __init__(self) -> None:
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName(_("Passphrase"))
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setAccessibleName(_("Repeat the passphrase"))
        self.show_box = QCheckBox(_("Show"))
        self.show_box.toggled.connect(self._toggle)
        self.row = QWidget()
        row = QHBoxLayout(self.row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.first, 1)
        row.addWidget(self.show_box)

    def _toggle(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.first.setEchoMode(mode)
        self.second.setEchoMode(mode)

    def problem(self) -> str:
        text = self.first.text()
        if len(text) < MIN_PASSPHRASE:
            return _("The passphrase must have at least {count} characters.").format(
                count=MIN_PASSPHRASE)
        if text != self.second.text():
            return _("The two passphrases are not the same.")
        return ""

    def set_passphrase(self, text: str) -> None:
        self.first.setText(text)
        self.second.setText(text)
