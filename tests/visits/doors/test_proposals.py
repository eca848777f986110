"""The office's roster proposals on a real SQLite file: the pending list, accepting each kind
as an ordinary roster edit, rejecting, and refusals that change nothing."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from desktop.core.errors import ValidationError
from desktop.roster.editing import mark_deceased
from desktop.roster.models import Resident
from desktop.visits.doors import proposals
from desktop.visits.doors.proposals import decide_proposal, pending_proposals
from desktop.visits.records.visits import RosterProposal
from tests.roster.editing_fixtures import snapshot
from tests.visits.doors.office_fixtures import (
    DAY,
    add_proposal,
    doors,
    fill,
    make_campaign,
    member,
)


@pytest.fixture
def office(db):
    fill(db)
    campaign_id = make_campaign(db)
    return db, campaign_id, doors(db, campaign_id)


def _decide(db, proposal_id, accept=True, operator="王社工"):
    with db.unit_of_work(operator) as uow:
        decide_proposal(uow, proposal_id, accept, now=dt.datetime(2026, 12, 5, 10, 0))


def _plain(db, model, row_id) -> SimpleNamespace:
    """A row's columns as they are stored now (no ORM object outlives its read)."""
    with db.reading() as session:
        row = session.get(model, row_id)
        return SimpleNamespace(**{c.key: getattr(row, c.key)
                                  for c in model.__table__.columns})


def _resident(db, resident_id) -> SimpleNamespace:
    return _plain(db, Resident, resident_id)


def _proposal(db, proposal_id) -> SimpleNamespace:
    return _plain(db, RosterProposal, proposal_id)


def test_pending_list_names_the_address_the_resident_and_what_was_learnt(office):
    db, campaign_id, door_list = office
    person = member(db, door_list[0].household_id)
    first = add_proposal(db, campaign_id, door_list[0], "phone", person.id,
                         {"phone": "139 1234 5678"}, note="儿子的号码")
    add_proposal(db, campaign_id, door_list[1], "vacant")
    with db.reading() as session:
        rows = pending_proposals(session, campaign_id)
    assert next(r.id for r in rows) == first
    row = rows[0]
    assert row.resident == person.name
    assert row.address.endswith("单元" + row.address.split("单元")[-1]) and "幢" in row.address
    assert row.learnt == "New phone: 139 1234 5678"
    assert row.kind_label == "New phone number"
    assert (row.note, row.proposed_by, row.proposed_at, row.status) == (
        "儿子的号码", "张志愿", DAY, "pending")
    assert row.problem == ""
    # Another campaign's proposals are not in this one's list; all of them are in the whole.
    with db.reading() as session:
        assert len(pending_proposals(session, "no-such-campaign")) == 0
        assert len(pending_proposals(session)) == 2


def test_accepting_a_phone_sets_it_normalised_as_a_stamped_roster_edit(office):
    db, campaign_id, door_list = office
    person = member(db, door_list[0].household_id)
    proposal_id = add_proposal(db, campaign_id, door_list[0], "phone", person.id,
                               {"phone": "１３９-1234-5678"})
    _decide(db, proposal_id)
    changed = _resident(db, person.id)
    assert changed.phone == "13912345678"
    assert changed.name == person.name and changed.id_number == person.id_number
    stored = _proposal(db, proposal_id)
    assert (stored.status, stored.decided_by) == ("accepted", "王社工")
    assert stored.decided_at == dt.datetime(2026, 12, 5, 10, 0)
    with db.reading() as session:
        assert pending_proposals(session, campaign_id) == []


def test_moved_out_and_deceased_use_the_date_given_or_the_day_learnt(office):
    db, campaign_id, door_list = office
    leaving = member(db, door_list[0].household_id)
    dying = member(db, door_list[1].household_id)
    moved = add_proposal(db, campaign_id, door_list[0], "moved_out", leaving.id,
                         {"on": "2026-11-20"})
    died = add_proposal(db, campaign_id, door_list[1], "deceased", dying.id, {})
    _decide(db, moved)
    _decide(db, died)
    assert (_resident(db, leaving.id).moved_out, _resident(db, leaving.id).moved_out_on) == (
        True, dt.date(2026, 11, 20))
    assert (_resident(db, dying.id).deceased, _resident(db, dying.id).deceased_on) == (
        True, DAY.date())


def test_new_member_joins_the_household(office):
    db, campaign_id, door_list = office
    household = door_list[2].household_id
    proposal_id = add_proposal(db, campaign_id, door_list[2], "new_member", None,
                               {"name": "王小宝", "sex": "1", "birth_date": "2026-10-01",
                                "relationship": "20"})
    with db.reading() as session:
        row = pending_proposals(session, campaign_id)[0]
    assert row.resident == "王小宝" and row.learnt.startswith("New member: 王小宝")
    _decide(db, proposal_id)
    with db.reading() as session:
        baby = session.execute(select(Resident.household_id, Resident.sex, Resident.birth_date,
                                      Resident.relationship)
                               .where(Resident.name == "王小宝")).one()
    assert tuple(baby) == (
        household, "1", dt.date(2026, 10, 1), "20")


@pytest.mark.parametrize("kind", ["vacant", "other"])
def test_vacant_and_other_are_acknowledged_and_leave_the_roster_alone(office, kind):
    db, campaign_id, door_list = office
    proposal_id = add_proposal(db, campaign_id, door_list[0], kind, note="门口贴着出租")
    before = snapshot(db)
    _decide(db, proposal_id)
    after = snapshot(db)
    for table in ("resident", "household", "dwelling", "resident_tag", "dwelling_owner"):
        assert after[table] == before[table], table
    assert _proposal(db, proposal_id).status == "accepted"


def test_rejecting_keeps_the_record_and_changes_no_one(office):
    db, campaign_id, door_list = office
    person = member(db, door_list[0].household_id)
    proposal_id = add_proposal(db, campaign_id, door_list[0], "deceased", person.id, {})
    _decide(db, proposal_id, accept=False)
    assert _resident(db, person.id).deceased is False
    stored = _proposal(db, proposal_id)
    assert (stored.status, stored.decided_by) == ("rejected", "王社工")


def _refused(db, proposal_id, accept=True) -> str:
    before = snapshot(db)
    with pytest.raises(ValidationError) as caught:
        _decide(db, proposal_id, accept)
    assert snapshot(db) == before
    return caught.value.message


def test_a_proposal_already_decided_is_refused_saying_by_whom(office):
    db, campaign_id, door_list = office
    person = member(db, door_list[0].household_id)
    proposal_id = add_proposal(db, campaign_id, door_list[0], "phone", person.id,
                               {"phone": "13912345678"})
    _decide(db, proposal_id, operator="李社工")
    message = _refused(db, proposal_id, accept=False)
    assert "already accepted by 李社工" in message


def test_a_proposal_whose_resident_is_gone_is_refused_and_listed_with_the_reason(office):
    db, campaign_id, door_list = office
    person = member(db, door_list[0].household_id)
    proposal_id = add_proposal(db, campaign_id, door_list[0], "phone", person.id,
                               {"phone": "13912345678"})
    with db.unit_of_work("王社工") as uow:
        uow.session.get(Resident, person.id).deleted = True
    with db.reading() as session:
        assert pending_proposals(session)[0].problem == (
            "The resident is no longer on the roster.")
    assert "no longer on the roster" in _refused(db, proposal_id)


@pytest.mark.parametrize("kind,detail,words", [
    ("phone", {"phone": "12345"}, "11 digits"),
    ("phone", {}, "no phone number"),
    ("moved_out", {"on": "2099-01-01"}, "future"),
    ("moved_out", {"on": "yesterday"}, "not a date"),
    ("new_member", {"name": ""}, "name"),
    ("new_member", {"name": "王小宝", "relationship": "zz"}, "list"),
    ("new_member", {"name": "王小宝", "birth_date": "2026-02-30"}, "not a date"),
])
def test_bad_detail_is_refused_with_a_message_and_nothing_changes(office, kind, detail, words):
    db, campaign_id, door_list = office
    person = member(db, door_list[0].household_id)
    resident = None if kind == "new_member" else person.id
    proposal_id = add_proposal(db, campaign_id, door_list[0], kind, resident, detail)
    message = _refused(db, proposal_id)
    assert words in message
    # Which proposal: its kind, the address and the person.
    assert message.startswith(proposals._(proposals.KIND_LABELS[kind]) + " (")
    assert (person.name in message) if kind != "new_member" else ("幢" in message)
    assert _proposal(db, proposal_id).status == "pending"


def test_already_deceased_resident_is_refused(office):
    db, campaign_id, door_list = office
    person = member(db, door_list[0].household_id)
    with db.unit_of_work("王社工") as uow:
        mark_deceased(uow, person.id, dt.date(2026, 1, 1))
    proposal_id = add_proposal(db, campaign_id, door_list[0], "deceased", person.id, {})
    assert "already recorded as deceased" in _refused(db, proposal_id)


def test_unknown_proposal_is_refused(office):
    db, _campaign_id, _doors = office
    assert "no longer exists" in _refused(db, "no-such-proposal")


def test_a_failure_after_the_roster_edit_leaves_the_database_exactly_as_it_was(office,
                                                                             monkeypatch):
    """The roster edit and the decision are one transaction: a failure between them (the
    disk full as the proposal is marked) undoes the new phone too."""
    db, campaign_id, door_list = office
    person = member(db, door_list[0].household_id)
    proposal_id = add_proposal(db, campaign_id, door_list[0], "new_member", None,
                               {"name": "王小宝", "relationship": "20"})
    real = proposals._APPLY["new_member"]

    def then_fail(uow, proposal, detail):
        real(uow, proposal, detail)
        uow.session.flush()  # the new resident is written in the transaction…
        assert uow.session.execute(select(Resident).where(Resident.name == "王小宝")).first()
        raise OSError("disk full")  # …and then the write fails

    monkeypatch.setitem(proposals._APPLY, "new_member", then_fail)
    before = snapshot(db)
    with pytest.raises(OSError):
        _decide(db, proposal_id)
    assert snapshot(db) == before
    assert _proposal(db, proposal_id).status == "pending"
    assert person is not None
