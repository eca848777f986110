"""Plain data the roster's services hand to the UI (no ORM objects leave a session).

These types are the contract between the query/search core (desktop.roster.query,
desktop.roster.search), the editing services (desktop.roster.editing) and the roster page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class PlaceScope:
    """Where in the place tree the user is: every field narrows; all None = the community."""

    grid_id: str | None = None
    compound_id: str | None = None
    building_id: str | None = None
    unit: str | None = None  # only together with building_id


@dataclass(frozen=True)
class ResidentFilter:
    text: str = ""  # the search box: name, pinyin, phone, ID, "3-2-501", household number
    scope: PlaceScope = PlaceScope()
    tag_ids: frozenset[str] = frozenset()  # residents carrying ALL of these tags
    age_min: int | None = None
    age_max: int | None = None
    sex: str | None = None  # codes.SEXES key
    residence_statuses: frozenset[str] = frozenset()  # empty = any
    include_inactive: bool = False  # moved-out and deceased are hidden unless True


@dataclass(frozen=True)
class SortSpec:
    column: str = "address"  # a key of RESIDENT_COLUMNS / HOUSEHOLD_COLUMNS
    descending: bool = False


# Column keys of the residents table, in default order (labels are translated in the UI).
RESIDENT_COLUMNS = (
    "name", "sex", "age", "id_number", "phone", "address", "compound", "household_number",
    "relationship", "residence_status", "tags", "birth_date", "ethnicity", "political_status",
    "work_unit", "status",
)
HOUSEHOLD_COLUMNS = ("number", "head", "address", "compound", "members", "floor_area", "owners")


@dataclass(frozen=True)
class ResidentRow:
    id: str
    name: str
    sex: str
    age: int | None
    birth_date: dt.date | None
    id_number: str
    phone: str
    address: str  # "3幢2单元501"
    compound: str
    household_id: str | None
    household_number: str
    relationship: str  # GB/T 4761 code
    residence_status: str
    ethnicity: str
    political_status: str
    work_unit: str
    tags: tuple[str, ...]  # tag display names (built-in ones translated by the caller)
    moved_out: bool
    deceased: bool


@dataclass(frozen=True)
class HouseholdRow:
    id: str
    number: str
    head: str  # the head's name, "" if none
    address: str
    compound: str
    members: int  # living, not moved out
    floor_area: Decimal | None
    owners: str  # owners' names joined with "、"


# The kinds of node the place tree shows.
PLACE_KINDS = ("community", "grid", "compound", "building", "unit")


@dataclass(frozen=True)
class PlaceNode:
    """One node of the place tree: community → grid/compound → building → unit."""

    kind: str  # "community", "grid", "compound", "building", "unit"
    id: str  # the row id; for a unit "<building id>/<unit>"
    name: str
    scope: PlaceScope
    residents: int  # living residents below this node
    children: tuple[PlaceNode, ...] = field(default=())
