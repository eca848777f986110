"""The Home visits page (入户走访): tabs for the office's campaigns (coverage, results,
follow-ups, roster proposals), the visitor's screen at the door, and the survey forms.

Each tab is a widget with ``load()`` (the first time it is shown) and ``refresh(changes)``
(after any write: it reloads only when a table it shows changed)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.context import AppContext
from desktop.core.i18n import _
from desktop.ui.tasks import TaskRunner
from desktop.ui.visits.campaigns import CampaignsTab
from desktop.ui.visits.door import DoorTab
from desktop.ui.visits.forms_tab import FormsTab
from desktop.ui.widgets.page import TabbedPage


class VisitsPage(TabbedPage):
    key = "visits"

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(_("Home visits"), _(
            "Door-to-door campaigns: share the doors among visitors, record each visit at the "
            "door, and see which doors are done and what people said."), parent)
        self._ctx, self._runner = ctx, runner
        self.forms = FormsTab(ctx, runner, self)
        self.forms.edit_requested.connect(self.open_builder)
        self.tabs.addTab(self.forms, _("Survey forms"))
        self.tabs.setCurrentIndex(self.tabs.insertTab(0, CampaignsTab(ctx, runner, self), _("Campaigns")))
        self.tabs.insertTab(min(1, self.tabs.count()), DoorTab(ctx, runner, self), _("At the door"))
        self.builder = None

    def before_lock(self) -> None:
        """Called by the idle lock before it locks (desktop.ui.security.idle): the visit
        being answered at a door is saved as its draft first."""
        for index in range(self.tabs.count()):
            tab = self.tabs.widget(index)
            if isinstance(tab, DoorTab):
                tab.before_lock()

    def open_builder(self, form_id: str | None = None, form=None):
        """The form builder over the page: a new form, or an edit of ``form``."""
        from desktop.ui.visits.builder import FormBuilder

        self.builder = FormBuilder(self._ctx, self._runner, form_id, form, parent=self)
        self.builder.saved.connect(self.forms.load)
        self.builder.open()
        return self.builder
