"""The roster's reads for the window: each opens one short read session on the ``Database``
and hands back plain data (dataclasses, tuples, strings), never a live ORM object, so no widget
holds a session or touches a model. The quick/slow split (UI thread or database lane) is the
caller's; the lazy table's reads live in ``desktop.roster.source``."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from desktop.roster.community import CommunitySummary, current_community
from desktop.roster.ids import ResidentId
from desktop.roster.models import Resident
from desktop.roster.overview import RosterOverview, roster_overview
from desktop.storage.database import Database


def overview(db: Database) -> RosterOverview:
    """The overview tab's counts and charts (most of a second at 200,000: the database lane)."""
    with db.reading() as session:
        return roster_overview(session)


def community(db: Database) -> CommunitySummary | None:
    """The office's community; None before first-run setup."""
    with db.reading() as session:
        return current_community(session)


def resident_names(db: Database, resident_ids: Sequence[ResidentId]) -> list[str]:
    """The names of ``resident_ids`` in that order; ids no longer on the roster are left out."""
    if not resident_ids:
        return []
    with db.reading() as session:
        found = dict(session.execute(select(Resident.id, Resident.name)
                                     .where(Resident.id.in_(list(resident_ids)))).all())
    return [found[i] for i in resident_ids if i in found]


def import_history(db: Database, limit: int = 50) -> list:
    """The recent imports, newest first (``BatchInfo`` rows)."""
    from desktop.roster.importing.batches import recent_batches

    with db.reading() as session:
        return recent_batches(session, limit=limit)
