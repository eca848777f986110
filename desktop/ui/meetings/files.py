"""Printing and exporting from the Meetings page: the minutes (the full ones for the file, the
posted ones for the notice board), the meeting's sign-in sheet, posting the minutes to the
notices archive, and the three lists as the street office's spreadsheet. Each PDF and file is
made on the files lane, with progress and Cancel, in its own read session."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QMenu

from desktop.core.i18n import _
from desktop.ui.printing.export_file import workbook_target, write_file
from desktop.ui.printing.pdf_dialog import make_pdf


def fill_menu(tab, menu: QMenu) -> None:
    menu.clear()
    if tab.detail is None:
        return
    menu.addAction(_("Minutes…")).triggered.connect(lambda: print_minutes(tab))
    menu.addAction(_("Minutes for the notice board…")).triggered.connect(
        lambda: print_minutes(tab, posted=True))
    menu.addAction(_("Sign-in sheet…")).triggered.connect(lambda: print_sign_in(tab))
    menu.addSeparator()
    menu.addAction(_("Post the minutes to the notices")).triggered.connect(
        lambda: post_minutes(tab))
    menu.addSeparator()
    menu.addAction(_("Export the three lists…")).triggered.connect(lambda: export_actions(tab))
    menu.addAction(_("Export the open items…")).triggered.connect(
        lambda: export_actions(tab, open_only=True))


def print_minutes(tab, posted: bool = False):
    from desktop.meetings.minutes import render_minutes

    meeting_id = tab.detail.id
    title = (_("Posted minutes {title}") if posted else _("Minutes {title}")).format(
        title=tab.detail.title)
    return make_pdf(tab, lambda session, task_ctx: render_minutes(
        session, meeting_id, posted=posted, ctx=task_ctx), title, _("Preparing the minutes"),
        masked=posted)


def print_sign_in(tab):
    from desktop.meetings.minutes import render_meeting_sign_in

    meeting_id = tab.detail.id
    title = _("Sign-in sheet {title}").format(title=tab.detail.title)
    return make_pdf(tab, lambda session, _task_ctx: render_meeting_sign_in(
        session, meeting_id), title, _("Preparing the sign-in sheet"))


def post_minutes(tab):
    """The posted minutes into the notices archive as a 公告 (五议两公开)."""
    from desktop.meetings.minutes import post_minutes as post

    meeting_id = tab.detail.id
    return tab._write(lambda uow: post(uow, meeting_id), _("Post minutes"),
                      _("The minutes were posted; they are in the notices archive."))


def export_actions(tab, path: str | Path | None = None, open_only: bool = False,
                   party: str | None = None):
    from desktop.meetings.export import export_actions as export

    target = workbook_target(tab, path, _("Export the three lists"), _("three lists.xlsx"))
    if target is None:
        return None
    today = dt.date.today()
    return write_file(tab, lambda session, out, _task_ctx: export(
        session, out, today=today, open_only=open_only, party=party), target,
        _("Exporting the three lists"))
