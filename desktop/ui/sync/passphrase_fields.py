"""A bundle's passphrase typed twice, with a show/hide toggle, checked before export."""

from __future__ import annotations

from desktop.core.i18n import _
from desktop.sync.bundle.passphrase import MIN_PASSPHRASE
from desktop.ui.widgets.typed_twice import TypedTwice


class PassphraseFields(TypedTwice):
    """A passphrase typed twice, with a show/hide toggle, checked before export."""

    def __init__(self) -> None:
        super().__init__(_("Passphrase"), _("Repeat the passphrase"))

    def problem(self) -> str:
        text = self.first.text()
        if len(text) < MIN_PASSPHRASE:
            return _("The passphrase must have at least {count} characters.").format(
                count=MIN_PASSPHRASE)
        if text != self.again.text():
            return _("The two passphrases are not the same.")
        return ""

    def set_passphrase(self, text: str) -> None:
        self.first.setText(text)
        self.again.setText(text)
