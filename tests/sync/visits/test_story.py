"""The issue's story through real files: the office makes a campaign over two buildings for two
volunteers and a bundle for each; each laptop (its own data folder, set up from its bundle)
records visits at the door — not at home and then completed on a second attempt, a refusal, a
roster proposal, a revisit, a visit left as a draft — and its bundles come back to the office
in any order and twice. The office's door states, coverage, results, follow-ups and proposals
are then exactly right, whatever the order; a draft never leaves the laptop.
"""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.roster.models import Resident
from desktop.sync.bundle.container import open_bundle
from desktop.sync.exchange import decode_payload
from desktop.sync.transfer import (
    AlreadyImported,
    ExportRequest,
    export_bundle,
    import_bundle,
)
from desktop.visits.doors.recording import (
    ProposalInput,
    VisitInput,
    finish_visit,
    open_drafts,
    record_visit,
    save_draft,
    start_visit,
)
from desktop.visits.records.campaigns import CampaignDoor
from desktop.visits.records.state import door_states
from tests.sync.visits.conftest import (
    DAY,
    PASS,
    ids,
    laptop_from,
    make_office,
    open_copy,
    rows,
)

# The home-visit form's answers (question name → choice name), as the filler stores them.
ELDERLY = {"visitor": "张三", "met_with": "self", "has_elderly": "yes", "has_children": "no",
           "has_disabled": "no", "needs_help": "no", "problem_reported": "no",
           "follow_up_wanted": "no"}
NO_ELDERLY = dict(ELDERLY, has_elderly="no", has_children="yes")
NEW_PHONE = "13900001111"


def at(hours: float, days: int = 0) -> dt.datetime:
    return DAY.replace(hour=0) + dt.timedelta(days=days, hours=hours)


@dataclass
class Story:
    office: Path  # the office's data folder before any laptop's bundle came back
    laptops: dict[str, Path]
    bundles: dict[str, Path]  # "A1", "A2", "B1"; "A2-again", "B1-again": the same, made later
    doors: dict[str, list[str]]
    campaign_id: str
    laptop_visits: set[str]  # every visit made on a laptop
    office_visit: str
    proposal_resident: str
    draft_door: str
    id_numbers: list[tuple]  # the office's residents' ID numbers before the laptops came back


def _laptop_a(db, doors) -> tuple[set[str], str]:
    """张三: not at home, then completed in the afternoon; a refusal; a completed visit with a
    new phone number and a follow-up; a visit left half-answered (a draft)."""
    made = set()
    with db.unit_of_work("张三") as uow:
        draft = start_visit(uow, doors[0], now=at(10))
    with db.unit_of_work("张三") as uow:
        save_draft(uow, draft, outcome="not_home", now=at(10, 0) + dt.timedelta(minutes=1))
    with db.unit_of_work("张三") as uow:
        made.add(finish_visit(uow, draft, now=at(10.05)))
    with db.unit_of_work("张三") as uow:
        made.add(record_visit(uow, VisitInput(doors[1], "refused", at(11))))
    with db.reading() as session:
        household = session.get(CampaignDoor, doors[2]).household_id
        resident = session.execute(select(Resident.id).where(
            Resident.household_id == household).order_by(Resident.id)).scalars().first()
    with db.unit_of_work("张三") as uow:
        made.add(record_visit(uow, VisitInput(
            doors[2], "completed", at(11.5), answers=NO_ELDERLY, follow_up=True,
            follow_up_note="老人腿脚不便，需要助餐",
            proposals=(ProposalInput("phone", resident, {"phone": NEW_PHONE}),))))
    with db.unit_of_work("张三") as uow:  # the second attempt at the first door
        draft = start_visit(uow, doors[0], now=at(15))
    with db.unit_of_work("张三") as uow:
        save_draft(uow, draft, outcome="completed", answers=ELDERLY)
    with db.unit_of_work("张三") as uow:
        made.add(finish_visit(uow, draft, now=at(15.2)))
    with db.unit_of_work("张三") as uow:  # answered half-way when the battery ran out
        draft = start_visit(uow, doors[3], now=at(16))
    with db.unit_of_work("张三") as uow:
        save_draft(uow, draft, outcome="completed", answers={"has_elderly": "yes"})
    return made, resident


def _laptop_b(db, doors) -> set[str]:
    """李四: completed, come back on Sunday evening, not at home."""
    with db.unit_of_work("李四") as uow:
        return {record_visit(uow, VisitInput(doors[0], "completed", at(10.5),
                                             answers=NO_ELDERLY)),
                record_visit(uow, VisitInput(doors[1], "revisit", at(10.7),
                                             callback_at=at(18, days=2))),
                record_visit(uow, VisitInput(doors[2], "not_home", at(10.9)))}


def _back(db, office_device: str, path: Path) -> Path:
    return export_bundle(db, ExportRequest(path, PASS, recipient_device_id=office_device)).path


@pytest.fixture(scope="module")
def story(tmp_path_factory) -> Story:
    from tests.sync.visits.conftest import visitor_bundle

    root = tmp_path_factory.mktemp("story")
    office = make_office(root / "office")
    device = office.db.identity.device_id
    doors = office.doors
    for name in ("张三", "李四"):
        visitor_bundle(office, name, root / f"{name}.linli")
    # Office staff knock at one of 张三's doors early in the morning, after the bundles left.
    with office.db.unit_of_work("王社工") as uow:
        office_visit = record_visit(uow, VisitInput(doors["张三"][1], "not_home", at(8)))
    id_numbers = rows(office.db, "SELECT id, id_number FROM resident ORDER BY id")
    office.close()

    a = laptop_from(root / "张三.linli", root / "laptop-a", "张三的笔记本", "张三")
    b = laptop_from(root / "李四.linli", root / "laptop-b", "李四的笔记本", "李四")
    try:
        made_a, resident = _laptop_a(a, doors["张三"])
        made_b = _laptop_b(b, doors["李四"])
        bundles = {"A1": _back(a, device, root / "A1.linli"),
                   "B1": _back(b, device, root / "B1.linli")}
        with a.unit_of_work("张三") as uow:  # the next morning, one more door
            made_a.add(record_visit(uow, VisitInput(doors["张三"][4], "completed",
                                                    at(9, days=1), answers=ELDERLY)))
        bundles["A2"] = _back(a, device, root / "A2.linli")
        bundles["A2-again"] = _back(a, device, root / "A2-again.linli")
        bundles["B1-again"] = _back(b, device, root / "B1-again.linli")
    finally:
        a.close()
        b.close()
    return Story(root / "office", {"A": root / "laptop-a", "B": root / "laptop-b"}, bundles,
                 doors, office.campaign_id, made_a | made_b, office_visit, resident,
                 doors["张三"][3], id_numbers)


def _office_copy(story: Story, tmp_path: Path):
    shutil.copytree(story.office, tmp_path / "office")
    return open_copy(tmp_path / "office", "社区办公室")


def _changed(result) -> dict:
    # The audit log is left out: a new bundle carries the laptop's entry for the bundle it made
    # before, which is new to the office even when the visits are not.
    return {name: c for name, c in result.per_table.items()
            if (c.new or c.changed or c.deleted) and name != "audit_entry"}


ORDERS = list(itertools.permutations(("A1", "A2", "B1")))


@pytest.mark.parametrize("order", ORDERS, ids="-".join)
def test_the_office_sees_exactly_what_was_done_whatever_the_order(story, tmp_path, order):
    office = _office_copy(story, tmp_path)
    try:
        for name in order:
            import_bundle(office, story.bundles[name], PASS, trust_signer=True)
        for name in order:  # the same files again: refused, nothing changes
            with pytest.raises(AlreadyImported):
                import_bundle(office, story.bundles[name], PASS)
        for name in ("A2-again", "B1-again"):  # the same visits in new bundles: stored once
            assert _changed(import_bundle(office, story.bundles[name], PASS)) == {}
        _check_office(office, story)
        _check_export(office, story, tmp_path / "visits.xlsx")
    finally:
        office.close()


def _check_office(office, story: Story) -> None:
    from desktop.visits.doors.proposals import pending_proposals
    from desktop.visits.results.coverage import campaign_coverage
    from desktop.visits.results.tallies import follow_ups, question_tallies

    zhang, li = story.doors["张三"], story.doors["李四"]
    # The laptops held no ID numbers: their bundles never blank the office's.
    assert rows(office, "SELECT id, id_number FROM resident ORDER BY id") == story.id_numbers
    assert any(number for _id, number in story.id_numbers)
    assert ids(office, "visit") == story.laptop_visits | {story.office_visit}
    assert rows(office, "SELECT count(*) FROM visit") == [(9,)]
    assert rows(office, "SELECT count(*) FROM visit_draft") == [(0,)]
    with office.engine.connect() as conn:
        states = door_states(conn, story.campaign_id)
    assert {door: (s.outcome, s.attempts) for door, s in states.items()} == {
        zhang[0]: ("completed", 2),  # not at home, then completed
        zhang[1]: ("refused", 2),  # the office's not-at-home earlier, the refusal decides
        zhang[2]: ("completed", 1),
        zhang[4]: ("completed", 1),
        li[0]: ("completed", 1),
        li[1]: ("revisit", 1),
        li[2]: ("not_home", 1),
    }
    assert states[li[1]].callback_at == at(18, days=2)
    assert story.draft_door not in states

    with office.reading() as session:
        coverage = campaign_coverage(session, story.campaign_id)
        tallies = {t.name: t for t in question_tallies(session, story.campaign_id)}
        flagged = follow_ups(session, story.campaign_id)
        proposals = pending_proposals(session, story.campaign_id)
    totals = coverage.totals
    assert (totals.doors, totals.visited, totals.done, totals.attempts) == (
        len(zhang) + len(li), 7, 5, 9)
    assert {k: v for k, v in totals.by_state.items() if k != "not_visited"} == {
        "completed": 4, "refused": 1, "revisit": 1, "not_home": 1}
    per_visitor = {v.name: (v.counts.doors, v.counts.done, v.visits) for v in coverage.visitors}
    assert per_visitor == {"张三": (len(zhang), 4, 6), "李四": (len(li), 1, 3)}
    elderly = {c.name: (c.count, c.percent) for c in tallies["has_elderly"].choices}
    assert elderly == {"yes": (2, 50.0), "no": (2, 50.0)}  # the draft's answer not counted
    assert tallies["has_elderly"].answered == 4
    assert [(f.door_id, f.note) for f in flagged] == [(zhang[2], "老人腿脚不便，需要助餐")]
    assert [(p.kind, p.resident_id, p.detail, p.proposed_by) for p in proposals] == [
        ("phone", story.proposal_resident, {"phone": NEW_PHONE}, "张三")]


def _check_export(office, story: Story, path: Path) -> None:
    """The visits spreadsheet: one row per visit, each outcome by its label, the draft not in
    it, the attempts at the first door numbered."""
    from openpyxl import load_workbook

    from desktop.visits.results.export import export_visits

    with office.reading() as session:
        written = export_visits(session, story.campaign_id, path)
    assert written.visits == 9 and written.masked
    sheet = load_workbook(path, read_only=True).worksheets[0]
    header, *lines = [list(r) for r in sheet.iter_rows(values_only=True)]
    column = {name: header.index(name) for name in ("_uuid", "Outcome", "Attempt",
                                                    "Counts in results")}
    got = {line[column["_uuid"]]: (line[column["Outcome"]], line[column["Attempt"]],
                                   line[column["Counts in results"]]) for line in lines}
    assert len(lines) == 9 and set(got) == story.laptop_visits | {story.office_visit}
    outcomes = sorted(outcome for outcome, _a, _c in got.values())
    assert outcomes == sorted(["Not at home"] * 3 + ["Completed"] * 4
                              + ["Refused", "Come back later"])
    assert sorted(c for _o, _a, c in got.values()).count("Yes") == 4  # the completed ones
    assert sorted(a for _o, a, _c in got.values()) == [1, 1, 1, 1, 1, 1, 1, 2, 2]


def test_a_draft_never_leaves_the_laptop(story):
    for name in ("A1", "A2", "A2-again"):
        _header, data = open_bundle(story.bundles[name], PASS)
        payload = decode_payload(data)
        assert "visit_draft" not in payload.tables
        visits = payload.tables["visit"]
        door = visits.columns.index("door_id") + 3
        assert story.draft_door not in {row[door] for row in visits.rows}
    laptop = open_copy(story.laptops["A"], "张三的笔记本")
    try:  # still there on the laptop, to continue
        with laptop.reading() as session:
            drafts = open_drafts(session)
        assert [(d.door_id, d.outcome) for d in drafts] == [(story.draft_door, "completed")]
    finally:
        laptop.close()
