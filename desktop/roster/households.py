"""Households: the household view's facts (members, dwelling, owners), saving a household, and
finding households by number or address for the "move to" picker."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.roster.address import format_address
from desktop.roster.codes import HEAD_RELATIONSHIP
from desktop.roster.id_number import age_on
from desktop.roster.ids import BuildingId, DwellingId, HouseholdId
from desktop.roster.models import (
    Building,
    Compound,
    Dwelling,
    DwellingOwner,
    Household,
    Resident,
)
from desktop.storage.database import UnitOfWork


@dataclass(frozen=True)
class Member:
    id: str
    name: str
    relationship: str  # GB/T 4761 code; label via codes.RELATIONSHIPS
    sex: str
    birth_date: dt.date | None
    age: int | None
    phone: str
    moved_out: bool
    deceased: bool

    @property
    def active(self) -> bool:
        return not (self.moved_out or self.deceased)


@dataclass(frozen=True)
class Owner:
    name: str
    phone: str
    share_percent: Decimal
    resident_id: str | None


@dataclass(frozen=True)
class HouseholdDetail:
    id: str
    number: str
    notes: str
    dwelling_id: str | None
    compound: str
    address: str  # "3幢2单元501", "" without a dwelling
    floor_area: Decimal | None
    exclusive_area: Decimal | None
    owners: tuple[Owner, ...]
    members: tuple[Member, ...]  # active members first (head first), then inactive ones

    @property
    def head(self) -> Member | None:
        return next((m for m in self.members
                     if m.relationship == HEAD_RELATIONSHIP and m.active), None)

    @property
    def full_address(self) -> str:
        return f"{self.compound}{self.address}"


@dataclass(frozen=True)
class HouseholdChoice:
    """One line of the household picker."""

    id: str
    number: str
    address: str  # compound + dwelling
    head: str

    @property
    def label(self) -> str:
        parts = [p for p in (self.number, self.address, self.head) if p]
        return "  ".join(parts)


def _address_select():
    return (
        select(Dwelling.id, Dwelling.unit, Dwelling.room, Dwelling.floor_area,
               Dwelling.exclusive_area, Building.name.label("building"),
               Compound.name.label("compound"))
        .join(Building, Building.id == Dwelling.building_id)
        .join(Compound, Compound.id == Building.compound_id)
    )


def dwelling_address(session: Session, dwelling_id: DwellingId | None) -> tuple[str, str]:
    """(compound name, "3幢2单元501") of a dwelling; empty strings for none."""
    if dwelling_id is None:
        return "", ""
    row = session.execute(_address_select().where(Dwelling.id == dwelling_id)).first()
    if row is None:
        return "", ""
    return row.compound, format_address(row.building, row.unit, row.room)


def household_address(session: Session, household_id: HouseholdId | None) -> str:
    """Compound + dwelling of a household, e.g. "翠苑一区3幢2单元501"."""
    if household_id is None:
        return ""
    dwelling_id = session.execute(
        select(Household.dwelling_id).where(Household.id == household_id)).scalar()
    compound, address = dwelling_address(session, dwelling_id)
    return compound + address


def _member_sort_key(member: Member) -> tuple:
    return (not member.active, member.relationship != HEAD_RELATIONSHIP,
            member.relationship or "99", member.birth_date or dt.date.max)


def household_detail(session: Session, household_id: HouseholdId,
                     today: dt.date | None = None) -> HouseholdDetail:
    household = session.get(Household, household_id)
    if household is None or household.deleted:
        raise ValidationError(_("This household no longer exists."), field="household")
    today = today or dt.date.today()
    people = session.execute(
        select(Resident).where(Resident.household_id == household_id,
                               Resident.deleted.is_(False))
    ).scalars().all()
    members = sorted(
        (Member(p.id, p.name, p.relationship, p.sex, p.birth_date,
                age_on(p.birth_date, today) if p.birth_date else None, p.phone,
                p.moved_out, p.deceased) for p in people),
        key=_member_sort_key,
    )
    compound, address = dwelling_address(session, household.dwelling_id)
    dwelling = session.get(Dwelling, household.dwelling_id) if household.dwelling_id else None
    owners: list[Owner] = []
    if dwelling is not None:
        rows = session.execute(
            select(DwellingOwner, Resident.name, Resident.phone)
            .outerjoin(Resident, Resident.id == DwellingOwner.resident_id)
            .where(DwellingOwner.dwelling_id == dwelling.id, DwellingOwner.deleted.is_(False))
            .order_by(DwellingOwner.created_hlc)
        ).all()
        for owner, name, phone in rows:
            owners.append(Owner(name or owner.outside_name, phone or owner.outside_phone,
                                owner.share_percent, owner.resident_id))
    return HouseholdDetail(
        id=household.id, number=household.number, notes=household.notes,
        dwelling_id=household.dwelling_id, compound=compound, address=address,
        floor_area=dwelling.floor_area if dwelling else None,
        exclusive_area=dwelling.exclusive_area if dwelling else None,
        owners=tuple(owners), members=tuple(members),
    )


def save_household(uow: UnitOfWork, number: str, dwelling_id: DwellingId | None, notes: str = "",
                   household_id: HouseholdId | None = None) -> HouseholdId:
    """Create or edit a household; returns its id."""
    session = uow.session
    number = (number or "").strip()
    if len(number) > 40:
        raise ValidationError(_("This is too long (at most {count} characters).").format(
            count=40), field="number")
    if dwelling_id is not None:
        dwelling = session.get(Dwelling, dwelling_id)
        if dwelling is None or dwelling.deleted:
            raise ValidationError(_("This dwelling no longer exists."), field="dwelling")
    if household_id is None:
        household = Household(number=number, dwelling_id=dwelling_id, notes=notes or "")
        session.add(household)
        session.flush()
        return household.id
    household = session.get(Household, household_id)
    if household is None or household.deleted:
        raise ValidationError(_("This household no longer exists."), field="household")
    household.number = number
    household.dwelling_id = dwelling_id
    household.notes = notes or ""
    session.flush()
    return household.id


def find_households(session: Session, text: str = "", limit: int = 50,
                    exclude_id: str | None = None) -> list[HouseholdChoice]:
    """Households whose number, compound, building or room contains ``text`` (the picker).

    "3幢2单元501" style input is matched against the dwelling label as a whole, too. Heads are
    looked up for the rows shown only (a subquery per household would cost 40 ms at 30k)."""
    query = (
        select(Household.id, Household.number, Dwelling.unit, Dwelling.room,
               Building.name.label("building"), Compound.name.label("compound"))
        .outerjoin(Dwelling, Dwelling.id == Household.dwelling_id)
        .outerjoin(Building, Building.id == Dwelling.building_id)
        .outerjoin(Compound, Compound.id == Building.compound_id)
        .where(Household.deleted.is_(False))
    )
    if exclude_id:
        query = query.where(Household.id != exclude_id)
    text = (text or "").strip()
    if text:
        like = f"%{text}%"
        label = Building.name + Dwelling.unit + "单元" + Dwelling.room
        query = query.where(or_(Household.number.like(like), Compound.name.like(like),
                                label.like(like), Dwelling.room.like(like)))
        query = query.order_by(Compound.name, Building.name, Dwelling.unit, Dwelling.room,
                               Household.number)
    else:
        query = query.order_by(Household.created_hlc)  # indexed: no sort of every household
    rows = session.execute(query.limit(limit)).all()
    heads = dict(session.execute(
        select(Resident.household_id, Resident.name)
        .where(Resident.household_id.in_([row.id for row in rows]),
               Resident.relationship == HEAD_RELATIONSHIP, Resident.deleted.is_(False),
               Resident.moved_out.is_(False), Resident.deceased.is_(False))
        .order_by(Resident.created_hlc.desc())).all())
    return [
        HouseholdChoice(
            row.id, row.number,
            (row.compound or "") + (format_address(row.building, row.unit, row.room)
                                    if row.room else ""),
            heads.get(row.id, ""),
        )
        for row in rows
    ]


@dataclass(frozen=True)
class DwellingChoice:
    """A dwelling of a building offered when a new household moves in."""

    id: str
    unit: str
    room: str
    households: int  # households already living there (0 = vacant)


def building_dwellings(session: Session, building_id: BuildingId) -> list[DwellingChoice]:
    """The building's dwellings in walking order (unit, floor, room), with how many households
    already live in each, so the office sees which flats are vacant."""
    living = (
        select(Household.dwelling_id, func.count().label("n"))
        .where(Household.deleted.is_(False))
        .group_by(Household.dwelling_id)
        .subquery()
    )
    rows = session.execute(
        select(Dwelling.id, Dwelling.unit, Dwelling.room, func.coalesce(living.c.n, 0))
        .outerjoin(living, living.c.dwelling_id == Dwelling.id)
        .where(Dwelling.building_id == building_id, Dwelling.deleted.is_(False))
        .order_by(Dwelling.unit, Dwelling.floor, Dwelling.room)
    ).all()
    return [DwellingChoice(*row) for row in rows]
