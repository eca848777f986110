"""The synced tables as the exchange sees them: parents before children, raw column values."""

from __future__ import annotations

import base64
import datetime as dt
import enum
from decimal import Decimal
from functools import cache

from sqlalchemy import LargeBinary, Table
from sqlalchemy.dialects import sqlite

from desktop.storage.base import scalar_default
from desktop.storage.records import BOOKKEEPING_COLUMNS, synced_tables
from desktop.storage.schema import full_metadata
from desktop.storage.stamping import to_json_value

_DIALECT = sqlite.dialect()


@cache
def ordered_tables() -> tuple[Table, ...]:
    """Every synced table, each after the tables it references."""
    metadata = full_metadata()
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


# A placeholder of the column's own type for a non-null column with no default: the merge
# writes one where a bundle holds no value (a field left out, or unknown to an older sender).
# A value of another type (0 for a date) is refused by the column's bind processor.
_EMPTY = {str: "", bool: False, int: 0, float: 0.0, Decimal: Decimal(0), bytes: b"",
          dict: {}, list: [], dt.date: dt.date(1970, 1, 1),
          dt.datetime: dt.datetime(1970, 1, 1), dt.time: dt.time(0)}


def python_type_of(column) -> type:
    """The Python type of a column's values. A ``TypeDecorator`` (``Hundredths``) does not say
    it: ask it to read back the empty value of the type it stores."""
    try:
        python_type = column.type.python_type
    except NotImplementedError:
        python_type = object
    impl = getattr(column.type, "impl_instance", None)
    if python_type is object and impl is not None:
        stored = next((empty for kind, empty in _EMPTY.items()
                       if issubclass(impl.python_type, kind)), None)
        if stored is not None:
            return type(column.type.process_result_value(stored, _DIALECT))
    return python_type


def placeholder(column):
    """The value a row gets for ``column`` when the bundle holds none (Python form)."""
    default = scalar_default(column)
    if default is not None or column.nullable:
        return default
    enums = getattr(column.type, "enums", None)
    if enums:
        return enums[0]
    python_type = python_type_of(column)
    for kind, empty in _EMPTY.items():
        if issubclass(python_type, kind) and not (kind is dt.date
                                                  and issubclass(python_type, dt.datetime)):
            return empty
    if issubclass(python_type, enum.Enum):
        return next(iter(python_type))
    return ""


@cache
def default_raw(table: Table, column: str):
    """The stored form of a column's placeholder (for values not sent)."""
    col = table.c[column]
    value = placeholder(col)
    processor = col.type._cached_bind_processor(_DIALECT)
    return processor(value) if processor is not None and value is not None else value
