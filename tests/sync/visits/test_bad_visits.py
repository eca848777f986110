"""Visits that do not fit the office's copy when they arrive — made at a door the campaign does
not hold, answering a form version the office lacks, for a household deleted meanwhile, at a
door taken out of the campaign — are stored as they were made (never lost), the import does not
fail, and each is listed for review with its reason. A visitor's bundle taken back to the
office that made it is refused with a clear message and changes nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest

from desktop.core.errors import LinliError
from desktop.roster.models import Household
from desktop.storage.ids import uuid7
from desktop.sync.transfer import (
    ExportRequest,
    export_bundle,
    import_bundle,
    open_incoming,
)
from desktop.visits.doors.recording import VisitInput, record_visit
from desktop.visits.doors.review import visits_for_review
from desktop.visits.records.campaigns import CampaignDoor
from desktop.visits.records.state import door_states
from desktop.visits.records.visits import Visit
from tests.sync.visits.conftest import DAY, PASS, laptop_from, rows, visitor_bundle

ANSWERS = {"has_elderly": "yes", "remarks": "楼道灯坏了"}


def _stray_visit(laptop, at_door: str, **changes) -> str:
    """A visit as another copy may have made it (not through this copy's checks): the row a
    bundle carries, written with its stamps like any other."""
    with laptop.reading() as session:
        door = session.get(CampaignDoor, at_door)
        values = {"campaign_id": door.campaign_id, "door_id": door.id,
                  "dwelling_id": door.dwelling_id, "household_id": door.household_id,
                  "visitor_id": door.visitor_id, "visitor_name": "张三",
                  "visited_at": DAY + dt.timedelta(hours=2), "outcome": "completed",
                  "answers": json.dumps(ANSWERS, ensure_ascii=False)}
    values.update(changes)
    with laptop.unit_of_work("张三") as uow:
        visit = Visit(id=uuid7(), **values)
        uow.session.add(visit)
    return visit.id


def test_visits_that_do_not_fit_are_kept_and_listed_for_review(office, tmp_path):
    zhang = office.doors["张三"]
    made = visitor_bundle(office, "张三", tmp_path / "张三.linli")
    laptop = laptop_from(made.path, tmp_path / "laptop", "张三的笔记本", "张三")
    # Meanwhile the office deletes the household of one door and takes another door out.
    with office.db.unit_of_work("王社工") as uow:
        gone = uow.session.get(CampaignDoor, zhang[0]).household_id
        uow.session.get(Household, gone).deleted = True
        uow.session.get(CampaignDoor, zhang[1]).deleted = True
    try:
        with laptop.unit_of_work("张三") as uow:
            deleted_household = record_visit(uow, VisitInput(zhang[0], "completed", DAY,
                                                             answers=ANSWERS))
            door_taken_out = record_visit(uow, VisitInput(zhang[1], "refused", DAY))
            fine = record_visit(uow, VisitInput(zhang[3], "not_home", DAY))
        outside = _stray_visit(laptop, zhang[2], door_id=None)
        other_version = _stray_visit(laptop, zhang[4], form_version_id=str(uuid7()))
        back = export_bundle(laptop, ExportRequest(tmp_path / "back.linli", PASS))
        with laptop.reading() as session:
            sent = {v.id: (v.door_id, v.household_id, v.form_version_id, v.answers, v.outcome)
                    for v in session.query(Visit)}
    finally:
        laptop.close()

    result = import_bundle(office.db, back.path, PASS, trust_signer=True)  # does not fail
    assert result.per_table["visit"].new == 5
    with office.db.reading() as session:
        stored = {v.id: (v.door_id, v.household_id, v.form_version_id, v.answers, v.outcome)
                  for v in session.query(Visit)}
        review = {r.id: r.reasons for r in visits_for_review(session, office.campaign_id)}
        states = door_states(session.connection(), office.campaign_id)
    assert stored == sent  # every visit as it was made, answers and all
    assert json.loads(stored[other_version][3]) == ANSWERS
    assert review == {
        deleted_household: ("Its household was deleted from the roster after the visit.",),
        door_taken_out: ("The visit's door is no longer part of this campaign.",),
        outside: ("The visit was made at a door this campaign does not hold.",),
        other_version: ("It answers a version of the form this computer does not have yet; "
                        + "its answers are kept.",),
    }
    assert fine not in review
    assert states[zhang[3]].outcome == "not_home"


def _digest(db) -> str:
    return hashlib.sha256(db.path.read_bytes()).hexdigest()


def test_a_bundle_taken_back_to_the_office_that_made_it_is_refused_clearly(office, tmp_path):
    made = visitor_bundle(office, "张三", tmp_path / "张三.linli")
    before = rows(office.db, "SELECT count(*) FROM bundle_log")
    office.db.close()
    office.db = _reopen(office)  # opened and closed once: the file as the refusals find it
    office.db.close()
    digest = _digest(office.db)
    office.db = _reopen(office)
    for attempt in (lambda: open_incoming(office.db, made.path, PASS),
                    lambda: import_bundle(office.db, made.path, PASS),
                    lambda: import_bundle(office.db, made.path, PASS, trust_signer=True)):
        with pytest.raises(LinliError) as refused:
            attempt()
        assert refused.value.message == (
            "张三.linli was made on this computer (社区办公室): it holds nothing this computer "
            "lacks, and nothing was imported. Take it to the computer it is for.")
    assert rows(office.db, "SELECT count(*) FROM bundle_log") == before
    office.db.close()
    assert _digest(office.db) == digest
    office.db = _reopen(office)


def _reopen(office):
    from tests.sync.visits.conftest import open_copy

    return open_copy(office.root, "社区办公室")
