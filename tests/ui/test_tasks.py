"""The task runner: results and progress reach the UI thread; Cancel stops work and its unit of
work rolls back; errors are shown translated; an unexpected exception never crashes."""

from __future__ import annotations

import logging
import threading
import time

import pytest
from PySide6.QtCore import Qt, QThread, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from shiboken6 import isValid
from sqlalchemy import func, select

from desktop.core.errors import LinliError
from desktop.core.i18n import _, set_language
from desktop.roster.models import Tag
from desktop.ui.tasks import Lane, TaskRunner, TaskState


def wait_done(qtbot, task, timeout=10_000):
    qtbot.waitUntil(lambda: task.state is not TaskState.RUNNING, timeout=timeout)


def test_the_result_arrives_on_the_ui_thread(qtbot, runner):
    seen = {}

    def work(ctx):
        seen["worker"] = QThread.currentThread()
        return 6 * 7

    def done(result):
        seen["result"] = result
        seen["callback"] = QThread.currentThread()

    task = runner.run(work, title="answer", on_result=done)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert seen["result"] == 42 and task.result == 42 and task.state is TaskState.DONE
    assert seen["callback"] is QApplication.instance().thread()
    assert seen["worker"] is not QApplication.instance().thread()
    assert runner.active == []


def test_progress_is_shown_in_the_dialog(qtbot, runner):
    runner.show_delay_ms = 0
    gate = threading.Event()
    reports = []

    def work(ctx):
        ctx.report(3, 10, "three of ten")
        gate.wait(5)
        return "ok"

    task = runner.run(work, title="Counting")
    task.progressed.connect(lambda d, t, m: reports.append((d, t, m)))
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.bar.value() == 3)
    dialog = task.dialog
    assert dialog.isVisible() and dialog.isModal()
    assert dialog.bar.maximum() == 10
    assert dialog.message_label.text() == "three of ten"
    assert reports == [(3, 10, "three of ten")]
    gate.set()
    wait_done(qtbot, task)
    assert task.dialog is None and not (isValid(dialog) and dialog.isVisible())


def test_quick_work_shows_no_dialog(qtbot, runner):
    runner.show_delay_ms = 10_000
    task = runner.run(lambda ctx: 1)
    dialog = task.dialog
    wait_done(qtbot, task)
    assert not (isValid(dialog) and dialog.isVisible())


def test_cancel_stops_long_work_and_its_unit_of_work_changes_nothing(qtbot, runner, db):
    runner.show_delay_ms = 0
    cancelled = []
    total = 10_000

    def work(ctx):
        with db.unit_of_work("tester") as uow:
            for i in range(total):
                uow.session.add(Tag(name=f"tag {i}"))
                if i % 10 == 0:
                    uow.session.flush()
                ctx.report(i + 1, total, f"{i + 1} tags")
                time.sleep(0.002)
        return "finished"

    task = runner.run(work, title="Long work", on_cancelled=lambda: cancelled.append(True))
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.bar.value() > 20)
    qtbot.mouseClick(task.dialog.cancel_button, Qt.MouseButton.LeftButton)
    wait_done(qtbot, task)
    assert task.state is TaskState.CANCELLED and cancelled == [True]
    assert task.result is None
    with db.reading() as session:
        assert session.execute(select(func.count()).select_from(Tag)).scalar_one() == 0


def test_escape_in_the_progress_dialog_asks_to_cancel(qtbot, runner):
    runner.show_delay_ms = 0

    def work(ctx):
        for i in range(1000):
            ctx.report(i, 1000)
            time.sleep(0.005)

    task = runner.run(work, title="Esc")
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible())
    task.dialog.reject()  # what Esc and the close button do
    wait_done(qtbot, task)
    assert task.state is TaskState.CANCELLED


def test_a_linli_error_is_shown_in_the_users_language(qtbot, runner, shown_errors):
    set_language("zh_Hans")
    english = "Cannot save the settings to {path}."
    translated = _(english)

    def work(ctx):
        raise LinliError(_(english).format(path="x"), details="OSError(28)")

    errors = []
    task = runner.run(work, on_error=errors.append)
    wait_done(qtbot, task)
    assert task.state is TaskState.FAILED
    assert shown_errors == [(translated.format(path="x"), "OSError(28)")]
    assert translated != english  # the catalog has it: the user reads Chinese
    assert isinstance(errors[0], LinliError)


def test_an_error_is_shown_in_a_message_box_with_copyable_details(qtbot, qapp):
    runner = TaskRunner()  # the real presenter: a message box

    def work(ctx):
        raise LinliError("The disk is full.", details="OSError(28, 'No space left')")

    task = runner.run(work, progress=False)
    wait_done(qtbot, task)
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(boxes) == 1
    box = boxes[0]
    assert box.text() == "The disk is full."
    assert "No space left" in box.detailedText()
    assert box.icon() == QMessageBox.Icon.Critical
    box.close()
    runner.shutdown()


def test_an_unexpected_exception_is_logged_and_does_not_crash(qtbot, runner, shown_errors,
                                                             caplog):
    def work(ctx):
        return {}["missing"]

    with caplog.at_level(logging.ERROR, logger="desktop"):
        task = runner.run(work, title="Buggy")
        wait_done(qtbot, task)
    assert task.state is TaskState.FAILED
    (message, details), = shown_errors
    assert "unexpected" in message.lower()
    assert "KeyError" in details and "missing" in details
    assert any("KeyError" in r.getMessage() for r in caplog.records)
    # The runner, and the database lane, keep working.
    again = runner.run(lambda ctx: "still alive")
    wait_done(qtbot, again)
    assert again.result == "still alive"


def test_cancelled_work_is_quiet(qtbot, runner, shown_errors):
    def work(ctx):
        ctx.cancel()
        ctx.check()

    task = runner.run(work)
    wait_done(qtbot, task)
    assert task.state is TaskState.CANCELLED
    assert shown_errors == []


def test_the_database_lane_runs_one_task_at_a_time(qtbot, runner):
    running = []
    overlap = []
    lock = threading.Lock()

    def work(ctx):
        with lock:
            running.append(1)
            overlap.append(len(running))
        time.sleep(0.02)
        with lock:
            running.pop()

    tasks = [runner.run(work, progress=False) for _ in range(5)]
    for task in tasks:
        wait_done(qtbot, task)
    assert max(overlap) == 1


def test_the_files_lane_runs_in_parallel(qtbot, runner):
    barrier = threading.Barrier(2, timeout=5)

    def work(ctx):
        barrier.wait()  # only returns if two tasks run at the same time
        return True

    tasks = [runner.run(work, lane=Lane.FILES, progress=False) for _ in range(2)]
    for task in tasks:
        wait_done(qtbot, task)
    assert all(task.result for task in tasks)


def test_an_exception_in_a_slot_is_reported_not_fatal(qtbot, caplog):
    from desktop.ui.errors import ExceptionReporter

    reporter = ExceptionReporter()
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        with caplog.at_level(logging.ERROR, logger="desktop"):
            reporter(type(exc), exc, exc.__traceback__)
    assert reporter.count == 1
    box = reporter._box
    assert box is not None and box.isVisible()
    assert "RuntimeError: boom" in box.detailedText()
    assert any("boom" in r.getMessage() for r in caplog.records)
    reporter(RuntimeError, RuntimeError("again"), None)  # one dialog at a time
    assert reporter._box is box
    box.close()


@pytest.mark.parametrize("headless", [True])
def test_the_exception_reporter_prints_when_headless(capsys, headless):
    from desktop.ui.errors import ExceptionReporter

    reporter = ExceptionReporter(headless=headless)
    reporter(ValueError, ValueError("bad"), None)
    assert "ValueError: bad" in capsys.readouterr().err


def test_a_linli_error_escaping_a_slot_shows_its_own_message(qtbot):
    from desktop.ui.errors import ExceptionReporter

    reporter = ExceptionReporter()
    error = LinliError("The file is locked by another program.", details="EACCES")
    reporter(LinliError, error, None)
    box = reporter._box
    assert box.text() == "The file is locked by another program."
    assert box.detailedText() == "EACCES"
    box.close()


def test_a_result_for_a_widget_closed_meanwhile_is_dropped_quietly(qtbot, runner):
    """A page or dialog closed and deleted while its work runs: the result has nowhere to go,
    and calling into the deleted widget must not raise in the event loop."""
    from PySide6.QtWidgets import QLabel

    label = QLabel("…")
    release = threading.Event()
    seen = []

    def work(_ctx):
        release.wait(5)
        return "counted"

    def done(result):
        seen.append(result)
        label.setText(result)  # a deleted label raises RuntimeError here

    task = runner.run(work, title="count", parent=label, on_result=done)
    label.deleteLater()
    qtbot.waitUntil(lambda: not isValid(label), timeout=5000)
    release.set()
    wait_done(qtbot, task)
    assert task.state is TaskState.DONE and seen == []


def test_waiting_for_idle_includes_work_started_by_a_result(qtbot, runner):
    """A page that reloads after a write starts a new task from the first one's result: idle
    means both are done (the wait used to give up at once when the second one started during
    its last look at the events, and a sync page test failed about one run in six)."""
    done: list[str] = []

    def second_done(value) -> None:
        done.append(value)

    def reload() -> None:
        runner.run(lambda _ctx: (time.sleep(0.05), "second")[1], title="reload",
                   lane=Lane.FILES, on_result=second_done, progress=False)

    def first_done(_value) -> None:
        done.append("first")
        QTimer.singleShot(0, reload)  # as a page does: reload once the write's signal is out

    runner.run(lambda _ctx: "first", title="write", on_result=first_done, progress=False)
    assert runner.wait_idle(10)
    assert done == ["first", "second"] and runner.active == []
