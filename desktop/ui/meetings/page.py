"""The Meetings page (会议纪要): the meetings (list, editor, printing) and the three lists
(问题·责任·整改: open, overdue, closed this month, the resolution rate).

Each tab is a widget with ``load()`` (the first time it is shown) and ``refresh(changes)``
(after any write: it reloads only when a table it shows changed)."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from desktop.context import AppContext
from desktop.core.i18n import _
from desktop.storage.changes import ChangeSet
from desktop.ui.meetings.meetings_tab import MeetingsTab
from desktop.ui.meetings.tracker import TrackerTab
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.page import Page


class MeetingsPage(Page):
    key = "meetings"

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(_("Meeting minutes"), _(
            "Joint meetings and consultation meetings: attendance, decisions and votes, and "
            "every problem followed from meeting to meeting until it is closed."), parent)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.meetings = MeetingsTab(ctx, runner, self)
        self.tracker = TrackerTab(ctx, runner, self)
        self.tabs.addTab(self.meetings, _("&Meetings"))
        self.tabs.addTab(self.tracker, _("&Three lists"))
        self.tabs.currentChanged.connect(self._load_current)
        self.body.addWidget(self.tabs, 1)
        self.body.setContentsMargins(16, 12, 16, 12)
        self._active = False
        self._loaded: set[int] = set()

    def _load_current(self, *_args) -> None:
        tab = self.tabs.currentWidget()
        if self._active and tab is not None and id(tab) not in self._loaded:
            self._loaded.add(id(tab))
            tab.load()

    def activated(self) -> None:
        self._active = True
        self._load_current()

    def refresh(self, changes: ChangeSet | None = None) -> None:
        for index in range(self.tabs.count()):
            tab = self.tabs.widget(index)
            if id(tab) in self._loaded:
                tab.refresh(changes)
