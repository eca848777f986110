"""The idle lock end to end on a real encrypted copy: locking drops the engine and the key (the
file cannot be read by the window any more), the operator who left signs in with their real
password (a wrong one is refused and counted), the same database is reopened with the key, and
the audit log says locked and unlocked."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.context import AppContext
from desktop.core.settings import Settings
from desktop.security import opening
from desktop.security.audit import entries
from desktop.ui.security.lock_wiring import start_idle_lock
from tests.ui.security.fakes import PASSWORD


@pytest.fixture
def protected(data_dir):
    db, code = opening.protect_folder(data_dir, "王小红", PASSWORD, device_name="社区办公室1")
    yield db, code
    db.close()


def test_lock_and_unlock_an_encrypted_copy(qtbot, data_dir, runner, protected):
    from desktop.ui.shell.main_window import MainWindow

    db, _code = protected
    ctx = AppContext(data_dir, Settings.load(data_dir.settings_file), db)
    window = MainWindow(ctx, runner, page="notices")
    qtbot.addWidget(window)
    window.show()
    assert runner.wait_idle(10)
    lock = start_idle_lock(window, ctx, runner)
    try:
        assert lock.minutes == 10
        lock.lock_now()
        assert lock.is_locked and db.locked and db.key is None
        dialog = lock.dialog
        assert not dialog.operators.isEnabled() and dialog.operators.currentText() == "王小红"
        dialog.password.setText("not the password")
        dialog.sign_in()
        assert lock.is_locked
        assert dialog.message.text() == "The operator name or the password is wrong."
        dialog.password.setText(PASSWORD)
        dialog.sign_in()
        assert not lock.is_locked and not db.locked and db.key is not None
        assert window.current_key == "notices"
        with db.reading() as session:
            assert session.execute(select(1)).scalar() == 1
            actions = [row.action for row in entries(session)]
        assert actions[:2] == ["unlock", "lock"]  # newest first
    finally:
        lock.uninstall()
        window.hide()


def test_the_recovery_code_unlocks_the_lock_and_is_recorded(qtbot, data_dir, runner,
                                                            protected):
    from desktop.ui.shell.main_window import MainWindow

    db, code = protected
    ctx = AppContext(data_dir, Settings.load(data_dir.settings_file), db)
    window = MainWindow(ctx, runner)
    qtbot.addWidget(window)
    lock = start_idle_lock(window, ctx, runner)
    try:
        lock.lock_now()
        recovery = lock.dialog.open_recovery()
        recovery.code.setText(code.lower())
        recovery.passwords.first.setText("a new password")
        recovery.passwords.again.setText("a new password")
        recovery.apply()
        assert not lock.is_locked and not db.locked
        with db.reading() as session:
            actions = [row.action for row in entries(session)]
        assert actions[:3] == ["recovery_used", "unlock", "lock"]
        from desktop.security.operators import sign_in

        assert sign_in(data_dir, "王小红", "a new password") == db.key
    finally:
        lock.uninstall()
        window.hide()


def test_the_demo_has_no_lock(qtbot, ctx, runner):
    from desktop.ui.shell.main_window import MainWindow

    window = MainWindow(ctx, runner)
    qtbot.addWidget(window)
    assert start_idle_lock(window, ctx, runner) is None
