"""The owner register at a glance: per compound and per building, how many dwellings, owners
(distinct persons), the total exclusive area (exact), the gaps a vote cannot start with (no
owner, no area), the developer's units; the gap dwellings in walking order; and owners who are
likely one person recorded under two names (the same ID number or phone)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.roster.address import format_address, natural_key, walking_key
from desktop.roster.models import Building, Compound, Dwelling, DwellingOwner, Resident

DEVELOPER = "developer"  # every developer-held dwelling of a scope: one owner by head


@dataclass
class Counts:
    dwellings: int = 0
    owners: int = 0  # distinct persons (the developer once)
    exclusive_area: Decimal = Decimal("0.00")
    no_owner: int = 0
    no_area: int = 0
    developer_held: int = 0
    gaps: int = 0  # dwellings with a gap (one with both counts once)


@dataclass(frozen=True)
class BuildingSummary:
    building_id: str
    name: str
    counts: Counts


@dataclass(frozen=True)
class CompoundSummary:
    compound_id: str
    name: str
    counts: Counts
    buildings: tuple[BuildingSummary, ...]


@dataclass(frozen=True)
class GapDwelling:
    dwelling_id: str
    compound: str
    building_id: str
    address: str  # "3幢2单元501"
    no_owner: bool
    no_area: bool


@dataclass(frozen=True)
class SamePerson:
    """Owners who are likely one person: the same ID number (``kind`` "id_number") or phone
    under different names."""

    kind: str
    value: str
    names: tuple[str, ...]
    addresses: tuple[str, ...]  # the dwellings they own ("翠苑一区3幢2单元501")


@dataclass(frozen=True)
class RegisterSummary:
    compounds: tuple[CompoundSummary, ...]
    gaps: tuple[GapDwelling, ...]  # walking order
    same_person: tuple[SamePerson, ...]
    totals: Counts = field(default_factory=Counts)


def _owner_key(resident_id, resident_number, name, phone, number, dwelling_id) -> str:
    # One person, as the vote will count them: by ID number, else the resident, else name and
    # phone; never merged on a bare name (two 王芳 are two people).
    compact = "".join((name or "").split())
    if resident_id:
        return f"id:{resident_number}" if resident_number else f"resident:{resident_id}"
    if number:
        return f"id:{number}"
    if phone:
        return f"name:{compact}|{phone}"
    return f"name:{compact}|{dwelling_id}"


def register_summary(session: Session, compound_id: str | None = None) -> RegisterSummary:
    places = select(Dwelling.id, Dwelling.unit, Dwelling.floor, Dwelling.room,
                    Dwelling.exclusive_area, Dwelling.developer_held, Building.id.label("bid"),
                    Building.name.label("building"), Building.sort_key,
                    Compound.id.label("cid"), Compound.name.label("compound")) \
        .join(Building, Building.id == Dwelling.building_id) \
        .join(Compound, Compound.id == Building.compound_id) \
        .where(Dwelling.deleted.is_(False), Building.deleted.is_(False),
               Compound.deleted.is_(False))
    if compound_id:
        places = places.where(Compound.id == compound_id)
    dwellings = session.execute(places).all()
    # The walking order visits and votes use (compound, building, stairwell, floor, room).
    dwellings.sort(key=lambda d: (natural_key(d.compound), d.cid, d.sort_key or 0,
                                  natural_key(d.building), d.bid,
                                  *walking_key(d.unit, d.floor, d.room), d.id))
    owners = session.execute(
        select(DwellingOwner.dwelling_id, DwellingOwner.resident_id, Resident.id_number,
               Resident.name, Resident.phone, DwellingOwner.outside_name,
               DwellingOwner.outside_phone, DwellingOwner.outside_id_number)
        .outerjoin(Resident, Resident.id == DwellingOwner.resident_id)
        .where(DwellingOwner.deleted.is_(False))).all()
    keys: dict[str, set[str]] = defaultdict(set)
    people = []  # (key, name, phone, id number, dwelling id)
    for o in owners:
        name = o.name if o.resident_id else o.outside_name
        phone = o.phone if o.resident_id else o.outside_phone
        number = o.id_number if o.resident_id else o.outside_id_number
        key = _owner_key(o.resident_id, o.id_number, name, phone, number, o.dwelling_id)
        keys[o.dwelling_id].add(key)
        people.append((name or "", phone or "", number or "", o.dwelling_id))

    compounds: dict[str, dict] = {}
    gaps: list[GapDwelling] = []
    totals = Counts()
    total_owners: set[str] = set()
    addresses = {}
    for d in dwellings:
        c = compounds.setdefault(d.cid, {"name": d.compound, "counts": Counts(), "owners": set(),
                                         "buildings": {}})
        b = c["buildings"].setdefault(d.bid, (d.building, Counts(), set()))
        dwelling_keys = {DEVELOPER} if d.developer_held else keys.get(d.id, set())
        no_owner = not dwelling_keys
        no_area = d.exclusive_area is None
        address = format_address(d.building, d.unit, d.room)
        addresses[d.id] = d.compound + address
        for counts, seen in ((c["counts"], c["owners"]), (b[1], b[2]),
                             (totals, total_owners)):
            counts.dwellings += 1
            counts.exclusive_area += d.exclusive_area or 0
            counts.no_owner += no_owner
            counts.no_area += no_area
            counts.gaps += no_owner or no_area
            counts.developer_held += bool(d.developer_held)
            seen.update(dwelling_keys)
            counts.owners = len(seen)
        if no_owner or no_area:
            gaps.append(GapDwelling(d.id, d.compound, d.bid, address, no_owner, no_area))
    summaries = tuple(
        CompoundSummary(cid, c["name"], c["counts"], tuple(
            BuildingSummary(bid, name, counts)
            for bid, (name, counts, _seen) in c["buildings"].items()))
        for cid, c in compounds.items())
    return RegisterSummary(summaries, tuple(gaps), _same_person(people, addresses), totals)


def _same_person(people: list[tuple], addresses: dict[str, str]) -> tuple[SamePerson, ...]:
    found = []
    for kind, index in (("id_number", 2), ("phone", 1)):
        groups: dict[str, list[tuple]] = defaultdict(list)
        for person in people:
            if person[index]:
                groups[person[index]].append(person)
        for value, group in sorted(groups.items()):
            names = sorted({"".join(p[0].split()) for p in group})
            if len(names) > 1:
                found.append(SamePerson(
                    kind, value, tuple(names),
                    tuple(sorted({addresses[p[3]] for p in group if p[3] in addresses}))))
    return tuple(found)
