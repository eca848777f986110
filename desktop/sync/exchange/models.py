"""Local bookkeeping of exchanges: peers, what each copy has seen, bundles, and the review list.

None of these tables sync: they describe this copy's dealings with others.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.storage.base import Base
from desktop.storage.records import STAMP_LEN


class SyncPeer(Base):
    """A device this copy exchanged bundles with."""

    __tablename__ = "sync_peer"

    device_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    node: Mapped[str] = mapped_column(String(64), default="")
    public_key: Mapped[str] = mapped_column(Text, default="")
    fingerprint: Mapped[str] = mapped_column(String(128), default="")
    trusted: Mapped[bool] = mapped_column(Boolean, default=False)
    first_seen_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_import_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_export_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # The peer's version vector from its last bundle: what it has, so need not be sent again.
    acked: Mapped[dict] = mapped_column(JSON, default=dict)
    # The scope last exported to it (None: everything); a changed scope sends everything again.
    scope: Mapped[dict | None] = mapped_column(JSON)


class SeenStamp(Base):
    """This copy's version vector: per node, the newest stamp it holds from that node."""

    __tablename__ = "seen_stamp"

    node: Mapped[str] = mapped_column(String(64), primary_key=True)
    stamp: Mapped[str] = mapped_column(String(STAMP_LEN))


class BundleLog(Base):
    """Every bundle made or imported here (an imported one is never applied twice)."""

    __tablename__ = "bundle_log"

    bundle_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    direction: Mapped[str] = mapped_column(String(3))  # "in" | "out"
    peer_device_id: Mapped[str] = mapped_column(String(32), default="")
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(12), default="full")  # "full" | "scoped"
    summary: Mapped[dict] = mapped_column(JSON, default=dict)
    file_name: Mapped[str] = mapped_column(String(260), default="")


class SyncConflict(Base):
    """A value that lost a merge, kept for review: nothing is dropped silently."""

    __tablename__ = "sync_conflict"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(24))  # "concurrent_edit" | "edited_after_delete"
    kept_value: Mapped[str | None] = mapped_column(Text)  # JSON
    kept_hlc: Mapped[str] = mapped_column(String(STAMP_LEN), default="")
    lost_value: Mapped[str | None] = mapped_column(Text)  # JSON
    lost_hlc: Mapped[str] = mapped_column(String(STAMP_LEN), default="")
    lost_operator: Mapped[str] = mapped_column(String(100), default="")
    lost_node: Mapped[str] = mapped_column(String(64), default="")
    detected_at: Mapped[dt.datetime] = mapped_column(DateTime)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    resolved_by: Mapped[str] = mapped_column(String(100), default="")
    resolution: Mapped[str | None] = mapped_column(Text)  # JSON of the chosen value

    __table_args__ = (Index("ix_sync_conflict_open", "resolved_at"),)


class WithheldField(Base):
    """A field of a row this copy received without its value (a minimised bundle): its stored
    value is a placeholder, so it is never sent on as if it were real."""

    __tablename__ = "withheld_field"

    row_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    field: Mapped[str] = mapped_column(String(64), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(64))
