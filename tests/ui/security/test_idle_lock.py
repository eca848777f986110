"""The idle lock on the real main window, with a simulated clock: it locks after N minutes
without keyboard or mouse and not at N-1 after some activity; locking disposes the engine
(pages cannot read), takes the pages off the window and asks to sign in; signing in reopens
and puts the user back on their page. It never locks under a running task (it locks right
after), and a visit being answered at a door is saved first."""

from __future__ import annotations

import json
import threading

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desktop.storage.engine import make_engine
from desktop.ui.security.idle import IdleLock, LockedScreen
from desktop.ui.security.signin import SignInDialog
from tests.ui.security.fakes import KEY, PASSWORD, FakeKeys


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += minutes * 60


class Calls(list):
    def lock(self, db):
        self.append("on_lock")
        db.lock()

    def unlock(self, db, key):
        self.append(("on_unlock", key))
        db.unlock(make_engine(db.path), key)  # the test's database is a plain one


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def idle(qtbot, window, ctx, runner, clock, data_dir):
    keys, calls = FakeKeys(), Calls()
    lock = IdleLock(window, runner, minutes=10, clock=clock,
                    on_lock=lambda: calls.lock(ctx.db),
                    on_unlock=lambda key: calls.unlock(ctx.db, key),
                    sign_in=lambda parent: SignInDialog(
                        data_dir, ["王小红"], keys.unlock, parent, locking=True))
    lock.calls, lock.keys = calls, keys
    lock.install()
    yield lock
    lock.uninstall()
    if lock.dialog is not None:
        lock.dialog.hide()


def press_a_key(widget) -> None:
    """A key press as the application delivers it (through its event filters)."""
    event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def sign_in_again(qtbot, idle):
    dialog = idle.dialog
    assert dialog is not None and dialog.isVisible() and dialog.locking
    qtbot.keyClicks(dialog.password, PASSWORD)
    dialog.sign_in_button.click()


def test_locks_after_n_minutes_not_at_n_minus_1_after_activity(qtbot, window, idle, clock,
                                                               ctx, runner):
    page = window.show_page("notices")
    assert runner.wait_idle(10)
    assert idle.timer.isActive() and idle.timer.interval() <= 10_000
    clock.advance(9)
    idle.check()
    assert not idle.is_locked
    press_a_key(window.nav)  # someone is back at 9 minutes…
    clock.advance(9)  # …so 18 minutes after the start is only 9 after the last key
    idle.check()
    assert not idle.is_locked and idle.calls == []
    assert not ctx.db.locked
    clock.advance(1)
    idle.check()
    assert idle.is_locked
    assert idle.calls == ["on_lock"]
    assert ctx.db.locked  # the engine is disposed: nothing can read the data
    assert isinstance(window.centralWidget(), LockedScreen)
    assert not page.isVisible()
    assert not window.menuBar().isVisible()
    assert not window.actions_.settings.isEnabled()  # no shortcut reaches a page


def test_signing_in_again_reopens_and_restores_the_page(qtbot, window, idle, ctx, clock,
                                                        runner):
    page = window.show_page("notices")
    assert runner.wait_idle(10)
    idle.lock_now()
    assert idle.is_locked
    dialog = idle.dialog
    qtbot.keyClicks(dialog.password, "wrong password")
    dialog.sign_in_button.click()
    assert idle.is_locked and dialog.isVisible()  # still locked
    sign_in_again(qtbot, idle)
    assert idle.calls == ["on_lock", ("on_unlock", KEY)]
    assert not idle.is_locked and not ctx.db.locked
    assert window.current_key == "notices"
    assert window.current_page is page and page.isVisible()
    assert window.menuBar().isVisible() and window.actions_.settings.isEnabled()
    assert idle.operator == "王小红"
    with ctx.db.reading() as session:  # the pages can read again
        assert session.execute(select(1)).scalar() == 1
    # The idle time starts again from the sign-in.
    clock.advance(9)
    idle.check()
    assert not idle.is_locked


def test_activity_while_locked_does_not_count(qtbot, window, idle, clock):
    idle.lock_now()
    press_a_key(idle.dialog.password)
    clock.advance(30)
    sign_in_again(qtbot, idle)
    idle.check()
    assert not idle.is_locked  # the clock starts at the sign-in, not at that key


def test_zero_minutes_never_locks(window, idle, clock):
    idle.set_minutes(0)
    assert not idle.timer.isActive()
    clock.advance(600)
    idle.check()
    assert not idle.is_locked


def test_never_locks_while_a_task_runs_and_locks_right_after(qtbot, window, idle, clock,
                                                             runner):
    release = threading.Event()
    runner.run(lambda task_ctx: release.wait(10), title="Importing", progress=False)
    clock.advance(11)
    idle.check()
    assert not idle.is_locked and idle.calls == []
    release.set()
    assert runner.wait_idle(10)
    assert idle.is_locked and idle.calls == ["on_lock"]


def test_someone_back_while_the_task_ran_keeps_it_open(qtbot, window, idle, clock, runner):
    release = threading.Event()
    runner.run(lambda task_ctx: release.wait(10), title="Importing", progress=False)
    clock.advance(11)
    idle.check()
    press_a_key(window.nav)
    release.set()
    assert runner.wait_idle(10)
    assert not idle.is_locked


def test_the_system_suspending_locks(window, idle):
    idle._state_changed(Qt.ApplicationState.ApplicationInactive)
    assert not idle.is_locked  # another window in front is not leaving the computer
    idle._state_changed(Qt.ApplicationState.ApplicationSuspended)
    assert idle.is_locked


def test_quit_from_the_lock_closes_the_window(qtbot, window, idle):
    idle.lock_now()
    idle.dialog.quit_button.click()
    assert not window.isVisible()


def test_a_visit_being_answered_is_saved_before_locking(qtbot, window, idle, ctx, runner):
    from desktop.visits.records.visits import VisitDraft
    from tests.ui.visits.test_filler import ten_question_form
    from tests.visits.doors.door_fixtures import door_ids, make_campaign, visitors

    campaign = make_campaign(ctx.db, form=ten_question_form())
    window.activateWindow()
    page = window.show_page("visits")
    page.tabs.setCurrentIndex(1)
    assert runner.wait_idle(10)
    tab = page.tabs.currentWidget()
    (me, _name), _other = visitors(ctx.db, campaign)
    tab.visitor.setCurrentIndex(tab.visitor.findData(me))
    assert runner.wait_idle(10)
    tab.open_door(door_ids(ctx.db, campaign, me)[0])
    qtbot.keyClick(tab.door.outcomes, "1")  # a save on its way…
    answer = tab.door.filler.cards[((), "name")].input
    qtbot.keyClicks(answer, "Wang")  # …and these waiting for it
    assert tab.saver.pending
    idle.lock_now()
    assert runner.wait_idle(10)
    assert idle.is_locked
    sign_in_again(qtbot, idle)
    with ctx.db.reading() as session:
        answers = session.execute(select(VisitDraft.answers)).scalar_one()
    assert json.loads(answers)["name"] == "Wang"
    assert window.current_key == "visits" and page.tabs.currentWidget() is tab
    assert tab.door_id is not None  # still at the door


def test_the_windows_session_lock_and_sleep_messages_lock(qtbot, window, idle):
    import ctypes

    from desktop.ui.security.os_lock import (
        MSG,
        PBT_APMSUSPEND,
        WM_POWERBROADCAST,
        WM_WTSSESSION_CHANGE,
        WTS_SESSION_LOCK,
        locks,
    )

    def message(number, w_param):
        msg = MSG(message=number, wParam=w_param)
        return msg, ctypes.addressof(msg)

    for number, w_param, expected in ((WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK, True),
                                      (WM_WTSSESSION_CHANGE, 0x8, False),  # unlocked
                                      (WM_POWERBROADCAST, PBT_APMSUSPEND, True),
                                      (WM_POWERBROADCAST, 0x12, False)):  # resumed
        _keep, address = message(number, w_param)
        assert locks(b"windows_generic_MSG", address) is expected
        assert not locks(b"xcb_generic_event_t", address)
    _keep, address = message(WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK)
    idle.system.nativeEventFilter(b"windows_generic_MSG", address)
    qtbot.waitUntil(lambda: idle.is_locked, timeout=2000)


def test_an_unlock_that_fails_asks_again_instead_of_leaving_a_blank_window(qtbot, window,
                                                                           idle, ctx):
    from desktop.core.errors import DatabaseCorruptError

    idle.lock_now()
    failures = [DatabaseCorruptError("The database file is damaged."), RuntimeError("bug")]

    def unlock(key):
        if failures:
            raise failures.pop(0)
        idle.calls.unlock(ctx.db, key)

    idle._on_unlock = unlock
    sign_in_again(qtbot, idle)
    assert idle.is_locked and idle.dialog.message.text() == "The database file is damaged."
    sign_in_again(qtbot, idle)
    assert idle.is_locked and "could not be opened again" in idle.dialog.message.text()
    sign_in_again(qtbot, idle)
    assert not idle.is_locked and not ctx.db.locked


def test_minutes_follow_the_settings_else_the_kind_of_copy(ctx):
    from desktop.core.settings import idle_lock_minutes
    from desktop.ui.security.idle import lock_minutes

    assert lock_minutes(ctx) == 10  # the office's database
    assert idle_lock_minutes(ctx.settings, volunteer_copy=True) == 5
    ctx.settings.set("idle_lock_minutes", 0)
    assert lock_minutes(ctx) == 0
    assert idle_lock_minutes(ctx.settings, volunteer_copy=True) == 0  # chosen: kept
    ctx.settings.set("idle_lock_minutes", 3)
    assert lock_minutes(ctx) == 3


def test_an_open_dialog_is_hidden_while_locked_and_back_after(qtbot, window, idle, runner):
    from desktop.ui.shell.about import about_box

    assert runner.wait_idle(10)
    box = about_box(window.ctx, window)
    box.open()
    assert box.isVisible()
    idle.lock_now()
    assert not box.isVisible()  # what it shows is not left on screen
    sign_in_again(qtbot, idle)
    assert box.isVisible()
    box.close()
