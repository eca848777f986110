"""Printing and exporting from the Campaigns tab: the menu offers a walk list per visitor,
the results report and the export; each is made off the UI thread and previewed or written
(PDFs read back with pdftotext)."""

from __future__ import annotations

import subprocess

import pytest

from desktop.ui.printing.pdf_dialog import PdfDialog
from desktop.ui.visits.campaigns import CampaignsTab, files
from tests.ui.visits.campaign_data import make_office


@pytest.fixture
def tab(qtbot, ctx, runner):
    make_office(ctx.db)
    widget = CampaignsTab(ctx, runner)
    qtbot.addWidget(widget)
    widget.resize(900, 560)
    widget.show()
    widget.load()
    return widget


def _text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def _saved(tab, runner, tmp_path, name: str) -> str:
    assert runner.wait_idle(60)
    dialog = tab.dialog
    assert isinstance(dialog, PdfDialog) and dialog.preview.page_count >= 1
    dialog.ask_pdf_path = lambda _parent, _suggested: tmp_path / name
    dialog.save()
    dialog.close()  # an open preview would keep the keyboard in later tests
    return _text(tmp_path / name)


def test_the_menu_offers_each_visitors_walk_list_the_report_and_the_export(tab):
    files.fill_menu(tab, tab.files_menu)
    texts = [a.text() for a in tab.files_menu.actions() if a.text()]
    assert texts[:3] == ["Walk list for 张志愿…", "Walk list for 李网格…",
                         "Walk lists for every visitor…"]
    assert "Results report…" in texts and "Export visits to a spreadsheet…" in texts


def test_a_visitors_walk_list_is_previewed_and_saved(tab, runner, tmp_path):
    visitor = tab.summary.visitors[0]
    files.print_walk_list(tab, visitor.id)
    text = _saved(tab, runner, tmp_path, "walk.pdf")
    assert visitor.name in text and tab.summary.visitors[1].name not in text


def test_the_results_report_is_previewed_and_saved(tab, runner, tmp_path):
    files.print_report(tab)
    text = _saved(tab, runner, tmp_path, "report.pdf")
    assert tab.summary.name in text
