"""The Meetings page (会议纪要): the meetings (list, editor, printing) and the three lists
(问题·责任·整改: open, overdue, closed this month, the resolution rate).

Each tab is a widget with ``load()`` (the first time it is shown) and ``refresh(changes)``
(after any write: it reloads only when a table it shows changed)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.context import AppContext
from desktop.core.i18n import _
from desktop.ui.meetings.meetings_tab import MeetingsTab
from desktop.ui.meetings.tracker import TrackerTab
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.page import TabbedPage


class MeetingsPage(TabbedPage):
    key = "meetings"

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(_("Meeting minutes"), _(
            "Joint meetings and consultation meetings: attendance, decisions and votes, and "
            "every problem followed from meeting to meeting until it is closed."), parent)
        self.meetings = MeetingsTab(ctx, runner, self)
        self.tracker = TrackerTab(ctx, runner, self)
        self.tabs.addTab(self.meetings, _("&Meetings"))
        self.tabs.addTab(self.tracker, _("&Three lists"))
