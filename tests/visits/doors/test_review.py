"""Visits kept for review on a real SQLite file: a door the campaign does not hold, a form
version this copy lacks, a household deleted meanwhile — each listed with its reason; visits
that fit are not listed."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.roster.models import Household
from desktop.storage.ids import uuid7
from desktop.visits.doors.review import visits_for_review
from tests.visits.doors.office_fixtures import (
    add_visit,
    doors,
    fill,
    make_campaign,
    record,
)


@pytest.fixture
def office(db):
    fill(db)
    campaign_id = make_campaign(db)
    return db, campaign_id, doors(db, campaign_id)


def _review(db, campaign_id=None):
    with db.reading() as session:
        return visits_for_review(session, campaign_id)


def test_visits_that_fit_are_not_listed(office):
    db, campaign_id, door_list = office
    record(db, door_list[0], "not_home")
    record(db, door_list[1], "refused")
    assert _review(db, campaign_id) == []


def test_a_visit_at_a_door_the_campaign_does_not_hold_is_listed_with_why(office):
    db, campaign_id, _door_list = office
    visit_id = add_visit(db, campaign_id, None, "refused", at=dt.datetime(2026, 12, 4, 15))
    rows = _review(db, campaign_id)
    assert [r.id for r in rows] == [visit_id]
    row = rows[0]
    assert row.reason == "The visit was made at a door this campaign does not hold."
    assert (row.campaign, row.visitor, row.outcome) == ("外墙维修入户走访", "张志愿", "refused")
    assert row.visited_at == dt.datetime(2026, 12, 4, 15)


def test_a_door_of_another_campaign_is_listed(office):
    db, campaign_id, _door_list = office
    other = make_campaign(db, "物业满意度测评", count=1)
    theirs = doors(db, other)[0]
    visit_id = add_visit(db, campaign_id, theirs, "not_home")
    rows = _review(db, campaign_id)
    assert [(r.id, r.reason) for r in rows] == [
        (visit_id, "The visit names a door of another campaign.")]
    assert "幢" in rows[0].address  # the dwelling is on the roster: its address is shown
    assert _review(db, other) == []


def test_a_form_version_this_copy_lacks_is_listed_and_its_answers_kept(office):
    db, campaign_id, door_list = office
    visit_id = add_visit(db, campaign_id, door_list[0], "completed",
                         answers={"q1": "yes"}, form_version_id=uuid7())
    rows = _review(db)
    assert [r.id for r in rows] == [visit_id]
    assert "version of the form this computer does not have" in rows[0].reason


def test_a_household_deleted_meanwhile_is_listed(office):
    db, campaign_id, door_list = office
    visit_id = record(db, door_list[2], "vacant")
    with db.unit_of_work("王社工") as uow:
        uow.session.get(Household, door_list[2].household_id).deleted = True
    rows = _review(db, campaign_id)
    assert [(r.id, r.reason) for r in rows] == [
        (visit_id, "Its household was deleted from the roster after the visit.")]


def test_several_reasons_are_all_said_and_a_replaced_visit_is_not_listed(office):
    db, campaign_id, door_list = office
    stray = add_visit(db, campaign_id, None, "completed", answers={"q": "1"},
                      form_version_id=uuid7())
    rows = _review(db, campaign_id)
    assert len(rows[0].reasons) == 2
    # A correction made at the right door replaces the stray one: nothing left to review.
    record(db, door_list[0], "refused", replaces_id=None)
    add_visit(db, campaign_id, door_list[0], "refused", replaces_id=stray)
    assert _review(db, campaign_id) == []
