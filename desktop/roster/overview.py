"""How big the roster is: a few COUNTs (the roster page reads them off the UI thread)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.roster.models import Building, Compound, Dwelling, Household, Resident


@dataclass(frozen=True)
class RosterCounts:
    residents: int
    households: int
    dwellings: int
    buildings: int
    compounds: int


def roster_counts(session: Session) -> RosterCounts:
    def count(model) -> int:
        return session.execute(
            select(func.count()).select_from(model).where(model.deleted.is_(False))
        ).scalar_one()

    return RosterCounts(
        residents=count(Resident),
        households=count(Household),
        dwellings=count(Dwelling),
        buildings=count(Building),
        compounds=count(Compound),
    )
