"""The Owners' votes page (业主表决): the votes (list, live tally, ballot entry, the dwellings
not yet voted, printing) and the owner register the count rests on.

Each tab is a widget with ``load()`` (the first time it is shown) and ``refresh(changes)``
(after any write: it reloads only when a table it shows changed)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from desktop.context import AppContext
from desktop.core.i18n import _
from desktop.storage.changes import ChangeSet
from desktop.ui.roster.owners.register_tab import OwnerRegisterTab
from desktop.ui.tasks import TaskRunner
from desktop.ui.votes.votes_tab import VotesTab
from desktop.ui.widgets.page import TabbedPage


class _Holder(QScrollArea):
    """A tab in a scroll area of its own: the height it would like (its lists at full length)
    must not make the whole page scroll on a small window, where the Votes tab needs none."""

    def __init__(self, tab: QWidget) -> None:
        super().__init__()
        self.tab = tab
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidget(tab)

    def load(self) -> None:
        self.tab.load()

    def refresh(self, changes: ChangeSet | None = None) -> None:
        self.tab.refresh(changes)


class VotesPage(TabbedPage):
    key = "votes"

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(_("Owners' votes"), _(
            "Owners' votes counted by exclusive area and by owner as the Civil Code says: "
            "ballots entered as they come in, how far the vote is from passing, the result "
            "posted."), parent)
        self.votes = VotesTab(ctx, runner, self)
        self.tabs.addTab(self.votes, _("&Votes"))
        # The register the count rests on (the roster's owner register), where the gaps a
        # new vote lists are fixed.
        self.register = OwnerRegisterTab(ctx, runner)
        self.register_holder = _Holder(self.register)
        self.tabs.addTab(self.register_holder, _("Owner &register"))

    def activated(self) -> None:
        super().activated()
        if self.tabs.currentWidget() is self.votes:
            self.focus_search()  # the office comes here to type ballots

    def focus_search(self) -> None:
        """Edit ▸ Find (Ctrl+F) here finds a ballot: the cursor to the code field."""
        self.tabs.setCurrentWidget(self.votes)
        entry = self.votes.view.entry
        if entry.isVisibleTo(self.votes):
            entry.code.selectAll()
            entry.code.setFocus()

    def show_register(self) -> None:
        self.tabs.setCurrentWidget(self.register_holder)
