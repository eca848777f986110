"""Preview and apply a payload: per field, the newer stamp wins; concurrent losers are kept."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import bindparam, type_coerce, update
from sqlalchemy.types import NullType

from desktop.core.errors import LinliError
from desktop.core.i18n import _
from desktop.storage.bulk_load import large_page_cache
from desktop.storage.changes import ChangeSet
from desktop.storage.stamping import STAMPED_OPTION
from desktop.sync.exchange.conflicts import conflict, deletes_against_edits, newer
from desktop.sync.exchange.export import _newest_stamps
from desktop.sync.exchange.local_rows import (
    ALL_ROWS,
    already_covered,
    creation_stamps,
    rows_here,
    withheld_here,
)
from desktop.sync.exchange.models import SyncConflict, WithheldField
from desktop.sync.exchange.payload import Payload
from desktop.sync.exchange.state import (
    mark_partial,
    merge_seen,
    node_of,
    read_seen,
)
from desktop.sync.exchange.tables import (
    binary_columns,
    data_columns,
    default_raw,
    from_wire,
    json_of,
    ordered_tables,
    table_named,
    to_wire,
)


class IncompatiblePayload(LinliError):
    """The bundle holds tables or fields this version does not know."""


@dataclass
class TableCounts:
    new: int = 0
    changed: int = 0
    deleted: int = 0
    unchanged: int = 0


@dataclass
class SyncPreview:
    per_table: dict[str, TableCounts]
    conflicts: int
    fields_left_out: list[str]


@dataclass
class SyncResult:
    per_table: dict[str, TableCounts]
    conflicts: int
    changes: ChangeSet


@dataclass
class _Plan:
    counts: dict[str, TableCounts] = field(default_factory=dict)
    inserts: dict[str, list[tuple]] = field(default_factory=dict)  # table → full raw rows
    updates: dict[tuple[str, str], list[tuple]] = field(default_factory=dict)  # (value, id)
    stamps: list[tuple] = field(default_factory=list)
    conflicts: list[dict] = field(default_factory=list)
    withheld: list[tuple] = field(default_factory=list)  # (row_id, field, table)
    filled: list[tuple] = field(default_factory=list)  # (row_id, field): now known
    changes: ChangeSet = field(default_factory=ChangeSet)
    newest: dict[str, str] = field(default_factory=dict)  # node → max stamp received


def _note(newest: dict[str, str], stamp: str) -> None:
    node = node_of(stamp)
    if stamp > newest.get(node, ""):
        newest[node] = stamp


def _plan(session, payload: Payload) -> _Plan:
    conn = session.connection()
    plan = _Plan()
    local_seen = read_seen(session)
    sender_seen = payload.seen
    left_out = {tuple(f.split(".", 1)) for f in payload.minimised}
    now = dt.datetime.now().replace(microsecond=0)
    known = {t.name for t in ordered_tables()}
    for name in payload.tables:
        if name not in known:
            raise IncompatiblePayload(
                _("The bundle holds data this version does not know ({table})."
                  ).format(table=name), name)
    if already_covered(session, payload, local_seen):
        for name, data in payload.tables.items():
            if data.rows:
                plan.counts[name] = TableCounts(unchanged=len(data.rows))
        return plan
    for table in ordered_tables():
        data = payload.tables.get(table.name)
        if data is None or not data.rows:
            continue
        name = table.name
        mine = data_columns(table)
        stray = set(data.columns) - set(mine)
        if stray:
            raise IncompatiblePayload(
                _("The bundle holds data this version does not know ({table})."
                  ).format(table=f"{name}.{min(stray)}"), name)
        counts = plan.counts.setdefault(name, TableCounts())
        position = {c: i + 3 for i, c in enumerate(data.columns)}
        skip = {c for c in data.columns if (name, c) in left_out}
        holes = {c.split(".", 1)[1]: set(ids) for c, ids in payload.unknown.items()
                 if c.split(".", 1)[0] == name}
        incoming_stamps: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
        for row_id, fld, hlc, operator in data.stamps:
            if fld in position and fld not in skip:
                incoming_stamps[row_id][fld] = (hlc, operator)
                _note(plan.newest, hlc)
        created_here = creation_stamps(conn, name, [r[0] for r in data.rows])
        present = [r[0] for r in data.rows if r[0] in created_here]
        local_stamps = (_newest_stamps(conn, name, None if len(present) > ALL_ROWS else present)
                        if present else {})
        binary = binary_columns(table)
        placeholders = withheld_here(conn, name, present)
        placeholder_rows = {r for r, _f in placeholders}
        plain = (tuple(data.columns) == mine and not binary and not skip and not holes)
        # An append-only table (the audit log): rows it lacks are inserted, and one it holds
        # is never changed, whatever stamps the bundle carries for it.
        append_only = bool(table.info.get("append_only"))
        defaults = {c: default_raw(table, c) for c in mine}
        inserts = []
        slow = []
        created_ids = []
        newest = plan.newest
        for row in data.rows:
            row_id, created = row[0], row[1]
            if created > newest.get(created[20:], ""):
                newest[created[20:]] = created
            inc = incoming_stamps.get(row_id)
            here = created_here.get(row_id)
            if here is None:
                if plain:
                    inserts.append(tuple(row))
                else:
                    values = [row_id, created, row[2]]
                    for c in mine:
                        if c not in position:
                            values.append(defaults[c])
                        elif c in skip or row_id in holes.get(c, ()):
                            values.append(defaults[c])
                            plan.withheld.append((row_id, c, name))
                        else:
                            values.append(from_wire(row[position[c]]))
                    inserts.append(tuple(values))
                if inc:
                    for fld, (hlc, operator) in inc.items():
                        plan.stamps.append((row_id, fld, hlc, name, operator,
                                            json_of(table, fld, row[position[fld]]), None))
                created_ids.append(row_id)
                continue
            if append_only:
                counts.unchanged += 1
                continue
            if row_id not in placeholder_rows and here == created:
                loc = local_stamps.get(row_id)
                if (not inc and not loc) or (inc and loc and len(loc) == len(inc) and all(
                        loc.get(f, ("",))[0] == s for f, (s, _op) in inc.items())):
                    counts.unchanged += 1
                    continue
            slow.append(row)
        if append_only and created_ids:
            new = set(created_ids)
            _refuse_clashes(conn, table, [r for r in data.rows if r[0] in new], position)
        counts.new += len(created_ids)
        if created_ids:
            plan.changes.created.setdefault(name, set()).update(created_ids)
        local = rows_here(conn, table, mine, [r[0] for r in slow]) if slow else {}
        local_pos = {c: i + 3 for i, c in enumerate(mine)}
        for row in slow:
            row_id, created, created_by = row[0], row[1], row[2]
            inc = incoming_stamps.get(row_id, {})
            mine_row = local[row_id]
            loc = local_stamps.get(row_id, {})
            local_created = mine_row[1]
            taken = False
            became_deleted = False
            for c, pos in position.items():
                if c in skip or row_id in holes.get(c, ()):
                    continue
                i_hlc, i_op = inc.get(c, (created, created_by))
                l_hlc, l_op = loc.get(c, (local_created, ""))
                if i_hlc == l_hlc and (row_id, c) not in placeholders:
                    continue
                i_val = row[pos]
                l_val = mine_row[local_pos[c]]
                if c in binary:
                    l_val = to_wire(l_val)
                differ = i_val != l_val
                if i_hlc == l_hlc:  # the same version, and this copy held only a placeholder
                    plan.updates.setdefault((name, c), []).append((from_wire(i_val), row_id))
                    plan.filled.append((row_id, c))
                    taken = taken or differ
                elif newer(i_hlc, l_hlc):
                    plan.updates.setdefault((name, c), []).append((from_wire(i_val), row_id))
                    plan.stamps.append((row_id, c, i_hlc, name, i_op, json_of(table, c, i_val),
                                        json_of(table, c, l_val)))
                    plan.filled.append((row_id, c))
                    taken = taken or differ
                    if c == "deleted" and i_val and not l_val:
                        became_deleted = True
                    if (differ and l_hlc != local_created
                            and l_hlc > sender_seen.get(node_of(l_hlc), "")):
                        plan.conflicts.append(conflict(
                            table, row_id, c, "concurrent_edit", i_val, i_hlc,
                            l_val, l_hlc, l_op, now))
                elif (differ and i_hlc != created
                        and i_hlc > local_seen.get(node_of(i_hlc), "")):
                    plan.conflicts.append(conflict(
                        table, row_id, c, "concurrent_edit", l_val, l_hlc, i_val, i_hlc,
                        i_op, now))
            deletes_against_edits(plan, table, row, position, inc, loc, mine_row, local_pos,
                                   sender_seen, local_seen, skip, now)
            if became_deleted:
                counts.deleted += 1
                plan.changes.add("deleted", name, row_id)
            elif taken:
                counts.changed += 1
                plan.changes.add("updated", name, row_id)
            else:
                counts.unchanged += 1
        if inserts:
            plan.inserts[name] = inserts
    return plan


def _refuse_clashes(conn, table, rows, position: dict[str, int]) -> None:
    """New rows of an append-only table (the audit log) must not take a unique key (a device's
    sequence number) that another row holds here: two computers writing as one device, e.g.
    started from one copied data folder. Refused whole with a message, not a database error."""
    for index in table.indexes:
        columns = [c.name for c in index.columns]
        if not index.unique or any(c not in position for c in columns):
            continue
        incoming = {tuple(from_wire(r[position[c]]) for c in columns): r[0] for r in rows}
        firsts = sorted({key[0] for key in incoming})
        names = ", ".join(f'"{c}"' for c in columns)
        here = {}
        for start in range(0, len(firsts), 500):
            chunk = firsts[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for found in conn.exec_driver_sql(
                    f'SELECT id, {names} FROM "{table.name}" WHERE "{columns[0]}" IN ({marks})',
                    tuple(chunk)):
                here[tuple(found[1:])] = found[0]
        if any(here.get(key, row_id) != row_id for key, row_id in incoming.items()):
            raise IncompatiblePayload(_(
                "The bundle's audit log clashes with this copy's: it holds other entries under "
                "numbers this copy already has (were two computers started from one copied "
                "data folder?). Nothing was imported."), table.name)


def preview(session, payload: Payload) -> SyncPreview:
    """What applying the payload would change, without changing anything."""
    plan = _plan(session, payload)
    return SyncPreview(plan.counts, len(plan.conflicts), list(payload.minimised))


def apply_payload(uow, payload: Payload, *, header_bundle_id: str = "",
                  sender_fingerprint: str = "") -> SyncResult:
    """Merge the payload in the caller's unit of work (one transaction). Importing it again,
    or after a later bundle, changes nothing more."""
    from desktop.sync.exchange.state import log_bundle, record_peer
    session = uow.session
    session.flush()
    conn = session.connection()
    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    plan = _plan(session, payload)
    with large_page_cache(uow):
        _write(uow, conn, plan, payload)
    newest = max(plan.newest.values(), default=None)
    if payload.scope is not None:
        mark_partial(session)
    if not payload.partial or payload.scope is not None:
        vector = dict(plan.newest)
        for node, stamp in payload.seen.items():
            if stamp > vector.get(node, ""):
                vector[node] = stamp
        merge_seen(session, vector)
    if newest:
        uow._db.clock.observe(newest)
    sender = payload.sender
    record_peer(session, sender["device_id"], name=sender["name"], node=sender["node"],
                fingerprint=sender_fingerprint, imported=True,
                acked=None if payload.partial or payload.scope is not None else payload.seen)
    summary = {"tables": {n: vars(c) for n, c in plan.counts.items()},
               "conflicts": len(plan.conflicts)}
    if header_bundle_id:
        log_bundle(session, header_bundle_id, "in", sender["device_id"],
                   "scoped" if payload.scope is not None else "full", summary)
    for kind in ("created", "updated", "deleted"):
        for name, ids in getattr(plan.changes, kind).items():
            getattr(uow.changes, kind).setdefault(name, set()).update(ids)
    return SyncResult(plan.counts, len(plan.conflicts), plan.changes)


def _write(uow, conn, plan: _Plan, payload: Payload) -> None:
    from desktop.sync.exchange.withdraw import withdraw_scope

    stamped = {STAMPED_OPTION: True}
    for table in ordered_tables():
        rows = plan.inserts.get(table.name)
        if rows:
            names = ("id", "created_hlc", "created_by", *data_columns(table))
            conn.exec_driver_sql(
                f'INSERT INTO "{table.name}" ({", ".join(chr(34) + n + chr(34) for n in names)})'
                f' VALUES ({", ".join("?" * len(names))})', rows)
    for (name, column), pairs in plan.updates.items():
        table = table_named(name)
        stmt = (update(table).where(table.c.id == bindparam("_id"))
                .values({column: type_coerce(bindparam("_v"), NullType())})
                .execution_options(**stamped))
        conn.execute(stmt, [{"_v": v, "_id": i} for v, i in pairs])
    if plan.stamps:
        conn.exec_driver_sql(
            "INSERT OR IGNORE INTO field_stamp (row_id, field, hlc, table_name, operator, value,"
            " old_value) VALUES (?, ?, ?, ?, ?, ?, ?)", plan.stamps)
    if plan.conflicts:
        conn.execute(SyncConflict.__table__.insert(), plan.conflicts)
    if plan.withheld:
        conn.exec_driver_sql("INSERT OR IGNORE INTO withheld_field (row_id, field, table_name)"
                             " VALUES (?, ?, ?)", plan.withheld)
    if plan.filled:
        has_holes = conn.exec_driver_sql("SELECT 1 FROM withheld_field LIMIT 1").first()
        if has_holes:
            conn.execute(WithheldField.__table__.delete().where(
                WithheldField.row_id == bindparam("r"), WithheldField.field == bindparam("f")),
                [{"r": r, "f": f} for r, f in plan.filled])
    for scope in payload.withdraw:
        withdraw_scope(uow, scope)


def conflict_value(text: str | None):
    return None if text is None else json.loads(text)
