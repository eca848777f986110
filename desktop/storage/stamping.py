"""Stamp every write to a synced table inside the transaction that makes it.

A session used for writes carries a ``Stamper`` (clock + operator) in ``session.info``; the
``before_flush`` hook stamps new rows and changed fields, refuses hard deletes, and records what
changed so the UI can refresh only that. Statements that would bypass the hook (bulk UPDATE or
DELETE on a synced table) are refused on the engine unless the sync code itself marks them as
already stamped.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Delete, Engine, Update, event, inspect
from sqlalchemy.orm import Session

from desktop.storage.changes import ChangeSet, FieldEdit
from desktop.storage.hlc import HybridClock
from desktop.storage.ids import uuid7
from desktop.storage.records import (
    BOOKKEEPING_COLUMNS,
    FieldStamp,
    is_synced,
    synced_tables,
)

STAMPED_OPTION = "linli_stamped"
# Set on the connection while a session flushes: the flush's own UPDATEs were just stamped.
FLUSHING = "linli_flushing"


class UnstampedWriteError(RuntimeError):
    """A write to a synced table that would escape per-field stamping (a programming error)."""


@dataclass
class Stamper:
    clock: HybridClock
    operator: str
    changes: ChangeSet = field(default_factory=ChangeSet)
    # Every field edit in order, with its old value: what undo needs to put things back.
    edits: list[FieldEdit] = field(default_factory=list)


def to_json_value(value: Any) -> str:
    """A field value as JSON text: dates as ISO strings, decimals as exact strings, bytes as
    ``{"base64": …}``."""
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.isoformat()
    elif isinstance(value, Decimal):
        value = str(value)
    elif isinstance(value, bytes):  # LargeBinary fields (printed PDFs): JSON has no bytes
        value = {"base64": base64.b64encode(value).decode("ascii")}
    return json.dumps(value, ensure_ascii=False)


_UNKNOWN = object()  # the old value was not loaded before the change


def _before_flush(session: Session, _flush_context, _instances) -> None:
    synced_new = [o for o in session.new if is_synced(type(o))]
    synced_dirty = [o for o in session.dirty if is_synced(type(o))]
    synced_deleted = [o for o in session.deleted if is_synced(type(o))]
    if not (synced_new or synced_dirty or synced_deleted):
        return
    stamper: Stamper | None = session.info.get("stamper")
    if stamper is None:
        raise UnstampedWriteError("writes to synced tables need a unit of work")
    if synced_deleted:
        raise UnstampedWriteError(
            "synced rows are never deleted; set their 'deleted' field (a tombstone) instead"
        )
    session.connection().info[FLUSHING] = True
    for obj in synced_new:
        obj.created_hlc = stamper.clock.now()
        obj.created_by = stamper.operator
        if obj.id is None:
            # The column default would fill it at INSERT, but the change set needs it now.
            obj.id = uuid7()
        stamper.changes.add("created", type(obj).__tablename__, obj.id)
    for obj in synced_dirty:
        _stamp_changed_fields(session, stamper, obj)


def _stamp_changed_fields(session: Session, stamper: Stamper, obj: Any) -> None:
    state = inspect(obj)
    table = type(obj).__tablename__
    changed = []
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in BOOKKEEPING_COLUMNS:
            continue
        history = state.attrs[key].history
        if history.has_changes():
            new = getattr(obj, key)
            old = history.deleted[0] if history.deleted else None
            if history.deleted and old == new:
                continue  # set to the value it already had: not a change
            changed.append((attr.columns[0].name, new, old if history.deleted else _UNKNOWN))
            stamper.edits.append(FieldEdit(table, obj.id, key, old, new))
    if not changed:
        return
    hlc = stamper.clock.now()  # one stamp for all fields changed together
    for column, value, old in changed:
        session.add(
            FieldStamp(
                row_id=obj.id,
                field=column,
                hlc=hlc,
                table_name=table,
                operator=stamper.operator,
                value=to_json_value(value),
                old_value=None if old is _UNKNOWN else to_json_value(old),
            )
        )
    tombstoned = any(column == "deleted" and value for column, value, _old in changed)
    stamper.changes.add("deleted" if tombstoned else "updated", table, obj.id)


def _after_flush(session: Session, _flush_context) -> None:
    clear_flushing(session)


def clear_flushing(session: Session) -> None:
    if session.in_transaction():
        session.connection().info.pop(FLUSHING, None)


def _refuse_unstamped_bulk(conn, clauseelement, multiparams, params, execution_options):
    if not isinstance(clauseelement, (Update, Delete)):
        return
    if conn.info.get(FLUSHING):
        return
    if execution_options.get(STAMPED_OPTION) or conn.get_execution_options().get(
        STAMPED_OPTION
    ):
        return
    table = getattr(clauseelement, "table", None)
    name = getattr(table, "name", None)
    if name in synced_tables():
        verb = "UPDATE" if isinstance(clauseelement, Update) else "DELETE"
        raise UnstampedWriteError(
            f"bulk {verb} on synced table {name!r} would skip "
            "per-field stamps; change rows through a unit of work"
        )


def _forget_flushing(_dbapi_connection, connection_record) -> None:
    # A flush that failed half-way leaves the flag behind; it must not outlive the checkout.
    connection_record.info.pop(FLUSHING, None)


def install_engine_guard(engine: Engine) -> None:
    event.listen(engine, "before_execute", _refuse_unstamped_bulk)
    event.listen(engine.pool, "checkin", _forget_flushing)


def install_session_hooks(session_class_or_factory) -> None:
    event.listen(session_class_or_factory, "before_flush", _before_flush)
    event.listen(session_class_or_factory, "after_flush_postexec", _after_flush)
