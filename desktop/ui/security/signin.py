"""Signing in: at start, and again when the idle lock has locked the copy.

The dialog knows nothing of keys: ``unlock(operator, password)`` (the composition root's:
throttle, key slots) returns the data key or raises the LinliError saying why not, and the
dialog says it in place — a wrong password (try again), too many attempts (the button waits
the seconds the throttle asks), or a damaged keys file (trying again will not help).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import LinliError, SettingsError
from desktop.core.i18n import _
from desktop.ui.security.passwords import (
    PROBLEM,
    THROTTLED,
    password_edit,
    refusal_kind,
)
from desktop.ui.widgets.labels import message_label

log = logging.getLogger(__name__)

Unlock = Callable[[str, str], bytes]  # (operator, password) -> data key
Recover = Callable[[str, str, str], bytes]  # (recovery code, operator, new password) -> key


class SignInDialog(QDialog):
    """Returns (with ``exec``/``accepted``) ``key`` (the data key) and ``operator``.

    ``locking``: shown by the idle lock over a blanked window — no Cancel, Esc does nothing;
    with ``operator`` (who was signed in) only they can unlock: the pages behind show what
    their role may see. "Sign out" emits ``quit_requested`` (the window closes, the next
    person starts Linli Desk and signs in; drafts were saved before locking). At start, Quit
    (or Esc) rejects: the app ends."""

    signed_in = Signal(str)  # the operator, after ``key`` was set
    quit_requested = Signal()

    def __init__(self, data_dir, operators: list[str], unlock: Unlock,
                 parent: QWidget | None = None, *, recover: Recover | None = None,
                 settings=None, locking: bool = False, operator: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self._unlock, self._recover, self._settings = unlock, recover, settings
        self.locking = locking
        self.key: bytes | None = None
        self.operator = ""
        self.recovery_dialog = None
        self.setWindowTitle(_("Linli Desk is locked") if locking else _("Sign in"))
        self.setModal(True)

        if locking:
            heading = _("Linli Desk is locked")
            line = _("It locks after a while without use and when the computer sleeps, so "
                     "nobody else reads the data. Sign in to go on where you were.")
        else:
            heading = _("Sign in to Linli Desk")
            line = _("This copy of the data is encrypted. Choose your name and type your "
                     "password.")
        title = QLabel(heading)
        title.setObjectName("pageTitle")
        intro = QLabel(line)
        intro.setWordWrap(True)
        folder = QLabel(_("Data folder: {path}").format(path=getattr(data_dir, "root",
                                                                      data_dir)))
        folder.setObjectName("signInFolder")
        folder.setWordWrap(True)
        folder.setStyleSheet("color: #5f6368;")

        # A combo lists the operators (the one who signed in last chosen); with one operator
        # the combo is still there, so the same keys work whoever is listed.
        self.operators = QComboBox()
        self.operators.setObjectName("operator")
        self.operators.addItems(list(operators))
        remembered = operator or self._remembered()
        if remembered in operators:
            self.operators.setCurrentText(remembered)
        if locking and operator:
            # Someone else would see the open pages of the operator who left (unmasked IDs
            # for office staff): they sign out, and sign in afresh.
            self.operators.clear()
            self.operators.addItem(operator)
            self.operators.setEnabled(False)
        self.password = password_edit("password")
        self.password.returnPressed.connect(self.sign_in)
        form = QFormLayout()
        form.addRow(_("&Operator"), self.operators)
        form.addRow(_("&Password"), self.password)
        form.itemAt(0, QFormLayout.ItemRole.LabelRole).widget().setBuddy(self.operators)
        form.itemAt(1, QFormLayout.ItemRole.LabelRole).widget().setBuddy(self.password)

        self.message = message_label()
        self.message.setObjectName("signInMessage")
        self.recovery_button = QPushButton(_("Forgot the password? Use the recovery code…"))
        self.recovery_button.setObjectName("recoveryButton")
        self.recovery_button.setFlat(True)
        self.recovery_button.setVisible(recover is not None)
        self.recovery_button.clicked.connect(self.open_recovery)

        buttons = QDialogButtonBox()
        self.sign_in_button = buttons.addButton(_("&Sign in"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_in_button.setDefault(True)
        self.quit_button = buttons.addButton(
            _("Sign &out") if locking else _("&Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        if locking:
            self.quit_button.setToolTip(_("Close Linli Desk, so that someone else can start it "
                                          "and sign in. Visits being answered were saved."))
        self.sign_in_button.clicked.connect(self.sign_in)
        self.quit_button.clicked.connect(self._quit)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.recovery_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(folder)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

        # Throttled: the seconds left, counted down on the button.
        self._wait = 0
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)
        self._still_throttled(data_dir)

    def _still_throttled(self, data_dir) -> None:
        """Started again during a wait (the count is kept in the folder): the wait shows at
        once, not after one more password typed for nothing."""
        from desktop.security.throttle import SignInThrottle, TooManyAttempts

        path = getattr(data_dir, "signin_file", None)
        left = SignInThrottle(path).seconds_left() if path is not None else 0
        if left > 0:
            self.message.setText(TooManyAttempts(left).message)
            self._start_wait(left)

    def _remembered(self) -> str:
        if self._settings is None:
            return ""
        return self._settings.get("last_operator") or self._settings.get("operator") or ""

    # -- signing in ----------------------------------------------------------------------

    def sign_in(self) -> None:
        if self._wait > 0:
            return
        operator = self.operators.currentText().strip()
        password = self.password.text()
        if not operator:
            self.message.setText(_("Choose your name first."))
            return
        if not password:
            self.message.setText(_("Type your password."))
            self.password.setFocus()
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            key = self._unlock(operator, password)
        except LinliError as exc:
            self._refused(exc)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._succeeded(key, operator)

    def _refused(self, error: LinliError) -> None:
        kind = refusal_kind(error)
        self.message.setText(error.message)
        self.message.setProperty("kind", kind)
        self.password.clear()  # not left typed in a shared PC's window, whatever went wrong
        if kind == THROTTLED:
            self._start_wait(int(error.seconds))
        elif kind == PROBLEM:
            log.warning("sign-in refused: %s", type(error).__name__)
        self.password.setFocus()

    def _succeeded(self, key: bytes, operator: str) -> None:
        self.key, self.operator = key, operator
        self.password.clear()
        self._remember(operator)
        self.signed_in.emit(operator)
        self.accept()

    def _remember(self, operator: str) -> None:
        if self._settings is None:
            return
        try:
            self._settings.set("last_operator", operator)
            self._settings.save()
        except SettingsError as exc:  # only a convenience for the next sign-in
            log.warning("last operator not remembered: %s", exc.details)

    # -- throttled -----------------------------------------------------------------------

    def _start_wait(self, seconds: int) -> None:
        self._wait = max(1, seconds)
        self._show_wait()
        self._countdown.start()

    def _tick(self) -> None:
        self._wait -= 1
        self._show_wait()

    def _show_wait(self) -> None:
        waiting = self._wait > 0
        self.sign_in_button.setEnabled(not waiting)
        self.password.setEnabled(not waiting)
        if waiting:
            minutes, seconds = divmod(self._wait, 60)
            self.sign_in_button.setText(_("Wait {time}").format(
                time=f"{minutes}:{seconds:02d}"))
        else:
            self._countdown.stop()
            self.sign_in_button.setText(_("&Sign in"))
            self.message.setText(_("You can try again now."))
            self.password.setFocus()

    # -- the recovery code ---------------------------------------------------------------

    def open_recovery(self):
        from desktop.ui.security.recovery import RecoveryDialog

        dialog = RecoveryDialog([self.operators.itemText(i)
                                 for i in range(self.operators.count())],
                                self._recover, self, operator=self.operators.currentText())
        # A child of this dialog (gone with it), not deleted on close: the key is read from it
        # once it said it recovered.
        self.recovery_dialog = dialog
        dialog.recovered.connect(self._recovered)
        dialog.open()
        return dialog

    def _recovered(self, operator: str) -> None:
        self._succeeded(self.recovery_dialog.key, operator)

    # -- leaving -------------------------------------------------------------------------

    def _quit(self) -> None:
        self.quit_requested.emit()
        super().reject()

    def reject(self) -> None:
        # Locked: Esc and the title bar's close button must not uncover the window.
        if not self.locking:
            self._quit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.locking and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.locking and self.result() != QDialog.DialogCode.Accepted:
            event.ignore()
            return
        super().closeEvent(event)
