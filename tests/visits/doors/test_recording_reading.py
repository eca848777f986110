"""What the volunteer reads at the door, on a real SQLite file: my doors in walking order with
their state, one door's household without ID numbers, the next door to do, and a clear word
when the roster changed under a door."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from desktop.core.i18n import set_language
from desktop.roster.address import walking_key
from desktop.roster.models import Dwelling, Household, Resident, ResidentTag, Tag
from desktop.visits.doors.reading import door_detail, my_doors, next_door
from desktop.visits.doors.recording import VisitInput, record_visit, start_visit
from desktop.visits.records.campaigns import CampaignDoor
from tests.visits.doors.door_fixtures import AT, door_ids, make_campaign, visitors

ANSWERS = {"q": "yes"}


@pytest.fixture
def campaign(db):
    return make_campaign(db)


def _write(db, work, *args, **kwargs):
    with db.unit_of_work("张志愿") as uow:
        return work(uow, *args, **kwargs)


def _doors(db, campaign, visitor=None):
    with db.reading() as session:
        return my_doors(session, campaign, visitor)


def _detail(db, door_id):
    with db.reading() as session:
        return door_detail(session, door_id, today=dt.date(2026, 12, 3))


def test_my_doors_are_mine_in_walking_order_with_addresses_people_say(db, campaign):
    (me, _name), (other, _n) = visitors(db, campaign)
    rows = _doors(db, campaign, me)
    assert [r.id for r in rows] == door_ids(db, campaign, me)
    assert not set(door_ids(db, campaign, other)) & {r.id for r in rows}
    keys = [(r.place.building, walking_key(r.place.unit, r.place.floor, r.place.room))
            for r in rows]
    first_building = [k for k in keys if k[0] == keys[0][0]]
    assert first_building == sorted(first_building)
    row = rows[0]
    unit = f"{row.place.unit}单元" if row.place.unit else ""
    assert row.place.address == f"{row.place.compound}{row.place.building}{unit}{row.place.room}"
    number = "".join(ch for ch in row.place.building if ch.isdigit())
    assert row.place.short_address == "-".join(
        p for p in (number, row.place.unit, row.place.room) if p)
    assert row.head and "*" in row.head  # the head of household, masked


def test_my_doors_show_state_attempts_callback_and_drafts(db, campaign):
    (me, _name), _other = visitors(db, campaign)
    first, second, third = door_ids(db, campaign, me)[:3]
    back = AT + dt.timedelta(days=1)
    _write(db, record_visit, VisitInput(first, "not_home", AT))
    _write(db, record_visit, VisitInput(first, "completed", AT + dt.timedelta(hours=2),
                                        answers=ANSWERS))
    _write(db, record_visit, VisitInput(second, "revisit", AT, callback_at=back))
    _write(db, start_visit, third)
    rows = {r.id: r for r in _doors(db, campaign, me)}
    assert rows[first].done and rows[first].state.attempts == 2
    assert rows[first].state.visited_at == AT + dt.timedelta(hours=2)
    assert not rows[second].done and rows[second].state.callback_at == back
    assert rows[third].has_draft and rows[third].state.outcome == "not_visited"


def test_next_door_skips_done_doors_and_wraps_round_to_the_undone(db, campaign):
    (me, _name), _other = visitors(db, campaign)
    doors = door_ids(db, campaign, me)
    _write(db, record_visit, VisitInput(doors[1], "refused", AT))
    _write(db, record_visit, VisitInput(doors[2], "not_home", AT))
    with db.reading() as session:
        assert next_door(session, campaign, me) == doors[0]
        assert next_door(session, campaign, me, doors[0]) == doors[2]  # 1 is done
        assert next_door(session, campaign, me, doors[-1]) == doors[0]  # wraps round
    for door in doors:
        _write(db, record_visit, VisitInput(door, "vacant", AT + dt.timedelta(hours=1)))
    with db.reading() as session:
        assert next_door(session, campaign, me, doors[0]) is None


def test_door_detail_shows_members_with_age_relationship_and_tags_but_no_id_numbers(
        db, campaign):
    door = door_ids(db, campaign)[0]
    with db.unit_of_work("社工") as uow:
        household_id = uow.session.get(CampaignDoor, door).household_id
        people = uow.session.execute(select(Resident).where(
            Resident.household_id == household_id)).scalars().all()
        tag = uow.session.execute(select(Tag).where(Tag.code == "lives_alone")).scalar()
        if tag is None:
            tag = Tag(code="lives_alone")
            uow.session.add(tag)
            uow.session.flush()
        uow.session.add(ResidentTag(resident_id=people[0].id, tag_id=tag.id))
        id_numbers = [p.id_number for p in people if p.id_number]
    assert id_numbers  # the demo gives them ID numbers: none may show
    set_language("zh_Hans")
    detail = _detail(db, door)
    assert detail.problem == ""
    assert {m.id for m in detail.members} == {p.id for p in people
                                              if not (p.moved_out or p.deceased)}
    assert "独居老人" in detail.tags
    head = detail.members[0]
    assert head.is_head and head.relationship == "户主" and head.age is not None
    shown = repr(detail)
    assert not any(number in shown or number[-8:] in shown for number in id_numbers)


def test_door_detail_lists_the_visits_at_this_door_and_which_were_corrected(db, campaign):
    door = door_ids(db, campaign)[0]
    first = _write(db, record_visit, VisitInput(door, "not_home", AT))
    done = _write(db, record_visit, VisitInput(door, "completed", AT + dt.timedelta(days=1),
                                               answers=ANSWERS))
    _write(db, record_visit, VisitInput(door, "completed", AT + dt.timedelta(days=2),
                                        answers=ANSWERS, replaces_id=done))
    detail = _detail(db, door)
    assert [v.outcome for v in detail.visits] == ["not_home", "completed", "completed"]
    assert [v.replaced for v in detail.visits] == [False, True, False]
    assert detail.visits[0].id == first and detail.state.attempts == 3 and detail.state.done


def _move_household(db, door, to=None, delete=False):
    with db.unit_of_work("社工") as uow:
        household = uow.session.get(Household, uow.session.get(CampaignDoor, door).household_id)
        if delete:
            household.deleted = True
        else:
            household.dwelling_id = to


def test_a_door_whose_household_moved_says_where_and_shows_no_one(db, campaign):
    doors = door_ids(db, campaign)
    with db.reading() as session:
        other = session.get(CampaignDoor, doors[-1]).dwelling_id
    _move_household(db, doors[0], to=other)
    detail = _detail(db, doors[0])
    rows = {r.id: r for r in _doors(db, campaign)}
    assert not rows[doors[0]].place.fits and rows[doors[1]].place.fits
    with db.reading() as session:
        dwelling = session.get(Dwelling, other)
        room = dwelling.room
    assert "moved" in detail.problem and room in detail.problem
    assert detail.place.address in detail.problem and detail.members == ()


def test_a_door_whose_household_was_deleted_or_dwelling_removed_says_so(db, campaign):
    doors = door_ids(db, campaign)
    _move_household(db, doors[0], delete=True)
    assert "deleted" in _detail(db, doors[0]).problem
    with db.unit_of_work("社工") as uow:
        uow.session.get(Dwelling, uow.session.get(CampaignDoor, doors[1]).dwelling_id
                        ).deleted = True
    detail = _detail(db, doors[1])
    assert "dwelling" in detail.problem and detail.place.address in detail.problem
    rows = {r.id: r for r in _doors(db, campaign)}
    assert [rows[d].place.fits for d in doors[:3]] == [False, False, True]
    assert _detail(db, doors[2]).problem == ""


def test_door_detail_fields_carry_no_id_number_field(db, campaign):
    from desktop.visits.doors.reading import DoorMember, DoorRow

    names = {f.name for cls in (DoorMember, DoorRow) for f in dataclasses.fields(cls)}
    assert not any("id_number" in n for n in names)
