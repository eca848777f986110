"""The operators of this copy (local, never synced) and the audit log (synced, append-only).

Operators live inside the encrypted database, not only in the key-slots file beside it: the
slots file says whose password unwraps the data key, the table says what their role is, and a
volunteer cannot promote themselves by editing a file next to the database.

The audit log is hash-chained per device: each entry carries its device's sequence number and
the hash of that device's previous entry, so a changed, removed or inserted entry breaks the
chain (``desktop.security.audit.verify``). Entries travel to the office in bundles like other
synced rows and are never edited.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from desktop.storage.base import Base
from desktop.storage.records import SyncedRecord


class Operator(Base):
    __tablename__ = "operator"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    role: Mapped[str] = mapped_column(String(20))  # desktop.core.access.Role
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    added_by: Mapped[str] = mapped_column(String(100), default="")


class AuditEntry(SyncedRecord, Base):
    __tablename__ = "audit_entry"

    device_id: Mapped[str] = mapped_column(String(40))
    seq: Mapped[int] = mapped_column(Integer)  # 1, 2, 3… per device
    at: Mapped[dt.datetime] = mapped_column(DateTime)  # UTC
    operator: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[str] = mapped_column(String(20), default="")
    action: Mapped[str] = mapped_column(String(40))  # desktop.security.audit.Action
    # What it concerned, never personal data itself: a file name, a resident's id, a bundle.
    subject: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[str] = mapped_column(Text, default="")  # JSON: rows, masked, …
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    hash: Mapped[str] = mapped_column(String(64))

    @declared_attr.directive
    @classmethod
    def __table_args__(cls):
        return (Index("ix_audit_entry_created_hlc", "created_hlc"),  # as every synced table has
                Index("ix_audit_entry_device_seq", "device_id", "seq", unique=True),
                Index("ix_audit_entry_at", "at"),
                # A merge inserts entries it lacks and never changes one it holds
                # (desktop.sync.exchange.merge reads this).
                {"info": {"append_only": True}})
