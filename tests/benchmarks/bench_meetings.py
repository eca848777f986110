"""Meetings and the three lists (issue 17), on a copy of the cached standard dataset.

tracker_10k_ms    the tracker over 10,000 action items of five years of monthly meetings (60
                  meetings, two progress entries an item, items in every state): the counts
                  by party and by compound, the ages, and the resolution rate per party and
                  month for all 60 months (the chart's data) — desktop.meetings.tracking.tracker
meeting_open_ms   opening a meeting that carries 500 earlier items: meeting_detail, what the
                  meeting editor reads before it shows (attendees, agenda, decisions, the items
                  born there and the 500 carried, each with its progress log)
Each measured ``--repeat`` times on the same database (reads only); the median is printed.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from run import benchmark, dataset, figure

ITEMS, YEARS, CARRIED = 10_000, 5, 500
TODAY = dt.date(2026, 12, 20)


def _month(index: int) -> dt.date:
    start = TODAY.year * 12 + TODAY.month - 1 - (YEARS * 12 - 1)
    return dt.date((start + index) // 12, (start + index) % 12 + 1, 5)


def _bulk_items(uow, meetings: list[tuple[str, dt.date]], compounds: list[str],
                count: int, rng: random.Random, statuses=None) -> None:
    """``count`` items born in ``meetings``, in every state, with two progress entries each,
    written with Core bulk inserts (the services would take minutes for 10,000)."""
    from desktop.meetings.tables import RESPONSIBLE_PARTIES, ActionItem, ActionProgress
    from desktop.storage.bulk_insert import BulkInserter
    from desktop.storage.ids import uuid7_many

    ids = uuid7_many(count * 3)  # an item's, then its two entries'
    stamps = uow.new_stamps(count * 3)
    items, entries = [], []
    for n in range(count):
        item_id = ids[3 * n]
        meeting_id, day = meetings[n % len(meetings)]
        due = day + dt.timedelta(days=rng.randint(7, 90))
        status = rng.choice(statuses or ("open", "in_progress", "done", "closed", "closed",
                                         "closed"))
        done_on = closed_on = None
        if status in ("done", "closed"):
            done_on = min(TODAY, due + dt.timedelta(days=rng.randint(-20, 10)))
            done_on = max(done_on, day)
        if status == "closed":
            closed_on = min(TODAY, done_on + dt.timedelta(days=rng.randint(0, 30)))
        items.append({
            "id": item_id, "created_hlc": stamps[3 * n], "created_by": "bench",
            "deleted": False, "origin_meeting_id": meeting_id,
            "compound_id": rng.choice(compounds), "source": "",
            "problem": f"问题{n}：地下车库积水，雨天无法通行", "responsible": rng.choice(
                RESPONSIBLE_PARTIES), "responsible_unit": "物业服务中心",
            "responsible_person": "张伟", "remedy": "检修排水泵", "due": due,
            "status": status, "opened_on": day, "done_on": done_on, "closed_on": closed_on,
            "closed_meeting_id": None})
        for k in (1, 2):
            entries.append({
                "id": ids[3 * n + k], "created_hlc": stamps[3 * n + k],
                "created_by": "bench", "deleted": False, "action_item_id": item_id,
                "meeting_id": meeting_id, "on": day, "note": "已督促落实",
                "status": "in_progress" if k == 1 else "", "reopened": False, "by": "bench"})
    inserter = BulkInserter()
    connection = uow.session.connection()
    inserter.insert(connection, ActionItem.__table__, items)
    inserter.insert(connection, ActionProgress.__table__, entries)


def _prepare(root: Path) -> tuple:
    from sqlalchemy import select

    from desktop.core.paths import DataDir
    from desktop.meetings.service import (
        AttendeeDraft,
        MeetingDraft,
        next_meeting,
        save_agenda_item,
        save_decision,
        save_meeting,
        save_series,
        set_attendees,
    )
    from desktop.roster.models import Compound
    from desktop.storage.lifecycle import open_database

    shutil.copytree(dataset_root(), root)
    db = open_database(DataDir(root), device_name="bench")
    rng = random.Random(17)
    with db.reading() as session:
        compounds = list(session.scalars(select(Compound.id).limit(41)))
    # The 500-item series is one compound's: its meeting carries that compound's items only.
    own, compounds = compounds[0], compounds[1:]
    people = [AttendeeDraft(f"参会人{n}", party) for n, party in enumerate(
        ("community", "community", "owners_committee", "owners_committee",
         "property_company", "property_company", "representative", "outside"))]
    with db.unit_of_work("bench") as uow:
        # Five years of monthly meetings; the 10,000 items are born in them.
        series = save_series(uow, "五年三方联席会议", "tripartite")
        meetings = []
        for index in range(YEARS * 12):
            day = _month(index)
            meeting = save_meeting(uow, MeetingDraft(
                "tripartite", "三方联席会议", dt.datetime.combine(day, dt.time(9)),
                series_id=series))
            meetings.append((meeting, day))
        _bulk_items(uow, meetings, compounds, ITEMS, rng)
        # A series of its own whose second meeting carries 500 open items.
        other = save_series(uow, "五百项三方联席会议", "tripartite", compound_id=own)
        first_day = TODAY - dt.timedelta(days=40)
        first = save_meeting(uow, MeetingDraft(
            "tripartite", "五百项三方联席会议", dt.datetime.combine(first_day, dt.time(9)),
            series_id=other))
        set_attendees(uow, first, people)
        agenda = save_agenda_item(uow, first, "议题", discussion="讨论内容")
        save_decision(uow, first, "决定", agenda_item_id=agenda)
    with db.unit_of_work("bench") as uow:
        _bulk_items_open(uow, first, first_day, [own], rng)
    with db.unit_of_work("bench") as uow:
        second = next_meeting(uow, first, dt.datetime.combine(TODAY - dt.timedelta(days=5),
                                                              dt.time(9)))
    return db, second


def _bulk_items_open(uow, meeting_id: str, day: dt.date, compounds, rng) -> None:
    # Still open, so the next meeting carries every one of them.
    _bulk_items(uow, [(meeting_id, day)], compounds, CARRIED, rng,
                statuses=("open", "in_progress", "done"))


def dataset_root() -> Path:
    return _ARGS["dataset"].root


_ARGS: dict = {}


@benchmark("meetings", figures=("tracker_10k_ms", "meeting_open_ms"))
def bench_meetings(args) -> list[dict]:
    from desktop.meetings.reading import meeting_detail
    from desktop.meetings.tracking import tracker

    _ARGS["dataset"] = dataset(args.residents)
    with tempfile.TemporaryDirectory() as tmp:
        db, second = _prepare(Path(tmp) / "d")
        try:
            tracked, opened = [], []
            for _ in range(max(args.repeat, 3)):
                with db.reading() as session:
                    start = time.perf_counter()
                    view = tracker(session, today=TODAY, months=None)
                    tracked.append((time.perf_counter() - start) * 1000)
                assert view.total.total == ITEMS + CARRIED and len(view.months) == 60
                with db.reading() as session:
                    start = time.perf_counter()
                    detail = meeting_detail(session, second, today=TODAY)
                    opened.append((time.perf_counter() - start) * 1000)
                assert len(detail.carried) == CARRIED, len(detail.carried)
        finally:
            db.close()
    return [figure("tracker_10k_ms", statistics.median(tracked), "ms", tracked),
            figure("meeting_open_ms", statistics.median(opened), "ms", opened)]
