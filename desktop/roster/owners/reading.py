"""What the "Owners and areas" dialog shows: one dwelling's areas and owners, and residents to
pick as owners. Session in, plain data out."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.roster.households import dwelling_address, household_address
from desktop.roster.models import DwellingOwner, Resident
from desktop.roster.owners.service import live_dwelling


@dataclass(frozen=True)
class OwnerRow:
    resident_id: str | None  # None: an outside person
    name: str
    phone: str
    id_number: str
    share_percent: Decimal  # 100 with co-owners means "no share given" (see service)
    address: str = ""  # a resident's own address (where they live)


@dataclass(frozen=True)
class DwellingSheet:
    dwelling_id: str
    compound: str
    address: str  # "3幢2单元501"
    floor_area: Decimal | None
    exclusive_area: Decimal | None
    developer_held: bool
    owners: tuple[OwnerRow, ...]

    @property
    def full_address(self) -> str:
        return f"{self.compound}{self.address}"

    @property
    def shares_given(self) -> bool:
        return len(self.owners) > 1 and any(o.share_percent != 100 for o in self.owners)


def dwelling_sheet(session: Session, dwelling_id: str) -> DwellingSheet:
    dwelling = live_dwelling(session, dwelling_id)
    compound, address = dwelling_address(session, dwelling_id)
    rows = session.execute(
        select(DwellingOwner, Resident)
        .outerjoin(Resident, Resident.id == DwellingOwner.resident_id)
        .where(DwellingOwner.dwelling_id == dwelling_id, DwellingOwner.deleted.is_(False))
        .order_by(DwellingOwner.created_hlc)).all()
    owners = []
    for owner, person in rows:
        if person is not None:
            owners.append(OwnerRow(person.id, person.name, person.phone, person.id_number,
                                   owner.share_percent,
                                   household_address(session, person.household_id)))
        else:
            owners.append(OwnerRow(None, owner.outside_name, owner.outside_phone,
                                   owner.outside_id_number, owner.share_percent))
    return DwellingSheet(dwelling.id, compound, address, dwelling.floor_area,
                         dwelling.exclusive_area, bool(dwelling.developer_held), tuple(owners))


def find_residents(session: Session, text: str, limit: int = 30) -> list[OwnerRow]:
    """Residents whose name, phone or ID number contains ``text`` (the owner picker); living
    residents only."""
    text = "".join((text or "").split())
    if not text:
        return []
    like = f"%{text}%"
    people = session.execute(
        select(Resident).where(
            Resident.deleted.is_(False), Resident.deceased.is_(False),
            or_(Resident.name.like(like), Resident.phone.like(like),
                Resident.id_number.like(like)))
        .order_by(Resident.name != text, Resident.name, Resident.id).limit(limit)
    ).scalars().all()
    return [OwnerRow(p.id, p.name, p.phone, p.id_number, Decimal(100),
                     household_address(session, p.household_id)) for p in people]
