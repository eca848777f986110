"""Editing a dwelling's areas and owners: exact areas, shares, refusals that write nothing,
and undo of the window's write."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from desktop.core.errors import ValidationError
from desktop.roster.models import Dwelling, DwellingOwner, Resident
from desktop.roster.owners.areas import AreaError, parse_area
from desktop.roster.owners.reading import dwelling_sheet, find_residents
from desktop.roster.owners.service import (
    AreasDraft,
    OwnerDraft,
    save_dwelling,
    set_areas,
    set_owners,
)
from desktop.sync.undo import UndoStack
from desktop.sync.undoable import perform
from tests.roster.editing_fixtures import ZHANG_ID, make_places, snapshot


@pytest.fixture
def places(db):
    found = make_places(db)
    with db.unit_of_work("t") as uow:
        uow.session.add(Resident(name="张三", household_id=found.households[0],
                                 id_number=ZHANG_ID, phone="13800001111"))
    return found


def _resident(db, name="张三"):
    with db.reading() as session:
        return session.execute(select(Resident.id).where(Resident.name == name)).scalar()


@pytest.mark.parametrize("text, expected", [
    ("120.5", "120.50"), ("１２０．５", "120.50"), ("120.50㎡", "120.50"),
    (" 89.10 平方米", "89.10"), (89.1, "89.10"), (Decimal(75), "75.00"), ("", None),
    (None, None), ("120.500", "120.50"),
])
def test_areas_are_read_exactly(text, expected):
    assert parse_area(text) == (None if expected is None else Decimal(expected))


@pytest.mark.parametrize("text", ["120.505", 120.505, "0", "-3", "abc", "12,0.5.1", "1e3"])
def test_areas_that_are_no_area_are_refused_not_rounded(text):
    with pytest.raises(AreaError):
        parse_area(text)


def test_set_areas_and_undo(db, places):
    dwelling = places.dwellings[0]
    stack = UndoStack()
    done = perform(db, "王小红", lambda uow: set_areas(
        uow, dwelling, AreasDraft("98.76", "80.05", True)), label="areas")
    stack.push(done.entry)
    with db.reading() as session:
        sheet = dwelling_sheet(session, dwelling)
    assert (sheet.floor_area, sheet.exclusive_area, sheet.developer_held) == (
        Decimal("98.76"), Decimal("80.05"), True)
    stack.undo(db, "王小红")
    with db.reading() as session:
        row = session.get(Dwelling, dwelling)
        assert (row.floor_area, row.exclusive_area, row.developer_held) == (None, None, False)


@pytest.mark.parametrize("draft, field", [
    (AreasDraft("90", "120.505"), "exclusive_area"),
    (AreasDraft("90", "95"), "exclusive_area"),  # larger than the floor area
    (AreasDraft("abc", "80"), "floor_area"),
    (AreasDraft("90", "0"), "exclusive_area"),
])
def test_bad_areas_name_the_field_and_write_nothing(db, places, draft, field):
    before = snapshot(db)
    with pytest.raises(ValidationError) as caught, db.unit_of_work("t") as uow:
        set_areas(uow, places.dwellings[0], draft)
    assert caught.value.field == field
    assert snapshot(db) == before


def test_owners_resident_and_outside_with_shares(db, places):
    dwelling = places.dwellings[0]
    zhang = _resident(db)
    with db.unit_of_work("t") as uow:
        set_owners(uow, dwelling, [OwnerDraft(resident_id=zhang, share_percent="60"),
                                   OwnerDraft(name=" 李 四 ", phone="139 0000 2222",
                                              share_percent=Decimal("40.00"))])
    with db.reading() as session:
        sheet = dwelling_sheet(session, dwelling)
    assert [(o.name, o.phone, o.share_percent) for o in sheet.owners] == [
        ("张三", "13800001111", Decimal("60.00")), ("李 四", "13900002222", Decimal("40.00"))]
    assert sheet.shares_given
    # The same people again, one share changed: rows are kept, not replaced.
    with db.reading() as session:
        ids_before = set(session.execute(select(DwellingOwner.id)).scalars())
    with db.unit_of_work("t") as uow:
        set_owners(uow, dwelling, [OwnerDraft(resident_id=zhang, share_percent="50"),
                                   OwnerDraft(name="李 四", phone="13900002222",
                                              share_percent="50")])
    with db.reading() as session:
        assert set(session.execute(select(DwellingOwner.id)).scalars()) == ids_before
    # Removing one tombstones it, nothing is hard-deleted; undo brings it back.
    stack = UndoStack()
    stack.push(perform(db, "t", lambda uow: set_owners(
        uow, dwelling, [OwnerDraft(resident_id=zhang)]), label="owners").entry)
    with db.reading() as session:
        assert [o.name for o in dwelling_sheet(session, dwelling).owners] == ["张三"]
        assert len(session.execute(select(DwellingOwner.id)).all()) == 2
    stack.undo(db, "t")
    with db.reading() as session:
        assert [o.name for o in dwelling_sheet(session, dwelling).owners] == ["张三", "李 四"]


def test_co_owners_without_shares_are_joint(db, places):
    zhang = _resident(db)
    with db.unit_of_work("t") as uow:
        set_owners(uow, places.dwellings[1], [OwnerDraft(resident_id=zhang),
                                              OwnerDraft(name="王芳")])
    with db.reading() as session:
        sheet = dwelling_sheet(session, places.dwellings[1])
    assert [o.share_percent for o in sheet.owners] == [100, 100]
    assert not sheet.shares_given


@pytest.mark.parametrize("owners, field", [
    ([OwnerDraft(name="甲", share_percent="60"), OwnerDraft(name="乙", share_percent="30")],
     "share_percent"),  # 90 %
    ([OwnerDraft(name="甲", share_percent="60"), OwnerDraft(name="乙")], "share_percent"),
    ([OwnerDraft(name="甲", share_percent="33.333"), OwnerDraft(name="乙",
                                                                share_percent="66.667")],
     "share_percent"),
    ([OwnerDraft(name="")], "name"),
    ([OwnerDraft(name="甲", phone="12345")], "phone"),
    ([OwnerDraft(name="甲", id_number=ZHANG_ID[:-1] + "0")], "id_number"),
    ([OwnerDraft(name="甲", phone="13800001111"), OwnerDraft(name="甲",
                                                            phone="13800001111")], "owners"),
    ([OwnerDraft(resident_id="no-such-person")], "owners"),
])
def test_bad_owners_are_refused_and_nothing_written(db, places, owners, field):
    with db.unit_of_work("t") as uow:
        set_areas(uow, places.dwellings[0], AreasDraft("90", "80"))
    before = snapshot(db)
    with pytest.raises(ValidationError) as caught, db.unit_of_work("t") as uow:
        save_dwelling(uow, places.dwellings[0], AreasDraft("91", "81"), owners)
    assert caught.value.field == field
    assert snapshot(db) == before


def test_find_residents(db, places):
    with db.reading() as session:
        assert [r.name for r in find_residents(session, "张")] == ["张三"]
        assert [r.name for r in find_residents(session, "1111")] == ["张三"]
        assert find_residents(session, " ") == []
