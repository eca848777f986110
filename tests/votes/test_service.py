"""Opening a vote: the electorate fixed from the owner register in walking order with ballot
codes; register gaps refuse the vote (listed) unless left out with a reason; bad input and a
failure half-way write nothing; closing stores the count with its rule."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from sqlalchemy import select

from desktop.core.errors import ValidationError
from desktop.roster.models import Dwelling, DwellingOwner
from desktop.votes import service
from desktop.votes.ballots import record_ballot
from desktop.votes.codes import code_is_valid
from desktop.votes.counting import RULE_VERSION
from desktop.votes.electorate import OwnerFacts, owner_key, scope_gaps
from desktop.votes.reading import electorate_rows, vote_tally
from desktop.votes.service import VoteDraft, close_vote, create_vote, edit_vote
from desktop.votes.tables import DEVELOPER_KEY, Vote, VoteDwelling
from tests.roster.editing_fixtures import snapshot
from tests.votes.estate import (
    CLOSES,
    OPENS,
    TOTAL_3,
    WANG_ID,
    build_estate,
    open_building_vote,
)


@pytest.fixture
def estate(db):
    return build_estate(db)


def _draft(estate, **changes):
    values = {"title": "3幢电梯更新", "item": 6, "compound_id": estate.compound_id,
              "opens_on": OPENS, "closes_on": CLOSES, "building_id": estate.building_id}
    values.update(changes)
    return VoteDraft(**values)


def _set(db, dwelling_id, **values):
    with db.unit_of_work("社工") as uow:
        dwelling = uow.session.get(Dwelling, dwelling_id)
        for key, value in values.items():
            setattr(dwelling, key, value)


def _drop_owners(db, dwelling_id):
    with db.unit_of_work("社工") as uow:
        for owner in uow.session.execute(select(DwellingOwner).where(
                DwellingOwner.dwelling_id == dwelling_id)).scalars():
            owner.deleted = True


def test_the_electorate_is_the_building_in_walking_order_with_checked_codes(db, estate):
    vote_id = open_building_vote(db, estate)
    with db.reading() as session:
        rows = electorate_rows(session, vote_id)
        vote = session.get(Vote, vote_id)
        assert vote.rule_version == RULE_VERSION
    assert [r.address for r in rows] == [f"3幢{u}单元{f}0{r}" for u in "12" for f in "123"
                                         for r in "12"]
    assert sum(r.area for r in rows) == TOTAL_3 == Decimal("1117.50")
    codes = [r.code for r in rows]
    assert len(set(codes)) == 12 and all(code_is_valid(c) and len(c) == 4 for c in codes)
    assert rows[0].owners == "王强" and rows[0].owner_key == rows[1].owner_key == f"id:{WANG_ID}"
    assert rows[2].owner_key != rows[3].owner_key


def test_a_unit_vote_holds_only_that_unit(db, estate):
    vote_id = open_building_vote(db, estate, unit="2")
    with db.reading() as session:
        rows = electorate_rows(session, vote_id)
    assert [r.address[:6] for r in rows] == ["3幢2单元1"] * 2 + ["3幢2单元2"] * 2 + \
        ["3幢2单元3"] * 2


def test_register_gaps_refuse_the_vote_listing_each_address_and_write_nothing(db, estate):
    no_area = estate.by_address["3幢2单元201"]
    no_owner = estate.by_address["3幢1单元301"]
    _set(db, no_area, exclusive_area=None)
    _drop_owners(db, no_owner)
    with db.reading() as session:
        gaps = scope_gaps(session, estate.compound_id, estate.building_id)
    assert [(g.address, g.problem) for g in gaps] == [("3幢1单元301", "no_owner"),
                                                        ("3幢2单元201", "no_area")]
    before = snapshot(db)
    with pytest.raises(ValidationError) as refused, db.unit_of_work("社工") as uow:
        create_vote(uow, _draft(estate))
    assert "3幢1单元301 (no owner)" in refused.value.message
    assert "3幢2单元201 (no exclusive area)" in refused.value.message
    assert refused.value.message.startswith("2 dwellings of the scope cannot be counted yet")
    assert snapshot(db) == before
    # One left out is not enough; both are, with a reason each.
    with pytest.raises(ValidationError, match="3幢2单元201"), db.unit_of_work("社工") as uow:
        create_vote(uow, _draft(estate), {no_owner: "业主去世，继承未定"})
    with pytest.raises(ValidationError, match="Reason for leaving out 3幢2单元201"), \
            db.unit_of_work("社工") as uow:
        create_vote(uow, _draft(estate), {no_owner: "继承未定", no_area: "  "})
    assert snapshot(db) == before
    vote_id = open_building_vote(db, estate, exclude={no_owner: "继承未定", no_area: "面积待测"})
    with db.reading() as session:
        rows = {r.address: r for r in electorate_rows(session, vote_id)}
        result = vote_tally(session, vote_id).tally
    assert rows["3幢1单元301"].excluded and rows["3幢1单元301"].reason == "继承未定"
    assert rows["3幢2单元201"].excluded and not rows["3幢2单元101"].excluded
    assert result.total_area == TOTAL_3 - Decimal("85.00") - Decimal("102.50")
    assert result.total_heads == 11 - 2


def test_the_developers_unsold_dwellings_are_one_head_and_need_no_owner(db, estate):
    for address in ("3幢2单元301", "3幢2单元302"):
        _set(db, estate.by_address[address], developer_held=True)
    _drop_owners(db, estate.by_address["3幢2单元302"])
    vote_id = open_building_vote(db, estate)
    with db.reading() as session:
        rows = {r.address: r for r in electorate_rows(session, vote_id)}
        result = vote_tally(session, vote_id).tally
    assert rows["3幢2单元301"].owner_key == rows["3幢2单元302"].owner_key == DEVELOPER_KEY
    assert result.total_heads == 10 and result.total_area == TOTAL_3


def test_owner_keys_never_merge_a_bare_name_and_merge_an_id_number():
    same_name = [OwnerFacts("d1", "王伟"), OwnerFacts("d2", "王伟")]
    assert owner_key(same_name[:1]) != owner_key(same_name[1:])
    by_id = [OwnerFacts("d1", "王伟", id_number="330106197001011230"),
             OwnerFacts("d2", "王 伟", resident_id="r9", id_number=" 330106197001011230 ")]
    assert owner_key(by_id[:1]) == owner_key(by_id[1:])
    assert owner_key([OwnerFacts("d1", "李四", phone="139-0000-0001")]) == \
        owner_key([OwnerFacts("d7", "李四", phone="13900000001")])
    co = [OwnerFacts("d1", "甲", phone="1"), OwnerFacts("d1", "乙", phone="2")]
    assert owner_key(co) == owner_key(list(reversed(co))) and "+" in owner_key(co)
    assert owner_key([]) == "" and owner_key([], developer_held=True) == DEVELOPER_KEY


@pytest.mark.parametrize("changes, field", [
    ({"title": "  "}, "title"), ({"item": 0}, "item"), ({"item": 10}, "item"),
    ({"item": True}, "item"), ({"closes_on": dt.date(2026, 10, 1)}, "closes_on"),
    ({"opens_on": "2026-11-01"}, "opens_on"), ({"compound_id": "nope"}, "compound"),
    ({"building_id": "nope"}, "building"), ({"building_id": None, "unit": "1"}, "building"),
    ({"unit": "9"}, "scope"),
])
def test_bad_drafts_are_refused_naming_the_field_and_write_nothing(db, estate, changes, field):
    before = snapshot(db)
    with pytest.raises(ValidationError) as refused, db.unit_of_work("社工") as uow:
        create_vote(uow, _draft(estate, **changes))
    assert refused.value.field == field
    assert snapshot(db) == before


def test_a_building_of_another_compound_and_a_stray_exclusion_are_refused(db, estate):
    before = snapshot(db)
    with pytest.raises(ValidationError, match="not in the chosen compound"), \
            db.unit_of_work("社工") as uow:
        create_vote(uow, _draft(estate, building_id=estate.other_building_id))
    with pytest.raises(ValidationError, match="not in the vote's scope"), \
            db.unit_of_work("社工") as uow:
        create_vote(uow, _draft(estate), {estate.by_address["5幢1单元101"]: "x"})
    assert snapshot(db) == before


def test_a_failure_half_way_through_the_electorate_leaves_the_database_as_it_was(
        db, estate, monkeypatch):
    real = service.make_code
    calls = []

    def failing(number, width):
        calls.append(number)
        if number == 7:
            raise OSError("disk full")
        return real(number, width)

    monkeypatch.setattr(service, "make_code", failing)
    before = snapshot(db)
    with pytest.raises(OSError), db.unit_of_work("社工") as uow:
        create_vote(uow, _draft(estate))
    assert calls == list(range(1, 8))
    assert snapshot(db) == before


def test_edit_and_late_switch_and_close_store_the_count_with_its_rule(db, estate):
    vote_id = open_building_vote(db, estate)
    with db.unit_of_work("社工") as uow:
        edit_vote(uow, vote_id, title="3幢电梯更新（修订）", closes_on=dt.date(2026, 12, 5))
        for address in ("3幢1单元101", "3幢2单元302"):
            record_ballot(uow, vote_id, estate.by_address[address], "agree",
                          dt.date(2026, 11, 3))
    with pytest.raises(ValidationError) as refused, db.unit_of_work("社工") as uow:
        edit_vote(uow, vote_id, opens_on=dt.date(2026, 12, 6))
    assert refused.value.field == "closes_on"
    with db.unit_of_work("社工") as uow:
        service.set_include_late(uow, vote_id, True)
        close_vote(uow, vote_id, dt.date(2026, 12, 6))
    with db.reading() as session:
        vote = session.get(Vote, vote_id)
        stored = json.loads(vote.result)
        assert vote.title == "3幢电梯更新（修订）" and vote.closed_on == dt.date(2026, 12, 6)
    assert stored["rule_version"] == RULE_VERSION and stored["item"] == 1
    assert stored["participating_area"] == "186.25" and stored["participating_heads"] == 2
    assert stored["total_area"] == "1117.50" and stored["passed"] is False
    before = snapshot(db)
    for action in (lambda uow: edit_vote(uow, vote_id, title="x"),
                   lambda uow: service.set_include_late(uow, vote_id, False),
                   lambda uow: close_vote(uow, vote_id, dt.date(2026, 12, 7)),
                   lambda uow: record_ballot(uow, vote_id, estate.by_address["3幢1单元201"],
                                             "agree", dt.date(2026, 11, 3))):
        with pytest.raises(ValidationError, match="is closed"), db.unit_of_work("社工") as uow:
            action(uow)
    assert snapshot(db) == before


def test_the_electorate_is_a_snapshot_a_later_register_change_does_not_move(db, estate):
    vote_id = open_building_vote(db, estate)
    _set(db, estate.by_address["3幢1单元101"], exclusive_area=Decimal("999.00"))
    with db.reading() as session:
        assert vote_tally(session, vote_id).tally.total_area == TOTAL_3
        assert session.execute(select(VoteDwelling.area).where(
            VoteDwelling.dwelling_id == estate.by_address["3幢1单元101"])).scalar() == \
            Decimal("80.00")
