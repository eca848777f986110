"""A campaign's results for the office with 50,000 visits recorded (issue 15).

On a copy of the cached standard dataset: the 入户走访记录表 template as the office's form, a
campaign over every household of the sub-district for 40 visitors, and 50,000 visits written
with bulk inserts — 40,000 first knocks (completed, not at home, refused, vacant, come back
later), then 10,000 second attempts, ~1,000 of them corrections replacing a completed visit;
completed visits carry answers to every question of the form and two household members.

coverage_ms           what the office's coverage view reads before it shows: the counts per
                      building, visitor and day (read_coverage), and the doors with their
                      states of the first batch of buildings it draws (coverage_view.BATCH)
results_50k_ms        question_tallies: every question of the counted visits
visits_export_50k_s   export_visits to .xlsx, masked (the default)
Each measured ``--repeat`` times on the same database (reads only); the median is printed.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from run import benchmark, dataset, figure

VISITS, FIRST = 50_000, 40_000
VISITORS = 40
FIRST_DRAWN = 40  # the coverage view's first batch of buildings (its BATCH; no Qt here)


def _answers(form, rng: random.Random) -> dict:
    from desktop.visits.forms.model import (
        DATE,
        DECIMAL,
        INTEGER,
        SELECT_MULTIPLE,
        SELECTS,
        TEXT,
        TIME,
    )
    from desktop.visits.results.tallies import _questions

    out: dict = {}
    for repeats, q in _questions(form):
        if q.type in SELECTS:
            names = [c.name for c in form.choice_list(q.choice_list).choices] or ["x"]
            value = (" ".join(rng.sample(names, min(len(names), rng.randint(1, 2))))
                     if q.type == SELECT_MULTIPLE else rng.choice(names))
        else:
            value = {INTEGER: str(rng.randint(1, 6)), DECIMAL: f"{rng.uniform(30, 140):.1f}",
                     DATE: "2026-12-02", TIME: "10:30",
                     TEXT: rng.choice(("无", "楼道灯坏了", "希望加装电梯", "电话13812345678"))
                     }.get(q.type, "")
        if not value:
            continue
        if repeats:
            for entry in out.setdefault(repeats[0], [{}, {}]):
                entry[q.name] = value
        else:
            out[q.name] = value
    return out


def _prepare(source, root: Path):
    """The copy, its form and campaign, and the 50,000 visits; (db, campaign id)."""
    from sqlalchemy import select

    from desktop.core.paths import DataDir
    from desktop.roster.models import Compound
    from desktop.storage.bulk_insert import BulkInserter
    from desktop.storage.ids import uuid7_many
    from desktop.storage.lifecycle import open_database
    from desktop.visits.campaigns.service import (
        CampaignPlan,
        VisitorPlan,
        create_campaign,
    )
    from desktop.visits.forms.service import copy_form, load_version
    from desktop.visits.forms.templates import template
    from desktop.visits.records.campaigns import CampaignDoor, CampaignVisitor
    from desktop.visits.records.visits import Visit

    shutil.copytree(source.root, root)
    db = open_database(DataDir(root), device_name="bench")
    with db.unit_of_work("bench") as uow:
        version = copy_form(uow, template("home_visit"), "入户走访记录表").version_id
        compounds = uow.session.execute(select(Compound.id).where(
            Compound.deleted.is_(False))).scalars().all()
        campaign_id = create_campaign(uow, CampaignPlan(
            "全街道入户走访", version, {"compounds": compounds},
            tuple(VisitorPlan(f"走访员{i + 1}") for i in range(VISITORS)),
            starts_on=dt.date(2026, 12, 1), ends_on=dt.date(2026, 12, 31)))
    rng = random.Random(15)
    with db.unit_of_work("bench") as uow:
        session = uow.session
        form = load_version(session, version)
        doors = session.execute(select(CampaignDoor.id, CampaignDoor.visitor_id,
                                       CampaignDoor.dwelling_id, CampaignDoor.household_id)
                                .where(CampaignDoor.campaign_id == campaign_id)
                                .order_by(CampaignDoor.walk_order)).all()
        names = dict(session.execute(select(CampaignVisitor.id, CampaignVisitor.name)
                                     .where(CampaignVisitor.campaign_id == campaign_id)).all())
        assert len(doors) >= FIRST, len(doors)
        ids = uuid7_many(VISITS)
        pool = [json.dumps(_answers(form, rng), ensure_ascii=False) for _ in range(200)]
        columns = {key: [] for key in ("door", "outcome", "at", "answers", "replaces")}
        first_of: dict[int, tuple[str, str]] = {}
        start = dt.datetime(2026, 12, 1, 9, 0)
        outcomes = ["completed"] * 14 + ["not_home"] * 3 + ["refused", "vacant", "revisit"]
        for n in range(VISITS):
            if n < FIRST:
                door, outcome, replaces = n, rng.choice(outcomes), None
                at = start + dt.timedelta(minutes=n)
            else:
                door = rng.randrange(FIRST)
                earlier_id, earlier = first_of[door]
                fix = earlier == "completed" and n % 10 == 0
                outcome = "completed" if fix or rng.random() < 0.7 else "not_home"
                replaces = earlier_id if fix else None
                at = start + dt.timedelta(minutes=FIRST + n)
            first_of.setdefault(door, (ids[n], outcome))
            columns["door"].append(doors[door])
            columns["outcome"].append(outcome)
            columns["at"].append(at)
            columns["answers"].append(rng.choice(pool) if outcome == "completed" else "")
            columns["replaces"].append(replaces)
        completed = [o == "completed" for o in columns["outcome"]]
        BulkInserter().insert_columns(session.connection(), Visit.__table__, {
            "id": ids, "created_hlc": uow.new_stamps(VISITS), "created_by": "bench",
            "deleted": False, "campaign_id": campaign_id,
            "door_id": [d[0] for d in columns["door"]],
            "dwelling_id": [d[2] for d in columns["door"]],
            "household_id": [d[3] for d in columns["door"]],
            "visitor_id": [d[1] for d in columns["door"]],
            "visitor_name": [names[d[1]] for d in columns["door"]],
            "visited_at": columns["at"], "outcome": columns["outcome"],
            "callback_at": None, "answers": columns["answers"],
            "form_version_id": [version if c else None for c in completed],
            "replaces_id": columns["replaces"],
            "follow_up": [n % 97 == 0 for n in range(VISITS)],
            "follow_up_note": "", "note": "",
        }, VISITS)
    return db, campaign_id


def _median_ms(work, repeat: int) -> tuple[float, list[float]]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), samples


@benchmark("campaign_results", figures=("coverage_ms", "results_50k_ms", "visits_export_50k_s"))
def bench_campaign_results(args) -> list[dict]:
    from desktop.visits.results.coverage import read_coverage
    from desktop.visits.results.export import export_visits
    from desktop.visits.results.tallies import question_tallies

    source = dataset(args.residents)
    with tempfile.TemporaryDirectory() as tmp:
        db, campaign_id = _prepare(source, Path(tmp) / "office")
        try:
            def coverage():
                cover = read_coverage(db, campaign_id)
                assert cover.totals.attempts == VISITS, cover.totals.attempts
                drawn = sum(len(b.cells) for b in cover.buildings[:FIRST_DRAWN])
                assert drawn > 0

            def tallies():
                with db.reading() as session:
                    found = question_tallies(session, campaign_id)
                assert found and found[0].asked > 0

            def export():
                with db.reading() as session:
                    done = export_visits(session, campaign_id, Path(tmp) / "visits.xlsx")
                assert done.visits == VISITS

            coverage_ms, coverage_samples = _median_ms(coverage, args.repeat)
            results_ms, results_samples = _median_ms(tallies, args.repeat)
            export_ms, export_samples = _median_ms(export, args.repeat)
        finally:
            db.close()
    return [figure("coverage_ms", coverage_ms, "ms", coverage_samples),
            figure("results_50k_ms", results_ms, "ms", results_samples),
            figure("visits_export_50k_s", export_ms / 1000, "s",
                   [s / 1000 for s in export_samples])]
