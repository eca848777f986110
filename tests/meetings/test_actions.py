"""The three lists: items born in meetings or between them, their progress log, closing and
the explicit reopening, overdue read from the due date, and two copies editing one item."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import ValidationError
from desktop.meetings.actions import (
    ActionDraft,
    add_action,
    edit_action,
    record_progress,
    reopen_action,
)
from desktop.meetings.reading import action_rows
from desktop.meetings.service import next_meeting
from desktop.meetings.tables import ACTION_STATUSES, ActionItem
from tests.meetings.core_fixtures import DAY1, item, start_series
from tests.roster.editing_fixtures import snapshot

TODAY = dt.date(2026, 3, 1)


def _row(db, action_id, today=TODAY):
    with db.reading() as session:
        return next(r for r in action_rows(session, today=today) if r.id == action_id)


def test_an_item_born_in_a_meeting_takes_its_day_and_compound(db):
    ids = start_series(db)
    action = item(db, "地下车库积水", ids["meeting"], dt.date(2026, 2, 1))
    row = _row(db, action)
    assert (row.opened_on, row.status, row.compound_id, row.origin) == (
        DAY1.date(), "open", ids["compound"], "翠苑一区三方联席会议 (2026-01-05)")
    assert row.compound == "翠苑一区" and row.age_days == (TODAY - DAY1.date()).days


def test_a_due_date_before_the_meeting_is_refused(db):
    ids = start_series(db)
    before = snapshot(db)
    with pytest.raises(ValidationError) as caught, db.unit_of_work() as uow:
        add_action(uow, ActionDraft("路灯不亮", "property_company", due=dt.date(2026, 1, 4)),
                   ids["meeting"])
    assert caught.value.field == "due" and "2026-01-04" in caught.value.message
    assert snapshot(db) == before
    # The meeting's own day is allowed (to be done at the meeting).
    item(db, "路灯不亮", ids["meeting"], DAY1.date())
    # Editing later to an earlier due date is refused the same way.
    action = item(db, "楼道堆物", ids["meeting"], dt.date(2026, 2, 1))
    before = snapshot(db)
    with pytest.raises(ValidationError) as caught, db.unit_of_work() as uow:
        edit_action(uow, action, ActionDraft("楼道堆物", "property_company",
                                             due=dt.date(2025, 12, 31)))
    assert caught.value.field == "due"
    assert snapshot(db) == before


def test_an_item_between_meetings_cannot_fall_due_before_it_was_opened(db):
    with pytest.raises(ValidationError) as caught, db.unit_of_work() as uow:
        add_action(uow, ActionDraft("噪音扰民", "community", due=dt.date(2026, 1, 1),
                                    source="12345工单"), opened_on=dt.date(2026, 1, 9))
    assert caught.value.field == "due"


def test_status_moves_are_logged_and_set_their_days(db):
    ids = start_series(db)
    action = item(db, "电梯故障", ids["meeting"], dt.date(2026, 1, 31))
    with db.unit_of_work("李明") as uow:
        record_progress(uow, action, "已报维保单位", "in_progress", on=dt.date(2026, 1, 10))
        record_progress(uow, action, "更换了控制板", "done", on=dt.date(2026, 1, 20))
        record_progress(uow, action, "业主反映仍有异响", on=dt.date(2026, 1, 25))  # a note
        second = next_meeting(uow, ids["meeting"], dt.datetime(2026, 2, 5, 9))
        record_progress(uow, action, "复查合格，销号", "closed", meeting_id=second)
    row = _row(db, action)
    assert (row.status, row.done_on, row.closed_on, row.closed_meeting_id) == (
        "closed", dt.date(2026, 1, 20), dt.date(2026, 2, 5), second)
    assert [(p.status, p.on, p.reopened, p.by) for p in row.progress[:2]] == [
        ("in_progress", dt.date(2026, 1, 10), False, "李明"),
        ("done", dt.date(2026, 1, 20), False, "李明")]
    assert row.progress[-1].status == "closed" and row.progress[-1].meeting_id == second
    assert row.progress[-1].meeting == "翠苑一区三方联席会议 (2026-02-05)"
    assert row.age_days == (dt.date(2026, 2, 5) - DAY1.date()).days  # closed: age stops
    assert not row.overdue


def test_back_to_work_clears_the_done_day(db):
    ids = start_series(db)
    action = item(db, "外墙脱落", ids["meeting"], dt.date(2026, 1, 31))
    with db.unit_of_work() as uow:
        record_progress(uow, action, "修好了", "done", on=dt.date(2026, 1, 20))
        record_progress(uow, action, "复查不合格", "in_progress", on=dt.date(2026, 1, 22))
    assert _row(db, action).done_on is None


def test_overdue_is_derived_from_the_due_date_and_never_stored(db):
    ids = start_series(db)
    late = item(db, "路灯不亮", ids["meeting"], dt.date(2026, 2, 1))
    done = item(db, "楼道堆物", ids["meeting"], dt.date(2026, 2, 1))
    no_due = item(db, "绿化占用", ids["meeting"])
    with db.unit_of_work() as uow:
        record_progress(uow, done, "清理完毕", "done", on=dt.date(2026, 1, 30))
    assert not _row(db, late, dt.date(2026, 2, 1)).overdue  # due today: not yet late
    assert _row(db, late, dt.date(2026, 2, 2)).overdue
    assert not _row(db, done, dt.date(2026, 2, 2)).overdue
    assert not _row(db, no_due, dt.date(2030, 1, 1)).overdue
    assert "overdue" not in ActionItem.__table__.columns


def test_a_closed_item_is_edited_only_after_an_explicit_logged_reopen(db):
    ids = start_series(db)
    action = item(db, "垃圾分类点异味", ids["meeting"], dt.date(2026, 1, 31))
    with db.unit_of_work() as uow:
        record_progress(uow, action, "已整改", "closed", meeting_id=ids["meeting"])
    draft = ActionDraft("垃圾分类点异味", "property_company", "每日冲洗", dt.date(2026, 3, 1))
    for write, field in ((lambda uow: edit_action(uow, action, draft), "status"),
                         (lambda uow: record_progress(uow, action, "又臭了", "in_progress"),
                          "status"),
                         (lambda uow: record_progress(uow, action, "又臭了"), "status"),
                         (lambda uow: reopen_action(uow, action, "  "), "reason"),
                         (lambda uow: reopen_action(uow, action, "又臭了",
                                                    on=dt.date(2026, 1, 4)), "on")):
        before = snapshot(db)
        with pytest.raises(ValidationError) as caught, db.unit_of_work() as uow:
            write(uow)
        assert caught.value.field == field
        assert snapshot(db) == before
    with db.unit_of_work("王小红") as uow:
        reopen_action(uow, action, "居民再次反映异味", on=dt.date(2026, 2, 10))
        edit_action(uow, action, draft)
    row = _row(db, action)
    assert (row.status, row.closed_on, row.closed_meeting_id, row.done_on) == (
        "open", None, None, None)
    assert row.remedy == "每日冲洗" and row.due == dt.date(2026, 3, 1)
    reopened = row.progress[-1]
    assert (reopened.reopened, reopened.note, reopened.on, reopened.by, reopened.status) == (
        True, "居民再次反映异味", dt.date(2026, 2, 10), "王小红", "open")
    # Reopening an item that is not closed is refused.
    with pytest.raises(ValidationError) as caught, db.unit_of_work() as uow:
        reopen_action(uow, action, "again")
    assert caught.value.field == "status"


BAD_WRITES = [
    ("no problem", lambda uow, ids, a: add_action(uow, ActionDraft(" ", "community")),
     "problem"),
    ("party", lambda uow, ids, a: add_action(uow, ActionDraft("x", "mayor")), "responsible"),
    ("due not a date", lambda uow, ids, a: add_action(
        uow, ActionDraft("x", "community", due="2026-02-01")), "due"),
    ("compound", lambda uow, ids, a: add_action(
        uow, ActionDraft("x", "community", compound_id="gone")), "compound"),
    ("meeting", lambda uow, ids, a: add_action(uow, ActionDraft("x", "community"), "gone"),
     "meeting"),
    ("long person", lambda uow, ids, a: add_action(
        uow, ActionDraft("x", "community", responsible_person="张" * 51)),
     "responsible_person"),
    ("edit gone", lambda uow, ids, a: edit_action(uow, "gone", ActionDraft("x", "community")),
     "action"),
    ("status", lambda uow, ids, a: record_progress(uow, a, "x", "finished"), "status"),
    ("empty note", lambda uow, ids, a: record_progress(uow, a, " "), "note"),
    ("same status, no note", lambda uow, ids, a: record_progress(uow, a, "", "open"), "note"),
    ("before opened", lambda uow, ids, a: record_progress(
        uow, a, "x", on=dt.date(2026, 1, 1)), "on"),
    ("progress meeting", lambda uow, ids, a: record_progress(uow, a, "x", meeting_id="gone"),
     "meeting"),
    ("reopen open item", lambda uow, ids, a: reopen_action(uow, a, "x"), "status"),
]


@pytest.mark.parametrize("label, write, field", BAD_WRITES, ids=[b[0] for b in BAD_WRITES])
def test_bad_input_names_its_field_and_writes_nothing(db, label, write, field):
    ids = start_series(db)
    action = item(db, "路灯不亮", ids["meeting"], dt.date(2026, 2, 1))
    before = snapshot(db)
    with pytest.raises(ValidationError) as caught, db.unit_of_work() as uow:
        write(uow, ids, action)
    assert caught.value.field == field and caught.value.message
    assert snapshot(db) == before


def test_a_failure_half_way_through_closing_leaves_the_database_as_it_was(db, monkeypatch):
    """Closing changes the item and adds its progress entry: a failure once the item has
    changed rolls both back."""
    from desktop.meetings import actions

    ids = start_series(db)
    action = item(db, "路灯不亮", ids["meeting"], dt.date(2026, 2, 1))
    before = snapshot(db)

    class Broken(actions.ActionProgress):
        def __init__(self, **kwargs):
            raise RuntimeError("disk gone")

    monkeypatch.setattr(actions, "ActionProgress", Broken)
    with pytest.raises(RuntimeError), db.unit_of_work() as uow:
        record_progress(uow, action, "修好了", "closed", meeting_id=ids["meeting"])
    assert snapshot(db) == before


def test_open_only_party_and_compound_filters(db):
    ids = start_series(db)
    a = item(db, "路灯不亮", ids["meeting"], dt.date(2026, 2, 1))
    b = item(db, "党员先锋岗", ids["meeting"], dt.date(2026, 2, 1), responsible="community")
    c = item(db, "楼道堆物", None, dt.date(2026, 2, 1), opened_on=dt.date(2026, 1, 8))
    with db.unit_of_work() as uow:
        record_progress(uow, b, "完成", "closed")
    with db.reading() as session:
        assert [r.id for r in action_rows(session, today=TODAY, open_only=True)] == [a, c]
        assert [r.id for r in action_rows(session, today=TODAY, party="community")] == [b]
        assert [r.id for r in action_rows(session, today=TODAY,
                                          compound_id=ids["compound"])] == [a, b]
        rows = action_rows(session, today=TODAY)
    assert [r.number for r in rows] == [1, 2, 3]
    assert rows[2].origin == "" and not rows[2].origin_deleted


def test_an_item_written_by_mistake_is_taken_out(db):
    from desktop.meetings.actions import delete_action

    ids = start_series(db)
    action = item(db, "重复录入", ids["meeting"], dt.date(2026, 2, 1))
    with db.unit_of_work() as uow:
        delete_action(uow, action)
    with db.reading() as session:
        assert action_rows(session, today=TODAY) == []
    with pytest.raises(ValidationError) as caught, db.unit_of_work() as uow:
        record_progress(uow, action, "x")
    assert caught.value.field == "action"


STEP = st.one_of(
    st.tuples(st.just("status"), st.integers(0, 2), st.integers(0, 3),
              st.sampled_from(("open", "in_progress", "done", "closed"))),
    st.tuples(st.just("remedy"), st.integers(0, 2), st.integers(0, 3), st.integers(0, 9)),
    st.tuples(st.just("add"), st.integers(0, 2), st.integers(0, 3), st.integers(0, 9)),
    st.tuples(st.just("exchange"), st.integers(0, 2), st.integers(0, 2), st.just(0)),
)


@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=st.lists(STEP, max_size=14))
def test_copies_editing_items_converge_with_consistent_rows(tmp_path_factory, steps):
    """Three copies moving statuses (reopening closed items first), editing remedies and
    adding items, exchanging at random, end identical after a final exchange; every row read
    agrees with its status, and every lost status is in the review list."""
    from desktop.sync.exchange import list_conflicts
    from tests.sync.exchange.conftest import deliver, export, new_replica
    from tests.sync.exchange.conftest import snapshot as sync_snapshot

    root = tmp_path_factory.mktemp("copies")
    copies = [new_replica(root, name) for name in ("office", "laptop", "tablet")]
    try:
        ids = start_series(copies[0], with_compound=False)
        items = [item(copies[0], f"问题{n}", ids["meeting"], dt.date(2026, 2, 1))
                 for n in range(4)]
        for other in copies[1:]:
            deliver(other, export(copies[0]))
        day = dt.date(2026, 1, 6)
        for kind, who, which, value in steps:
            db, action = copies[who], items[which % len(items)]
            day += dt.timedelta(days=1)
            with db.unit_of_work(f"w{who}") as uow:
                current = uow.session.get(ActionItem, action).status
                if kind == "status" and value != current:
                    if current == "closed":
                        reopen_action(uow, action, "复查", on=day)
                    if value != "open" or current != "closed":
                        record_progress(uow, action, "", value, on=day)
                elif kind == "remedy" and current != "closed":
                    edit_action(uow, action, ActionDraft(f"问题{which}", "community",
                                                         f"措施{value}", dt.date(2026, 2, 1)))
                elif kind == "add":
                    add_action(uow, ActionDraft(f"新{value}", "community"), opened_on=day)
            if kind == "exchange" and who != which:
                deliver(copies[which], export(copies[who]))
        for _round in range(2):
            for a in copies:
                for b in copies:
                    if a is not b:
                        deliver(b, export(a))
        assert sync_snapshot(copies[0]) == sync_snapshot(copies[1]) == \
            sync_snapshot(copies[2])
        read = []
        for db in copies:
            with db.reading() as session:
                rows = action_rows(session, today=TODAY)
                lost = {(c.row_id, c.lost_value) for c in list_conflicts(session)
                        if c.field == "status"}
            read.append(rows)
            for row in rows:
                assert (row.closed_on is not None) == (row.status == "closed")
                assert row.done_on is None or row.status in ("done", "closed")
                assert row.closed_meeting_id is None or row.status == "closed"
            # A status that lost shows in the review list; what won is the row's status.
            for row_id, lost_value in lost:
                assert lost_value in ACTION_STATUSES
        assert read[0] == read[1] == read[2]
    finally:
        for db in copies:
            db.close()
