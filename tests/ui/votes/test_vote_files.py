"""Printing, exporting and closing from the Owners' votes page: the ballots, collection sheets,
not-yet-voted list and statistics previewed and saved (read back with pdftotext), the result
as a workbook (openpyxl), the count closed (no more entry) and its result notice posted to
the notices archive, late ballots counted at the switch, the cost shared to the cent, and a
revisit campaign of the dwellings not yet voted."""

from __future__ import annotations

import datetime as dt
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from desktop.notices.models import Notice
from desktop.roster.models import Compound
from desktop.ui.operations import Operations
from desktop.ui.printing.pdf_dialog import PdfDialog
from desktop.ui.votes import files, sheet_import
from desktop.ui.votes.page import VotesPage
from desktop.visits.campaigns.reading import list_campaigns
from desktop.votes.ballots import record_ballot
from desktop.votes.reading import vote_detail, vote_tally
from desktop.votes.tables import Ballot
from tests.ui.votes.vote_data import TODAY, cast, make_vote, roster


@pytest.fixture
def page(qtbot, ctx, runner):
    roster(ctx.db)
    widget = VotesPage(ctx, runner)
    Operations.of(runner).changed.connect(widget.refresh)
    qtbot.addWidget(widget)
    widget.resize(910, 512)
    widget.show()
    widget.activated()
    return widget


@pytest.fixture
def tab(page, ctx):
    vote_id = make_vote(ctx.db)
    cast(ctx.db, vote_id, share=0.7)
    page.votes.load(vote_id)
    return page.votes


def _pdf_text(owner, runner, tmp_path, name: str) -> str:
    assert runner.wait_idle(60)
    dialog = owner.dialog
    assert isinstance(dialog, PdfDialog) and dialog.preview.page_count >= 1, owner.message.text()
    dialog.ask_pdf_path = lambda _parent, _suggested: tmp_path / name
    dialog.save()
    dialog.close()
    return subprocess.run(["pdftotext", "-layout", str(tmp_path / name), "-"],
                          capture_output=True, text=True, check=True).stdout


def test_the_menu_offers_every_printout_and_the_export(tab):
    files.fill_menu(tab, tab.files_menu)
    texts = [a.text() for a in tab.files_menu.actions() if a.text()]
    assert texts == ["Ballots…", "Collection sheets…", "Dwellings not yet voted…",
                     "Result notice…", "Post the result notice", "Statistics table (office)…",
                     "Statistics table (names masked, to post)…", "Export the result (.xlsx)…"]
    post = next(a for a in tab.files_menu.actions() if a.text() == "Post the result notice")
    assert not post.isEnabled()  # the count is still open


def test_ballots_sheets_and_lists_are_previewed_and_saved(tab, runner, tmp_path):
    electors = [r for r in tab.view.electors if not r.excluded]
    waiting = [r for r in electors if r.opinion is None]
    files.print_ballots(tab)
    text = _pdf_text(tab, runner, tmp_path, "ballots.pdf")
    assert electors[0].code in text and electors[-1].code in text
    files.print_sheets(tab)
    assert electors[0].address in _pdf_text(tab, runner, tmp_path, "sheets.pdf")
    files.print_outstanding(tab)
    text = _pdf_text(tab, runner, tmp_path, "waiting.pdf")
    assert waiting[0].code in text and electors[0].code not in text
    files.print_statistics(tab)
    assert electors[0].owners.split("、")[0] in _pdf_text(tab, runner, tmp_path, "stats.pdf")
    files.print_statistics(tab, posted=True)
    assert electors[0].owners.split("、")[0] not in _pdf_text(tab, runner, tmp_path,
                                                              "posted.pdf")


def test_the_result_is_exported_to_a_workbook(tab, runner, tmp_path):
    files.export_result(tab, tmp_path / "结果")
    assert runner.wait_idle(60)
    assert not tab.message.text()
    sheet = openpyxl.load_workbook(tmp_path / "结果.xlsx").worksheets[0]
    cells = {str(c) for row in sheet.iter_rows(values_only=True) for c in row if c}
    codes = {r.code for r in tab.view.electors}
    assert codes <= cells


def test_closing_the_count_stops_entry_and_its_notice_is_posted(qtbot, ctx, tab, runner,
                                                                 tmp_path):
    vote_id = tab.current_id()
    tab.close_count(confirm=False)
    assert runner.wait_idle(30)
    qtbot.wait(10)
    with ctx.db.reading() as session:
        assert vote_detail(session, vote_id).closed_on == TODAY
    assert not tab.view.entry.isVisibleTo(tab) and not tab.close_button.isEnabled()
    assert tab.view.tally_view.outcome.text().startswith("Result:")
    assert not tab.view.tally_view.margin.isVisibleTo(tab)  # no ballot can close a gap now
    files.print_notice(tab)
    text = _pdf_text(tab, runner, tmp_path, "notice.pdf")
    assert "1幢电梯更新" in text
    files.post_notice(tab)
    assert runner.wait_idle(30)
    assert not tab.message.text()
    with ctx.db.reading() as session:
        titles = session.scalars(select(Notice.title).where(Notice.deleted.is_(False))).all()
        assert vote_detail(session, vote_id).notice_id is not None
    assert any("1幢电梯更新" in title for title in titles)


def test_late_ballots_count_only_when_the_switch_is_on(qtbot, ctx, page, runner):
    vote_id = make_vote(ctx.db)
    with ctx.db.reading() as session:
        detail = vote_detail(session, vote_id)
    late_day = detail.closes_on + dt.timedelta(days=1)
    tab = page.votes
    tab.load(vote_id)
    row = tab.view.electors[0]
    with ctx.db.unit_of_work("测试") as uow:
        record_ballot(uow, vote_id, row.dwelling_id, "agree", late_day)
    tab.load(vote_id)
    shown = tab.view.tally_view
    assert "0 of" in shown.cells[1][1].text() and "is not counted" in shown.warnings.text()
    tab.view.views.setCurrentIndex(1)
    history = tab.view.history
    assert history.table.texts()[0][3] == "Late: not counted"
    history.include_late.setChecked(True)
    assert runner.wait_idle(30)
    qtbot.wait(10)
    with ctx.db.reading() as session:
        assert vote_tally(session, vote_id).tally.participating_heads == 1
    assert "1 of" in shown.cells[1][1].text()
    assert history.table.texts()[0][3] == "Late: counted"


def test_a_cost_is_shared_to_the_cent_shown_printed_and_exported(qtbot, tab, runner,
                                                                 tmp_path):
    dialog = tab.share_cost()
    dialog.amount.setText("abc")
    dialog.compute()
    assert dialog.message.text() and not dialog.export_button.isEnabled()
    dialog.amount.setText("700,000")
    dialog.compute()
    assert not dialog.message.text()
    table = dialog.table.texts()
    total = sum(Decimal(row[4].replace(",", "")) for row in table)
    assert total == Decimal("700000.00") and len(table) == len(dialog.share.rows)
    assert "700,000.00" in dialog.summary.text()
    dialog.print_table()
    text = _pdf_text(dialog, runner, tmp_path, "share.pdf")
    assert "700,000.00" in text
    dialog.export(tmp_path / "分摊")
    assert runner.wait_idle(30)
    sheet = openpyxl.load_workbook(tmp_path / "分摊.xlsx").worksheets[0]
    assert sheet.max_row >= len(table) + 1
    dialog.reject()


def test_a_revisit_campaign_is_made_of_the_dwellings_not_yet_voted(qtbot, ctx, tab, runner):
    tab.view.views.setCurrentIndex(2)
    waiting = len(tab.view.outstanding.rows)
    assert waiting and tab.view.outstanding.revisit_button.isEnabled()
    dialog = tab.revisit()
    dialog.visitors.setText("")
    dialog.create()
    assert runner.wait_idle(30)
    assert dialog.message.text() and dialog.isVisible()  # a visitor is needed
    dialog.visitors.setText("王小红，李建国")
    with qtbot.waitSignal(dialog.finished):
        dialog.create()
        assert runner.wait_idle(30)
    with ctx.db.reading() as session:
        campaigns = list_campaigns(session)
    made = [c for c in campaigns if "1幢电梯更新" in c.name]
    assert made and made[0].doors == waiting


def _sheet(path, rows) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["小区", "楼栋", "单元", "房号", "表决意见"])
    for row in rows:
        sheet.append(list(row))
    book.save(path)


def test_ballots_typed_into_a_sheet_are_entered_or_refused_by_row(qtbot, ctx, page, runner,
                                                                  tmp_path):
    vote_id = make_vote(ctx.db)
    tab = page.votes
    tab.load(vote_id)
    first, second = tab.view.electors[:2]
    with ctx.db.reading() as session:
        compound = session.scalar(select(Compound.name).where(
            Compound.id == tab.detail.compound_id))
    bad = tmp_path / "有错.xlsx"
    _sheet(bad, [(compound, first.building, first.unit, first.room, "同意"),
                 (compound, second.building, second.unit, "9999", "同意"),
                 (compound, second.building, second.unit, second.room, "也许")])
    sheet_import.import_sheet(tab, bad)
    assert runner.wait_idle(30)
    box = tab.dialog
    assert isinstance(box, QMessageBox)
    assert "Row 3" in box.text() and "Row 4" in box.text() and "no ballot" in box.text()
    box.close()
    with ctx.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Ballot)) == 0

    good = tmp_path / "表决票.xlsx"
    _sheet(good, [(compound, first.building, first.unit, first.room, "同意"),
                  (compound, second.building, second.unit, second.room, "反对")])
    sheet_import.import_sheet(tab, good)
    assert runner.wait_idle(30)
    qtbot.wait(10)
    assert tab.imported.written == 2 and not tab.imported.problems
    assert "2 of" in tab.view.tally_view.cells[1][1].text()
    assert "1 of 2" in tab.view.tally_view.cells[3][1].text()  # one of the two agrees
