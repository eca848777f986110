"""A write as the window makes it, without Qt: one unit of work, then what it changed and the
undo entry that takes it back. The window's write path (desktop.ui.operations) runs this on the
database lane and pushes the entry on the UI thread; commands and tests may call it directly."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop.storage.changes import ChangeSet
from desktop.storage.database import Database, UnitOfWork
from desktop.sync.undo import UndoEntry


@dataclass(frozen=True)
class Performed:
    result: Any  # what ``work`` returned (a saved row's id, a summary)
    changes: ChangeSet
    entry: UndoEntry | None  # None when the write is not undoable


def perform(db: Database, operator: str, work: Callable[[UnitOfWork], Any], *,
            label: str = "", undoable: bool = True) -> Performed:
    """Run ``work(uow)`` in one unit of work: committed whole, or (on any error, which is
    raised) rolled back whole. ``label`` names the undo entry ("Edit 张三")."""
    with db.unit_of_work(operator) as uow:
        result = work(uow)
    entry = UndoEntry.from_unit_of_work(label, uow) if undoable else None
    return Performed(result, uow.changes, entry)
