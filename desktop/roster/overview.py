"""How big the roster is, and how it is made up: a few grouped COUNTs, no rows loaded.

The roster page reads these off the UI thread (the database lane). "Living" residents are those
not deleted, not moved out and not deceased; every breakdown counts only them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from desktop.roster.models import (
    Building,
    Compound,
    Dwelling,
    Household,
    Resident,
    ResidentTag,
    Tag,
)


@dataclass(frozen=True)
class RosterCounts:
    residents: int
    households: int
    dwellings: int
    buildings: int
    compounds: int


# (lowest age, highest age or None) of each age band, in order; the UI labels them "0–6" etc.
AGE_BANDS: tuple[tuple[int, int | None], ...] = (
    (0, 6), (7, 13), (14, 17), (18, 59), (60, 79), (80, None),
)


@dataclass(frozen=True)
class Bar:
    key: str  # a row id, a code (tag code, residence status) or an age band "0-6"
    label: str  # a place or user-tag name as stored; "" where the UI translates ``key``
    count: int


@dataclass(frozen=True)
class RosterOverview:
    counts: RosterCounts
    compounds: tuple[Bar, ...] = ()
    buildings: tuple[Bar, ...] = ()  # label "compound building", e.g. "翠苑一区 3幢"
    age_bands: tuple[Bar, ...] = ()  # key "0-6" … "80-"; plus "unknown" if any lack a birth date
    tags: tuple[Bar, ...] = ()  # key: the tag's code for built-in tags, else "" and label = name
    residence_statuses: tuple[Bar, ...] = ()  # key: codes.RESIDENCE_STATUSES
    extra: dict[str, int] = field(default_factory=dict)


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


def _living():
    return and_(Resident.deleted.is_(False), Resident.moved_out.is_(False),
                Resident.deceased.is_(False))


def _years_before(today: dt.date, years: int) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def band_key(low: int, high: int | None) -> str:
    return f"{low}-{high}" if high is not None else f"{low}-"


def roster_overview(session: Session, today: dt.date | None = None) -> RosterOverview:
    """Counts by compound and building, age band, tag and residence status (living residents)."""
    today = today or dt.date.today()
    living = _living()
    placed = (
        select(Compound.id, Compound.name, Building.id, Building.name, func.count())
        .select_from(Resident)
        .join(Household, Household.id == Resident.household_id)
        .join(Dwelling, Dwelling.id == Household.dwelling_id)
        .join(Building, Building.id == Dwelling.building_id)
        .join(Compound, Compound.id == Building.compound_id)
        .where(living)
        .group_by(Building.id)
        .order_by(Compound.name, Building.sort_key, Building.name)
    )
    compounds: dict[str, list] = {}
    buildings = []
    for compound_id, compound_name, building_id, building_name, n in session.execute(placed):
        entry = compounds.setdefault(compound_id, [compound_name, 0])
        entry[1] += n
        buildings.append(Bar(building_id, f"{compound_name} {building_name}", n))

    # Age bands: age >= a  <=>  born on or before today minus a years; one CASE, one scan.
    whens = []
    for low, high in AGE_BANDS:
        cond = [Resident.birth_date <= _years_before(today, low)]
        if high is not None:
            cond.append(Resident.birth_date > _years_before(today, high + 1))
        whens.append((and_(*cond), band_key(low, high)))
    band = case(*whens, else_="unknown")
    band_counts = dict(session.execute(
        select(band, func.count()).select_from(Resident).where(living).group_by(band)).all())
    age_bands = [Bar(band_key(low, high), "", band_counts.get(band_key(low, high), 0))
                 for low, high in AGE_BANDS]
    if band_counts.get("unknown"):
        age_bands.append(Bar("unknown", "", band_counts["unknown"]))

    tag_rows = session.execute(
        select(Tag.code, Tag.name, func.count())
        .select_from(ResidentTag)
        .join(Tag, Tag.id == ResidentTag.tag_id)
        .join(Resident, Resident.id == ResidentTag.resident_id)
        .where(living, ResidentTag.deleted.is_(False), Tag.deleted.is_(False))
        .group_by(Tag.id)
        .order_by(func.count().desc())
    ).all()
    statuses = session.execute(
        select(Resident.residence_status, func.count()).where(living)
        .group_by(Resident.residence_status).order_by(func.count().desc())
    ).all()
    return RosterOverview(
        counts=roster_counts(session),
        compounds=tuple(Bar(cid, name, n) for cid, (name, n) in compounds.items()),
        buildings=tuple(buildings),
        age_bands=tuple(age_bands),
        tags=tuple(Bar(code or "", name if not code else "", n) for code, name, n in tag_rows),
        residence_statuses=tuple(Bar(status, "", n) for status, n in statuses),
        extra={"living": sum(band_counts.values())},
    )
