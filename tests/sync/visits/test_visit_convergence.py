"""Property: 2–4 copies (the office and volunteers' laptops) record visits at the doors of one
campaign — append-only, corrections as new visits, several at the same door and at the same
minute — and exchange bundles delivered shuffled, duplicated and dropped, then finally all.
Every copy ends with exactly the same visits, row for row: none lost, none duplicated, none
changed after it was written; and the door states are the same everywhere, and what the
visits say (the latest by time, then by id, decides).

Ordering the visits by time alone (no tie-break by id) makes this fail: two visits at a door
in the same minute then decide differently on different copies.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from desktop.storage.hlc import HybridClock
from desktop.sync.exchange import peer_acked
from desktop.visits.doors.recording import VisitInput, record_visit
from desktop.visits.records.state import door_states
from desktop.visits.records.visits import FINAL_OUTCOMES, OUTCOMES
from tests.sync.exchange.conftest import deliver, export, seed
from tests.sync.exchange.test_convergence import Time, _open

DOORS = 4
START = dt.datetime(2026, 11, 14, 9, 0)
REPLICA = st.integers(0, 3)
PICK = st.integers(0, 15)
OPERATION = st.one_of(
    # A visit at a door in the same minute or the next: ties in time are common on purpose.
    st.tuples(st.just("visit"), REPLICA, PICK, st.sampled_from(OUTCOMES), st.integers(0, 1)),
    st.tuples(st.just("correct"), REPLICA, PICK, st.sampled_from(OUTCOMES), st.integers(0, 1)),
    st.tuples(st.just("export"), REPLICA, REPLICA, st.booleans()),
    st.tuples(st.just("deliver"), PICK, st.booleans()),
    st.tuples(st.just("drop"), PICK),
)
SCENARIO = st.tuples(st.integers(2, 4), st.lists(OPERATION, max_size=24))
VISIT_COLUMNS = ("id", "created_hlc", "created_by", "campaign_id", "door_id", "dwelling_id",
                 "household_id", "visitor_id", "visitor_name", "visited_at", "outcome",
                 "callback_at", "answers", "form_version_id", "replaces_id", "follow_up",
                 "follow_up_note", "note", "deleted")


def _campaign(db) -> tuple[str, list[str]]:
    """A campaign over the seeded buildings (one household each) for two visitors."""
    from desktop.visits.campaigns.service import (
        CampaignPlan,
        VisitorPlan,
        create_campaign,
    )
    from desktop.visits.forms.service import copy_form
    from desktop.visits.forms.templates import TEMPLATES
    from desktop.visits.records.campaigns import CampaignDoor

    ids = seed(db, residents=DOORS, buildings=DOORS)
    with db.unit_of_work("office") as uow:
        version = copy_form(uow, TEMPLATES[0], "走访记录").version_id
        campaign = create_campaign(uow, CampaignPlan(
            "外墙维修走访", version, {"buildings": ids["buildings"]},
            (VisitorPlan("张三"), VisitorPlan("李四"))))
    with db.reading() as session:
        doors = list(session.execute(select(CampaignDoor.id).where(
            CampaignDoor.campaign_id == campaign).order_by(CampaignDoor.walk_order)).scalars())
    return campaign, doors


def _visits(db) -> list[tuple]:
    names = ", ".join(VISIT_COLUMNS)
    with db.engine.connect() as conn:
        return sorted(conn.exec_driver_sql(f"SELECT {names} FROM visit"))


def _states(db, campaign: str) -> dict:
    with db.engine.connect() as conn:
        return door_states(conn, campaign)


def _record(db, op, doors, serial: int, made: dict) -> None:
    kind, _me, pick, outcome, minutes = op
    replaces = None
    if kind == "correct":
        held = sorted(row[0] for row in _visits(db))
        if not held:
            return
        replaces = held[pick % len(held)]
        door = next(row[4] for row in _visits(db) if row[0] == replaces)
    else:
        door = doors[pick % len(doors)]
    answers = {"remarks": f"第{serial}次"} if outcome == "completed" else None
    callback = START + dt.timedelta(days=1) if outcome == "revisit" else None
    with db.unit_of_work("visitor") as uow:
        visit_id = record_visit(uow, VisitInput(
            door, outcome, START + dt.timedelta(minutes=minutes), answers=answers,
            callback_at=callback, replaces_id=replaces))
    made[visit_id] = next(row for row in _visits(db) if row[0] == visit_id)


def _expected_states(made: dict) -> dict[str, tuple[str, int]]:
    """What the visits say, worked out here: per door the latest by time, then by id."""
    per_door: dict[str, list[tuple]] = {}
    for row in made.values():
        per_door.setdefault(row[4], []).append(row)
    out = {}
    for door, visits in per_door.items():
        latest = max(visits, key=lambda r: (str(r[9]), r[0]))
        out[door] = (latest[10], len(visits))
    return out


def run_scenario(scenario) -> None:
    count, operations = scenario
    root = Path(tempfile.mkdtemp(prefix="linli-visits-prop-"))
    time = Time(advancing=True)
    reps = [_open(root, i, time, 0, HybridClock) for i in range(count)]
    try:
        _run(reps, operations, time)
    finally:
        for db in reps:
            db.close()
        shutil.rmtree(root, ignore_errors=True)


def _run(reps, operations, time) -> None:
    count = len(reps)
    campaign, doors = _campaign(reps[0])
    for db in reps[1:]:  # every copy starts with the campaign (a laptop: its visitor's bundle)
        deliver(db, export(reps[0]))
    made: dict[str, tuple] = {}  # visit id → its row as its writer stored it
    in_flight = []
    serial = 0
    for op in operations:
        time.tick()
        kind = op[0]
        if kind in ("visit", "correct"):
            serial += 1
            _record(reps[op[1] % count], op, doors, serial, made)
        elif kind == "export":
            src, dst = op[1] % count, op[2] % count
            if src == dst:
                continue
            since = None
            if op[3]:
                with reps[src].reading() as s:
                    since = peer_acked(s, reps[dst].identity.device_id)
            in_flight.append((dst, export(reps[src], since=since)))
        elif kind == "deliver" and in_flight:
            index = op[1] % len(in_flight)
            dst, bundle = in_flight[index] if op[2] else in_flight.pop(index)
            deliver(reps[dst], bundle)
        elif kind == "drop" and in_flight:
            in_flight.pop(op[1] % len(in_flight))
    for dst, bundle in reversed(in_flight):  # late ones arrive after all, out of order
        deliver(reps[dst], bundle)
    for _round in range(2):  # then everyone sends everything to everyone
        for src in reps:
            bundle = export(src)
            for dst in reps:
                if dst is not src:
                    deliver(dst, bundle)

    expected = sorted(made.values())
    for i, db in enumerate(reps):
        visits = _visits(db)
        assert [row[0] for row in visits] == sorted(made), f"copy {i}: visits lost or extra"
        assert visits == expected, f"copy {i}: a visit changed after it was written"
    states = [_states(db, campaign) for db in reps]
    for i, state in enumerate(states[1:], 1):
        assert state == states[0], f"copy {i} sees other door states than copy 0"
    worked_out = _expected_states(made)
    assert {d: (s.outcome, s.attempts) for d, s in states[0].items()} == worked_out
    assert all(s.done == (s.outcome in FINAL_OUTCOMES) for s in states[0].values())


SETTINGS = settings(max_examples=30, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck))


@SETTINGS
@given(SCENARIO)
def test_visits_are_never_lost_or_duplicated_and_doors_agree_everywhere(scenario):
    run_scenario(scenario)
