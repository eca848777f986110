"""A meeting's minutes as a PDF.

minutes_pdf_ms     the office's minutes of a meeting with 20 attendees, 10 agenda items with
                   their discussion, 10 voted decisions and enough carried-over and new action
                   items for 20 A4 pages (reading, layout and PDF), median of --repeat runs
                   after a warm-up (fonts loaded)
minutes_pdf_pages  the pages of that PDF (the figure is meant for 20)
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
import tempfile
import time
from pathlib import Path

from run import benchmark, figure

ITEMS = 150  # carried + new: 20 pages with the rest of the minutes


def _build(db) -> str:
    from desktop.meetings.actions import ActionDraft, add_action
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

    parties = ("community", "owners_committee", "property_company", "party_branch", "resident")
    with db.unit_of_work("bench") as uow:
        series = save_series(uow, "翠苑一区三方联席会议", "tripartite")
        first = save_meeting(uow, MeetingDraft(
            kind="tripartite", title="翠苑一区三方联席会议", number="〔2026〕第11期",
            starts_at=dt.datetime(2026, 11, 5, 14, 30), place="社区二楼会议室", chair="王建国",
            recorder="李文静", series_id=series))
        set_attendees(uow, first, [
            AttendeeDraft(f"参会人{n:02d}", parties[n % len(parties)], title="代表",
                          phone=f"139{n:08d}") for n in range(20)])
        for n in range(ITEMS * 2 // 3):
            add_action(uow, ActionDraft(
                problem=f"第{n + 1}号问题：3幢{n % 6 + 1}单元楼道堆放杂物，影响消防通道畅通",
                responsible="property_company", responsible_unit="绿城物业",
                responsible_person="刘海波", remedy="限期清理，每周巡查一次并拍照留档",
                due=dt.date(2026, 11, 30)), meeting_id=first)
    with db.unit_of_work("bench") as uow:
        second = next_meeting(uow, first, dt.datetime(2026, 12, 5, 14, 30))
        for n in range(10):
            item = save_agenda_item(uow, second, f"议题{n + 1}：小区停车管理", raised_by="陈志强",
                                    discussion="业委会提出方案。\n1. 物业核实车位数量\n"
                                               "2. 社区征求居民意见")
            save_decision(uow, second, f"同意第{n + 1}项方案", agenda_item_id=item,
                          rule="majority_of_members", votes_for=5 + n % 3, votes_against=2,
                          abstentions=1, members=11)
        for n in range(ITEMS // 3):
            add_action(uow, ActionDraft(
                problem=f"新问题{n + 1}：地下车库照明不足", responsible="community",
                responsible_person="王建国", remedy="协调物业更换灯具",
                due=dt.date(2026, 12, 31)), meeting_id=second)
    return second


@benchmark("minutes", figures=("minutes_pdf_ms", "minutes_pdf_pages"))
def bench_minutes(args) -> list[dict]:
    from desktop.core.i18n import set_language
    from desktop.core.paths import DataDir
    from desktop.meetings.minutes import render_minutes
    from desktop.storage.lifecycle import open_database

    set_language("zh_Hans")
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(DataDir(Path(tmp) / "d").prepare(), device_name="bench")
        try:
            meeting = _build(db)
            with db.reading() as session:
                pdf = render_minutes(session, meeting)  # warm-up: the fonts loaded
            samples = []
            for _ in range(max(args.repeat, 3)):
                start = time.perf_counter()
                with db.reading() as session:
                    pdf = render_minutes(session, meeting)
                samples.append((time.perf_counter() - start) * 1000)
        finally:
            db.close()
    pages = len(re.findall(rb"/Type /Page[^s]", pdf))
    return [figure("minutes_pdf_ms", statistics.median(samples), "ms", samples),
            figure("minutes_pdf_pages", pages, "pages")]
