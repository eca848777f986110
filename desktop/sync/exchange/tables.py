"""The synced tables as the exchange sees them: parents before children, raw column values."""

from __future__ import annotations

import base64
from functools import cache

from sqlalchemy import LargeBinary, Table
from sqlalchemy.dialects import sqlite

from desktop.storage.base import scalar_default
from desktop.sync.records import BOOKKEEPING_COLUMNS, synced_tables
from desktop.sync.stamping import to_json_value

_DIALECT = sqlite.dialect()

# Personal data a scoped bundle leaves out unless the office chooses otherwise.
MINIMISED_FIELDS = ("resident.id_number", "resident.id_number_original",
                    "dwelling_owner.outside_id_number")


@cache
def ordered_tables() -> tuple[Table, ...]:
    """Every synced table, each after the tables it references."""
    from desktop.storage.schema import metadata

    names = set(synced_tables())
    return tuple(t for t in metadata.sorted_tables if t.name in names)


@cache
def table_named(name: str) -> Table | None:
    return next((t for t in ordered_tables() if t.name == name), None)


@cache
def data_columns(table: Table) -> tuple[str, ...]:
    return tuple(c.name for c in table.columns if c.name not in BOOKKEEPING_COLUMNS)


@cache
def binary_columns(table: Table) -> frozenset[str]:
    return frozenset(c.name for c in table.columns if isinstance(c.type, LargeBinary))


def to_wire(value):
    """A stored value as it travels (bytes as base64)."""
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode("ascii")}
    return value


def from_wire(value):
    if isinstance(value, dict):
        return base64.b64decode(value.get("base64", ""))
    return value


def json_of(table: Table, column: str, wire) -> str:
    """A wire value as the JSON a FieldStamp keeps (to_json_value of the Python value)."""
    col = table.c[column]
    raw = from_wire(wire)
    processor = col.type._cached_result_processor(_DIALECT, None)
    value = processor(raw) if processor is not None and raw is not None else raw
    if isinstance(value, int) and not isinstance(value, bool) and col.type.python_type is bool:
        value = bool(value)
    return to_json_value(value)


@cache
def default_raw(table: Table, column: str):
    """The stored form of a column's default (placeholders for values not sent)."""
    col = table.c[column]
    default = scalar_default(col)
    if default is None and not col.nullable:
        python_type = col.type.python_type
        default = "" if python_type is str else (False if python_type is bool else 0)
    processor = col.type._cached_bind_processor(_DIALECT)
    return processor(default) if processor is not None and default is not None else default
