"""Places: compounds, buildings, and creating a building's dwellings in bulk.

Setting up a new compound means entering hundreds of flats ("units 1–3, floors 1–26, four flats
a floor"): ``plan_dwellings`` lays them out, ``create_dwellings`` writes the ones the building
does not have yet with one Core INSERT per chunk (the ORM would take seconds for thousands).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.core.tasks import TaskContext
from desktop.roster.address import format_address
from desktop.roster.codes import COMPOUND_KINDS
from desktop.roster.community import current_community
from desktop.roster.ids import BuildingId, CommunityId, CompoundId
from desktop.roster.models import Building, Compound, Dwelling
from desktop.roster.owners.areas import AreaError
from desktop.roster.owners.areas import parse_area as parse_exact_area
from desktop.storage.database import UnitOfWork
from desktop.storage.ids import uuid7

DEFAULT_ROOM_PATTERN = "{floor}{room:02d}"
MAX_DWELLINGS = 20_000  # one building; more is a typo in the floors or rooms
INSERT_CHUNK = 500


@dataclass(frozen=True, order=True)
class PlannedDwelling:
    unit: str
    floor: int
    room: str


@dataclass(frozen=True)
class DwellingsCreated:
    created: int
    skipped: int  # already present in the building (same unit and room)
    ids: tuple[str, ...] = ()


def _required(value: str, field: str, message: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(message, field=field)
    if len(value) > limit:
        raise ValidationError(_("This is too long (at most {count} characters).").format(
            count=limit), field=field)
    return value


def save_compound(uow: UnitOfWork, name: str, kind: str, address: str = "",
                  property_company: str = "", compound_id: CompoundId | None = None, *,
                  community_id: CommunityId | None = None) -> CompoundId:
    session = uow.session
    name = _required(name, "name", _("Enter the compound's name."), 100)
    if kind not in COMPOUND_KINDS:
        raise ValidationError(_("Choose a value from the list."), field="kind")
    if compound_id is None:
        if community_id is None:
            community = current_community(session)
            if community is None:
                raise ValidationError(_("Set up the community first."), field="name")
            community_id = community.id
        compound = Compound(community_id=community_id, name=name)
        session.add(compound)
    else:
        compound = session.get(Compound, compound_id)
        if compound is None or compound.deleted:
            raise ValidationError(_("This compound no longer exists."), field="name")
    compound.name = name
    compound.kind = kind
    compound.address = (address or "").strip()
    compound.property_company = (property_company or "").strip()
    session.flush()
    return compound.id


def save_building(uow: UnitOfWork, compound_id: CompoundId, name: str, floors: int | None,
                  units: int | None, has_lift: bool = False,
                  building_id: BuildingId | None = None) -> BuildingId:
    session = uow.session
    compound = session.get(Compound, compound_id)
    if compound is None or compound.deleted:
        raise ValidationError(_("This compound no longer exists."), field="compound")
    name = _required(name, "name", _("Enter the building's name, e.g. 3幢."), 50)
    if floors is not None and not 1 <= floors <= 200:
        raise ValidationError(_("A building has 1 to 200 floors."), field="floors")
    if units is not None and not 1 <= units <= 50:
        raise ValidationError(_("A building has 1 to 50 units."), field="units")
    if building_id is None:
        building = Building(compound_id=compound_id, name=name)
        session.add(building)
    else:
        building = session.get(Building, building_id)
        if building is None or building.deleted:
            raise ValidationError(_("This building no longer exists."), field="name")
        building.compound_id = compound_id
    building.name, building.floors, building.units = name, floors, units
    building.has_lift = bool(has_lift)
    session.flush()
    return building.id


def plan_dwellings(units: Sequence[str], floors: Iterable[int] | tuple[int, int],
                   rooms_per_floor: int,
                   pattern: str = DEFAULT_ROOM_PATTERN) -> list[PlannedDwelling]:
    """Every (unit, floor, room) of a regular building, unit by unit, floor by floor.

    ``floors`` is a range or (first, last) inclusive; ``pattern`` names rooms from ``floor``
    and ``room`` (1-based number on the floor): "{floor}{room:02d}" makes 101 … 2604."""
    if isinstance(floors, tuple) and len(floors) == 2:
        floors = range(floors[0], floors[1] + 1)
    floors = list(floors)
    units = [str(u).strip() for u in units]
    if not units or not floors or rooms_per_floor < 1:
        return []
    if len(units) * len(floors) * rooms_per_floor > MAX_DWELLINGS:
        raise ValidationError(_("That is more than {count} dwellings: check the floors and "
                                "rooms.").format(count=MAX_DWELLINGS), field="floors")
    try:
        plan = [PlannedDwelling(unit, floor, pattern.format(floor=floor, room=room))
                for unit in units for floor in floors for room in range(1, rooms_per_floor + 1)]
    except (KeyError, IndexError, ValueError) as exc:
        raise ValidationError(_("The room pattern cannot be used ({problem}); e.g. {example} "
                                "makes 101 … 2604.").format(problem=exc,
                                                           example=DEFAULT_ROOM_PATTERN),
                              field="pattern") from exc
    rooms = {(d.unit, d.room) for d in plan}
    if len(rooms) < len(plan):
        raise ValidationError(_("The room pattern gives two rooms the same number: it must "
                                "use both the floor and the room."), field="pattern")
    return plan


def existing_rooms(session: Session, building_id: BuildingId) -> set[tuple[str, str]]:
    return {(unit, room) for unit, room in session.execute(
        select(Dwelling.unit, Dwelling.room).where(Dwelling.building_id == building_id,
                                                   Dwelling.deleted.is_(False)))}


def count_existing(session: Session, building_id: BuildingId,
                   plan: Iterable[PlannedDwelling]) -> int:
    present = existing_rooms(session, building_id)
    return sum((d.unit, d.room) in present for d in plan)


def _check_row(dwelling: PlannedDwelling) -> None:
    if not isinstance(dwelling.room, str) or not dwelling.room.strip() \
            or len(dwelling.room) > 20:
        raise ValidationError(_("A room number must have 1 to 20 characters: {room}").format(
            room=dwelling.room), field="pattern")
    if not isinstance(dwelling.unit, str) or len(dwelling.unit) > 10:
        raise ValidationError(_("A unit must have at most 10 characters: {unit}").format(
            unit=dwelling.unit), field="units")
    if dwelling.floor is not None and not isinstance(dwelling.floor, int):
        raise ValidationError(_("A floor is a whole number: {floor}").format(
            floor=dwelling.floor), field="floors")


def parse_area(text: str | Decimal | None, field: str = "floor_area") -> Decimal | None:
    """A floor area in m² from the form ("89.5", "89.5㎡", "１２０．５"); None when empty. The
    owner register's one rule: exact to 0.01 m², a third decimal refused, never rounded."""
    try:
        return parse_exact_area(text)
    except AreaError as exc:
        raise ValidationError(str(exc), field=field) from None


def create_dwellings(uow: UnitOfWork, building_id: BuildingId, plan: Sequence[PlannedDwelling],
                     floor_area: Decimal | None = None,
                     task_ctx: TaskContext | None = None) -> DwellingsCreated:
    """Write the planned dwellings the building does not have yet (same unit and room are
    skipped). Any bad row stops everything: the unit of work rolls back what was written.
    With ``task_ctx`` it reports progress after each chunk and stops (rolled back) on Cancel:
    a tower of many units can plan hundreds of thousands of flats."""
    session = uow.session
    building = session.get(Building, building_id)
    if building is None or building.deleted:
        raise ValidationError(_("This building no longer exists."), field="building")
    floor_area = parse_area(floor_area)
    present = existing_rooms(session, building_id)
    connection = session.connection()
    table = Dwelling.__table__
    created_ids: list[str] = []
    skipped = 0
    batch: list[dict] = []

    def flush_batch() -> None:
        if batch:
            connection.execute(insert(table), batch)
            created_ids.extend(row["id"] for row in batch)
            batch.clear()
        if task_ctx is not None:
            task_ctx.report(len(created_ids) + skipped, len(plan))

    for dwelling in plan:
        _check_row(dwelling)
        key = (dwelling.unit, dwelling.room)
        if key in present:
            skipped += 1
            continue
        present.add(key)
        batch.append({
            "id": uuid7(), "created_hlc": uow.new_stamp(), "created_by": uow.operator,
            "deleted": False, "building_id": building_id, "unit": dwelling.unit,
            "floor": dwelling.floor, "room": dwelling.room.strip(), "floor_area": floor_area,
            "exclusive_area": None, "usage": "residential", "developer_held": False,
        })
        if len(batch) >= INSERT_CHUNK:
            flush_batch()
    flush_batch()
    # Core inserts bypass the stamping hook: tell the change set (and so undo) about them.
    if created_ids:
        uow.changes.created.setdefault("dwelling", set()).update(created_ids)
    return DwellingsCreated(len(created_ids), skipped, tuple(created_ids))


def room_label(unit: str, room: str) -> str:
    """"1单元101" (an address fragment: data, not translated)."""
    return format_address(None, unit, room)


def parse_units(text: str) -> list[str]:
    """The units the form lists: "1-3" → 1, 2, 3; "1,2,5" or "1 2 5"; "A、B"; "" → none."""
    units: list[str] = []
    for part in text.replace("，", ",").replace("、", ",").replace(" ", ",").split(","):
        part = part.strip().replace("—", "-").replace("–", "-").replace("～", "-")
        if not part:
            continue
        first, sep, last = part.partition("-")
        if sep and first.isdigit() and last.isdigit():
            low, high = int(first), int(last)
            if high < low or high - low > 50:
                raise ValidationError(_("Units run from the lower to the higher number, e.g. "
                                        "1-3."), field="units")
            units.extend(str(n) for n in range(low, high + 1))
        else:
            units.append(part)
    return list(dict.fromkeys(units))
