"""The demo community's meetings: a year of monthly 三方联席会议 with attendance by party,
voted decisions (one not passed), the earlier items carried into each meeting, and items in
every state — so the page and its tracker open on real shapes (``linli --demo``)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from desktop.core.tasks import TaskContext
from desktop.meetings.demo import add_demo_meetings
from desktop.meetings.reading import action_rows, list_meetings, meeting_detail
from desktop.meetings.tables import ActionItem, Meeting
from desktop.meetings.tracking import tracker
from desktop.roster.demo import generate_demo
from desktop.roster.models import Resident
from desktop.setup.demo import fill_demo


@pytest.mark.parametrize("residents, today", [(300, dt.date(2026, 12, 6)),
                                               (60, dt.date(2027, 3, 4))])
def test_a_year_of_monthly_tripartite_meetings(db, residents, today):
    generate_demo(db, residents=residents, seed=2026, ctx=TaskContext())
    assert add_demo_meetings(db, today=today) == 12
    with db.reading() as session:
        meetings = list_meetings(session)
        details = [meeting_detail(session, m.id, today=today) for m in meetings]
        rows = action_rows(session, today=today)
        view = tracker(session, today=today)
        roster = set(session.scalars(select(Resident.id)))
    assert len(meetings) == 12 and len({m.series_id for m in meetings}) == 1
    assert {m.kind for m in meetings} == {"tripartite"}
    assert all(m.date.day == 5 for m in meetings) and meetings[-1].date <= today
    assert (meetings[-1].date.year * 12 + meetings[-1].date.month) - \
        (meetings[0].date.year * 12 + meetings[0].date.month) == 11  # monthly
    for detail in details:
        assert {"community", "owners_committee", "property_company"} <= set(detail.by_party)
        assert all(a.resident_id in roster for a in detail.attendees if a.resident_id)
        assert detail.born and detail.decisions
    for detail in details[1:]:
        assert detail.agenda[0].carried_over and detail.carried
    attendance = {a.attendance for d in details for a in d.attendees}
    assert {"present", "observer", "excused"} <= attendance
    outcomes = [d.outcome.passed for detail in details for d in detail.decisions]
    assert True in outcomes and False in outcomes and None in outcomes
    assert {r.status for r in rows} == {"open", "in_progress", "done", "closed"}
    assert any(r.overdue for r in rows)
    assert any(e.reopened for r in rows for e in r.progress)
    assert view.total.closed_this_month > 0 and view.total.overdue > 0
    rates = [m.rate for m in view.overall if m.rate is not None]
    assert len(rates) >= 10 and 0 < min(rates) < 1 and max(rates) == 1


def test_the_same_seed_and_day_give_the_same_meetings(tmp_path):
    from desktop.core.paths import DataDir
    from desktop.storage.lifecycle import open_database

    seen = []
    for name in ("a", "b"):
        db = open_database(DataDir(tmp_path / name).prepare(), device_name=name)
        try:
            generate_demo(db, residents=100, seed=7, ctx=TaskContext())
            add_demo_meetings(db, today=dt.date(2026, 12, 6), seed=7)
            with db.reading() as session:
                seen.append([(r.problem, r.due, r.status, r.done_on, r.closed_on)
                             for r in action_rows(session, today=dt.date(2026, 12, 6))])
        finally:
            db.close()
    assert seen[0] == seen[1] and seen[0]


def test_fill_demo_carries_meetings_unless_told_not_to(db, tmp_path):
    from desktop.core.paths import DataDir
    from desktop.storage.lifecycle import open_database

    fill_demo(db, 80, TaskContext(), campaigns=False)
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Meeting)) == 12
        assert session.scalar(select(func.count()).select_from(ActionItem)) > 24
    other = open_database(DataDir(tmp_path / "bare").prepare(), device_name="bare")
    try:
        fill_demo(other, 80, TaskContext(), campaigns=False, meetings=False)
        with other.reading() as session:
            assert session.scalar(select(func.count()).select_from(Meeting)) == 0
    finally:
        other.close()
