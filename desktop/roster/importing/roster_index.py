"""The roster as an import looks things up in it, loaded once per plan: places by name and
number, households by flat and number, residents by ID number and by name in a flat."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.roster.address import building_number
from desktop.roster.models import (
    Building,
    Community,
    Compound,
    Dwelling,
    Household,
    Resident,
    Tag,
)
from desktop.roster.simplified import to_simplified


def name_key(name: str) -> str:
    """A name as compared: simplified characters, no spaces."""
    return to_simplified("".join(name.split()))


class RosterIndex:
    """The roster as an import looks things up in it: places by name and number, households,
    residents by ID number and by name in a dwelling. Loaded once per plan."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.community_id = session.execute(
            select(Community.id).where(Community.deleted.is_(False))
            .order_by(Community.created_hlc)).scalars().first()
        self.compounds: dict[str, str] = {}  # name key → id
        self.compound_names: dict[str, str] = {}  # id → name
        for cid, name in session.execute(
                select(Compound.id, Compound.name).where(Compound.deleted.is_(False))
                .order_by(Compound.created_hlc)):
            self.compounds.setdefault(name_key(name), cid)
            self.compound_names[cid] = name
        self.buildings: dict[tuple[str, str], str] = {}  # (compound id, number) → id
        self.building_names: dict[str, str] = {}
        for bid, cid, name, sort_key in session.execute(
                select(Building.id, Building.compound_id, Building.name, Building.sort_key)
                .where(Building.deleted.is_(False)).order_by(Building.created_hlc)):
            self.buildings.setdefault((cid, building_number(name, sort_key)), bid)
            self.buildings.setdefault((cid, name_key(name)), bid)
            self.building_names[bid] = name
        self.dwellings: dict[tuple[str, str, str], str] = {}  # (building, unit, room) → id
        for did, bid, unit, room in session.execute(
                select(Dwelling.id, Dwelling.building_id, Dwelling.unit, Dwelling.room)
                .where(Dwelling.deleted.is_(False)).order_by(Dwelling.created_hlc)):
            self.dwellings.setdefault((bid, unit or "", room), did)
        self.household_of_dwelling: dict[str, str] = {}
        self.household_by_number: dict[str, str] = {}
        self.dwelling_of_household: dict[str, str | None] = {}
        for hid, did, number in session.execute(
                select(Household.id, Household.dwelling_id, Household.number)
                .where(Household.deleted.is_(False)).order_by(Household.created_hlc)):
            if did:
                self.household_of_dwelling.setdefault(did, hid)
            if number:
                self.household_by_number.setdefault(number, hid)
            self.dwelling_of_household[hid] = did
        self.by_id_number: dict[str, str] = {}
        self.by_name_dwelling: dict[tuple[str, str], str] = {}
        self.resident_names: dict[str, str] = {}
        self.household_of_resident: dict[str, str | None] = {}
        for rid, name, number, hid in session.execute(
                select(Resident.id, Resident.name, Resident.id_number, Resident.household_id)
                .where(Resident.deleted.is_(False)).order_by(Resident.created_hlc)):
            if number:
                self.by_id_number.setdefault(number, rid)
            did = self.dwelling_of_household.get(hid) if hid else None
            if did:
                self.by_name_dwelling.setdefault((name_key(name), did), rid)
            self.resident_names[rid] = name
            self.household_of_resident[rid] = hid
        self.tags: dict[str, str] = {}  # name key → id (user tags)
        for tid, name, code in session.execute(
                select(Tag.id, Tag.name, Tag.code).where(Tag.deleted.is_(False))):
            if not code:
                self.tags.setdefault(name_key(name), tid)

    def compound_id(self, name: str) -> str | None:
        """An existing compound this name means: the same name, or the longest compound name
        the text contains ("翠苑一区" in "文一路翠苑一区"), or one that contains the text."""
        key = name_key(name)
        if not key:
            return None
        found = self.compounds.get(key)
        if found:
            return found
        containing = [k for k in self.compounds if k in key or key in k]
        if containing:
            return self.compounds[max(containing, key=len)]
        return None
