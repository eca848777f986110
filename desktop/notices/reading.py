"""The notices page's reads: each opens one short read session on the ``Database`` and returns
plain data (``NoticeRow``s, a ``NoticeSpec``, names, a string), never a live ORM object."""

from __future__ import annotations

import datetime as dt

from desktop.notices.archive import NoticeRow, known_names, list_notices, load_notice
from desktop.notices.spec import NoticeSpec
from desktop.roster.community import current_community
from desktop.storage.database import Database


def notice_rows(db: Database, today: dt.date) -> list[NoticeRow]:
    """The archive list, newest first, each with its status as of ``today``."""
    with db.reading() as session:
        return list_notices(session, today)


def notice_spec(db: Database, notice_id: str) -> NoticeSpec:
    """One notice as the editor shows it (a ValidationError when it is gone)."""
    with db.reading() as session:
        return load_notice(session, notice_id)


def roster_names(db: Database) -> frozenset[str]:
    """The names on the roster: what masking looks for in a notice's text."""
    with db.reading() as session:
        return known_names(session)


def default_issuing_body(db: Database) -> str:
    """The community's issuing body for a new notice; "" before first-run setup."""
    with db.reading() as session:
        community = current_community(session)
    return community.issuing_body if community is not None else ""
