"""Printing and exporting from the Owners' votes page: the ballots (表决票, one per dwelling),
the collection sheets (one per building), the list of dwellings not yet voted, the result
notice (表决结果公告, posted to the notices archive), the statistics table (the office's, and
the posted one with names masked), and the per-dwelling result as a spreadsheet. Each PDF or
file is made on the files lane, with progress and Cancel, in its own read session."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMenu

from desktop.core.i18n import _
from desktop.ui.printing.export_file import workbook_target, write_file
from desktop.ui.printing.pdf_dialog import make_pdf


def fill_menu(tab, menu: QMenu) -> None:
    menu.clear()
    if tab.detail is None:
        return
    menu.addAction(_("Ballots…")).triggered.connect(lambda: print_ballots(tab))
    menu.addAction(_("Collection sheets…")).triggered.connect(lambda: print_sheets(tab))
    menu.addAction(_("Dwellings not yet voted…")).triggered.connect(
        lambda: print_outstanding(tab))
    menu.addSeparator()
    menu.addAction(_("Result notice…")).triggered.connect(lambda: print_notice(tab))
    post = menu.addAction(_("Post the result notice"))
    post.setEnabled(tab.detail.closed_on is not None)
    post.setToolTip(_("Close the count first: only a closed count has a result to post."))
    post.triggered.connect(lambda: post_notice(tab))
    menu.addAction(_("Statistics table (office)…")).triggered.connect(
        lambda: print_statistics(tab))
    menu.addAction(_("Statistics table (names masked, to post)…")).triggered.connect(
        lambda: print_statistics(tab, posted=True))
    menu.addSeparator()
    menu.addAction(_("Export the result (.xlsx)…")).triggered.connect(
        lambda: export_result(tab))


def print_ballots(tab):
    from desktop.votes.printing.ballots import render_ballots

    vote_id = tab.detail.id
    return make_pdf(tab, lambda session, task_ctx: render_ballots(session, vote_id, task_ctx),
                    _("Ballots {title}").format(title=tab.detail.title),
                    _("Preparing the ballots"))


def print_sheets(tab):
    from desktop.votes.printing.sheets import render_collection_sheets

    vote_id = tab.detail.id
    return make_pdf(tab, lambda session, task_ctx: render_collection_sheets(
        session, vote_id, task_ctx), _("Collection sheets {title}").format(
        title=tab.detail.title), _("Preparing the collection sheets"))


def print_outstanding(tab):
    from desktop.votes.printing.sheets import render_outstanding

    vote_id, today = tab.detail.id, tab.clock()
    return make_pdf(tab, lambda session, task_ctx: render_outstanding(
        session, vote_id, today, task_ctx), _("Not yet voted {title}").format(
        title=tab.detail.title), _("Preparing the list"))


def print_statistics(tab, posted: bool = False):
    from desktop.votes.printing.sheets import render_statistics

    vote_id = tab.detail.id
    title = (_("Posted statistics {title}") if posted else _("Statistics {title}")).format(
        title=tab.detail.title)
    return make_pdf(tab, lambda session, task_ctx: render_statistics(
        session, vote_id, posted=posted, ctx=task_ctx), title,
        _("Preparing the statistics table"))


def print_notice(tab):
    """The result notice (表决结果公告) to read or print; a preview until the count closes."""
    from desktop.votes.printing.result import render_result_notice

    vote_id = tab.detail.id
    return make_pdf(tab, lambda session, task_ctx: render_result_notice(
        session, vote_id, ctx=task_ctx), _("Result notice {title}").format(
        title=tab.detail.title), _("Preparing the result notice"))


def post_notice(tab):
    """The closed count's result notice into the notices archive, posted (公告)."""
    from desktop.votes.printing.result import post_result_notice

    vote_id = tab.detail.id
    return tab._write(lambda uow: post_result_notice(uow, vote_id),
                      _("Post the result of {title}").format(title=tab.detail.title),
                      _("The result notice was posted; it is in the notices archive."))


def export_result(tab, path: str | Path | None = None):
    from desktop.votes.export import export_results

    target = workbook_target(tab, path, _("Export the result"),
                             _("{title} result.xlsx").format(title=tab.detail.title))
    if target is None:
        return None
    vote_id = tab.detail.id
    return write_file(tab, lambda session, out, _task_ctx: export_results(session, vote_id, out),
                      target, _("Exporting the result"))
