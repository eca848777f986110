"""Printing and exporting from the Meetings page: the minutes (full and posted), the sign-in
sheet, posting the minutes to the notices, and the three lists to .xlsx; each made off the UI
thread and previewed or written (PDFs read back with pdftotext, the workbook with openpyxl)."""

from __future__ import annotations

import datetime as dt
import subprocess

import openpyxl
import pytest
from sqlalchemy import select

from desktop.meetings.reading import action_rows
from desktop.notices.models import Notice
from desktop.ui.meetings import files
from desktop.ui.meetings.meetings_tab import MeetingsTab
from desktop.ui.printing.pdf_dialog import PdfDialog
from tests.ui.meetings.meeting_data import make_office


@pytest.fixture
def tab(qtbot, ctx, runner):
    make_office(ctx.db)
    widget = MeetingsTab(ctx, runner)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    widget.load()  # the newest meeting chosen: the one in progress
    return widget


def _saved(tab, runner, tmp_path, name: str) -> str:
    assert runner.wait_idle(60)
    dialog = tab.dialog
    assert isinstance(dialog, PdfDialog) and dialog.preview.page_count >= 1
    dialog.ask_pdf_path = lambda _parent, _suggested: tmp_path / name
    dialog.save()
    dialog.close()
    return subprocess.run(["pdftotext", "-layout", str(tmp_path / name), "-"],
                          capture_output=True, text=True, check=True).stdout


def test_the_menu_offers_minutes_sign_in_posting_and_export(tab):
    files.fill_menu(tab, tab.files_menu)
    texts = [a.text() for a in tab.files_menu.actions() if a.text()]
    assert texts == ["Minutes…", "Minutes for the notice board…", "Sign-in sheet…",
                     "Post the minutes to the notices", "Export the three lists…",
                     "Export the open items…"]


def test_the_minutes_and_the_sign_in_sheet_are_previewed_and_saved(tab, runner, tmp_path):
    files.print_minutes(tab)
    text = _saved(tab, runner, tmp_path, "minutes.pdf")
    assert "同意动用维修基金更换3幢电梯主板" in text and "郑队长" in text
    files.print_sign_in(tab)
    text = _saved(tab, runner, tmp_path, "sign_in.pdf")
    assert "翠苑一区三方联席会议" in text and "消防大队" in text


def test_posting_the_minutes_puts_them_in_the_notices(qtbot, ctx, tab, runner):
    files.post_minutes(tab)
    assert runner.wait_idle(60)
    qtbot.wait(10)
    assert not tab.message.text()
    with ctx.db.reading() as session:
        titles = session.scalars(select(Notice.title).where(Notice.deleted.is_(False))).all()
    assert any("翠苑一区三方联席会议" in title for title in titles)


def test_the_open_items_are_exported_to_a_workbook(ctx, tab, runner, tmp_path):
    files.export_actions(tab, tmp_path / "三张清单", open_only=True)
    assert runner.wait_idle(60)
    assert not tab.message.text()
    sheet = openpyxl.load_workbook(tmp_path / "三张清单.xlsx").worksheets[0]
    cells = {str(c) for row in sheet.iter_rows(values_only=True) for c in row if c}
    with ctx.db.reading() as session:
        rows = action_rows(session, today=dt.date.today())
    still_open = {r.problem for r in rows if r.status != "closed"}
    assert still_open and still_open <= cells
    assert not {r.problem for r in rows if r.status == "closed"} & cells
