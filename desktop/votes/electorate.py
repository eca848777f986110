"""Who votes: the dwellings of a vote's scope, their exclusive areas, and whose they are.

A head is an ``owner_key`` (counting.py): dwellings sharing a key are one owner (the Supreme
People's Court's interpretation on building ownership, art. 9). The key must never merge two
people who only share a name, and should merge one person however their dwellings were
registered: an ID number is the surest sign, so it wins wherever it is known; a resident
without one is their resident record; an outside owner without one is their name and phone;
with neither, their name and the dwelling (so two 王伟 with nothing else are two heads).
Co-owners of one dwelling cast one ballot together: their keys joined are one head, the same
head on every dwelling the same people co-own. The developer's unsold and undelivered
dwellings together are one head (``DEVELOPER_KEY``).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.roster.address import format_address
from desktop.roster.models import Building, Compound, Dwelling, DwellingOwner, Resident
from desktop.visits.campaigns.places import doors_in_scope
from desktop.votes.tables import DEVELOPER_KEY

KEY_LIMIT = 400  # vote_dwelling.owner_key's width
GAP_PROBLEMS = ("no_area", "no_owner")


@dataclass(frozen=True)
class OwnerFacts:
    """One owner of one dwelling as the register has them (a resident or an outside person)."""

    dwelling_id: str
    name: str = ""
    resident_id: str | None = None
    id_number: str = ""
    phone: str = ""


def normal_id_number(text: str) -> str:
    return "".join((text or "").split()).upper()


def normal_phone(text: str) -> str:
    return re.sub(r"\D", "", text or "")


def _name(text: str) -> str:
    return "".join((text or "").split())


def person_key(owner: OwnerFacts) -> str:
    """One person's key (see the module's docstring for why in this order)."""
    id_number = normal_id_number(owner.id_number)
    if id_number:
        return f"id:{id_number}"
    if owner.resident_id:
        return f"resident:{owner.resident_id}"
    phone = normal_phone(owner.phone)
    if phone:
        return f"person:{_name(owner.name)}|{phone}"
    return f"dwelling:{_name(owner.name)}|{owner.dwelling_id}"


def owner_key(owners: Iterable[OwnerFacts], developer_held: bool = False) -> str:
    """The head a dwelling counts as: "" when it has no owner (a register gap)."""
    if developer_held:
        return DEVELOPER_KEY
    keys = sorted({person_key(owner) for owner in owners})
    key = "+".join(keys)
    if len(key) > KEY_LIMIT:  # many co-owners: a digest is as distinct and fits the column
        key = "many:" + hashlib.sha256(key.encode()).hexdigest()
    return key


@dataclass(frozen=True)
class RegisterGap:
    dwelling_id: str
    address: str
    problem: str  # "no_area" | "no_owner"


@dataclass(frozen=True)
class ScopeDwelling:
    """A dwelling of a scope as the register has it now, in walking order."""

    dwelling_id: str
    building_id: str
    building: str
    unit: str
    floor: int | None
    room: str
    address: str
    area: Decimal | None
    owners: tuple[OwnerFacts, ...]
    developer_held: bool

    @property
    def owner_key(self) -> str:
        return owner_key(self.owners, self.developer_held)

    @property
    def owner_names(self) -> str:
        return "、".join(dict.fromkeys(o.name for o in self.owners if o.name))

    @property
    def problems(self) -> tuple[str, ...]:
        found = []
        if self.area is None or self.area <= 0:
            found.append("no_area")
        if not self.owner_key:
            found.append("no_owner")
        return tuple(found)


def check_scope(session: Session, compound_id: str | None, building_id: str | None = None,
                unit: str = "") -> str:
    """The scope's kind ("compound" | "building" | "unit"), or a ValidationError saying what
    is wrong with it."""
    compound = session.get(Compound, compound_id) if compound_id else None
    if compound is None or compound.deleted:
        raise ValidationError(_("Choose the compound the vote is for."), field="compound")
    unit = (unit or "").strip()
    if building_id is None:
        if unit:
            raise ValidationError(_("Choose the building of the unit."), field="building")
        return "compound"
    building = session.get(Building, building_id)
    if building is None or building.deleted or building.compound_id != compound_id:
        raise ValidationError(_("This building is not in the chosen compound."),
                              field="building")
    return "unit" if unit else "building"


def _scope_dict(compound_id: str, building_id: str | None, unit: str) -> dict:
    if building_id is None:
        return {"compounds": [compound_id]}
    if unit:
        return {"units": [[building_id, unit]]}
    return {"buildings": [building_id]}


def scope_dwellings(session: Session, compound_id: str, building_id: str | None = None,
                    unit: str = "") -> list[ScopeDwelling]:
    """Every dwelling of the scope, in walking order (the visits' order of doors), with its
    area and owners from the register."""
    check_scope(session, compound_id, building_id, unit)
    unit = (unit or "").strip()
    order = [door.dwelling_id for door in
             doors_in_scope(session, _scope_dict(compound_id, building_id, unit), "dwellings")]
    if not order:
        return []
    conn = session.connection()
    query = (select(Dwelling.id, Dwelling.building_id, Building.name, Dwelling.unit,
                    Dwelling.floor, Dwelling.room, Dwelling.exclusive_area,
                    Dwelling.developer_held)
             .join(Building, Building.id == Dwelling.building_id)
             .where(Dwelling.deleted.is_(False), Building.compound_id == compound_id))
    if building_id is not None:
        query = query.where(Dwelling.building_id == building_id)
    places = {row[0]: row for row in session.execute(query)}
    owners: dict[str, list[OwnerFacts]] = defaultdict(list)
    owner_query = (select(DwellingOwner.dwelling_id, DwellingOwner.resident_id, Resident.name,
                          Resident.id_number, Resident.phone, DwellingOwner.outside_name,
                          DwellingOwner.outside_phone, DwellingOwner.outside_id_number)
                   .join(Dwelling, Dwelling.id == DwellingOwner.dwelling_id)
                   .join(Building, Building.id == Dwelling.building_id)
                   .outerjoin(Resident, (Resident.id == DwellingOwner.resident_id)
                              & Resident.deleted.is_(False))
                   .where(DwellingOwner.deleted.is_(False), Dwelling.deleted.is_(False),
                          Building.compound_id == compound_id)
                   .order_by(DwellingOwner.dwelling_id, DwellingOwner.id))
    if building_id is not None:
        owner_query = owner_query.where(Dwelling.building_id == building_id)
    for (dwelling_id, resident_id, r_name, r_id, r_phone, o_name, o_phone,
         o_id) in conn.execute(owner_query):
        if resident_id is not None and r_name is None:
            continue  # the resident record was deleted: no longer an owner
        if resident_id is not None:
            owners[dwelling_id].append(OwnerFacts(dwelling_id, r_name or "", resident_id,
                                                  r_id or "", r_phone or ""))
        elif (o_name or "").strip():
            owners[dwelling_id].append(OwnerFacts(dwelling_id, o_name.strip(), None,
                                                  o_id or "", o_phone or ""))
    out = []
    for dwelling_id in order:
        row = places.get(dwelling_id)
        if row is None:
            continue
        _id, b_id, b_name, d_unit, floor, room, area, developer = row
        out.append(ScopeDwelling(
            dwelling_id=dwelling_id, building_id=b_id, building=b_name, unit=d_unit or "",
            floor=floor, room=room or "", address=format_address(b_name, d_unit, room),
            area=area, owners=tuple(owners.get(dwelling_id, ())),
            developer_held=bool(developer)))
    return out


def scope_gaps(session: Session, compound_id: str, building_id: str | None = None,
               unit: str = "") -> list[RegisterGap]:
    """The dwellings of the scope a vote cannot count yet (no exclusive area, no owner), in
    walking order; a dwelling missing both is listed twice, once per problem."""
    return [RegisterGap(d.dwelling_id, d.address, problem)
            for d in scope_dwellings(session, compound_id, building_id, unit)
            for problem in d.problems]


@dataclass(frozen=True)
class SameOwnerWarning:
    """Owners likely the same person under two spellings: the same ID number or phone."""

    names: tuple[str, ...]
    by: str  # "id_number" | "phone"
    value: str
    addresses: tuple[str, ...]


def likely_same_owners(owners: Iterable[tuple[str, OwnerFacts]]) -> list[SameOwnerWarning]:
    """Owners whose names differ but whose ID number or phone is the same, from (address,
    owner) pairs: likely one person recorded under two spellings, who would count twice."""
    groups: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for address, owner in owners:
        name = _name(owner.name)
        if not name:
            continue
        if normal_id_number(owner.id_number):
            groups[("id_number", normal_id_number(owner.id_number))][name].add(address)
        if normal_phone(owner.phone):
            groups[("phone", normal_phone(owner.phone))][name].add(address)
    warnings = []
    said: set[tuple[str, ...]] = set()
    # ID numbers sort before phones: people already warned of by ID are not said again.
    for (by, value), names in sorted(groups.items()):
        if len(names) > 1 and tuple(sorted(names)) not in said:
            said.add(tuple(sorted(names)))
            addresses = sorted({a for found in names.values() for a in found})
            warnings.append(SameOwnerWarning(tuple(sorted(names)), by, value, tuple(addresses)))
    return warnings


def scope_same_owners(session: Session, compound_id: str, building_id: str | None = None,
                      unit: str = "") -> list[SameOwnerWarning]:
    """Before a vote opens: owners of the scope likely the same person under two names (its
    ``addresses`` are readable addresses). The same ID number is already one head; the same
    phone is two until the register is fixed."""
    return likely_same_owners((d.address, owner)
                              for d in scope_dwellings(session, compound_id, building_id, unit)
                              for owner in d.owners)
