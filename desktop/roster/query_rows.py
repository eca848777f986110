"""One page of the residents or households table: rows for given ids, in the given order.

Tags: a built-in tag is given as its code (codes.BUILTIN_TAGS key, e.g. "elderly") so the UI
shows it translated with ``_(BUILTIN_TAGS[code])``; a user tag as its name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Select, and_, select
from sqlalchemy.orm import Session

from desktop.roster.address import format_address
from desktop.roster.codes import HEAD_RELATIONSHIP
from desktop.roster.id_number import age_on
from desktop.roster.models import (
    Building,
    Compound,
    Dwelling,
    DwellingOwner,
    Household,
    Resident,
    ResidentTag,
    Tag,
)
from desktop.roster.views import HouseholdRow, ResidentRow

_PAGE_CHUNK = 900  # bound parameters per query (SQLite's limit is far above)


def _with_address(stmt: Select) -> Select:
    """Join a household's dwelling, building and compound (kept when any is missing)."""
    return (
        stmt.outerjoin(Dwelling, and_(Dwelling.id == Household.dwelling_id,
                                      Dwelling.deleted.is_(False)))
        .outerjoin(Building, and_(Building.id == Dwelling.building_id,
                                  Building.deleted.is_(False)))
        .outerjoin(Compound, and_(Compound.id == Building.compound_id,
                                  Compound.deleted.is_(False)))
    )

def resident_rows(session: Session, ids: Sequence[str]) -> list[ResidentRow]:
    """Rows for ``ids`` in their order (deleted or unknown ids are left out): two queries."""
    ids = list(ids)
    today = dt.date.today()
    found: dict[str, ResidentRow] = {}
    for start in range(0, len(ids), _PAGE_CHUNK):
        chunk = ids[start:start + _PAGE_CHUNK]
        tags = _tags_of(session, chunk)
        rows = session.execute(
            _with_address(
                select(Resident, Household.number, Building.name, Dwelling.unit, Dwelling.room,
                       Compound.name)
                .outerjoin(Household, and_(Household.id == Resident.household_id,
                                           Household.deleted.is_(False)))
            ).where(Resident.id.in_(chunk), Resident.deleted.is_(False))
        )
        for r, number, building, unit, room, compound in rows:
            age = age_on(r.birth_date, today) if r.birth_date else None
            found[r.id] = ResidentRow(
                id=r.id, name=r.name, sex=r.sex, age=age, birth_date=r.birth_date,
                id_number=r.id_number, phone=r.phone,
                address=format_address(building, unit, room) if building else "",
                compound=compound or "",
                household_id=r.household_id if number is not None else None,
                household_number=number or "", relationship=r.relationship,
                residence_status=r.residence_status, ethnicity=r.ethnicity,
                political_status=r.political_status, work_unit=r.work_unit,
                tags=tuple(tags.get(r.id, ())), moved_out=r.moved_out, deceased=r.deceased,
            )
    return [found[i] for i in ids if i in found]


def _tags_of(session: Session, resident_ids: list[str]) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    rows = session.execute(
        select(ResidentTag.resident_id, Tag.code, Tag.name)
        .join(Tag, Tag.id == ResidentTag.tag_id)
        .where(ResidentTag.resident_id.in_(resident_ids), ResidentTag.deleted.is_(False),
               Tag.deleted.is_(False))
        .order_by(Tag.code.is_(None), Tag.code, Tag.name)
    )
    for resident_id, code, name in rows:
        tags.setdefault(resident_id, []).append(code or name)
    return tags


def household_rows(session: Session, ids: Sequence[str]) -> list[HouseholdRow]:
    """Rows for ``ids`` in their order: three queries per page."""
    ids = list(ids)
    found: dict[str, HouseholdRow] = {}
    for start in range(0, len(ids), _PAGE_CHUNK):
        chunk = ids[start:start + _PAGE_CHUNK]
        people = session.execute(
            select(Resident.household_id, Resident.name, Resident.relationship)
            .where(Resident.household_id.in_(chunk), Resident.deleted.is_(False),
                   Resident.moved_out.is_(False), Resident.deceased.is_(False))
            .order_by(Resident.household_id, Resident.relationship, Resident.name)
        ).all()
        heads: dict[str, str] = {}
        members: dict[str, int] = {}
        for household_id, name, relationship in people:
            members[household_id] = members.get(household_id, 0) + 1
            if relationship == HEAD_RELATIONSHIP:
                heads.setdefault(household_id, name)
        rows = session.execute(
            _with_address(
                select(Household.id, Household.number, Household.dwelling_id, Building.name,
                       Dwelling.unit, Dwelling.room, Compound.name, Dwelling.floor_area)
            ).where(Household.id.in_(chunk), Household.deleted.is_(False))
        ).all()
        owners = _owners_of(session, [r[2] for r in rows if r[2]])
        for hid, number, dwelling_id, building, unit, room, compound, area in rows:
            found[hid] = HouseholdRow(
                id=hid, number=number, head=heads.get(hid, ""),
                address=format_address(building, unit, room) if building else "",
                compound=compound or "", members=members.get(hid, 0), floor_area=area,
                owners="、".join(owners.get(dwelling_id, ())),
            )
    return [found[i] for i in ids if i in found]


def _owners_of(session: Session, dwelling_ids: list[str]) -> dict[str, list[str]]:
    owners: dict[str, list[str]] = {}
    if not dwelling_ids:
        return owners
    rows = session.execute(
        select(DwellingOwner.dwelling_id, Resident.name, DwellingOwner.outside_name)
        .outerjoin(Resident, and_(Resident.id == DwellingOwner.resident_id,
                                  Resident.deleted.is_(False)))
        .where(DwellingOwner.dwelling_id.in_(dwelling_ids), DwellingOwner.deleted.is_(False))
        .order_by(DwellingOwner.dwelling_id, DwellingOwner.share_percent.desc(),
                  DwellingOwner.id)
    )
    for dwelling_id, resident_name, outside_name in rows:
        name = resident_name or outside_name
        if name:
            owners.setdefault(dwelling_id, []).append(name)
    return owners



