"""A new password typed twice (protecting a copy, adding an operator, resetting with the
recovery code), checked by the key slots' own rule, and how a sign-in refusal is told apart."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QWidget

from desktop.core.errors import LinliError, ValidationError
from desktop.core.i18n import _


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
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class NewPasswordFields:
    """A password typed twice with a Show toggle: ``row`` (the first field and the toggle)
    and ``again`` go into the caller's form."""

    def __init__(self) -> None:
        self.first = password_edit("password")
        self.first.setAccessibleName(_("Password"))
        self.again = password_edit("again")
        self.again.setAccessibleName(_("Repeat the password"))
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
        self.again.setEchoMode(mode)

    def checked(self) -> str:
        """The password, or ValidationError naming the field to fix."""
        check_new_password(self.first.text(), self.again.text())
        return self.first.text()

    def clear(self) -> None:
        self.first.clear()
        self.again.clear()
