"""A forgotten password: the recovery code printed at setup unlocks the data key, and the
operator chooses a new password (their key slot is wrapped anew; the others are unchanged)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import LinliError
from desktop.core.i18n import _
from desktop.ui.security.passwords import NewPasswordFields
from desktop.ui.widgets.labels import message_label

Recover = Callable[[str, str, str], bytes]  # (recovery code, operator, new password) -> key


def code_font() -> QFont:
    """The recovery code's letters told apart at a glance (0/O, 1/I): a fixed-pitch font."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.Monospace)
    return font


class RecoveryDialog(QDialog):
    """``recovered(operator)`` with ``key`` set once ``recover`` accepted the code."""

    recovered = Signal(str)

    def __init__(self, operators: list[str], recover: Recover | None,
                 parent: QWidget | None = None, *, operator: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.setWindowTitle(_("Use the recovery code"))
        self._recover = recover
        self.key: bytes | None = None
        intro = QLabel(_("Type the recovery code from the recovery sheet the office printed "
                         "when this copy was protected, then choose a new password. Spaces "
                         "and dashes do not matter."))
        intro.setWordWrap(True)
        self.code = QLineEdit()
        self.code.setObjectName("code")
        self.code.setFont(code_font())
        self.code.setPlaceholderText("XXXX XXXX XXXX XXXX XXXX XXXX")
        self.operators = QComboBox()
        self.operators.setObjectName("operator")
        self.operators.addItems(list(operators))
        if operator in operators:
            self.operators.setCurrentText(operator)
        self.passwords = NewPasswordFields()
        form = QFormLayout()
        form.addRow(_("Recovery &code"), self.code)
        form.addRow(_("&Operator"), self.operators)
        form.addRow(_("&New password"), self.passwords.row)
        form.addRow(_("&Repeat it"), self.passwords.again)
        for row, field in enumerate((self.code, self.operators, self.passwords.first,
                                     self.passwords.again)):
            form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().setBuddy(field)
        self.message = message_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("Set the &new password"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def apply(self) -> None:
        code = self.code.text().strip()
        if not code:
            self.message.setText(_("Type the recovery code."))
            self.code.setFocus()
            return
        password = self.passwords.checked_or_said(self.message)
        if password is None:
            return
        if self._recover is None:  # nothing to unlock with: the caller offered no recovery
            self.message.setText(_("The recovery code cannot be used here."))
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            key = self._recover(code, self.operators.currentText(), password)
        except LinliError as exc:
            self.message.setText(exc.message)
            self.code.setFocus()
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.key = key
        self.passwords.clear()
        self.accept()
        self.recovered.emit(self.operators.currentText())
