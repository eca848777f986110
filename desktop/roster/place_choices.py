"""Places and residents offered in pickers (a vote's scope, a tracker's compound filter, a
meeting's attendees): plain (id, name) pairs in the roster's order, read in one query each."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.roster.address import format_address
from desktop.roster.models import Building, Compound, Dwelling, Household, Resident


def number_key(text: str) -> tuple[int, int, str]:
    """Numbers in numeric order before other names: unit "2" before "10" before "东"."""
    return (0, int(text), text) if text.isdigit() else (1, 0, text)


def compound_choices(session: Session) -> list[tuple[str, str]]:
    return [(row.id, row.name) for row in session.execute(
        select(Compound.id, Compound.name).where(Compound.deleted.is_(False))
        .order_by(Compound.name))]


def building_choices(session: Session, compound_id: str) -> list[tuple[str, str]]:
    """(id, name) of a compound's buildings, in the roster's order (3幢 before 10幢)."""
    return [(row.id, row.name) for row in session.execute(
        select(Building.id, Building.name)
        .where(Building.compound_id == compound_id, Building.deleted.is_(False))
        .order_by(Building.sort_key, Building.name))]


def unit_choices(session: Session, building_id: str) -> list[str]:
    """The units (stairwells) a building's dwellings are in, "1" before "10"."""
    found = set(session.scalars(
        select(Dwelling.unit).where(Dwelling.building_id == building_id,
                                    Dwelling.deleted.is_(False)).distinct()))
    return sorted((unit for unit in found if unit), key=number_key)


def resident_choices(session: Session, resident_ids, limit: int) -> list[tuple[str, str, str]]:
    """(id, name, address) of up to ``limit`` of the residents ``resident_ids``, by name."""
    wanted = list(resident_ids)[:2000]
    rows = session.execute(
        select(Resident.id, Resident.name, Building.name.label("building"),
               Dwelling.unit, Dwelling.room)
        .outerjoin(Household, Household.id == Resident.household_id)
        .outerjoin(Dwelling, Dwelling.id == Household.dwelling_id)
        .outerjoin(Building, Building.id == Dwelling.building_id)
        .where(Resident.id.in_(wanted), Resident.deleted.is_(False))
        .order_by(Resident.name).limit(limit)).all()
    return [(row.id, row.name, format_address(row.building, row.unit, row.room)
             if row.room else "") for row in rows]
