"""Printing and exporting a campaign from the Campaigns tab: a visitor's walk list, the
results report for the joint meeting, and the visits as a spreadsheet (masked unless the
office asks for full data). Each runs on the files lane, with progress and Cancel, in its own
read session; what it made is previewed (a PDF) or named in the status bar (a file)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMenu

from desktop.core.i18n import _
from desktop.ui.printing.export_file import workbook_target, write_file
from desktop.ui.printing.pdf_dialog import make_pdf


def fill_menu(tab, menu: QMenu) -> None:
    menu.clear()
    summary = tab.summary
    if summary is None:
        return
    for visitor in summary.visitors:
        action = menu.addAction(_("Walk list for {name}…").format(name=visitor.name))
        action.triggered.connect(lambda _c=False, v=visitor.id: print_walk_list(tab, v))
    menu.addAction(_("Walk lists for every visitor…")).triggered.connect(
        lambda: print_walk_list(tab, None))
    menu.addSeparator()
    menu.addAction(_("Results report…")).triggered.connect(lambda: print_report(tab))
    menu.addSeparator()
    menu.addAction(_("Export visits to a spreadsheet…")).triggered.connect(
        lambda: export_visits(tab))
    menu.addAction(_("Export visits, full data (staff only)…")).triggered.connect(
        lambda: export_visits(tab, masked=False))


def print_walk_list(tab, visitor_id: str | None):
    """One visitor's walk list (None: every visitor's, each starting a page)."""
    from desktop.visits.results.walk import render_campaign_walk_list

    campaign_id = tab.summary.id
    name = next((v.name for v in tab.summary.visitors if v.id == visitor_id), "") \
        if visitor_id else _("every visitor")
    title = _("Walk list {campaign} {name}").format(campaign=tab.summary.name, name=name)
    return make_pdf(tab, lambda session, task_ctx: render_campaign_walk_list(
        session, campaign_id, visitor_id, ctx=task_ctx), title, _("Preparing the walk list"))


def print_report(tab):
    from desktop.visits.results.report import render_results_report

    campaign_id = tab.summary.id
    title = _("Results {campaign}").format(campaign=tab.summary.name)
    return make_pdf(tab, lambda session, task_ctx: render_results_report(
        session, campaign_id, ctx=task_ctx), title, _("Preparing the results report"))


def export_visits(tab, path: str | Path | None = None, masked: bool = True):
    from desktop.visits.results.export import export_visits as export

    if tab.summary is None:
        return None
    target = workbook_target(tab, path, _("Export visits"), f"{tab.summary.name}.xlsx")
    if target is None:
        return None
    campaign_id = tab.summary.id
    return write_file(tab, lambda session, out, task_ctx: export(
        session, campaign_id, out, masked=masked, ctx=task_ctx), target, _("Exporting visits"),
        masked=masked)
