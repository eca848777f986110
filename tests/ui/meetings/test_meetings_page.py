"""The Meetings page driven as the office uses it (qtbot, a real SQLite file): a meeting made,
people added from the roster and from outside, a voted decision said passed or not passed as
the counts are typed, an action item opened; the next meeting of the series opened with the
item carried over to it, and closed there; the three lists showing it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDateTime, Qt
from shiboken6 import isValid
from sqlalchemy import select

from desktop.meetings.reading import action_rows, list_meetings, meeting_detail
from desktop.meetings.tables import ActionItem
from desktop.ui.meetings.page import MeetingsPage
from desktop.ui.operations import Operations
from tests.ui.meetings.meeting_data import roster_only

START = dt.datetime(2026, 3, 5, 9, 0)


@pytest.fixture
def page(qtbot, ctx, runner):
    widget = MeetingsPage(ctx, runner)
    Operations.of(runner).changed.connect(widget.refresh)  # as the main window does
    qtbot.addWidget(widget)
    widget.resize(910, 512)
    widget.show()
    widget.activated()
    return widget


def _settle(runner, qtbot) -> None:
    assert runner.wait_idle(30)
    qtbot.wait(10)


def _meetings(db):
    with db.reading() as session:
        return list_meetings(session)


def _detail(db, meeting_id):
    with db.reading() as session:
        return meeting_detail(session, meeting_id)


def make_meeting(page, runner, qtbot) -> str:
    tab = page.meetings
    tab.new_meeting()
    form = tab.details
    form.title.setText("翠苑一区三方联席会议")
    form.series.setText("翠苑一区三方联席会议")
    form.starts_at.setDateTime(QDateTime(START))
    form.place.setText("社区会议室")
    form.chair.setText("王主任")
    form.save_button.click()
    _settle(runner, qtbot)
    return tab.current_id()


def test_a_meeting_with_attendance_a_voted_decision_and_an_item_carried_and_closed(
        qtbot, ctx, runner, page):
    roster_only(ctx.db, 200)
    tab = page.meetings
    assert tab.empty.isVisibleTo(tab) and not tab.next_button.isEnabled()
    meeting_id = make_meeting(page, runner, qtbot)
    [row] = _meetings(ctx.db)
    assert row.id == meeting_id and row.series == "翠苑一区三方联席会议"
    assert row.starts_at == START and "翠苑一区三方联席会议" in tab.list.currentItem().text()

    # Attendance: a resident found by the roster's search, and an outside person.
    people = tab.attendance
    picker = people.pick()
    with ctx.db.reading() as session:
        from desktop.roster.models import Resident
        resident = session.execute(select(Resident).where(Resident.deleted.is_(False))
                                   .limit(1)).scalar_one()
        resident_id, resident_name = resident.id, resident.name
    picker.search.setText(resident_name)
    assert picker.found.count() >= 1
    picker.found.setCurrentRow(next(i for i in range(picker.found.count())
                                    if picker.found.item(i).data(Qt.ItemDataRole.UserRole)[0]
                                    == resident_id))
    picker.accept()
    row = people.add_row("李队长", "outside", organisation="消防大队")
    people.table.cellWidget(row, 2).setCurrentIndex(1)  # 列席 (observer)
    people.save_button.click()
    _settle(runner, qtbot)
    detail = _detail(ctx.db, meeting_id)
    assert [(a.name, a.party, a.attendance, a.resident_id) for a in detail.attendees] == [
        (resident_name, "resident", "present", resident_id),
        ("李队长", "outside", "observer", None)]
    assert people.counts.text() == "Attending: Resident 1; Outside 1"
    people.table.cellWidget(0, 2).setCurrentIndex(2)  # 请假 (excused)
    assert people.counts.text() == "Attending: Outside 1 · Excused 1"
    people.table.cellWidget(0, 2).setCurrentIndex(0)

    # An agenda item, and a decision: 5 for of 10 members is not more than half.
    agenda = tab.agenda
    tab.editor.setCurrentIndex(2)
    agenda.new_item()
    agenda.title.setText("电梯维修")
    agenda.discussion.setPlainText("3号楼电梯多次停运。")
    agenda.save_item_button.click()
    _settle(runner, qtbot)
    assert agenda.current().title == "电梯维修"
    agenda.decision.setText("更换3号楼电梯主板")
    agenda.rule.setCurrentIndex(agenda.rule.findData("majority_of_members"))
    agenda.votes["members"].setValue(10)
    agenda.votes["votes_for"].setValue(5)
    agenda.votes["votes_against"].setValue(3)
    assert agenda.outcome.text().endswith("Not passed.")
    agenda.votes["votes_for"].setValue(6)
    agenda.votes["votes_against"].setValue(2)
    assert agenda.outcome.text().endswith("Passed.")
    agenda.add_decision_button.click()
    _settle(runner, qtbot)
    [decision] = _detail(ctx.db, meeting_id).agenda[0].decisions
    assert (decision.votes_for, decision.votes_against, decision.members) == (6, 2, 10)
    assert decision.outcome.passed is True
    assert "passed" in agenda.decisions.text() and "not passed" not in agenda.decisions.text()

    # An action item born here.
    agenda.problem.setText("3号楼电梯停运")
    agenda.responsible.setCurrentIndex(agenda.responsible.findData("property_company"))
    agenda.person.setText("陈经理")
    agenda.remedy.setText("更换主板")
    agenda.due.setDate(dt.date(2026, 3, 31))
    agenda.add_action_button.click()
    _settle(runner, qtbot)
    assert agenda.problem.text() == ""  # written: the form is ready for the next one
    assert [r.problem for r in tab.carried.rows] == ["3号楼电梯停运"]

    # The next meeting of the series: the item is carried over to it, and closed there.
    tab.next_button.click()
    _settle(runner, qtbot)
    first, second = _meetings(ctx.db)
    assert first.id == meeting_id and tab.current_id() == second.id
    assert second.starts_at == dt.datetime(2026, 4, 5, 9, 0)
    assert tab.editor.currentIndex() == 3
    carried = tab.carried
    assert [r.problem for r in carried.rows] == ["3号楼电梯停运"]
    assert tab.agenda.agenda[0].carried_over
    carried.note.setText("主板已更换，验收合格")
    carried.status.setCurrentIndex(carried.status.findData("closed"))
    carried.record_button.click()
    _settle(runner, qtbot)
    with ctx.db.reading() as session:
        item = session.execute(select(ActionItem)).scalar_one()
        assert (item.status, item.closed_meeting_id) == ("closed", second.id)
        rows = action_rows(session, today=dt.date(2026, 4, 5))
    assert rows[0].progress[-1].note == "主板已更换，验收合格"
    assert carried.reopen_button.isEnabled() and not carried.record_button.isEnabled()
    assert "主板已更换，验收合格 → Closed" in carried.log.text()

    # The three lists in April: closed this month, nothing open.
    tracker = page.tracker
    tracker.clock = lambda: dt.date(2026, 4, 20)
    page.tabs.setCurrentIndex(1)
    assert tracker.open_table.rowCount() == 0
    assert [tracker.closed_table.item(r, 1).text()
            for r in range(tracker.closed_table.rowCount())] == ["3号楼电梯停运"]
    assert tracker.counts.text() == ("1 item in the lists: 0 open, 0 overdue, 1 closed this "
                                     "month.")


def test_a_refused_item_says_why_and_keeps_what_was_typed(qtbot, ctx, runner, page):
    make_meeting(page, runner, qtbot)
    agenda = page.meetings.agenda
    agenda.problem.setText("楼道堆物")
    agenda.due.setDate(dt.date(2026, 1, 1))  # before the meeting
    agenda.add_action_button.click()
    _settle(runner, qtbot)
    assert agenda.message.text()
    assert agenda.problem.text() == "楼道堆物"
    with ctx.db.reading() as session:
        assert session.execute(select(ActionItem)).first() is None


def test_the_three_lists_count_as_the_tracker_does(qtbot, ctx, runner, page):
    """The lists' tab titles and the summary's "All" line give the same open, overdue and
    closed-this-month counts (an item done this month counts as resolved, as upward)."""
    from tests.ui.meetings.meeting_data import TODAY, make_office

    make_office(ctx.db)
    tracker = page.tracker
    tracker.clock = lambda: TODAY
    page.tabs.setCurrentIndex(1)
    figures = tracker.figures.total
    assert (tracker.open_table.rowCount(), tracker.overdue_table.rowCount(),
            tracker.closed_table.rowCount()) == (figures.open, figures.overdue,
                                                 figures.closed_this_month)
    assert figures.closed_this_month > 0


def test_an_item_added_between_meetings_shows_in_the_open_list(qtbot, ctx, runner, page):
    make_meeting(page, runner, qtbot)
    page.tabs.setCurrentIndex(1)
    tracker = page.tracker
    dialog = tracker.new_item()
    dialog.problem.setText("夜间施工噪音")
    dialog.responsible.setCurrentIndex(dialog.responsible.findData("property_company"))
    dialog.no_due.setChecked(True)
    dialog.source.setText("12345工单")
    dialog.add_button.click()
    _settle(runner, qtbot)
    assert not isValid(dialog) or not dialog.isVisible()  # closed once written
    assert [tracker.open_table.item(r, 1).text()
            for r in range(tracker.open_table.rowCount())] == ["夜间施工噪音"]
    with ctx.db.reading() as session:
        item = session.execute(select(ActionItem)).scalar_one()
        assert (item.origin_meeting_id, item.due, item.source) == (None, None, "12345工单")


def test_a_meeting_without_a_title_is_refused_under_the_field(qtbot, ctx, runner, page):
    tab = page.meetings
    tab.new_meeting()
    tab.details.save_button.click()
    _settle(runner, qtbot)
    problem = tab.details.grid.problems["title"]
    assert problem.isVisibleTo(tab) and problem.text()
    assert _meetings(ctx.db) == []


def test_a_closed_item_is_reopened_with_a_reason_and_a_deleted_meeting_leaves_its_items(
        qtbot, ctx, runner, page):
    meeting_id = make_meeting(page, runner, qtbot)
    tab = page.meetings
    agenda = tab.agenda
    agenda.problem.setText("地下车库积水")
    agenda.due.setDate(dt.date(2026, 4, 1))
    agenda.add_action_button.click()
    _settle(runner, qtbot)
    carried = tab.carried
    carried.status.setCurrentIndex(carried.status.findData("closed"))
    carried.note.setText("已疏通")
    carried.record_button.click()
    _settle(runner, qtbot)
    assert carried.current().status == "closed"
    carried.reopen("复查仍积水")
    _settle(runner, qtbot)
    assert carried.current().status == "open" and carried.record_button.isEnabled()
    assert "复查仍积水" in carried.log.text()

    tab.delete(confirm=False)
    _settle(runner, qtbot)
    assert _meetings(ctx.db) == [] and tab.empty.isVisibleTo(tab)
    with ctx.db.reading() as session:
        [row] = action_rows(session, today=dt.date(2026, 3, 10))
    assert row.problem == "地下车库积水" and row.origin_deleted
    assert row.origin_meeting_id == meeting_id


def test_the_search_keeps_the_meetings_where_something_was_found(qtbot, ctx, runner, page):
    """Typing in the search box keeps the meetings whose title, discussion, decisions or
    items hold the words (繁 finds 简, pinyin finds Chinese); clearing it shows them all."""
    from tests.ui.meetings.meeting_data import make_office

    make_office(ctx.db)
    tab = page.meetings
    tab.load()
    every = tab.list.count()
    assert every > 1
    with ctx.db.reading() as session:
        from desktop.meetings.search import search_meetings

        wanted = {h.meeting_id for h in search_meetings(session, "电梯") if h.meeting_id}
    assert 0 < len(wanted) < every
    tab.search.setText("電梯")
    qtbot.waitUntil(lambda: tab.list.count() == len(wanted), timeout=3000)
    assert {tab.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(tab.list.count())} == wanted
    tab.search.setText("没有这样的会议")
    qtbot.waitUntil(lambda: tab.list.count() == 0 and tab.empty.isVisibleTo(tab), timeout=3000)
    tab.search.clear()
    qtbot.waitUntil(lambda: tab.list.count() == every, timeout=3000)


def test_an_agenda_item_is_linked_to_a_visiting_campaign_from_its_form(qtbot, ctx, runner,
                                                                       page):
    from desktop.core.tasks import TaskContext
    from desktop.setup.demo import fill_demo
    from desktop.visits.campaigns.reading import campaign_list

    fill_demo(ctx.db, 300, TaskContext(), meetings=False)
    with ctx.db.reading() as session:
        campaign_id, name = campaign_list(session)[0]
    meeting_id = make_meeting(page, runner, qtbot)
    page.meetings.editor.setCurrentIndex(2)
    agenda = page.meetings.agenda
    agenda.new_item()
    agenda.title.setText("外墙维修征询进展")
    agenda.campaign.setCurrentIndex(agenda.campaign.findText(name))
    agenda.save_item_button.click()
    _settle(runner, qtbot)
    item = next(a for a in _detail(ctx.db, meeting_id).agenda if a.title == "外墙维修征询进展")
    assert (item.campaign_id, item.campaign) == (campaign_id, name)
    assert agenda.current().id == item.id and agenda.campaign.currentData() == campaign_id


def test_an_item_is_corrected_in_the_dialog_and_a_refusal_keeps_the_dialog_open(
        qtbot, ctx, runner, page):
    """Edit… opens the item's fields filled in; saving corrects them (its status stays, that is
    progress); a due date before its meeting is refused in the dialog and nothing changes."""
    roster_only(ctx.db, 200)
    tab = page.meetings
    meeting_id = make_meeting(page, runner, qtbot)
    agenda = tab.agenda
    agenda.problem.setText("3号楼电梯停运")
    agenda.responsible.setCurrentIndex(agenda.responsible.findData("property_company"))
    agenda.remedy.setText("更换主板")
    agenda.due.setDate(dt.date(2026, 3, 31))
    agenda.add_action_button.click()
    _settle(runner, qtbot)
    carried = tab.carried
    carried.table.selectRow(0)
    dialog = carried.edit()
    assert dialog.problem.text() == "3号楼电梯停运" and dialog.remedy.text() == "更换主板"
    dialog.due.setDate(dt.date(2026, 1, 1))  # before the meeting it was raised in
    dialog.add_button.click()
    _settle(runner, qtbot)
    assert dialog.isVisible() and dialog.message.text()
    dialog.remedy.setText("更换主板并加装监控")
    dialog.due.setDate(dt.date(2026, 4, 15))
    dialog.add_button.click()
    _settle(runner, qtbot)
    assert not isValid(dialog) or not dialog.isVisible()  # closed (and let go)
    with ctx.db.reading() as session:
        rows = action_rows(session, today=dt.date(2026, 3, 10))
    assert [(r.remedy, r.due, r.status, r.origin_meeting_id) for r in rows] == [
        ("更换主板并加装监控", dt.date(2026, 4, 15), "open", meeting_id)]


def test_a_decision_is_corrected_and_another_removed_from_its_form(qtbot, ctx, runner, page):
    roster_only(ctx.db, 200)
    meeting_id = make_meeting(page, runner, qtbot)
    agenda = page.meetings.agenda
    agenda.new_item()
    agenda.title.setText("电梯维修")
    agenda.save_item_button.click()
    _settle(runner, qtbot)
    for text in ("更换3号楼电梯主板", "写错的决议"):
        agenda.decision.setText(text)
        agenda.add_decision_button.click()
        _settle(runner, qtbot)
    assert agenda.decision_choice.count() == 3  # a new one, and the two taken
    agenda.decision_choice.setCurrentIndex(1)
    assert agenda.decision.text() == "更换3号楼电梯主板"
    assert agenda.add_decision_button.text().replace("&", "") == "Save decision"
    agenda.rule.setCurrentIndex(agenda.rule.findData("majority_of_members"))
    agenda.votes["members"].setValue(9)
    agenda.votes["votes_for"].setValue(7)
    agenda.add_decision_button.click()
    _settle(runner, qtbot)
    agenda.decision_choice.setCurrentIndex(2)
    agenda.delete_decision_button.click()
    _settle(runner, qtbot)
    item = next(a for a in _detail(ctx.db, meeting_id).agenda if a.title == "电梯维修")
    assert [(d.text, d.votes_for, d.members, d.outcome.passed) for d in item.decisions] == [
        ("更换3号楼电梯主板", 7, 9, True)]
