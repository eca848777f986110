"""The print dialog's three lists as plain functions of the ``Database``: each reads what it
prints in one read session and returns the PDF's bytes (run on the files lane)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from desktop.core.tasks import TaskContext
from desktop.roster.printing import lists
from desktop.roster.reading import resident_names
from desktop.security.outputs import check
from desktop.storage.database import Database


def roster_list_pdf(db: Database, options: lists.RosterListOptions,
                    ctx: TaskContext | None = None) -> bytes:
    # A full-data list is refused to a volunteer before anything is read, even for the preview.
    check(db.actor, masked=not options.full_data)
    with db.reading() as session:
        return lists.render_roster_list(session, options, ctx=ctx)


def walk_list_pdf(db: Database, building_ids: Sequence[str],
                  ctx: TaskContext | None = None) -> bytes:
    with db.reading() as session:
        return lists.render_walk_list(session, building_ids, ctx=ctx)


def sign_in_sheet_pdf(db: Database, title: str, *, date: dt.date, place: str = "",
                      resident_ids: Sequence[str] = (), blank_rows: int = 20) -> bytes:
    """The sign-in sheet, with the names of ``resident_ids`` printed in their order."""
    names = resident_names(db, resident_ids)
    return lists.render_sign_in_sheet(title, date=date, place=place, names=names,
                                      blank_rows=blank_rows)
