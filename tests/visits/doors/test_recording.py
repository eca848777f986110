"""Recording visits on a real SQLite file: drafts saved on every change, one finished visit with
its roster proposals, corrections as new visits, bad input and a failure half-way that change
nothing (the draft stays)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from desktop.core.errors import ValidationError
from desktop.roster.models import Resident
from desktop.visits.doors import recording
from desktop.visits.doors.recording import (
    ProposalInput,
    VisitInput,
    correct_visit,
    discard_draft,
    finish_visit,
    open_drafts,
    record_visit,
    save_draft,
    start_visit,
)
from desktop.visits.records.campaigns import Campaign
from desktop.visits.records.state import door_states
from desktop.visits.records.visits import RosterProposal, Visit, VisitDraft
from tests.roster.editing_fixtures import snapshot
from tests.visits.doors.door_fixtures import AT, door_ids, make_campaign, visitors

ANSWERS = {"satisfied": "yes", "comments": "楼道灯坏了", "members": [{"name": "张三"}]}


@pytest.fixture
def campaign(db):
    return make_campaign(db)


def _visit(db, visit_id):
    with db.reading() as session:
        visit = session.get(Visit, visit_id)
        session.expunge(visit)
        return visit


def _write(db, work, *args, **kwargs):
    with db.unit_of_work("张志愿") as uow:
        return work(uow, *args, **kwargs)


def _resident_of(db, door_id):
    from desktop.visits.records.campaigns import CampaignDoor

    with db.reading() as session:
        household_id = session.get(CampaignDoor, door_id).household_id
        return session.execute(select(Resident.id).where(
            Resident.household_id == household_id)).scalars().first()


def test_a_draft_holds_every_change_and_finishing_writes_one_visit_with_its_proposals(
        db, campaign):
    door = door_ids(db, campaign)[0]
    resident = _resident_of(db, door)
    draft = _write(db, start_visit, door, now=AT)
    assert _write(db, start_visit, door) == draft  # the door's draft, not a second one
    _write(db, save_draft, draft, outcome="completed")
    _write(db, save_draft, draft, answers={"satisfied": "yes"})
    _write(db, save_draft, draft, answers=ANSWERS, follow_up=True,
           follow_up_note="独居，需要助餐")
    _write(db, save_draft, draft, proposals=[
        ProposalInput("phone", resident, {"phone": "13900001111"}),
        ProposalInput("new_member", None, {"name": "王小明", "sex": "1",
                                           "birth_date": "2020-05-01", "relationship": "40"})])
    with db.reading() as session:
        (summary,) = open_drafts(session)
    assert summary.door_id == door and summary.outcome == "completed"
    assert summary.short_address.count("-") >= 1 and summary.problem == ""

    visit_id = _write(db, finish_visit, draft, now=AT + dt.timedelta(minutes=7))
    visit = _visit(db, visit_id)
    with db.reading() as session:
        version = session.get(Campaign, campaign).form_version_id
        proposals = session.execute(select(RosterProposal).where(
            RosterProposal.visit_id == visit_id)).scalars().all()
        session.expunge_all()
        assert session.execute(select(VisitDraft)).first() is None
        states = door_states(session.connection(), campaign)
    assert visit.outcome == "completed" and json.loads(visit.answers) == ANSWERS
    assert visit.form_version_id == version
    assert visit.visitor_name == "张志愿" and visit.created_hlc  # stamped like any synced row
    assert visit.follow_up and visit.follow_up_note == "独居，需要助餐"
    assert visit.visited_at == AT + dt.timedelta(minutes=7)
    assert sorted(p.kind for p in proposals) == ["new_member", "phone"]
    assert {p.status for p in proposals} == {"pending"}
    assert {p.proposed_by for p in proposals} == {"张志愿"}
    assert {p.proposed_at for p in proposals} == {visit.visited_at}
    phone = next(p for p in proposals if p.kind == "phone")
    assert phone.resident_id == resident and json.loads(phone.detail) == {"phone": "13900001111"}
    assert states[door].done and states[door].attempts == 1


def test_not_home_then_completed_counts_two_attempts_and_the_door_is_done(db, campaign):
    door = door_ids(db, campaign)[1]
    _write(db, record_visit, VisitInput(door, "not_home", AT))
    with db.reading() as session:
        assert not door_states(session.connection(), campaign)[door].done
    _write(db, record_visit, VisitInput(door, "completed", AT + dt.timedelta(days=1),
                                        answers=ANSWERS))
    with db.reading() as session:
        state = door_states(session.connection(), campaign)[door]
    assert state.done and state.attempts == 2 and state.outcome == "completed"


def test_not_home_and_revisit_store_no_answers_and_revisit_keeps_its_callback(db, campaign):
    door = door_ids(db, campaign)[2]
    back = AT + dt.timedelta(days=2, hours=9)
    draft = _write(db, start_visit, door)
    _write(db, save_draft, draft, outcome="completed", answers=ANSWERS)
    _write(db, save_draft, draft, outcome="revisit", callback_at=back)
    visit_id = _write(db, finish_visit, draft, now=AT)
    visit = _visit(db, visit_id)
    assert visit.outcome == "revisit" and visit.callback_at == back
    assert visit.answers == "" and visit.form_version_id is None


def test_correcting_a_visit_writes_a_new_one_that_replaces_it_and_keeps_the_old(db, campaign):
    door = door_ids(db, campaign)[0]
    first = _write(db, record_visit, VisitInput(door, "completed", AT, answers=ANSWERS))
    draft = _write(db, correct_visit, first, now=AT + dt.timedelta(hours=1))
    with db.reading() as session:
        row = session.get(VisitDraft, draft)
        assert json.loads(row.answers) == ANSWERS and row.replaces_id == first
    _write(db, save_draft, draft, answers={**ANSWERS, "satisfied": "no"})
    second = _write(db, finish_visit, draft, now=AT + dt.timedelta(hours=1))
    old, new = _visit(db, first), _visit(db, second)
    assert json.loads(old.answers) == ANSWERS  # never edited
    assert new.replaces_id == first and json.loads(new.answers)["satisfied"] == "no"
    with pytest.raises(ValidationError) as refused:
        _write(db, correct_visit, first)
    assert refused.value.field == "visit"


def test_discarding_a_draft_removes_it_and_writes_no_visit(db, campaign):
    draft = _write(db, start_visit, door_ids(db, campaign)[0])
    _write(db, save_draft, draft, outcome="refused")
    _write(db, discard_draft, draft)
    with db.reading() as session:
        assert open_drafts(session) == []
        assert session.execute(select(Visit)).first() is None
    with pytest.raises(ValidationError) as gone:
        _write(db, finish_visit, draft)
    assert gone.value.field == "draft"


@pytest.mark.parametrize("visit, field", [
    (lambda d: VisitInput("no-such-door", "completed", AT, answers=ANSWERS), "door"),
    (lambda d: VisitInput(d, "done", AT), "outcome"),
    (lambda d: VisitInput(d, "completed", AT), "answers"),
    (lambda d: VisitInput(d, "completed", AT, answers={}), "answers"),
    (lambda d: VisitInput(d, "revisit", AT), "callback_at"),
    (lambda d: VisitInput(d, "not_home", AT, visitor_id="nobody"), "visitor"),
    (lambda d: VisitInput(d, "refused", AT, proposals=(ProposalInput("marry"),)),
     "proposals[0]"),
    (lambda d: VisitInput(d, "refused", AT, proposals=(ProposalInput("vacant"),
                                                       ProposalInput("phone"))),
     "proposals[1]"),
    (lambda d: VisitInput(d, "refused", AT, proposals=(ProposalInput("deceased"),)),
     "proposals[0]"),
    (lambda d: VisitInput(d, "refused", AT, proposals=(
        ProposalInput("new_member", None, {"name": "王", "birth_date": "2020-13-01"}),)),
     "proposals[0]"),
    (lambda d: VisitInput(d, "refused", AT, replaces_id="no-such-visit"), "replaces"),
])
def test_bad_input_names_its_field_and_writes_nothing(db, campaign, visit, field):
    door = door_ids(db, campaign)[0]
    before = snapshot(db)
    with pytest.raises(ValidationError) as refused:
        _write(db, record_visit, visit(door))
    assert refused.value.field == field
    assert refused.value.message  # a sentence for the volunteer
    assert snapshot(db) == before


@pytest.mark.parametrize("fields, field", [
    ({"outcome": "gone"}, "outcome"),
    ({"answers": "yes"}, "answers"),
    ({"callback_at": "tomorrow"}, "callback_at"),
    ({"colour": "red"}, "colour"),
    ({"proposals": [ProposalInput("phone", None, {"phone": " "})]}, "proposals[0]"),
])
def test_a_bad_draft_save_names_its_field_and_keeps_the_draft_as_it_was(db, campaign, fields,
                                                                        field):
    draft = _write(db, start_visit, door_ids(db, campaign)[0], now=AT)
    _write(db, save_draft, draft, outcome="completed", answers=ANSWERS, now=AT)
    before = snapshot(db)
    with pytest.raises(ValidationError) as refused:
        _write(db, save_draft, draft, **fields)
    assert refused.value.field == field
    assert snapshot(db) == before


def test_finishing_without_an_outcome_is_refused(db, campaign):
    draft = _write(db, start_visit, door_ids(db, campaign)[0])
    before = snapshot(db)
    with pytest.raises(ValidationError) as refused:
        _write(db, finish_visit, draft)
    assert refused.value.field == "outcome"
    assert snapshot(db) == before


def test_a_failure_after_the_visit_row_is_added_leaves_the_database_and_the_draft(
        db, campaign, monkeypatch):
    door = door_ids(db, campaign)[0]
    draft = _write(db, start_visit, door, now=AT)
    _write(db, save_draft, draft, outcome="completed", answers=ANSWERS,
           proposals=[ProposalInput("vacant")])
    before = snapshot(db)

    def broken(**_fields):
        raise RuntimeError("disk pulled out")

    monkeypatch.setattr(recording, "RosterProposal", broken)  # after session.add(Visit)
    with pytest.raises(RuntimeError):
        _write(db, finish_visit, draft)
    assert snapshot(db) == before
    with db.reading() as session:
        (left,) = open_drafts(session)
    assert left.id == draft and left.outcome == "completed"


def test_the_visitor_defaults_to_the_doors_and_another_may_be_named(db, campaign):
    (first_id, first), (second_id, second) = visitors(db, campaign)
    door = door_ids(db, campaign, first_id)[0]
    by_owner = _write(db, record_visit, VisitInput(door, "not_home", AT))
    by_other = _write(db, record_visit, VisitInput(door, "not_home", AT, visitor_id=second_id))
    assert _visit(db, by_owner).visitor_name == first
    assert _visit(db, by_other).visitor_name == second


def test_starting_a_correction_of_a_visit_that_is_not_there_is_refused(db, campaign):
    before = snapshot(db)
    with pytest.raises(ValidationError) as refused:
        _write(db, start_visit, door_ids(db, campaign)[0], replaces_id="no-such-visit")
    assert refused.value.field == "replaces"
    assert snapshot(db) == before
