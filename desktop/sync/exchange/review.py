"""The review list: values that lost a merge, and resolving them as ordinary, stamped edits."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Date, DateTime, select

from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.storage.base import Hundredths
from desktop.storage.records import synced_tables
from desktop.storage.stamping import to_json_value
from desktop.sync.exchange.models import SyncConflict

KEEP = object()  # resolve by keeping the value that won
TAKE_LOST = object()  # resolve by taking the value that lost


@dataclass(frozen=True)
class ConflictInfo:
    id: int
    table_name: str
    row_id: str
    field: str
    kind: str
    kept_value: object
    kept_hlc: str
    lost_value: object
    lost_hlc: str
    lost_operator: str
    lost_node: str
    detected_at: dt.datetime
    resolved_at: dt.datetime | None
    resolved_by: str
    resolution: object


def _load(text):
    return None if text is None else json.loads(text)


def list_conflicts(session, include_resolved: bool = False) -> list[ConflictInfo]:
    query = select(SyncConflict).order_by(SyncConflict.id)
    if not include_resolved:
        query = query.where(SyncConflict.resolved_at.is_(None))
    return [ConflictInfo(c.id, c.table_name, c.row_id, c.field, c.kind, _load(c.kept_value),
                         c.kept_hlc, _load(c.lost_value), c.lost_hlc, c.lost_operator,
                         c.lost_node, c.detected_at, c.resolved_at, c.resolved_by,
                         _load(c.resolution))
            for c in session.execute(query).scalars()]


def _python_value(column, value):
    """A JSON-form value (as in the review list) as the column's Python value."""
    if value is None:
        return None
    if isinstance(column.type, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(column.type, Date):
        return dt.date.fromisoformat(value)
    if isinstance(column.type, Hundredths):
        return Decimal(str(value))
    return value


def resolve_conflict(uow, conflict_id: int, value=KEEP, *, restore: bool = False) -> None:
    """Settle a review item: keep the winner, take the loser (``TAKE_LOST``) or a typed value.
    The choice is written through the ORM, so it is stamped and syncs like any edit;
    ``restore`` also un-deletes the row (for an edit that lost to a delete)."""
    session = uow.session
    conflict = session.get(SyncConflict, conflict_id)
    if conflict is None:
        raise ValidationError(_("This item is no longer in the review list."), field="conflict")
    model = synced_tables()[conflict.table_name]
    row = session.get(model, conflict.row_id)
    if row is None:
        raise ValidationError(_("The record of this item is no longer on this device."),
                              field="conflict")
    column = model.__table__.c[conflict.field]
    if value is KEEP:
        chosen = getattr(row, column.key)
    else:
        if value is TAKE_LOST:
            chosen = _python_value(column, _load(conflict.lost_value))
        elif isinstance(value, str) and column.type.python_type is not str:
            chosen = _python_value(column, value)
        else:
            chosen = value
        setattr(row, column.key, chosen)
    if restore and row.deleted:
        row.deleted = False
    now = dt.datetime.now().replace(microsecond=0)
    others = session.execute(select(SyncConflict).where(
        SyncConflict.row_id == conflict.row_id, SyncConflict.field == conflict.field,
        SyncConflict.resolved_at.is_(None))).scalars()
    for item in others:
        item.resolved_at = now
        item.resolved_by = uow.operator
        item.resolution = to_json_value(chosen)
    session.flush()


def record_name(session, table: str, row_id: str) -> str:
    """What the review list calls a record: its name, title, room or number; else the start of
    its id (a record no longer on this device, or one with nothing to call it by)."""
    model = synced_tables().get(table)
    row = session.get(model, row_id) if model is not None else None
    if row is None:
        return row_id[:8]
    for attribute in ("name", "title", "room", "number", "outside_name"):
        value = getattr(row, attribute, None)
        if value:
            return str(value)
    return row_id[:8]
