"""Saving the visit being answered: every change as a draft, through the one write path.

Changes made while a save is on its way are merged and sent as the next save, in order, so
typing fast never queues hundreds of writes yet nothing is left unsaved for longer than one
small transaction. Finishing sends what is still pending together with the finish, in one
unit of work: the visit written is exactly what the volunteer saw.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from desktop.context import AppContext
from desktop.core.errors import LinliError
from desktop.core.i18n import _
from desktop.ui.operations import Operations
from desktop.ui.tasks import TaskRunner
from desktop.visits.doors.recording import (
    discard_draft,
    finish_visit,
    save_draft,
    start_visit,
)


class DraftSaver:
    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget,
                 on_refused: Callable[[LinliError], object]) -> None:
        self._ctx, self._runner, self._parent = ctx, runner, parent
        self._on_refused = on_refused
        self.door_id: str | None = None
        self.visitor_id: str | None = None
        self.pending: dict[str, Any] = {}
        self.busy = False
        self.saves = 0  # writes sent (for tests and the benchmark)

    def start(self, door_id: str | None, visitor_id: str | None) -> None:
        """Save to the draft of this door from now on (made by the first save: a door only
        looked at leaves no draft). Changes for the door left that are still waiting go to
        its draft first (the database lane keeps the order)."""
        if self.pending and self.door_id is not None:
            self._write(self.door_id, self.visitor_id, self.pending)
        self.door_id, self.visitor_id, self.pending = door_id, visitor_id, {}

    def save(self, **fields) -> None:
        if self.door_id is None:
            return
        self.pending.update(fields)
        if not self.busy:
            self._send()

    def flush(self) -> None:
        """Send what is still waiting now (the idle lock is about to lock): if a save is on
        its way, what waits follows it as soon as it is written."""
        if not self.busy:
            self._send()

    def _send(self) -> None:
        # Each write finds the door's draft itself (start_visit makes it the first time), so
        # a save never waits for the one before it to report its draft's id.
        if not self.pending or self.door_id is None:
            return
        fields, self.pending = self.pending, {}
        self._write(self.door_id, self.visitor_id, fields)

    def _write(self, door_id: str, visitor_id: str | None, fields: dict[str, Any]) -> None:
        self.busy = True
        self.saves += 1
        Operations.of(self._runner).write(
            self._ctx, lambda uow: save_draft(uow, start_visit(uow, door_id, visitor_id),
                                              **fields),
            label=_("Save the visit"), parent=self._parent, progress=False, undoable=False,
            on_done=lambda *_a: self._sent(), on_refused=self._refused)

    def _sent(self) -> None:
        self.busy = False
        self._send()

    def _refused(self, error: LinliError) -> None:
        self.busy = False
        self._on_refused(error)
        self._send()  # changes made meanwhile are saved still

    def finish(self, on_done: Callable[[str], object],
               on_refused: Callable[[LinliError], object]) -> None:
        """Write the visit (with any change not saved yet) and delete the draft."""
        door_id, visitor_id, fields = self.door_id, self.visitor_id, self.pending
        self.pending = {}

        def work(uow):
            draft_id = start_visit(uow, door_id, visitor_id)
            if fields:
                save_draft(uow, draft_id, **fields)
            return finish_visit(uow, draft_id)

        def refused(error: LinliError) -> None:
            # Rolled back whole: the changes it carried are still to be saved.
            self.pending = {**fields, **self.pending}
            if not self.busy:
                self._send()
            on_refused(error)

        Operations.of(self._runner).write(
            self._ctx, work, label=_("Finish the visit"), parent=self._parent, progress=False,
            undoable=False, on_done=lambda visit_id, _c: on_done(visit_id),
            on_refused=refused)

    def discard(self, on_done: Callable[[], object]) -> None:
        door_id, visitor_id = self.door_id, self.visitor_id
        self.pending = {}
        Operations.of(self._runner).write(
            self._ctx, lambda uow: discard_draft(uow, start_visit(uow, door_id, visitor_id)),
            label=_("Discard the visit"), parent=self._parent, progress=False, undoable=False,
            on_done=lambda *_a: on_done())
