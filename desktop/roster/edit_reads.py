"""What the roster's edit dialogs show: each read opens one short read session on the
``Database`` and hands back plain data, so no dialog holds a session or touches a model. They are
small indexed reads, quick enough for the UI thread while a dialog is built or checked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.roster.editing import (
    ResidentCheck,
    ResidentDraft,
    check_resident,
    load_draft,
    tag_choices,
)
from desktop.roster.history import HistoryEntry, household_history
from desktop.roster.households import (
    DwellingChoice,
    HouseholdChoice,
    HouseholdDetail,
    building_dwellings,
    find_households,
    household_address,
    household_detail,
)
from desktop.roster.ids import BuildingId, CompoundId, HouseholdId, ResidentId
from desktop.roster.models import Building, Compound, Resident
from desktop.roster.places import PlannedDwelling, count_existing
from desktop.storage.database import Database


@dataclass(frozen=True)
class CompoundFields:
    name: str
    kind: str
    address: str
    property_company: str


@dataclass(frozen=True)
class BuildingFields:
    name: str
    floors: int | None
    units: int | None
    has_lift: bool


@dataclass(frozen=True)
class ResidentForm:
    """A resident dialog's opening state: the stored draft (empty for a new person), the
    household they belong to, its address, and the groups that can be ticked."""

    draft: ResidentDraft
    household_id: str | None
    address: str
    tags: dict[str, str]


@dataclass(frozen=True)
class ResidentState:
    moved_out: bool
    moved_out_on: dt.date | None
    deceased: bool
    deceased_on: dt.date | None


def compound_fields(db: Database, compound_id: CompoundId) -> CompoundFields:
    with db.reading() as session:
        row = session.get(Compound, compound_id)
        return CompoundFields(row.name, row.kind, row.address, row.property_company)


def building_fields(db: Database, building_id: BuildingId) -> BuildingFields:
    with db.reading() as session:
        row = session.get(Building, building_id)
        return BuildingFields(row.name, row.floors, row.units, row.has_lift)


def existing_dwellings(db: Database, building_id: BuildingId,
                       plan: Iterable[PlannedDwelling]) -> int:
    """How many of ``plan``'s flats the building already has (they would be skipped)."""
    with db.reading() as session:
        return count_existing(session, building_id, plan)


def dwelling_choices(db: Database, building_id: BuildingId) -> list[DwellingChoice]:
    with db.reading() as session:
        return building_dwellings(session, building_id)


def household_view(db: Database, household_id: HouseholdId) -> tuple[HouseholdDetail,
                                                                list[HistoryEntry]]:
    """The household's detail and the history of its changes, read together."""
    with db.reading() as session:
        return (household_detail(session, household_id),
                household_history(session, household_id))


def household_choices(db: Database, text: str,
                      exclude_id: str | None) -> list[HouseholdChoice]:
    """The move picker's search (~60 ms over a large community: run it on the database lane)."""
    with db.reading() as session:
        return find_households(session, text, exclude_id=exclude_id)


def household_fields(db: Database, household_id: HouseholdId) -> HouseholdDetail:
    with db.reading() as session:
        return household_detail(session, household_id)


def address_of(db: Database, household_id: HouseholdId | None) -> str:
    with db.reading() as session:
        return household_address(session, household_id)


def resident_form(db: Database, resident_id: ResidentId | None,
                  household_id: HouseholdId | None) -> ResidentForm:
    with db.reading() as session:
        draft = ResidentDraft()
        if resident_id is not None:
            draft, household_id = load_draft(session, resident_id)
        return ResidentForm(draft, household_id, household_address(session, household_id),
                            tag_choices(session))


def check(db: Database, draft: ResidentDraft, resident_id: ResidentId | None,
          household_id: HouseholdId | None) -> ResidentCheck:
    """The checks as you type (one indexed query for duplicates)."""
    with db.reading() as session:
        return check_resident(session, draft, resident_id, household_id=household_id)


def resident_state(db: Database, resident_id: ResidentId) -> ResidentState:
    with db.reading() as session:
        person = session.get(Resident, resident_id)
        return ResidentState(person.moved_out, person.moved_out_on, person.deceased,
                             person.deceased_on)
