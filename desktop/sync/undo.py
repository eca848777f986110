"""Undo and redo of this session's edits, for any synced table.

An undo is not a rollback: the edit may already have travelled in a bundle. Undoing writes the
old values back as a new, stamped change (and tombstones rows the edit created), so every copy
converges on the undone state too.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.storage.changes import ChangeSet, FieldEdit
from desktop.storage.database import Database, UnitOfWork
from desktop.storage.records import synced_tables

MAX_ENTRIES = 100


@dataclass(frozen=True)
class UndoEntry:
    label: str  # translated, e.g. "Edit 张三"
    edits: tuple[FieldEdit, ...]
    created: tuple[tuple[str, str], ...]  # (table, row id) of rows the action created

    @classmethod
    def from_unit_of_work(cls, label: str, uow: UnitOfWork) -> UndoEntry:
        created = tuple(
            (table, row_id)
            for table, ids in uow.changes.created.items()
            for row_id in sorted(ids)
        )
        return cls(label, tuple(uow.edits), created)

    def __bool__(self) -> bool:
        return bool(self.edits or self.created)


class UndoStack:
    def __init__(self) -> None:
        self._done: list[UndoEntry] = []
        self._undone: list[UndoEntry] = []

    def push(self, entry: UndoEntry) -> None:
        if not entry:
            return
        self._done.append(entry)
        del self._done[:-MAX_ENTRIES]
        self._undone.clear()

    @property
    def undo_label(self) -> str | None:
        return self._done[-1].label if self._done else None

    @property
    def redo_label(self) -> str | None:
        return self._undone[-1].label if self._undone else None

    def undo(self, db: Database, operator: str) -> ChangeSet:
        entry = self._done[-1]
        changes = _apply(db, operator, entry, forward=False)
        self._undone.append(self._done.pop())
        return changes

    def redo(self, db: Database, operator: str) -> ChangeSet:
        entry = self._undone[-1]
        changes = _apply(db, operator, entry, forward=True)
        self._done.append(self._undone.pop())
        return changes


def _apply(db: Database, operator: str, entry: UndoEntry, *, forward: bool) -> ChangeSet:
    tables = synced_tables()
    with db.unit_of_work(operator) as uow:
        session = uow.session
        edits = entry.edits if forward else tuple(reversed(entry.edits))
        for edit in edits:
            row = session.get(tables[edit.table], edit.row_id)
            if row is not None:
                setattr(row, edit.key, edit.new if forward else edit.old)
        for table, row_id in entry.created:
            row = session.get(tables[table], row_id)
            if row is not None:
                row.deleted = not forward
    return uow.changes
