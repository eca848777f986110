"""A household's history, read from the change stamps: who changed what, and when."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.roster.editing import (
    ResidentDraft,
    mark_moved_out,
    move_resident,
    save_resident,
)
from desktop.roster.history import household_history
from desktop.roster.households import household_detail, save_household
from desktop.roster.tags import builtin_tag_id, ensure_builtin_tags
from tests.roster.editing_fixtures import LI_ID, ZHANG_ID, make_places


@pytest.fixture
def places(db):
    return make_places(db)


def _texts(db, household_id) -> list[tuple[str, str]]:
    with db.reading() as s:
        return [(e.operator, e.what) for e in household_history(s, household_id)]


def test_history_names_who_changed_what_newest_first(db, places):
    home = places.households[0]
    with db.unit_of_work("王小红") as uow:
        rid = save_resident(uow, ResidentDraft(name="张三", id_number=ZHANG_ID,
                                               phone="13800138000", relationship="02"), home)
    with db.unit_of_work("李志愿") as uow:
        save_resident(uow, ResidentDraft(name="张三", id_number=ZHANG_ID,
                                         phone="13900139000", relationship="02"), None, rid)
    with db.unit_of_work("李志愿") as uow:
        save_resident(uow, ResidentDraft(name="张三", id_number=ZHANG_ID,
                                         phone="13700137000", relationship="02"), None, rid)
    with db.unit_of_work("王小红") as uow:
        mark_moved_out(uow, rid, dt.date(2026, 3, 1))
    texts = _texts(db, home)
    assert texts[0][0] == "王小红" and texts[0][1].startswith("张三: moved out on ")
    assert "2026" in texts[0][1]
    assert texts[1] == ("李志愿", "张三: Phone: 13900139000 → 13700137000")
    # The first edit too says what the phone was: the stamp keeps the value it replaced.
    assert texts[2] == ("李志愿", "张三: Phone: 13800138000 → 13900139000")
    assert ("王小红", "张三: added to the roster") in texts
    assert texts[-1][1] == "Household: household created"
    with db.reading() as s:
        entries = household_history(s, home)
    assert all(isinstance(e.when, dt.datetime) for e in entries)
    assert entries == sorted(entries, key=lambda e: e.hlc, reverse=True)
    assert abs(entries[0].when - dt.datetime.now()) < dt.timedelta(minutes=5)


def test_a_member_who_moved_away_keeps_their_history_here(db, places):
    home, other = places.households
    with db.unit_of_work("a") as uow:
        rid = save_resident(uow, ResidentDraft(name="李四", id_number=LI_ID), home)
    with db.unit_of_work("a") as uow:
        move_resident(uow, rid, other, "10")
    with db.unit_of_work("a") as uow:  # moved here later: the stamp of household_id says so
        move_resident(uow, rid, home, "10")
    with db.unit_of_work("a") as uow:
        move_resident(uow, rid, other, "10")
    texts = [t for _op, t in _texts(db, home)]
    assert any("moved to household 000002" in t for t in texts)
    assert any("moved into this household" in t for t in texts)
    assert "李四: added to the roster" in texts
    with db.reading() as s:
        assert [m.name for m in household_detail(s, other).members] == ["李四"]
        assert household_detail(s, home).members == ()


def test_household_edits_and_tags_are_in_the_history(db, places):
    home = places.households[0]
    with db.unit_of_work("a") as uow:
        ensure_builtin_tags(uow)
        rid = save_resident(uow, ResidentDraft(
            name="张三", tag_ids=frozenset({builtin_tag_id("elderly")})), home)
    with db.unit_of_work("b") as uow:
        save_household(uow, "000009", places.dwellings[0], "租住", home)
        save_resident(uow, ResidentDraft(name="张三", tag_ids=frozenset()), None, rid)
    texts = _texts(db, home)
    assert ("b", "Household: Household number: 000001 → 000009; Notes: (empty) → 租住") in texts
    assert ("b", "张三: tag removed: Elderly") in texts
    assert ("a", "张三: tag added: Elderly") in texts


def test_household_detail_shows_dwelling_and_members(db, places):
    home = places.households[0]
    with db.unit_of_work("a") as uow:
        save_resident(uow, ResidentDraft(name="李四", id_number=LI_ID, relationship="10"), home)
        save_resident(uow, ResidentDraft(name="张三", id_number=ZHANG_ID, relationship="02"),
                      home)
    with db.reading() as s:
        detail = household_detail(s, home, today=dt.date(2026, 5, 1))
    assert detail.full_address == "翠苑一区3幢1单元101"
    assert [(m.name, m.relationship, m.age) for m in detail.members] == [
        ("张三", "02", 46), ("李四", "10", 40)]
    assert detail.head.name == "张三"


def test_a_new_dwelling_is_said_as_an_address(db, places):
    home = places.households[0]
    with db.unit_of_work("a") as uow:
        save_household(uow, "000001", places.dwellings[3], "", home)
    with db.unit_of_work("a") as uow:
        save_household(uow, "000001", places.dwellings[2], "", home)
    texts = [t for _op, t in _texts(db, home)]
    assert texts[0] == ("Household: Dwelling: 翠苑一区3幢1单元202 → "
                        "翠苑一区3幢1单元201")
    assert texts[1] == "Household: Dwelling: 翠苑一区3幢1单元101 → 翠苑一区3幢1单元202"
