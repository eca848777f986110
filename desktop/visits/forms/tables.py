"""The stored survey forms: a form, and its versions (synced tables).

A version's ``definition`` is the whole form as JSON (``model.to_data``). A version that an
answer points at is never changed again: editing the form then makes a new version, so every
answer keeps the questions it was given with (``service.save_form``). A form is never
removed while it has versions in use; taking it out of the list is ``archived``.
"""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.storage.base import Base
from desktop.storage.records import SyncedRecord

# Where a form came from.
SOURCES = ("template", "xlsform", "builder")
# What a form is for: an ordinary survey, or an owners' ballot (业主表决票) whose visits are
# ballots of the vote that made it (its ``opinion`` question says agree / against / abstain).
KINDS = ("survey", "ballot")


class FormRecord(SyncedRecord, Base):
    __tablename__ = "form"

    form_key: Mapped[str] = mapped_column(String(100))  # XLSForm's form_id (id_string)
    title: Mapped[str] = mapped_column(String(200))  # in the form's default language
    source: Mapped[str] = mapped_column(String(10), default="builder")
    kind: Mapped[str] = mapped_column(String(10), default="survey")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)


class FormVersion(SyncedRecord, Base):
    __tablename__ = "form_version"

    form_id: Mapped[str] = mapped_column(ForeignKey("form.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, … in the order they were made
    version: Mapped[str] = mapped_column(String(100), default="")  # the form's own label
    definition: Mapped[str] = mapped_column(Text)  # model.to_data as JSON
    file_name: Mapped[str] = mapped_column(String(260), default="")  # the XLSForm, if any
