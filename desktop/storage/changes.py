"""What a unit of work changed: the change set pages refresh from, and the field edits undo
puts back.

Every write returns a ``ChangeSet`` (ids created, updated and deleted, by table); the window
broadcasts it once and each page refreshes only the tables it shows. The stamping hooks
(``desktop.storage.stamping``) fill both while a session flushes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class ChangeSet:
    """What one unit of work changed, by table: ids created, updated and deleted."""

    created: dict[str, set[str]] = field(default_factory=dict)
    updated: dict[str, set[str]] = field(default_factory=dict)
    deleted: dict[str, set[str]] = field(default_factory=dict)

    def add(self, kind: str, table: str, row_id: str) -> None:
        getattr(self, kind).setdefault(table, set()).add(row_id)

    @property
    def tables(self) -> set[str]:
        return set(self.created) | set(self.updated) | set(self.deleted)

    def __bool__(self) -> bool:
        return bool(self.tables)


@dataclass(frozen=True)
class FieldEdit:
    """One field of one row changed from ``old`` to ``new`` (attribute key, Python values)."""

    table: str
    row_id: str
    key: str
    old: Any
    new: Any
