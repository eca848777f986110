"""The Audit log tab on a real database: the entries newest first in words (local time,
operator, role, action, subject, details), the filters, and the line saying whether every
device's chain verifies — and that it says so when an entry was changed behind the app's back.
A volunteer is shown no log."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.core.access import Actor, Role
from desktop.security import audit
from desktop.security.audit import Action
from desktop.ui.security.audit_tab import AuditTab, local_time

OFFICE = Actor("王芳", Role.OFFICE, signed_in=True)
VOLUNTEER = Actor("小李", Role.VOLUNTEER, signed_in=True)


@pytest.fixture
def logged(ctx):
    db = ctx.db
    db.actor = OFFICE
    with db.unit_of_work("x") as uow:
        audit.append(uow, None, Action.SIGN_IN, at=dt.datetime(2026, 3, 1, 1, 0))
    audit.record(db, Action.EXPORT, "名单.xlsx", file="名单.xlsx", rows=300, masked=False)
    db.actor = VOLUNTEER
    audit.record(db, Action.PRINT, "walk.pdf", masked=True)
    db.actor = OFFICE
    return ctx


def _tab(qtbot, ctx, runner) -> AuditTab:
    tab = AuditTab(ctx, runner)
    qtbot.addWidget(tab)
    tab.resize(910, 512)
    tab.show()
    tab.load()
    assert runner.wait_idle(30)
    return tab


def test_entries_in_words_newest_first_and_the_chain_verifies(qtbot, logged, runner):
    tab = _tab(qtbot, logged, runner)
    assert tab.table.rowCount() == 3
    assert [tab.cell(r, 3) for r in range(3)] == [
        "Printed or saved a printout", "Exported a file", "Signed in"]
    assert [tab.cell(0, c) for c in (1, 2, 4, 5)] == ["小李", "Volunteer", "walk.pdf", "masked"]
    assert [tab.cell(1, c) for c in (1, 2, 4, 5)] == [
        "王芳", "Office staff", "名单.xlsx", "300 rows; names and numbers in full"]
    first = local_time(dt.datetime(2026, 3, 1, 1, 0))
    assert str(first.year) in tab.cell(2, 0)
    assert tab.status.text() == "Every device's chain of entries verifies (3 entries)."
    assert not tab.message.text()


def test_filters_by_operator_action_and_dates(qtbot, logged, runner):
    tab = _tab(qtbot, logged, runner)
    assert [tab.operator.itemText(i) for i in range(tab.operator.count())] == [
        "Every operator", "小李", "王芳"]
    tab.set_filters(operator="王芳")
    tab.load()
    assert runner.wait_idle(30)
    assert [tab.cell(r, 3) for r in range(tab.table.rowCount())] == [
        "Exported a file", "Signed in"]
    tab.set_filters(action="print")
    tab.load()
    assert runner.wait_idle(30)
    assert [tab.cell(r, 1) for r in range(tab.table.rowCount())] == ["小李"]
    day = local_time(dt.datetime(2026, 3, 1, 1, 0)).date()
    tab.set_filters(since=day, until=day)
    tab.load()
    assert runner.wait_idle(30)
    assert [tab.cell(r, 3) for r in range(tab.table.rowCount())] == ["Signed in"]
    tab.set_filters(until=day - dt.timedelta(days=1))
    tab.load()
    assert runner.wait_idle(30)
    assert tab.table.rowCount() == 0


def test_a_changed_entry_is_said_in_the_status_line(qtbot, logged, runner):
    with logged.db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE audit_entry SET detail = '{\"rows\":3}' WHERE seq = 2")
    tab = _tab(qtbot, logged, runner)
    assert tab.status.text().startswith("The audit log was tampered with (1 problem): ")
    assert "entry 2 was changed" in tab.status.text()


def test_a_volunteer_is_shown_no_log(qtbot, logged, runner):
    logged.db.actor = VOLUNTEER
    tab = _tab(qtbot, logged, runner)
    assert tab.only_office.isVisible() and not tab.table.isVisible()
    assert tab.table.rowCount() == 0
