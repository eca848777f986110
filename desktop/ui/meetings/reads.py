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
    """The tracker's figures, or None while ``desktop.meetings.tracking`` is not there."""
    try:
        from desktop.meetings import tracking
    except ImportError:
        return None
    with db.reading() as session:
        return tracking.tracker(session, today=today)


def compounds(db: Database) -> list[tuple[str, str]]:
    from sqlalchemy import select

    from desktop.roster.models import Compound

    with db.reading() as session:
        return [(row.id, row.name) for row in session.execute(
            select(Compound.id, Compound.name).where(Compound.deleted.is_(False))
            .order_by(Compound.name))]


def search_index(db: Database):
    """The roster's search index (built once per picker; a worker's job on a big roster)."""
    from desktop.roster.search import SearchIndex

    with db.reading() as session:
        return SearchIndex.build(session)


def residents(db: Database, ids) -> list[tuple[str, str, str]]:
    """(id, name, address) of up to PICK_LIMIT of the residents ``ids``, by name."""
    from sqlalchemy import select

    from desktop.roster.address import format_address
    from desktop.roster.models import Building, Dwelling, Household, Resident

    wanted = list(ids)[:2000]
    with db.reading() as session:
        rows = session.execute(
            select(Resident.id, Resident.name, Building.name.label("building"),
                   Dwelling.unit, Dwelling.room)
            .outerjoin(Household, Household.id == Resident.household_id)
            .outerjoin(Dwelling, Dwelling.id == Household.dwelling_id)
            .outerjoin(Building, Building.id == Dwelling.building_id)
            .where(Resident.id.in_(wanted), Resident.deleted.is_(False))
            .order_by(Resident.name).limit(PICK_LIMIT)).all()
    return [(row.id, row.name, format_address(row.building, row.unit, row.room)
             if row.room else "") for row in rows]


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
