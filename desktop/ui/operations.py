"""The one write path from the window, as Anki's ``CollectionOp`` and its single
``operation_did_execute`` hook.

A page or dialog hands a write to ``Operations.of(runner).write(ctx, work, label=…)``:

- ``work(uow)`` (Qt-free) runs in one unit of work on the database lane, so writes never wait on
  each other and never hold the UI thread; a progress dialog with Cancel appears if it is long;
- a ``LinliError`` it raises rolls everything back and goes to ``on_refused`` (a form marks the
  field, see ``in_fields``) or, without one, to the error dialog; any other failure (a SQLite
  error, a bug) rolls back too and is shown as an unexpected error: the database is as it was;
- on success, back on the UI thread: the undo entry is pushed, ``on_done(result, changes)`` runs
  (if its widget is still open), and ``changed`` is emitted ONCE with the ``ChangeSet``.

The main window listens to ``changed`` and hands the ChangeSet to every page, which reloads only
what it shows of it. Writes that open their own units of work (undo, an import) broadcast what
they changed through ``run`` or ``broadcast``; ``None`` means "anything may have changed".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from desktop.context import AppContext
from desktop.core.errors import LinliError, ValidationError
from desktop.core.tasks import TaskContext
from desktop.storage.changes import ChangeSet
from desktop.storage.database import UnitOfWork
from desktop.sync.undo import UndoEntry
from desktop.sync.undoable import perform
from desktop.ui.tasks import Lane, Task, TaskRunner

Work = Callable[[UnitOfWork], Any]
Done = Callable[[Any, ChangeSet | None], object]
Refused = Callable[[LinliError], object]


@dataclass(frozen=True)
class _Written:
    result: Any
    changes: ChangeSet | None
    entry: UndoEntry | None = None


@dataclass(frozen=True)
class _Refusal:
    error: LinliError


def _alive(widget: QWidget | None) -> bool:
    return widget is None or isValid(widget)


class Operations(QObject):
    """The window's writes: one per task runner (``Operations.of(runner)``), so every page and
    dialog built with that runner shares the one ``changed`` signal."""

    changed = Signal(object)  # ChangeSet of one write; None: anything may have changed

    def __init__(self, runner: TaskRunner) -> None:
        super().__init__(runner)
        self.setObjectName("operations")
        self.runner = runner

    @classmethod
    def of(cls, runner: TaskRunner) -> Operations:
        found = runner.findChild(cls, "operations", Qt.FindChildOption.FindDirectChildrenOnly)
        return found if found is not None else cls(runner)

    def write(self, ctx: AppContext, work: Work, *, label: str, parent: QWidget | None,
              title: str = "", on_done: Done | None = None,
              on_refused: Refused | None = None, progress: bool = True,
              undoable: bool = True, reports: bool = False) -> Task:
        """Run ``work(uow)`` in one unit of work on the database lane; ``label`` names the undo
        entry ("Edit 张三") and, without ``title``, the progress dialog. With ``reports`` the
        work is ``work(uow, task_ctx)``: it reports progress, and Cancel rolls it back."""
        db, operator = ctx.db, ctx.operator

        def job(task_ctx: TaskContext):
            step = (lambda uow: work(uow, task_ctx)) if reports else work
            try:
                done = perform(db, operator, step, label=label, undoable=undoable)
            except LinliError as exc:  # rolled back: nothing was written
                return _Refusal(exc)
            return _Written(done.result, done.changes, done.entry)

        def pushed(written: _Written) -> None:
            if written.entry is not None:
                ctx.undo.push(written.entry)

        return self._start(job, title or label, parent, on_done, on_refused, progress, pushed)

    def run(self, fn: Callable[[TaskContext], tuple[Any, ChangeSet | None]], *, title: str,
            parent: QWidget | None, on_done: Done | None = None,
            on_refused: Refused | None = None, progress: bool = True) -> Task:
        """For writes that open their own units of work (undo and redo, an import):
        ``fn(task_ctx)`` returns ``(result, changes)``; ``changes`` is broadcast once."""

        def job(task_ctx: TaskContext):
            try:
                result, changes = fn(task_ctx)
            except LinliError as exc:
                return _Refusal(exc)
            return _Written(result, changes)

        return self._start(job, title, parent, on_done, on_refused, progress, None)

    def broadcast(self, changes: ChangeSet | None) -> None:
        """Tell every page about a write made outside ``write``/``run`` (None: reload all)."""
        self.changed.emit(changes)

    def _start(self, job, title, parent, on_done, on_refused, progress, pushed) -> Task:
        def finished(outcome) -> None:
            if isinstance(outcome, _Refusal):
                self._refused(outcome.error, parent, on_refused)
                return
            if pushed is not None:
                pushed(outcome)
            try:
                if on_done is not None and _alive(parent):
                    on_done(outcome.result, outcome.changes)
            finally:  # the write is committed: the pages hear of it whatever the dialog did
                self.changed.emit(outcome.changes)

        return self.runner.run(job, title=title, lane=Lane.DATABASE, parent=parent,
                               on_result=finished, progress=progress)

    def _refused(self, error: LinliError, parent: QWidget | None,
                 on_refused: Refused | None) -> None:
        if not _alive(parent):
            return
        if on_refused is not None:
            on_refused(error)
        else:
            self.runner.present_error(parent, error.message, error.details)


def in_fields(runner: TaskRunner, parent: QWidget, grids: Mapping[str, Any],
              default: str | None = None) -> Refused:
    """An ``on_refused`` for a form: a ValidationError is shown under its field (or under
    ``default`` when it names none of the form's), with the cursor there; anything else in
    the error dialog. ``grids`` maps a field's name to the FieldGrid that holds it."""

    def show(error: LinliError) -> None:
        field = getattr(error, "field", "")
        if isinstance(error, ValidationError) and field not in grids:
            field = default
        if isinstance(error, ValidationError) and field is not None:
            grid = grids[field]
            grid.show_problem(field, error.message)
            grid.fields[field].setFocus(Qt.FocusReason.OtherFocusReason)
            return
        runner.present_error(parent, error.message, error.details)

    return show
