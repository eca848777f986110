"""Running long work off the UI thread, with a progress dialog and a Cancel button.

Work is a plain function ``fn(ctx: TaskContext) -> result`` (see desktop.core.tasks). The runner
has two lanes: ``DATABASE`` runs one task at a time (SQLite has one writer; serialising writes
here means they never wait on each other's locks), ``FILES`` runs file and PDF work in parallel.

Threads and Qt: a worker never touches a widget. Its progress reports and its outcome travel as
signals of a ``_Bridge`` that lives on the UI thread, so Qt queues them and every callback
(``on_result``, ``on_error``, ``on_cancelled``) runs on the UI thread.
"""

from __future__ import annotations

import enum
import logging
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from desktop.core.errors import Cancelled, LinliError
from desktop.core.i18n import _
from desktop.core.logs import describe
from desktop.core.tasks import TaskContext
from desktop.ui.errors import show_error, unexpected_message
from desktop.ui.widgets.progress import TaskProgressDialog

log = logging.getLogger(__name__)

TaskFunction = Callable[[TaskContext], Any]
ErrorPresenter = Callable[[QWidget | None, str, str], object]


class Lane(enum.Enum):
    DATABASE = "database"
    FILES = "files"


class TaskState(enum.Enum):
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


class _Bridge(QObject):
    """Lives on the UI thread; the worker sets the outcome, then emits a signal.

    The outcome travels as plain Python attributes, not as ``Signal(object)`` arguments:
    PySide6 6.12 miscounts references of Python objects queued across threads (returning
    ``True`` from a task aborted the interpreter with "deallocating True")."""

    progressed = Signal(int, int, str)
    succeeded = Signal()
    failed = Signal()
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.result: Any = None
        self.error: BaseException | None = None
        self.traceback = ""


class _Worker(QRunnable):
    def __init__(self, fn: TaskFunction, ctx: TaskContext, bridge: _Bridge) -> None:
        super().__init__()  # auto-deleted by the pool after run(); it keeps the bridge alive
        self._fn = fn
        self._ctx = ctx
        self._bridge = bridge

    def run(self) -> None:
        bridge = self._bridge
        try:
            bridge.result = self._fn(self._ctx)
        except Cancelled:
            bridge.cancelled.emit()
        except BaseException as exc:  # noqa: BLE001 - everything must reach the UI thread
            bridge.error, bridge.traceback = exc, traceback.format_exc()
            bridge.failed.emit()
        else:
            bridge.succeeded.emit()


class Task(QObject):
    """One piece of work on its way: its context (to cancel), state, and outcome."""

    progressed = Signal(int, int, str)
    finished = Signal()  # after the callbacks ran, whatever the outcome

    def __init__(self, runner: TaskRunner, fn: TaskFunction, title: str, lane: Lane,
                 parent_widget: QWidget | None) -> None:
        super().__init__()  # no Qt parent: the runner's list keeps it while it runs
        self.title = title
        self.lane = lane
        self.state = TaskState.RUNNING
        self.result: Any = None
        self.error: BaseException | None = None
        self.error_message = ""
        self.error_details = ""
        self.last_progress: tuple[int, int, str] | None = None
        self.dialog: TaskProgressDialog | None = None
        self.on_result: Callable[[Any], object] | None = None
        self.on_error: Callable[[BaseException], object] | None = None
        self.on_cancelled: Callable[[], object] | None = None
        self._runner = runner
        self._parent_widget = parent_widget
        self._started = time.monotonic()
        # Parented to the runner (UI thread): the worker may drop the last Python reference on
        # its own thread, which must not destroy a QObject there. It is deleted in _end.
        self._bridge = _Bridge()
        self._bridge.setParent(runner)
        self._bridge.progressed.connect(self._on_progress)
        self._bridge.succeeded.connect(self._on_success)
        self._bridge.failed.connect(self._on_failure)
        self._bridge.cancelled.connect(self._on_cancelled)
        self.ctx = TaskContext(on_progress=self._bridge.progressed.emit)

    @property
    def running(self) -> bool:
        return self.state is TaskState.RUNNING

    def cancel(self) -> None:
        """Ask the work to stop; it stops at its next ``ctx.check()`` or ``ctx.report()``."""
        self.ctx.cancel()
        if _alive(self.dialog):
            self.dialog.show_cancelling()

    # -- the progress dialog ---------------------------------------------------------------

    def _make_dialog(self) -> None:
        self.dialog = TaskProgressDialog(self.title, self._parent_widget)
        self.dialog.cancel_requested.connect(self.cancel)
        if self.last_progress is not None:
            self.dialog.set_progress(*self.last_progress)

    @Slot()
    def _show_dialog(self) -> None:
        if self.running and _alive(self.dialog):
            self.dialog.open()

    # -- outcomes, all on the UI thread ----------------------------------------------------

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, message: str) -> None:
        if not self.running:
            return
        self.last_progress = (done, total, message)
        if _alive(self.dialog):
            self.dialog.set_progress(done, total, message)
        self.progressed.emit(done, total, message)

    @Slot()
    def _on_success(self) -> None:
        self.result = result = self._bridge.result
        self._bridge.result = None
        self._end(TaskState.DONE, self.on_result, result)

    @Slot()
    def _on_cancelled(self) -> None:
        log.info("task %r cancelled", self.title)
        self._end(TaskState.CANCELLED, self.on_cancelled)

    @Slot()
    def _on_failure(self) -> None:
        exc, tb = self._bridge.error, self._bridge.traceback
        self._bridge.error = None
        self.error = exc
        if isinstance(exc, LinliError):
            self.error_message, self.error_details = exc.message, exc.details
            log.info("task %r stopped: %s", self.title, type(exc).__name__)
        else:
            self.error_message, self.error_details = unexpected_message(), tb
            # Never the traceback's text: it carries the error's message, where SQLAlchemy put
            # a statement's values (names, ID numbers) and code may put a value's repr.
            log.error("task %r failed:\n%s", self.title, describe(exc))
        self._end(TaskState.FAILED, self._report_failure, exc)

    def _report_failure(self, exc: BaseException) -> None:
        parent = self._parent_widget if _alive(self._parent_widget) else None
        self._runner.present_error(parent, self.error_message, self.error_details)
        if self.on_error is not None:
            self.on_error(exc)

    def _end(self, state: TaskState, callback: Callable[..., object] | None, *args: Any) -> None:
        self.state = state
        log.debug("task %r %s after %.2f s", self.title, state.value,
                  time.monotonic() - self._started)
        if _alive(self.dialog):  # (deleted with its parent widget if that was closed)
            self.dialog.finish()
            self.dialog.deleteLater()
        self.dialog = None
        # The widget that asked (a page, a dialog) may have been closed and deleted while the
        # work ran: its result has nowhere to go, and calling into it would raise. A failure is
        # still reported (without a parent).
        orphaned = self._parent_widget is not None and not _alive(self._parent_widget)
        try:
            if callback is not None and not (orphaned and state is not TaskState.FAILED):
                callback(*args)
            elif callback is not None:
                log.debug("task %r: its widget is gone; result dropped", self.title)
        finally:
            self._bridge.deleteLater()
            self._runner._forget(self)
            self.finished.emit()


def _alive(widget: QWidget | None) -> bool:
    if widget is None:
        return False
    try:
        widget.objectName()
    except RuntimeError:  # its C++ object is gone
        return False
    return True


class TaskRunner(QObject):
    """Runs task functions on the two lanes and reports back on the UI thread."""

    idle = Signal()

    def __init__(self, parent: QObject | None = None, *,
                 present_error: ErrorPresenter | None = None) -> None:
        super().__init__(parent)
        self._lanes = {Lane.DATABASE: QThreadPool(self), Lane.FILES: QThreadPool(self)}
        self._lanes[Lane.DATABASE].setMaxThreadCount(1)
        self._lanes[Lane.FILES].setMaxThreadCount(max(2, QThreadPool.globalInstance()
                                                      .maxThreadCount() // 2))
        self._tasks: list[Task] = []
        # How long a task may run before its progress dialog appears (no flicker for quick ones).
        self.show_delay_ms = 400
        self.present_error: ErrorPresenter = (
            show_error if present_error is None else present_error
        )

    @property
    def active(self) -> list[Task]:
        return list(self._tasks)

    def run(
        self,
        fn: TaskFunction,
        *,
        title: str = "",
        lane: Lane = Lane.DATABASE,
        parent: QWidget | None = None,
        on_result: Callable[[Any], object] | None = None,
        on_error: Callable[[BaseException], object] | None = None,
        on_cancelled: Callable[[], object] | None = None,
        progress: bool = True,
    ) -> Task:
        """Start ``fn`` on ``lane``. With ``progress`` a modal dialog with Cancel appears if the
        work takes longer than ``show_delay_ms``; without it the work runs silently (loading a
        page), but errors are still shown."""
        task = Task(self, fn, title or _("Working…"), lane, parent)
        task.on_result, task.on_error, task.on_cancelled = on_result, on_error, on_cancelled
        if progress:
            task._make_dialog()
            if self.show_delay_ms <= 0:
                task._show_dialog()
            else:
                QTimer.singleShot(self.show_delay_ms, task._show_dialog)
        self._tasks.append(task)
        self._lanes[lane].start(_Worker(fn, task.ctx, task._bridge))
        return task

    def _forget(self, task: Task) -> None:
        if task in self._tasks:
            self._tasks.remove(task)
        if not self._tasks:
            self.idle.emit()

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Process events until every task has delivered its outcome (screenshots, tests)."""
        deadline = time.monotonic() + timeout
        app = QApplication.instance()
        while True:
            app.processEvents()
            if not self._tasks:
                # What the last outcomes set off (a page reloading once a write's signal is
                # out) runs on the next pass: idle only when that pass starts nothing. Checking
                # once returned "not idle" at once when it did (a sync page test, 1 run in 6).
                app.processEvents()
                if not self._tasks:
                    return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.005)

    def shutdown(self, timeout_ms: int = 15000) -> bool:
        """Cancel everything and wait for the workers (before the database is closed)."""
        for task in self._tasks:
            task.ctx.cancel()
        ok = all(pool.waitForDone(timeout_ms) for pool in self._lanes.values())
        QApplication.instance().processEvents()
        return ok


@dataclass(frozen=True)
class Failed:
    """A problem a job met, returned as its result so the page can say it inline (next to
    what the user was doing) instead of in an error dialog."""

    message: str
    field: str = ""
    error: LinliError | None = None


def inline(fn: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``fn`` with a LinliError handed back as a ``Failed`` result (Cancelled still cancels:
    it is not a LinliError)."""

    def run(task_ctx):
        try:
            return fn(task_ctx)
        except LinliError as exc:
            return Failed(exc.message, getattr(exc, "field", ""), exc)

    return run
