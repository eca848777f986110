"""At the door on the standard dataset (issue 15), on a copy with the demo forms and a
campaign over the first compound shared among 4 visitors, half its doors visited already.

draft_save_ms   p95 of saving the draft after one answer: the door screen's write (the door's
                draft found, the answers saved) in its own unit of work, committed; 200 answers
                per run, the median of the runs' p95
next_door_ms    Finish on a completed visit → the visit written, my doors reloaded and the next
                undone door open and shown in the real "At the door" tab (offscreen); 10
                finishes per run, the median of all
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from run import benchmark, dataset, figure

VISITORS = 4
ANSWERS = 200
FINISHES = 10


def _office(source, root: Path):
    from sqlalchemy import select

    from desktop.core.paths import DataDir
    from desktop.roster.address import natural_key
    from desktop.roster.models import Compound
    from desktop.storage.lifecycle import open_database
    from desktop.visits.campaigns.service import (
        CampaignPlan,
        VisitorPlan,
        create_campaign,
    )
    from desktop.visits.forms.demo import add_demo_forms
    from desktop.visits.forms.service import list_forms

    shutil.copytree(source.root, root)
    data_dir = DataDir(root)
    db = open_database(data_dir, device_name="bench")
    add_demo_forms(db)
    with db.reading() as session:
        version = list_forms(session)[0].version_id
        compounds = session.execute(select(Compound.id, Compound.name).where(
            Compound.deleted.is_(False))).all()
    first = min(compounds, key=lambda c: natural_key(c[1]))[0]
    plan = CampaignPlan("外墙维修入户走访", version, {"compounds": [first]},
                        tuple(VisitorPlan(f"走访员{i + 1}") for i in range(VISITORS)))
    with db.unit_of_work("bench") as uow:
        campaign_id = create_campaign(uow, plan)
    _visit_half(db, campaign_id)
    return data_dir, db, campaign_id


def _visit_half(db, campaign_id: str) -> None:
    """Every other door visited (all outcomes), so states and attempts are real work."""
    from sqlalchemy import select

    from desktop.visits.doors.recording import VisitInput, record_visit
    from desktop.visits.records.campaigns import CampaignDoor

    with db.reading() as session:
        doors = session.execute(select(CampaignDoor.id).where(
            CampaignDoor.campaign_id == campaign_id).order_by(CampaignDoor.walk_order)
        ).scalars().all()
    at = dt.datetime(2026, 12, 1, 9, 0)
    outcomes = ("completed", "not_home", "refused", "vacant", "revisit")
    with db.unit_of_work("bench") as uow:
        for n, door in enumerate(doors[1::2]):
            outcome = outcomes[n % len(outcomes)]
            record_visit(uow, VisitInput(
                door, outcome, at + dt.timedelta(minutes=n),
                answers={"q": "yes"} if outcome == "completed" else None,
                callback_at=at + dt.timedelta(days=1) if outcome == "revisit" else None))


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


@benchmark("door", figures=("draft_save_ms", "next_door_ms"))
def bench_door(args) -> list[dict]:
    from desktop.visits.campaigns.reading import campaign_summary
    from desktop.visits.doors.reading import next_door
    from desktop.visits.doors.recording import save_draft, start_visit

    source = dataset(args.residents)
    saves, finishes = [], []
    with tempfile.TemporaryDirectory() as tmp:
        data_dir, db, campaign_id = _office(source, Path(tmp) / "laptop")
        try:
            with db.reading() as session:
                me = campaign_summary(session, campaign_id).visitors[0].id
                door = next_door(session, campaign_id, me)
            rng = random.Random(15)
            for _run in range(args.repeat):
                answers: dict = {}
                samples = []
                for n in range(ANSWERS):
                    answers[f"q{n % 40}"] = "".join(rng.choice("是否一二三四五") for _ in range(8))
                    start = time.perf_counter()
                    with db.unit_of_work("张志愿") as uow:
                        save_draft(uow, start_visit(uow, door, me), answers=dict(answers))
                    samples.append((time.perf_counter() - start) * 1000)
                saves.append(_p95(samples))
            finishes = _finishes(data_dir, db, campaign_id, me, args.repeat)
        finally:
            db.close()
    return [figure("draft_save_ms", statistics.median(saves), "ms", saves),
            figure("next_door_ms", statistics.median(finishes), "ms", finishes)]


def _finishes(data_dir, db, campaign_id: str, me: str, repeat: int) -> list[float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from desktop.context import AppContext
    from desktop.core.settings import Settings
    from desktop.ui.tasks import TaskRunner
    from desktop.ui.visits.door import DoorTab

    app = QApplication.instance() or QApplication([])
    ctx = AppContext(data_dir, Settings.load(data_dir.settings_file), db)
    runner = TaskRunner(present_error=lambda *_a: None)
    tab = DoorTab(ctx, runner)
    tab.resize(910, 512)
    tab.show()
    tab.load()
    tab.campaign.setCurrentIndex(tab.campaign.findData(campaign_id))
    tab.visitor.setCurrentIndex(tab.visitor.findData(me))
    from desktop.visits.doors import at_door
    from desktop.visits.doors.reading import next_undone
    from desktop.visits.doors.recording import save_draft, start_visit
    from desktop.visits.forms.sample_answers import sample_answers

    form = at_door.form(db, campaign_id)[1]
    rng = random.Random(15)
    samples = []
    try:
        for _ in range(max(repeat, 1) * FINISHES):
            door = next_undone([r.id for r in tab.rows], {r.id: r.state for r in tab.rows},
                               tab.door_id)
            if door is None:
                break
            # The volunteer has answered the whole form at this door (a draft, as saved).
            row = next(r for r in tab.rows if r.id == door)
            answers = sample_answers(form, rng, today=dt.date.today(),
                                     household_members=at_door.household_members(
                                         db, row.place.household_id))
            with db.unit_of_work("张志愿") as uow:
                save_draft(uow, start_visit(uow, door, me), outcome="completed",
                           answers=answers)
            tab.open_door(door)
            app.processEvents()
            start = time.perf_counter()
            tab.finish()
            deadline = time.monotonic() + 30
            while tab.door_id == door and time.monotonic() < deadline:
                app.processEvents()  # written, my doors reloaded, the next door shown
            assert tab.door_id != door, tab.door.message.text()
            tab.door.repaint()
            samples.append((time.perf_counter() - start) * 1000)
            # The event loop deletes the form of the door left behind; processEvents() alone
            # leaves it alive (with its idle timer), which no window running its loop does.
            app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    finally:
        runner.wait_idle(30)
        runner.shutdown()
        tab.close()
    return samples
