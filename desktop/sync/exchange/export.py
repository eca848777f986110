"""Building a payload: everything, or a scope, optionally only what the recipient lacks."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from desktop.core.features import expand_scope
from desktop.sync.exchange.declared import minimised_fields, scope_rule
from desktop.sync.exchange.models import WithheldField
from desktop.sync.exchange.payload import Payload, TableData
from desktop.sync.exchange.state import current_vector, is_partial, node_of
from desktop.sync.exchange.tables import (
    binary_columns,
    data_columns,
    ordered_tables,
    to_wire,
)

_CHUNK = 500


def _chunks(ids):
    ids = list(ids)
    for i in range(0, len(ids), _CHUNK):
        yield ids[i:i + _CHUNK]


def _ids_where(conn, table: str, column: str, values) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(values):
        marks = ",".join("?" * len(chunk))
        found.update(r[0] for r in conn.exec_driver_sql(
            f'SELECT id FROM "{table}" WHERE "{column}" IN ({marks})', tuple(chunk)))
    return found


def scope_ids(conn, scope: dict, *, references: bool = True) -> dict[str, set[str]]:
    """The rows a scope covers, as each table's declared scope rule selects them (parents
    first: the chosen places, then the rows that follow them), and (with ``references``) every
    row they reference (a community, a tag, an owner's resident…)."""
    scope = expand_scope(conn, scope)
    ids: dict[str, set[str]] = defaultdict(set)
    for table in ordered_tables():
        rule = scope_rule(table.name)
        selected = set(scope.get(rule.chosen, ())) if rule.chosen else set()
        if rule.everywhere:
            selected |= {row[0] for row in conn.exec_driver_sql(
                f'SELECT id FROM "{table.name}"')}
        for column, parent in rule.follows:
            selected |= _ids_where(conn, table.name, column, ids.get(parent, ()))
        if selected:
            ids[table.name] = selected
    if not references:
        return ids
    # Close over references until nothing new is needed (parents must exist at the receiver).
    tables = {t.name: t for t in ordered_tables()}
    pending = {name: set(v) for name, v in ids.items()}
    while pending:
        wanted: dict[str, set[str]] = defaultdict(set)
        for name, row_ids in pending.items():
            table = tables[name]
            for column in table.columns:
                for fk in column.foreign_keys:
                    target = fk.column.table.name
                    for chunk in _chunks(row_ids):
                        marks = ",".join("?" * len(chunk))
                        wanted[target].update(r[0] for r in conn.exec_driver_sql(
                            f'SELECT "{column.name}" FROM "{name}" WHERE id IN ({marks}) '
                            f'AND "{column.name}" IS NOT NULL', tuple(chunk)))
        pending = {}
        for target, row_ids in wanted.items():
            new = row_ids - ids[target]
            if new:
                ids[target] |= new
                pending[target] = new
    return ids


def _newest_stamps(conn, table: str, row_ids=None) -> dict[str, dict[str, tuple[str, str]]]:
    """row id → field → (newest stamp, its operator)."""
    out: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
    sql = ('SELECT row_id, field, max(hlc), operator FROM field_stamp WHERE table_name = ? {}'
           'GROUP BY row_id, field')
    if row_ids is None:
        batches = [raw_select(conn, sql.format(""), (table,))]
    else:
        batches = (raw_select(
            conn, sql.format(f"AND row_id IN ({','.join('?' * len(c))}) "), (table, *c))
            for c in _chunks(row_ids))
    for result in batches:
        for row_id, field, hlc, operator in result:
            out[row_id][field] = (hlc, operator)
    return out


def raw_select(conn, sql: str, params=()) -> list[tuple]:
    """Rows straight from the driver on the session's connection (same transaction): a 200k
    table costs a fraction of a second instead of seconds of per-row result wrapping."""
    cursor = conn.connection.driver_connection.cursor()
    try:
        return cursor.execute(sql, params).fetchall()
    finally:
        cursor.close()


def _rows(conn, table, columns, row_ids=None) -> list[tuple]:
    names = ", ".join(f'"{c}"' for c in ("id", "created_hlc", "created_by", *columns))
    if row_ids is None:
        return raw_select(conn, f'SELECT {names} FROM "{table.name}"')
    rows = []
    for chunk in _chunks(row_ids):
        marks = ",".join("?" * len(chunk))
        rows += raw_select(conn, f'SELECT {names} FROM "{table.name}" WHERE id IN ({marks})',
                           tuple(chunk))
    return rows


def _fresh_rows(conn, table, columns, since, stamps) -> list[tuple]:
    """Rows created after what ``since`` holds for their node (asked of SQLite), and rows with
    a field stamp it lacks."""
    names = ", ".join(f'"{c}"' for c in ("id", "created_hlc", "created_by", *columns))
    cases = " ".join("WHEN ? THEN ?" for _ in since)
    params = [value for pair in since.items() for value in pair]
    rows = raw_select(conn, f'SELECT {names} FROM "{table.name}" WHERE created_hlc > '
                            f"CASE substr(created_hlc, 21) {cases} ELSE '' END", tuple(params))
    have = {row[0] for row in rows}
    edited = [row_id for row_id, fields in stamps.items() if row_id not in have
              and any(hlc > since.get(node_of(hlc), "") for hlc, _op in fields.values())]
    return rows + (_rows(conn, table, columns, edited) if edited else [])


def _fresh(row, row_stamps, since) -> bool:
    created = row[1]
    if created > since.get(node_of(created), ""):
        return True
    return bool(row_stamps) and any(hlc > since.get(node_of(hlc), "")
                                    for hlc, _op in row_stamps.values())


def _mask(row, blank, binary, holes, unknown) -> list:
    values = list(row)
    for i in binary:
        values[i] = to_wire(values[i])
    for i in blank:
        values[i] = None
    for i, name, ids in holes:
        if values[0] in ids:
            values[i] = None
            unknown.setdefault(name, []).append(values[0])
    return values


def build_payload(session, identity, clock, *, scope: dict | None = None,
                  minimise: bool | None = None, since: dict[str, str] | None = None,
                  withdraw: list[dict] | None = None, schema: str = "") -> Payload:
    """Everything (``scope=None``) or a scope; with ``since`` (what the recipient has already
    acknowledged) only rows holding a stamp it lacks, each with all its fields and stamps."""
    if minimise is None:
        minimise = scope is not None
    conn = session.connection()
    minimised = list(minimised_fields()) if minimise else []
    left_out = {tuple(f.split(".", 1)) for f in minimised}
    wanted = scope_ids(conn, scope) if scope is not None else None
    withheld: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row_id, field, table_name in session.execute(
            select(WithheldField.row_id, WithheldField.field, WithheldField.table_name)):
        withheld[(table_name, field)].add(row_id)
    since = since or {}
    tables: dict[str, TableData] = {}
    unknown: dict[str, list[str]] = {}
    for table in ordered_tables():
        columns = data_columns(table)
        row_ids = None if wanted is None else wanted.get(table.name, set())
        if row_ids is not None and not row_ids:
            tables[table.name] = TableData(list(columns))
            continue
        stamps = _newest_stamps(conn, table.name, row_ids)
        blank = [i + 3 for i, c in enumerate(columns) if (table.name, c) in left_out]
        binary = [i + 3 for i, c in enumerate(columns) if c in binary_columns(table)]
        holes = [(i + 3, f"{table.name}.{c}", withheld[(table.name, c)])
                 for i, c in enumerate(columns)
                 if (table.name, c) in withheld and (table.name, c) not in left_out]
        if since and row_ids is None:
            rows = _fresh_rows(conn, table, columns, since, stamps)
        else:
            rows = _rows(conn, table, columns, row_ids)
            if since:
                rows = [row for row in rows if _fresh(row, stamps.get(row[0]), since)]
        if blank or binary or holes:
            rows = [_mask(row, blank, binary, holes, unknown) for row in rows]
        sent = {row[0] for row in rows} if since else None
        out_stamps = [[row_id, field, hlc, operator]
                      for row_id, fields in stamps.items()
                      if sent is None or row_id in sent
                      for field, (hlc, operator) in fields.items()
                      if (table.name, field) not in left_out]
        out_rows = rows
        tables[table.name] = TableData(list(columns), out_rows, out_stamps)
    return Payload(
        sender={"device_id": identity.device_id, "node": identity.node, "name": identity.name},
        seen=current_vector(session, clock), tables=tables, scope=scope,
        minimised=minimised, unknown=unknown, withdraw=list(withdraw or []),
        partial=is_partial(session), schema=schema)
