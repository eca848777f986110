"""Protecting a copy: the first operator's name and password, then the recovery code.

For a new office, and for a folder from before encryption being converted. ``protect(operator,
password)`` (the composition root's: key slots, then the database encrypted) returns the
recovery code; from then on the slots exist, so the dialog cannot be cancelled any more: it
shows the code once, large, offers the printed recovery sheet, and finishes only when the user
says the code is written down or printed (a lost password and a lost code lose the data).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import LinliError
from desktop.core.i18n import _
from desktop.ui.security.passwords import NewPasswordFields
from desktop.ui.security.recovery import code_font
from desktop.ui.widgets.labels import message_label

Protect = Callable[[str, str], str]  # (operator, password) -> recovery code
RenderSheet = Callable[[str], bytes]  # recovery code -> the recovery sheet's PDF


def grouped(code: str, per_line: int = 3) -> str:
    """``ABCDEFGH…`` as ``ABCD EFGH IJKL`` lines: read aloud and copied four at a time."""
    plain = "".join(ch for ch in code if ch.isalnum()).upper()
    groups = [plain[i:i + 4] for i in range(0, len(plain), 4)]
    return "\n".join(" ".join(groups[i:i + per_line]) for i in range(0, len(groups), per_line))


def _wrapped(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


class ProtectDialog(QDialog):
    """``exec()``/``accepted``: ``chosen()`` is (operator, password); ``recovery_code`` the
    code shown. ``converting``: the folder holds a database from before encryption."""

    def __init__(self, protect: Protect, parent: QWidget | None = None, *,
                 render_sheet: RenderSheet | None = None, runner=None,
                 converting: bool = False, operator: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("protectDialog")
        self.setWindowTitle(_("Protect this copy with a password"))
        self._protect, self._render_sheet, self._runner = protect, render_sheet, runner
        self.operator = ""
        self.password = ""
        self.recovery_code = ""
        self.sheet_dialog = None
        self.pages = QStackedWidget()
        self.pages.addWidget(self._password_page(converting, operator))
        self.pages.addWidget(self._code_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.setMinimumWidth(480)

    # -- page 1: name and password -------------------------------------------------------

    def _password_page(self, converting: bool, operator: str) -> QWidget:
        page = QWidget()
        if converting:
            what = _("The data in this folder will now be encrypted. The unencrypted file "
                     "and its unencrypted backups are removed once the encrypted copy is "
                     "checked.")
        else:
            what = _("The database of this office is encrypted: without a password, or the "
                     "recovery code, the file cannot be read.")
        complement = _("Whole-disk encryption (BitLocker) protects everything else on this "
                       "computer; use it too.")
        self.name = QLineEdit(operator)
        self.name.setObjectName("operator")
        self.name.setMaxLength(40)
        self.passwords = NewPasswordFields()
        form = QFormLayout()
        form.addRow(_("Your &name"), self.name)
        form.addRow(_("&Password"), self.passwords.row)
        form.addRow(_("&Repeat it"), self.passwords.again)
        for row, field in enumerate((self.name, self.passwords.first, self.passwords.again)):
            form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().setBuddy(field)
        hint = _wrapped(_("At least 8 characters. You will be office staff and can add the "
                          "other operators later."), "hint")
        self.message = message_label()
        buttons = QDialogButtonBox()
        self.next_button = buttons.addButton(_("&Encrypt and continue"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.next_button.setDefault(True)
        cancel = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.next_button.clicked.connect(self.next_)
        cancel.clicked.connect(self.reject)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(_wrapped(_("Protect this copy with a password"), "pageTitle"))
        column.addWidget(_wrapped(what))
        column.addWidget(_wrapped(complement))
        column.addLayout(form)
        column.addWidget(hint)
        column.addWidget(self.message)
        column.addStretch(1)
        column.addWidget(buttons)
        return page

    def next_(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.message.setText(_("Type your name: it is how you sign in."))
            self.name.setFocus()
            return
        password = self.passwords.checked_or_said(self.message)
        if password is None:
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            code = self._protect(name, password)
        except LinliError as exc:
            self.message.setText(exc.message)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.operator, self.password, self.recovery_code = name, password, code
        self.passwords.clear()
        self.code_label.setText(grouped(code))
        self.pages.setCurrentIndex(1)
        self.written.setFocus()

    # -- page 2: the recovery code -------------------------------------------------------

    def _code_page(self) -> QWidget:
        page = QWidget()
        self.code_label = QLabel()
        self.code_label.setObjectName("recoveryCode")
        font = code_font()
        font.setPointSize(20)
        font.setBold(True)
        self.code_label.setFont(font)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setStyleSheet("background: #fff8e1; border: 1px solid #e0c36a; "
                                      "border-radius: 4px; padding: 10px;")
        self.print_button = QPushButton(_("&Print recovery sheet…"))
        self.print_button.setVisible(self._render_sheet is not None)
        self.print_button.clicked.connect(self.print_sheet)
        self.written = QCheckBox(_("I have &written down or printed the recovery code"))
        self.written.toggled.connect(lambda on: self.finish_button.setEnabled(on))
        self.sheet_message = message_label()
        buttons = QDialogButtonBox()
        self.finish_button = buttons.addButton(_("&Finish"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.finish_button.setEnabled(False)
        self.finish_button.clicked.connect(self.finish)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(_wrapped(_("Your recovery code"), "pageTitle"))
        column.addWidget(_wrapped(_("The database is now encrypted. If every password is "
                                    "forgotten, this code is the only way back in: write it "
                                    "down or print the recovery sheet, and keep it locked "
                                    "away, not with this computer.")))
        column.addWidget(self.code_label)
        column.addWidget(_wrapped(_("A lost password AND a lost recovery code lose the data: "
                                    "nobody can open it then, not even the makers of Linli "
                                    "Desk."), "formError"))
        column.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.sheet_message)
        column.addWidget(self.written)
        column.addStretch(1)
        column.addWidget(buttons)
        return page

    def print_sheet(self):
        if self._render_sheet is None:
            return None
        from desktop.ui.printing.pdf_dialog import PdfDialog
        from desktop.ui.tasks import TaskRunner

        try:
            pdf = self._render_sheet(self.recovery_code)
        except LinliError as exc:
            self.sheet_message.setText(exc.message)
            return None
        if self._runner is None:  # at first start the window's runner does not exist yet
            self._runner = TaskRunner(self)
        self.sheet_dialog = PdfDialog(pdf, _("Recovery sheet"), self._runner, self)
        self.sheet_dialog.open()
        return self.sheet_dialog

    def finish(self) -> None:
        if self.written.isChecked() and self.recovery_code:
            self.accept()

    def chosen(self) -> tuple[str, str]:
        return self.operator, self.password

    # -- once protected, there is no way back but Finish ---------------------------------

    @property
    def protected(self) -> bool:
        return bool(self.recovery_code)

    def reject(self) -> None:
        if not self.protected:
            super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.protected and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.protected and self.result() != QDialog.DialogCode.Accepted:
            event.ignore()
            return
        super().closeEvent(event)
