"""A year of monthly 三方联席 meetings built through the services, with the test's own record of
what happened to every item (the "truth"), so the tracker and the export are checked against
figures the test computed itself."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from sqlalchemy import select

from desktop.meetings.actions import (
    ActionDraft,
    add_action,
    record_progress,
    reopen_action,
)
from desktop.meetings.service import (
    MeetingDraft,
    next_meeting,
    save_meeting,
    save_series,
)
from desktop.meetings.tables import RESPONSIBLE_PARTIES, ActionItem
from desktop.roster.models import Compound

TODAY = dt.date(2026, 12, 20)
PROBLEMS = ("3幢楼道堆放杂物", "地下车库积水", "电动车违规充电", "小区路灯不亮", "垃圾分类点异味",
            "外墙瓷砖脱落", "电梯频繁故障", "绿化带被占用种菜")


@dataclass
class Truth:
    id: str
    party: str
    compound_id: str | None
    opened_on: dt.date
    due: dt.date | None
    problem: str
    status: str = "open"
    resolved_on: dt.date | None = None  # the first day it was done or closed since opened
    deleted: bool = False
    reopened: bool = False
    origin_meeting: str | None = None


def compounds(db) -> list[str]:
    with db.reading() as session:
        return list(session.scalars(select(Compound.id).where(Compound.deleted.is_(False))
                                    .order_by(Compound.name)))[:2]


def build_year(db, seed: int = 17, per_meeting: int = 5) -> tuple[list[str], list[Truth]]:
    """Twelve meetings on the 5th of each month of 2026; returns the meeting ids and the
    truth of every item."""
    rng = random.Random(seed)
    places = compounds(db)
    truth: list[Truth] = []
    meetings: list[str] = []
    with db.unit_of_work("测试") as uow:
        series = save_series(uow, "翠苑一区三方联席会议", "tripartite")
        meeting = save_meeting(uow, MeetingDraft(
            "tripartite", "翠苑一区三方联席会议", dt.datetime(2026, 1, 5, 9),
            place="社区会议室", chair="王主任", recorder="李干事", number="〔2026〕第1期",
            series_id=series))
    for month in range(1, 13):
        day = dt.date(2026, month, 5)
        with db.unit_of_work("测试") as uow:
            if month > 1:
                meeting = next_meeting(uow, meeting, dt.datetime(2026, month, 5, 9))
            meetings.append(meeting)
            for item in truth:
                if item.deleted or item.status == "closed":
                    continue
                _update(uow, rng, item, meeting, day)
            for number in range(per_meeting):
                party = RESPONSIBLE_PARTIES[(month + number) % len(RESPONSIBLE_PARTIES)] \
                    if number < 2 else rng.choice(RESPONSIBLE_PARTIES)
                due = day + dt.timedelta(days=rng.randint(0, 70))
                problem = f"{rng.choice(PROBLEMS)}（{month}月第{number + 1}项）"
                compound = rng.choice([*places, None])
                item_id = add_action(uow, ActionDraft(
                    problem, party, remedy="限期整改", due=due, responsible_unit="",
                    responsible_person=rng.choice(["张经理", "刘主任", "陈委员"]),
                    compound_id=compound), meeting_id=meeting)
                truth.append(Truth(item_id, party, compound, day, due, problem,
                                   origin_meeting=meeting))
            if month == 11:  # the first closed item is found not fixed: reopened
                item = next(t for t in truth if t.status == "closed")
                reopen_action(uow, item.id, "复查发现未整改到位", meeting_id=meeting,
                              on=day + dt.timedelta(days=1))
                item.status, item.resolved_on, item.reopened = "open", None, True
    with db.unit_of_work("测试") as uow:
        # Between meetings: a resident's complaint without a due date, and an item entered by
        # mistake and deleted.
        item_id = add_action(uow, ActionDraft("居民投诉：夜间施工噪音", "property_company",
                                              source="12345工单"), opened_on=dt.date(2026, 12, 10))
        truth.append(Truth(item_id, "property_company", None, dt.date(2026, 12, 10), None,
                           "居民投诉：夜间施工噪音"))
        gone = next(t for t in truth if t.status == "open" and t.due and t.due < TODAY)
        uow.session.get(ActionItem, gone.id).deleted = True
        gone.deleted = True
    return meetings, truth


def _update(uow, rng: random.Random, item: Truth, meeting: str, day: dt.date) -> None:
    """What a meeting does with one carried item: progress noted, done, closed, or nothing."""
    roll = rng.random()
    if item.status in ("open", "in_progress"):
        new = "done" if roll < 0.3 else "closed" if roll < 0.5 else \
            "in_progress" if roll < 0.75 else None
    else:  # done, waiting to be checked
        new = "closed" if roll < 0.6 else None
    # The entry is dated some days before the meeting reports it (never before the item).
    on = max(item.opened_on, day - dt.timedelta(days=rng.randint(0, 12)))
    record_progress(uow, item.id, "已督促落实", status=new, meeting_id=meeting, on=on)
    if new is None or new == item.status:
        return
    if new in ("done", "closed") and item.resolved_on is None:
        item.resolved_on = on
    if new == "in_progress":
        item.resolved_on = None
    item.status = new
