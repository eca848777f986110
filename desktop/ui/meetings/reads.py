"""The Meetings page's reads: each opens one short read session and returns plain data (the
core's dataclasses), never an ORM object. Qt-free."""

from __future__ import annotations

import datetime as dt

from desktop.storage.database import Database

# Residents offered by one search (a name typed is usually a handful).
PICK_LIMIT = 50


def meeting_rows(db: Database):
    from desktop.meetings.reading import list_meetings

    with db.reading() as session:
        return list_meetings(session)


def meeting(db: Database, meeting_id: str):
    from desktop.meetings.reading import meeting_detail

    with db.reading() as session:
        return meeting_detail(session, meeting_id)


def actions(db: Database, today: dt.date, open_only: bool = False, party: str | None = None,
            compound_id: str | None = None):
    from desktop.meetings.reading import action_rows

    with db.reading() as session:
        return action_rows(session, today=today, open_only=open_only, party=party,
                           compound_id=compound_id)


def tracker(db: Database, today: dt.date):
    """The tracker's figures (open, overdue, closed this month; resolution rates)."""
    from desktop.meetings.tracking import tracker as figures

    with db.reading() as session:
        return figures(session, today=today)


def compounds(db: Database) -> list[tuple[str, str]]:
    from desktop.roster.place_choices import compound_choices

    with db.reading() as session:
        return compound_choices(session)


def search_index(db: Database):
    """The roster's search index (built once per picker; a worker's job on a big roster)."""
    from desktop.roster.search import SearchIndex

    with db.reading() as session:
        return SearchIndex.build(session)


def residents(db: Database, ids) -> list[tuple[str, str, str]]:
    """(id, name, address) of up to PICK_LIMIT of the residents ``ids``, by name."""
    from desktop.roster.place_choices import resident_choices

    with db.reading() as session:
        return resident_choices(session, ids, PICK_LIMIT)


def search(db: Database, text: str):
    """Search hits across meetings and the three lists (``meetings.search``)."""
    from desktop.meetings.search import search_meetings

    with db.reading() as session:
        return search_meetings(session, text)


def votes(db: Database) -> list[tuple[str, str]]:
    """(id, title) of the owners' votes an agenda item may be about, newest first."""
    from desktop.meetings.links import vote_choices

    with db.reading() as session:
        return vote_choices(session)


def campaigns(db: Database) -> list[tuple[str, str]]:
    """(id, name) of the visiting campaigns an agenda item may be about, newest first."""
    from desktop.visits.campaigns.reading import campaign_list

    with db.reading() as session:
        return campaign_list(session)
