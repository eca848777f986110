"""Every synced table, with every column, crosses into an empty copy.

The rows are made from the metadata (one value of each column's own type, edited once so the
field stamps travel too), so a table or column added later is covered without touching this
test. The second test drops each column in turn from the payload — what an older sender
sends — so the placeholder the merge writes for it must be a value of that column's type.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

import pytest
from sqlalchemy import inspect

from desktop.storage.records import synced_tables
from desktop.sync.exchange import decode_payload, encode_payload
from desktop.sync.exchange.tables import data_columns, ordered_tables, python_type_of
from desktop.sync.transfer import ExportRequest, export_bundle, import_bundle

from .conftest import deliver, export, snapshot

PASS = "每一列-every-column"


def _value(column, n: int):
    """A non-empty value of the column's own type; ``n`` keeps unique columns apart."""
    enums = getattr(column.type, "enums", None)
    if enums:
        return enums[-1]
    python_type = python_type_of(column)
    if issubclass(python_type, bool):
        return True
    if issubclass(python_type, enum.Enum):
        return list(python_type)[-1]
    if issubclass(python_type, int):
        return 7 + n
    if issubclass(python_type, Decimal):
        return Decimal("12.34") + n
    if issubclass(python_type, float):
        return 2.5 + n
    if issubclass(python_type, dt.datetime):
        return dt.datetime(2024, 2, 29, 13, 45, 6 + n)
    if issubclass(python_type, dt.date):
        return dt.date(2024, 2, 28 + n)
    if issubclass(python_type, bytes):
        return bytes([0, 255, n])
    if issubclass(python_type, dict):
        return {"键": f"值{n}"}
    if issubclass(python_type, list):
        return [f"值{n}", n]
    text = f"值{n}·{column.name}"
    length = getattr(column.type, "length", None)
    return text[:length] if length else text


def _fill(db) -> dict[str, list[str]]:
    """Two rows per synced table (parents first), every data column set, then every field of
    the second row edited once; row ids by table."""
    models = synced_tables()
    made: dict[str, list[str]] = {}
    with db.unit_of_work("生成") as uow:
        for table in ordered_tables():
            model = models[table.name]
            mapper = inspect(model)
            for n in range(2):
                attrs = {}
                for name in data_columns(table):
                    column = table.c[name]
                    key = mapper.get_property_by_column(column).key
                    fk = next(iter(column.foreign_keys), None)
                    if fk is None:
                        attrs[key] = False if name == "deleted" else _value(column, n)
                    elif fk.column.table.name == table.name:  # a row's parent of its own kind
                        attrs[key] = made[table.name][0] if n else None
                    else:
                        attrs[key] = made[fk.column.table.name][n]
                row = model(**attrs)
                uow.session.add(row)
                uow.session.flush()
                made.setdefault(table.name, []).append(row.id)
    with db.unit_of_work("改过") as uow:
        for table in ordered_tables():
            model = models[table.name]
            mapper = inspect(model)
            row = uow.session.get(model, made[table.name][1])
            # Row 1's values would break a unique index (the audit log's device and seq).
            unique = {c.name for index in table.indexes if index.unique for c in index.columns}
            for name in data_columns(table):
                column = table.c[name]
                if name == "deleted" or column.foreign_keys or name in unique:
                    continue
                setattr(row, mapper.get_property_by_column(column).key, _value(column, 0))
    return made


def test_every_table_and_column_crosses_into_an_empty_copy(replicas, tmp_path):
    office, laptop = replicas("office"), replicas("laptop")
    _fill(office)
    before = snapshot(office)
    for table in ordered_tables():  # the test covers what it claims: no column left empty
        rows = before[table.name]
        assert len(rows) == 2, table.name
        for i, name in enumerate(data_columns(table)):
            if name != "deleted":  # (a column pointing at its own table is set on row 2)
                assert rows[1][3 + i] is not None, f"{table.name}.{name}"
    path = tmp_path / "full.linli"
    export_bundle(office, ExportRequest(path, PASS))
    result = import_bundle(laptop, path, PASS, trust_signer=True)
    assert {name: c.new for name, c in result.per_table.items()} == {
        t.name: 2 for t in ordered_tables()}
    after = snapshot(laptop)
    for table in ordered_tables():
        theirs = after[table.name]
        if table.name == "audit_entry":  # and the laptop's own entry: it imported a bundle
            theirs = [r for r in theirs if r[0] in {row[0] for row in before[table.name]}]
        assert theirs == before[table.name], table.name
    assert after["stamps"] == before["stamps"]


@pytest.mark.parametrize("column", [f"{t.name}.{c}" for t in ordered_tables()
                                    for c in data_columns(t) if c != "deleted"
                                    # a reference with no row to point at cannot be filled
                                    and (t.c[c].nullable or not t.c[c].foreign_keys)])
def test_a_column_an_older_sender_lacks_gets_a_placeholder_of_its_type(replicas, column):
    office, laptop = replicas("office"), replicas("laptop")
    _fill(office)
    table_name, name = column.split(".", 1)
    payload = decode_payload(export(office))
    data = payload.tables[table_name]
    at = data.columns.index(name)
    data.columns.pop(at)
    for row in data.rows:
        row.pop(3 + at)
    data.stamps = [s for s in data.stamps if s[1] != name]
    deliver(laptop, encode_payload(payload))
    theirs = snapshot(laptop)[table_name]
    assert [row[0] for row in theirs] == [row[0] for row in snapshot(office)[table_name]]
