"""The tracker over a year of monthly 三方联席 meetings built through the services: open,
overdue, done and closed this month, by party and by compound, the ages of open items and the
resolution rate per party and month — each compared with figures the test computes itself from
its own record of what happened to every item."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from desktop.core.tasks import TaskContext
from desktop.meetings.actions import ActionDraft, add_action, record_progress
from desktop.meetings.tables import RESPONSIBLE_PARTIES
from desktop.meetings.tracking import format_rate, tracker
from desktop.roster.demo import generate_demo
from tests.meetings.year import TODAY, build_year


@pytest.fixture
def year(db):
    generate_demo(db, residents=300, seed=5, ctx=TaskContext())
    meetings, truth = build_year(db)
    return meetings, truth


def _expected(items, today):
    live = [t for t in items if not t.deleted]
    is_open = [t for t in live if t.status in ("open", "in_progress")]
    return {
        "total": len(live),
        "open": len(is_open),
        "overdue": sum(1 for t in is_open if t.due is not None and t.due < today),
        "done": sum(1 for t in live if t.status == "done"),
        "closed_this_month": sum(1 for t in live if t.resolved_on is not None
                                 and (t.resolved_on.year, t.resolved_on.month)
                                 == (today.year, today.month)),
        "oldest": max(((today - t.opened_on).days for t in is_open), default=None),
    }


def _counts(c):
    return {"total": c.total, "open": c.open, "overdue": c.overdue, "done": c.done,
            "closed_this_month": c.closed_this_month, "oldest": c.oldest_open_days}


def test_the_year_holds_every_case_the_tracker_must_count(year):
    _meetings, truth = year
    statuses = {t.status for t in truth if not t.deleted}
    assert statuses == {"open", "in_progress", "done", "closed"}
    assert any(t.reopened for t in truth) and any(t.deleted for t in truth)
    assert any(t.due is None for t in truth)
    resolved = [t for t in truth if t.resolved_on and not t.deleted]
    assert any(t.resolved_on <= t.due for t in resolved)  # on time
    assert any(t.resolved_on > t.due for t in resolved)  # late
    assert _expected(truth, TODAY)["overdue"] > 0
    assert _expected(truth, TODAY)["closed_this_month"] > 0


def test_counts_by_party_and_compound_are_exact(year, db):
    _meetings, truth = year
    with db.reading() as session:
        view = tracker(session, today=TODAY)
    assert _counts(view.total) == _expected(truth, TODAY)
    assert [c.key for c in view.by_party] == list(RESPONSIBLE_PARTIES)
    for counts in view.by_party:
        assert _counts(counts) == _expected([t for t in truth if t.party == counts.key], TODAY)
    places = {t.compound_id or "" for t in truth if not t.deleted}
    assert {c.key for c in view.by_compound} == places
    assert view.by_compound[-1].key == ""  # items of no compound last
    for counts in view.by_compound:
        assert _counts(counts) == _expected(
            [t for t in truth if (t.compound_id or "") == counts.key], TODAY)
    assert sum(view.total.ages) == view.total.open


def test_resolution_rate_per_party_and_month_is_exact(year, db):
    _meetings, truth = year
    with db.reading() as session:
        view = tracker(session, today=TODAY)
    assert view.months == tuple(dt.date(2026, m, 1) for m in range(1, 13))
    live = [t for t in truth if not t.deleted and t.due is not None]
    seen_rate = set()
    for party in RESPONSIBLE_PARTIES:
        for month, got in zip(view.months, view.rates[party], strict=True):
            due = [t for t in live if t.party == party
                   and (t.due.year, t.due.month) == (month.year, month.month)
                   and (t.due < TODAY or t.status in ("done", "closed"))]
            on_time = [t for t in due if t.status in ("done", "closed")
                       and t.resolved_on <= t.due]
            assert (got.month, got.due, got.on_time) == (month, len(due), len(on_time))
            assert got.rate == (Fraction(len(on_time), len(due)) if due else None)
            seen_rate.add(got.rate)
    assert len(seen_rate - {None, 0, 1}) >= 3  # real fractions, not just all or nothing
    for index, month in enumerate(view.months):
        due = [t for t in live if (t.due.year, t.due.month) == (month.year, month.month)
               and (t.due < TODAY or t.status in ("done", "closed"))]
        assert view.overall[index].due == len(due)


def test_every_month_since_the_first_due_when_asked(year, db):
    with db.reading() as session:
        view = tracker(session, today=dt.date(2027, 2, 1), months=None)
        three = tracker(session, today=TODAY, months=3)
    assert view.months[0] == dt.date(2026, 1, 1) and view.months[-1] == dt.date(2027, 2, 1)
    assert three.months == (dt.date(2026, 10, 1), dt.date(2026, 11, 1), dt.date(2026, 12, 1))


def test_an_item_done_is_not_overdue_and_counts_on_time_only_by_its_due_date(db):
    with db.unit_of_work("测试") as uow:
        on_time = add_action(uow, ActionDraft("路灯不亮", "property_company",
                                              due=dt.date(2026, 3, 10)),
                             opened_on=dt.date(2026, 3, 1))
        late = add_action(uow, ActionDraft("井盖松动", "property_company",
                                           due=dt.date(2026, 3, 10)),
                          opened_on=dt.date(2026, 3, 1))
        add_action(uow, ActionDraft("楼道杂物", "community", due=dt.date(2026, 3, 20)),
                   opened_on=dt.date(2026, 3, 1))
        add_action(uow, ActionDraft("宣传栏破损", "owners_committee", due=dt.date(2026, 3, 25)),
                   opened_on=dt.date(2026, 3, 25))  # due today: not overdue yet
        record_progress(uow, on_time, "已修复", status="done", on=dt.date(2026, 3, 10))
        record_progress(uow, late, "已修复", status="closed", on=dt.date(2026, 3, 11))
    with db.reading() as session:
        view = tracker(session, today=dt.date(2026, 3, 25), months=1)
    property_company = next(c for c in view.by_party if c.key == "property_company")
    assert (property_company.open, property_company.overdue, property_company.done) == (0, 0, 1)
    assert property_company.closed_this_month == 2
    assert view.rates["property_company"][0].rate == Fraction(1, 2)
    assert view.rates["community"][0].rate == 0  # due, not done
    assert view.rates["other"][0].rate is None  # nothing due: no rate
    assert view.rates["owners_committee"][0].rate is None  # due today, not late yet
    committee = next(c for c in view.by_party if c.key == "owners_committee")
    assert (committee.open, committee.overdue, committee.oldest_open_days) == (1, 0, 0)
    assert format_rate(view.rates["property_company"][0].rate) == "50%"
    community = next(c for c in view.by_party if c.key == "community")
    assert (community.overdue, community.oldest_open_days, community.ages) == (1, 24,
                                                                               (1, 0, 0, 0))


@pytest.mark.parametrize("rate, text", [
    (Fraction(19, 20), "95%"), (Fraction(2, 3), "66.6%"), (Fraction(1999, 2000), "99.9%"),
    (Fraction(1), "100%"), (Fraction(0), "0%"), (Fraction(1, 8), "12.5%"), (None, "—")])
def test_rates_are_shown_as_percentages_never_rounded_up(rate, text):
    assert format_rate(rate) == text


def test_a_closing_day_a_merge_left_beside_another_status_does_not_count(db):
    """Two copies merge field by field: one closing an item early while the other recorded it
    done late can leave status "done" beside the first copy's closing day. The status wins:
    the item was resolved the day it was done, late."""
    from desktop.meetings.tables import ActionItem

    with db.unit_of_work("测试") as uow:
        item = add_action(uow, ActionDraft("井盖松动", "property_company",
                                           due=dt.date(2026, 3, 10)),
                          opened_on=dt.date(2026, 3, 1))
        record_progress(uow, item, "已修复", status="done", on=dt.date(2026, 3, 15))
    with db.unit_of_work("合并") as uow:
        uow.session.get(ActionItem, item).closed_on = dt.date(2026, 3, 5)
    with db.reading() as session:
        view = tracker(session, today=dt.date(2026, 3, 25), months=1)
    rate = view.rates["property_company"][0]
    assert (rate.due, rate.on_time) == (1, 0)
