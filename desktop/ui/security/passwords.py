"""A new password typed twice (protecting a copy, adding an operator, resetting with the
recovery code), checked by the key slots' own rule, and how a sign-in refusal is told apart."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from desktop.core.errors import LinliError, ValidationError
from desktop.core.i18n import _
from desktop.ui.widgets.typed_twice import TypedTwice, secret_edit


def check_new_password(password: str, again: str) -> None:
    """Raise ValidationError (field "password" or "again") unless ``password`` is one the key
    slots accept and ``again`` repeats it."""
    from desktop.security.keyslots import check_password

    check_password(password)
    if password != again:
        raise ValidationError(_("The two passwords are not the same."), field="again")


# How a refusal to sign in is shown: the password field cleared for another try (wrong), the
# button held back while throttled, or a problem that trying again will not solve (the keys
# file damaged, missing or from a newer version; the database would not open).
WRONG, THROTTLED, PROBLEM = "wrong", "throttled", "problem"


def refusal_kind(error: LinliError) -> str:
    from desktop.security.keyslots import WrongPassword, WrongRecoveryCode
    from desktop.security.throttle import TooManyAttempts

    if isinstance(error, TooManyAttempts):
        return THROTTLED
    if isinstance(error, WrongPassword | WrongRecoveryCode):
        return WRONG
    return PROBLEM


def password_edit(name: str) -> QLineEdit:
    return secret_edit(name)


class NewPasswordFields(TypedTwice):
    """A new password typed twice, checked by the key slots' rule."""

    def __init__(self) -> None:
        super().__init__(_("Password"), _("Repeat the password"), names=("password", "again"))

    def checked_or_said(self, message) -> str | None:
        """The password; else None, the problem said in ``message`` and the field to fix
        focused."""
        try:
            return self.checked()
        except ValidationError as exc:
            message.setText(exc.message)
            (self.again if exc.field == "again" else self.first).setFocus()
            return None

    def checked(self) -> str:
        """The password, or ValidationError naming the field to fix."""
        check_new_password(self.first.text(), self.again.text())
        return self.first.text()

