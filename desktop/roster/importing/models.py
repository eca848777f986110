"""The record of each import: what came from which file, so the office can undo it as a whole.

An import writes all its rows in one transaction with stamps from this device's clock, which
only moves forward. So the import's rows are exactly the rows created — and the field stamps
written — between ``first_stamp`` and ``last_stamp`` on this device's node: no per-row list is
kept, and undoing needs nothing but this record. Batches are this device's own history (an
undo is a stamped change that syncs like any other), so the table is not synced.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from desktop.storage.base import Base
from desktop.storage.ids import uuid7
from desktop.storage.records import STAMP_LEN


class ImportBatch(Base):
    __tablename__ = "import_batch"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=uuid7)
    file_name: Mapped[str] = mapped_column(String(260))
    sheet: Mapped[str] = mapped_column(String(100), default="")
    policy: Mapped[str] = mapped_column(String(10))
    operator: Mapped[str] = mapped_column(String(100), default="")
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)
    node: Mapped[str] = mapped_column(String(STAMP_LEN))
    first_stamp: Mapped[str] = mapped_column(String(STAMP_LEN))
    last_stamp: Mapped[str] = mapped_column(String(STAMP_LEN))
    created: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    undone_by: Mapped[str] = mapped_column(String(100), default="")
