"""Editing residents: checks as the form is typed, saving, duplicates, moves, moving out."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from desktop.core.errors import ValidationError
from desktop.roster.editing import (
    ResidentDraft,
    check_resident,
    mark_deceased,
    mark_moved_out,
    move_resident,
    reactivate,
    save_resident,
)
from desktop.roster.models import Resident, ResidentTag
from desktop.roster.phones import check_phone
from desktop.roster.tags import builtin_tag_id, ensure_builtin_tags
from tests.roster.editing_fixtures import (
    BAD_CHECK,
    LI_ID,
    ZHANG_ID,
    make_places,
    snapshot,
)


@pytest.fixture
def places(db):
    return make_places(db)


def _save(db, draft, household_id, resident_id=None, **kw) -> str:
    with db.unit_of_work("王小红") as uow:
        return save_resident(uow, draft, household_id, resident_id, **kw)


def test_a_valid_id_gives_birth_date_and_sex(db, places):
    with db.reading() as s:
        check = check_resident(s, ResidentDraft(name="张三", id_number=ZHANG_ID))
    assert check.ok and check.warnings == {}
    assert check.derived_birth_date == dt.date(1980, 3, 15) and check.derived_sex == "1"


def test_a_bad_id_is_an_error_and_saving_it_changes_nothing(db, places):
    draft = ResidentDraft(name="张三", id_number=BAD_CHECK)
    with db.reading() as s:
        check = check_resident(s, draft)
    assert "does not add up" in check.errors["id_number"]
    before = snapshot(db)
    with pytest.raises(ValidationError) as raised:
        _save(db, draft, places.households[0])
    assert raised.value.field == "id_number"
    assert snapshot(db) == before


def test_required_name_and_mismatched_sex_and_birth_date(db, places):
    draft = ResidentDraft(name=" ", id_number=ZHANG_ID, sex="2",
                          birth_date=dt.date(1980, 3, 16))
    with db.reading() as s:
        check = check_resident(s, draft)
    assert set(check.errors) == {"name", "sex", "birth_date"}
    assert "March 15, 1980" in check.errors["birth_date"]


def test_a_15_digit_number_is_upgraded_and_the_original_kept(db, places):
    resident_id = _save(db, ResidentDraft(name="老王", id_number="110105491231002"),
                        places.households[0])
    with db.reading() as s:
        person = s.get(Resident, resident_id)
        assert person.id_number == "11010519491231002X"
        assert person.id_number_original == "110105491231002"
        assert person.birth_date == dt.date(1949, 12, 31)


def test_an_unknown_region_is_only_a_warning(db, places):
    draft = ResidentDraft(name="赵六", id_number="330103198506151234")
    with db.reading() as s:
        check = check_resident(s, draft)
    assert check.ok and "region code" in check.warnings["id_number"]
    assert _save(db, draft, places.households[0])


@pytest.mark.parametrize("typed, stored", [
    ("138 0013 8000", "13800138000"), ("１３８-００１３-８０００", "13800138000"),
    ("+86 13800138000", "13800138000"), ("0571 87654321", "0571-87654321"),
    ("(010)12345678", "010-12345678"), ("", ""),
])
def test_phones_are_normalised(typed, stored):
    assert check_phone(typed).number == stored and check_phone(typed).ok


@pytest.mark.parametrize("typed", ["1380013800", "12800138000", "abc", "0571-123"])
def test_bad_phones_are_errors(typed):
    assert not check_phone(typed).ok


def test_saving_normalises_the_phone_and_keeps_tags(db, places):
    with db.unit_of_work("a") as uow:
        ensure_builtin_tags(uow)
    elderly, alone = builtin_tag_id("elderly"), builtin_tag_id("lives_alone")
    draft = ResidentDraft(name="张三", id_number=ZHANG_ID, phone="138 0013 8000",
                          relationship="02", tag_ids=frozenset({elderly, alone}))
    rid = _save(db, draft, places.households[0])
    _save(db, ResidentDraft(name="张三", id_number=ZHANG_ID, phone="13800138000",
                            relationship="02", tag_ids=frozenset({elderly})), None, rid)
    with db.reading() as s:
        assert s.get(Resident, rid).phone == "13800138000"
        rows = s.execute(select(ResidentTag.tag_id, ResidentTag.deleted)
                         .where(ResidentTag.resident_id == rid)).all()
    assert sorted(rows) == sorted([(elderly, False), (alone, True)])  # tombstoned, not deleted


def test_a_duplicate_id_is_refused_unless_allowed(db, places):
    first = _save(db, ResidentDraft(name="张三", id_number=ZHANG_ID), places.households[0])
    draft = ResidentDraft(name="张叁", id_number=ZHANG_ID.lower())
    with db.reading() as s:
        check = check_resident(s, draft)
    assert [d.id for d in check.duplicates] == [first]
    assert check.duplicates[0].address == "翠苑一区3幢1单元101"
    before = snapshot(db)
    with pytest.raises(ValidationError, match="张三"):
        _save(db, draft, places.households[1])
    assert snapshot(db) == before
    assert _save(db, draft, places.households[1], allow_duplicate=True) != first
    with db.reading() as s:  # editing the person itself is not a duplicate of itself
        assert len(check_resident(s, draft, first).duplicates) == 1


def test_move_to_another_household(db, places):
    rid = _save(db, ResidentDraft(name="李四", id_number=LI_ID, relationship="02"),
                places.households[0])
    with db.unit_of_work("a") as uow:
        move_resident(uow, rid, places.households[1], "10")
    with db.reading() as s:
        person = s.get(Resident, rid)
        assert (person.household_id, person.relationship) == (places.households[1], "10")
    with pytest.raises(ValidationError), db.unit_of_work("a") as uow:
        move_resident(uow, rid, "no-such-household", "10")


def test_moved_out_and_deceased_are_kept_with_dates(db, places):
    rid = _save(db, ResidentDraft(name="李四", id_number=LI_ID), places.households[0])
    with db.unit_of_work("a") as uow:
        mark_moved_out(uow, rid, dt.date(2026, 1, 5))
    with db.reading() as s:
        person = s.get(Resident, rid)
        assert person.moved_out and person.moved_out_on == dt.date(2026, 1, 5)
        assert not person.deleted and person.household_id == places.households[0]
    with db.unit_of_work("a") as uow:
        reactivate(uow, rid)
        mark_deceased(uow, rid, dt.date(2026, 2, 1))
    with db.reading() as s:
        person = s.get(Resident, rid)
        assert person.deceased and not person.moved_out and not person.deleted
    with pytest.raises(ValidationError), db.unit_of_work("a") as uow:
        mark_moved_out(uow, rid, dt.date.today() + dt.timedelta(days=3))


def test_a_new_head_when_the_household_has_one_is_a_warning(db, places):
    _save(db, ResidentDraft(name="张三", relationship="02"), places.households[0])
    with db.reading() as s:
        check = check_resident(s, ResidentDraft(name="王五", relationship="02"),
                               household_id=places.households[0])
    assert check.ok and "张三" in check.warnings["relationship"]
