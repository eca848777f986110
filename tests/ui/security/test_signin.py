"""Signing in: the right password opens, a wrong one says so and lets the user try again, too
many attempts hold the button back for the seconds the throttle says, a damaged keys file is
told apart, the recovery code sets a new password; locked, Esc does not uncover the window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop.core.settings import Settings
from desktop.ui.security.signin import SignInDialog
from tests.ui.security.fakes import KEY, PASSWORD, FakeKeys, TooManyAttempts, damaged


def dialog_for(qtbot, data_dir, keys, **options):
    dialog = SignInDialog(data_dir, ["李娜", "王小红"], keys.unlock, recover=keys.recover,
                          **options)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_right_password_signs_in_and_the_operator_is_remembered(qtbot, data_dir):
    keys = FakeKeys()
    settings = Settings.load(data_dir.settings_file)
    dialog = dialog_for(qtbot, data_dir, keys, settings=settings)
    dialog.operators.setCurrentText("王小红")
    qtbot.keyClicks(dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.signed_in) as signal:
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert signal.args == ["王小红"]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert (dialog.key, dialog.operator) == (KEY, "王小红")
    assert dialog.password.text() == ""  # not kept in the widget
    # The next sign-in on this computer starts with the same operator.
    again = dialog_for(qtbot, data_dir, keys, settings=Settings.load(data_dir.settings_file))
    assert again.operators.currentText() == "王小红"


def test_a_wrong_password_says_so_and_another_try_works(qtbot, data_dir):
    keys = FakeKeys()
    dialog = dialog_for(qtbot, data_dir, keys, operator="王小红")
    qtbot.keyClicks(dialog.password, "not it at all")
    dialog.sign_in_button.click()
    assert dialog.isVisible() and dialog.key is None
    assert dialog.message.text() == "The operator name or the password is wrong."
    assert dialog.password.text() == ""
    assert dialog.sign_in_button.isEnabled()
    qtbot.keyClicks(dialog.password, PASSWORD)
    dialog.sign_in_button.click()
    assert dialog.key == KEY
    assert keys.attempts == [("王小红", "not it at all"), ("王小红", PASSWORD)]


def test_an_empty_password_is_not_tried(qtbot, data_dir):
    keys = FakeKeys()
    dialog = dialog_for(qtbot, data_dir, keys)
    dialog.sign_in_button.click()
    assert keys.attempts == []
    assert dialog.message.text() == "Type your password."


def test_throttled_the_button_waits_the_seconds_then_can_be_used_again(qtbot, data_dir):
    keys = FakeKeys()
    keys.refuse_with = TooManyAttempts(3)
    dialog = dialog_for(qtbot, data_dir, keys, operator="王小红")
    qtbot.keyClicks(dialog.password, PASSWORD)
    dialog.sign_in_button.click()
    assert dialog.message.text() == "Too many wrong passwords. Try again in 3 seconds."
    assert not dialog.sign_in_button.isEnabled()
    assert dialog.sign_in_button.text() == "Wait 0:03"
    # Nothing is tried while waiting (each try would count as another failure).
    assert not dialog.password.isEnabled()
    dialog.sign_in()
    assert len(keys.attempts) == 1
    dialog._tick()
    assert dialog.sign_in_button.text() == "Wait 0:02"
    dialog._tick()
    dialog._tick()
    assert dialog.sign_in_button.isEnabled()
    assert dialog.message.text() == "You can try again now."
    keys.refuse_with = None
    qtbot.keyClicks(dialog.password, PASSWORD)
    dialog.sign_in_button.click()
    assert dialog.key == KEY


def test_a_damaged_keys_file_is_not_called_a_wrong_password(qtbot, data_dir):
    keys = FakeKeys()
    keys.refuse_with = damaged()
    dialog = dialog_for(qtbot, data_dir, keys)
    qtbot.keyClicks(dialog.password, PASSWORD)
    dialog.sign_in_button.click()
    assert "is damaged" in dialog.message.text()
    assert "wrong" not in dialog.message.text()
    assert dialog.message.property("kind") == "problem"
    assert dialog.key is None


def test_the_recovery_code_sets_a_new_password_and_signs_in(qtbot, data_dir):
    keys = FakeKeys()
    dialog = dialog_for(qtbot, data_dir, keys, operator="李娜")
    recovery = dialog.open_recovery()
    assert recovery.operators.currentText() == "李娜"
    recovery.code.setText("abcd-abcd abcd ABCD abcd abcd")
    recovery.passwords.first.setText("short")
    recovery.passwords.again.setText("short")
    recovery.ok.click()
    assert "at least 8" in recovery.message.text()
    recovery.passwords.first.setText("a new password")
    recovery.passwords.again.setText("a new passwort")
    recovery.ok.click()
    assert recovery.message.text() == "The two passwords are not the same."
    recovery.passwords.again.setText("a new password")
    recovery.code.setText("WXYZ" * 6)
    recovery.ok.click()
    assert recovery.message.text().startswith("This recovery code does not unlock")
    recovery.code.setText("abcd-abcd abcd ABCD abcd abcd")
    recovery.ok.click()
    assert (dialog.key, dialog.operator) == (KEY, "李娜")
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert keys.passwords["李娜"] == "a new password"


def test_locked_escape_does_not_uncover_the_window_and_sign_out_quits(qtbot, data_dir):
    keys = FakeKeys()
    dialog = dialog_for(qtbot, data_dir, keys, locking=True)
    assert dialog.quit_button.text() == "Sign &out"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.reject()
    dialog.close()
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.quit_requested):
        dialog.quit_button.click()
    assert not dialog.isVisible()


def test_at_start_escape_quits(qtbot, data_dir):
    dialog = dialog_for(qtbot, data_dir, FakeKeys())
    with qtbot.waitSignal(dialog.quit_requested):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_locked_only_the_operator_who_left_can_unlock(qtbot, data_dir):
    keys = FakeKeys()
    dialog = dialog_for(qtbot, data_dir, keys, locking=True, operator="王小红")
    assert [dialog.operators.itemText(i) for i in range(dialog.operators.count())] == ["王小红"]
    assert not dialog.operators.isEnabled()
    qtbot.keyClicks(dialog.password, PASSWORD)
    dialog.sign_in_button.click()
    assert (dialog.key, dialog.operator) == (KEY, "王小红")


def test_started_again_during_a_wait_the_wait_shows_at_once(qtbot, data_dir):
    from desktop.security.throttle import FREE_FAILURES, SignInThrottle

    throttle = SignInThrottle(data_dir.signin_file)
    for _ in range(FREE_FAILURES):
        throttle.failed()
    dialog = dialog_for(qtbot, data_dir, FakeKeys())
    assert not dialog.sign_in_button.isEnabled() and not dialog.password.isEnabled()
    assert dialog.message.text().startswith("Too many wrong passwords. Try again in ")
    assert dialog.sign_in_button.text() in ("Wait 0:30", "Wait 0:29")
