"""Printing and exporting a campaign from the Campaigns tab: a visitor's walk list, the
results report for the joint meeting, and the visits as a spreadsheet (masked unless the
office asks for full data). Each runs on the files lane, with progress and Cancel, in its own
read session; what it made is previewed (a PDF) or named in the status bar (a file)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMenu

from desktop.core.files import with_suffix_added
from desktop.core.i18n import _
from desktop.ui.printing.pdf_dialog import make_pdf
from desktop.ui.tasks import Failed, Lane, inline
from desktop.ui.widgets.status import tell


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
    if path is None:
        chosen, _filter = QFileDialog.getSaveFileName(
            tab, _("Export visits"), f"{tab.summary.name}.xlsx", _("Excel workbook (*.xlsx)"))
        if not chosen:
            return None
        path = chosen
    target = with_suffix_added(path, ".xlsx")
    db, campaign_id = tab._ctx.db, tab.summary.id

    def work(task_ctx):
        try:
            with db.reading() as session:
                return export(session, campaign_id, target, masked=masked, ctx=task_ctx)
        except OSError as exc:
            return Failed(_("Cannot write {path}: {reason}").format(
                path=target, reason=exc.strerror or exc))

    def done(result) -> None:
        tab.exported = result
        if isinstance(result, Failed):
            tab.message.setText(result.message)
            return
        tab.message.clear()
        tell(tab, _("Wrote {path}.").format(path=target))

    return tab._runner.run(inline(work), title=_("Exporting visits"), lane=Lane.FILES,
                           parent=tab, on_result=done)
