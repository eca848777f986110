"""Places: compounds, buildings, and a new building's dwellings created in bulk."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from desktop.core.errors import ValidationError
from desktop.roster.models import Building, Compound, Dwelling
from desktop.roster.places import (
    PlannedDwelling,
    count_existing,
    create_dwellings,
    parse_units,
    plan_dwellings,
    save_building,
    save_compound,
)
from desktop.sync.undo import UndoEntry, UndoStack
from tests.roster.editing_fixtures import make_places, snapshot


@pytest.fixture
def places(db):
    return make_places(db)


def _count(db, building_id) -> int:
    with db.reading() as s:
        return s.execute(select(func.count()).select_from(Dwelling).where(
            Dwelling.building_id == building_id, Dwelling.deleted.is_(False))).scalar_one()


def test_plan_of_a_26_floor_tower():
    plan = plan_dwellings(["1", "2", "3"], range(1, 27), 4)
    assert len(plan) == 312
    assert plan[0] == PlannedDwelling("1", 1, "101") and plan[3].room == "104"
    assert plan[-1] == PlannedDwelling("3", 26, "2604")
    assert plan_dwellings(["1"], (1, 2), 2, "{floor}-{room}")[-1].room == "2-2"


def test_plans_that_make_no_sense_are_refused():
    with pytest.raises(ValidationError) as raised:
        plan_dwellings(["1"], (1, 3), 2, "{floor}")
    assert raised.value.field == "pattern"
    with pytest.raises(ValidationError):
        plan_dwellings(["1"], (1, 3), 2, "{storey}{room}")
    assert plan_dwellings([], (1, 3), 2) == []


def test_units_as_typed():
    assert parse_units("1-3") == ["1", "2", "3"]
    assert parse_units("1，2、5") == ["1", "2", "5"]
    assert parse_units(" A B ") == ["A", "B"]


def test_compound_and_building_are_saved_and_edited(db, places):
    with db.unit_of_work("a") as uow:
        save_compound(uow, "翠苑二区", "commercial", compound_id=places.compound_id)
        save_building(uow, places.compound_id, "5号楼", 26, 3, True, places.building_id)
    with db.reading() as s:
        assert s.get(Compound, places.compound_id).name == "翠苑二区"
        building = s.get(Building, places.building_id)
        assert (building.name, building.floors, building.units, building.has_lift) == (
            "5号楼", 26, 3, True)
    with pytest.raises(ValidationError) as raised, db.unit_of_work("a") as uow:
        save_compound(uow, "", "old", "")
    assert raised.value.field == "name"


def test_create_dwellings_skips_rooms_already_there(db, places):
    plan = plan_dwellings(["1", "2", "3"], (1, 26), 4)
    with db.reading() as s:
        assert count_existing(s, places.building_id, plan) == 24  # units 1–2 floors 1–6
    with db.unit_of_work("a") as uow:
        result = create_dwellings(uow, places.building_id, plan, Decimal("89.5"))
    assert (result.created, result.skipped) == (288, 24)
    assert uow.changes.created["dwelling"] == set(result.ids)
    assert _count(db, places.building_id) == 312
    with db.reading() as s:
        row = s.execute(select(Dwelling).where(Dwelling.room == "2604",
                                               Dwelling.unit == "3")).scalar_one()
        assert row.floor == 26 and row.floor_area == Decimal("89.50") and row.created_by == "a"
        assert row.created_hlc
    # Running it again creates nothing.
    with db.unit_of_work("a") as uow:
        assert create_dwellings(uow, places.building_id, plan).created == 0


def test_a_bad_row_half_way_leaves_the_database_unchanged(db, places, monkeypatch):
    import desktop.roster.places as module

    monkeypatch.setattr(module, "INSERT_CHUNK", 50)  # some chunks are written before the bad row
    plan = plan_dwellings(["5", "6"], (1, 26), 4)
    plan.insert(150, PlannedDwelling("5", 99, ""))
    before = snapshot(db)
    with pytest.raises(ValidationError), db.unit_of_work("a") as uow:
        create_dwellings(uow, places.building_id, plan)
    assert snapshot(db) == before


def test_undo_tombstones_created_dwellings(db, places):
    stack = UndoStack()
    with db.unit_of_work("a") as uow:
        create_dwellings(uow, places.building_id, plan_dwellings(["9"], (1, 3), 2))
    stack.push(UndoEntry.from_unit_of_work("Create", uow))
    assert _count(db, places.building_id) == 30
    stack.undo(db, "a")
    assert _count(db, places.building_id) == 24


def test_a_floor_area_with_a_third_decimal_is_refused_not_rounded():
    """The bulk-dwellings form reads areas by the owner register's one rule: a vote by area is
    decided on exactly these figures, so 120.505 is refused, never stored as 120.50."""
    import pytest

    from desktop.core.errors import ValidationError
    from desktop.roster.places import parse_area

    assert parse_area("１２０．５㎡") == Decimal("120.50")
    assert parse_area(" ") is None
    for bad in ("120.505", "0", "-3", "abc"):
        with pytest.raises(ValidationError) as refused:
            parse_area(bad)
        assert refused.value.field == "floor_area"
