"""What makes a table "synced": UUIDv7 keys, a creation stamp, a tombstone field, and a log of
per-field stamps.

A row's fields all carry the row's creation stamp until a field is changed; each change appends
a ``FieldStamp`` (row, field, stamp, operator, new value) in the same transaction as the data.
The effective stamp of a field is its newest ``FieldStamp``, else the row's ``created_hlc``.
That keeps a freshly imported 200,000-resident roster to one stamp per row, while every later
edit stays attributable (who, when, what) and mergeable per field.

Deleting a synced row is setting its ``deleted`` field: a tombstone that syncs like any edit.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Index, String, Text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from desktop.storage.base import Base
from desktop.storage.ids import uuid7

STAMP_LEN = 64  # wall(13) + counter(5) + node (device 16 hex + "." + incarnation) + dashes

# Columns that describe the record itself rather than its data; never stamped per field.
BOOKKEEPING_COLUMNS = frozenset({"id", "created_hlc", "created_by"})


class SyncedRecord:
    """Mixin for every table whose rows travel between devices."""

    __synced__ = True

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=uuid7)
    created_hlc: Mapped[str] = mapped_column(String(STAMP_LEN), nullable=False)
    created_by: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    deleted: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    @declared_attr.directive
    @classmethod
    def __table_args__(cls):
        # Exports ask "what was created after stamp X": keep that an index lookup.
        return (Index(f"ix_{cls.__tablename__}_created_hlc", "created_hlc"),)


def is_synced(mapped_class: type) -> bool:
    return bool(getattr(mapped_class, "__synced__", False))


def synced_tables() -> dict[str, type]:
    """Table name → mapped class for every synced table."""
    # Make sure every feature's tables are registered, whoever asks first.
    from desktop.storage.schema import full_metadata

    full_metadata()
    return {
        m.class_.__tablename__: m.class_
        for m in Base.registry.mappers
        if is_synced(m.class_)
    }


class FieldStamp(Base):
    """One change to one field of one synced row: the per-field clock and the history."""

    __tablename__ = "field_stamp"

    row_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    field: Mapped[str] = mapped_column(String(64), primary_key=True)
    hlc: Mapped[str] = mapped_column(String(STAMP_LEN), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(64), nullable=False)
    operator: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    # The new value as JSON, so the history can say what a field was changed to.
    value: Mapped[str | None] = mapped_column(Text)
    # The value it replaced on this device, as JSON (None when unknown): the history reads
    # "from → to" even for a field's first edit, whose old value lived only in the row.
    old_value: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_field_stamp_hlc", "hlc"),)


class LocalState(Base):
    """Facts about this copy of the database that never sync: device id, incarnation, clock."""

    __tablename__ = "local_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)
