"""What this copy already holds of the rows a payload brings: read in chunks, or the whole
table at once when the payload carries most of it."""

from __future__ import annotations

from desktop.storage.device import CLOCK
from desktop.storage.records import LocalState
from desktop.sync.exchange.export import _chunks, raw_select
from desktop.sync.exchange.payload import Payload
from desktop.sync.exchange.state import is_partial, node_of

ALL_ROWS = 50_000  # above this many incoming rows, read the whole local table at once


def rows_here(conn, table, columns, ids) -> dict[str, tuple]:
    """id → (id, created_hlc, created_by, *columns) of the rows this copy holds."""
    names = ", ".join(f'"{c}"' for c in ("id", "created_hlc", "created_by", *columns))
    if len(ids) > ALL_ROWS:
        return {r[0]: r for r in raw_select(conn, f'SELECT {names} FROM "{table.name}"')}
    rows = {}
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        for r in raw_select(conn, f'SELECT {names} FROM "{table.name}" WHERE id IN ({marks})',
                            tuple(chunk)):
            rows[r[0]] = r
    return rows


def creation_stamps(conn, table_name: str, ids) -> dict[str, str]:
    """id → creation stamp of the rows among ``ids`` this copy holds."""
    if len(ids) > ALL_ROWS:
        return dict(raw_select(conn, f'SELECT id, created_hlc FROM "{table_name}"'))
    found = {}
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        found.update(raw_select(
            conn, f'SELECT id, created_hlc FROM "{table_name}" WHERE id IN ({marks})',
            tuple(chunk)))
    return found


def withheld_here(conn, table_name: str, ids) -> set[tuple[str, str]]:
    if not ids or not conn.exec_driver_sql("SELECT 1 FROM withheld_field LIMIT 1").first():
        return set()
    found = set()
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        found.update(conn.exec_driver_sql(
            f"SELECT row_id, field FROM withheld_field WHERE table_name = ? AND row_id IN "
            f"({marks})", (table_name, *chunk)).all())
    return {tuple(r) for r in found}


def already_covered(session, payload: Payload, local_seen: dict[str, str]) -> bool:
    """True when this copy already holds everything the sender held: nothing can change.

    A whole-state sender's vector says it holds every write of each node up to that stamp
    (bundles carry whole rows, and deltas everything not acknowledged), and so does ours. When
    ours covers theirs node by node, every stamp in the payload is one we hold or one that lost
    here long ago (its review entry made then). Scoped, partial or minimised data never count:
    their vectors speak for part of the data only. This is what makes a bundle imported twice,
    or after a later one, cost no more than reading it.
    """
    if (payload.partial or payload.scope is not None or payload.minimised or payload.unknown
            or not payload.seen or is_partial(session)):
        return False
    local = dict(local_seen)
    own = session.get(LocalState, CLOCK)
    if own is not None:
        node = node_of(own.value)
        local[node] = max(local.get(node, ""), own.value)
    for table in payload.tables.values():  # every stamp must be inside the sender's vector
        for row in table.rows:
            if row[1] > payload.seen.get(node_of(row[1]), ""):
                return False
        for stamp in table.stamps:
            if stamp[2] > payload.seen.get(node_of(stamp[2]), ""):
                return False
    return all(stamp <= local.get(node, "") for node, stamp in payload.seen.items())
