"""Notices and the exact PDFs that were printed of them (the notice archive).

Both tables sync: every copy of the database can show what was posted, when, and the very file
that went on the notice board (its SHA-256 checks it was not changed since). A print record is
never edited; printing again adds another.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.storage.base import Base
from desktop.storage.records import SyncedRecord

STATUSES = ("draft", "posted", "withdrawn")  # stored; "expired" is derived from the dates


class Notice(SyncedRecord, Base):
    __tablename__ = "notice"

    kind: Mapped[str] = mapped_column(String(20))  # spec.NOTICE_KINDS
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    issuing_body: Mapped[str] = mapped_column(String(100), default="")
    issued_on: Mapped[dt.date] = mapped_column(Date)
    posted_from: Mapped[dt.date | None] = mapped_column(Date)
    posted_until: Mapped[dt.date | None] = mapped_column(Date)
    objection: Mapped[str] = mapped_column(Text, default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    attachments: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of titles
    paper: Mapped[str] = mapped_column(String(4), default="A4")
    mask: Mapped[bool] = mapped_column(Boolean, default=True)
    status: Mapped[str] = mapped_column(String(12), default="draft")


class NoticePrint(SyncedRecord, Base):
    __tablename__ = "notice_print"

    notice_id: Mapped[str] = mapped_column(ForeignKey("notice.id"), index=True)
    printed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    printed_by: Mapped[str] = mapped_column(String(100), default="")
    sha256: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
