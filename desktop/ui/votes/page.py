"""The Owners' votes page (业主表决): the votes (list, live tally, ballot entry, the dwellings
not yet voted, printing) and the owner register the count rests on.

Each tab is a widget with ``load()`` (the first time it is shown) and ``refresh(changes)``
(after any write: it reloads only when a table it shows changed)."""

from __future__ import annotations

import importlib

from PySide6.QtWidgets import QTabWidget, QWidget

from desktop.context import AppContext
from desktop.core.i18n import _
from desktop.storage.changes import ChangeSet
from desktop.ui.tasks import TaskRunner
from desktop.ui.votes.votes_tab import VotesTab
from desktop.ui.widgets.page import Page


def register_tab_class():
    """The owner register's tab (``desktop.ui.roster.owners``), or None while it is not there."""
    try:
        module = importlib.import_module("desktop.ui.roster.owners")
    except ImportError:
        return None
    return getattr(module, "OwnerRegisterTab", None)


class VotesPage(Page):
    key = "votes"

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(_("Owners' votes"), _(
            "Owners' votes counted by exclusive area and by owner as the Civil Code says: "
            "ballots entered as they come in, how far the vote is from passing, the result "
            "posted."), parent)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.votes = VotesTab(ctx, runner, self)
        self.tabs.addTab(self.votes, _("&Votes"))
        self.register = None
        register = register_tab_class()
        if register is not None:
            self.register = register(ctx, runner, self)
            self.tabs.addTab(self.register, _("Owner &register"))
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
