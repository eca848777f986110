"""The Home visits page (入户走访). Today it holds the survey forms: the list, the preview
as a volunteer will see it, and the builder; campaigns and visits come on top of them."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.context import AppContext
from desktop.core.i18n import _
from desktop.storage.changes import ChangeSet
from desktop.ui.tasks import TaskRunner
from desktop.ui.visits.forms_tab import FormsTab
from desktop.ui.widgets.page import Page

FORM_TABLES = frozenset({"form", "form_version"})


class VisitsPage(Page):
    key = "visits"

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(_("Home visits"), _(
            "The survey forms volunteers fill in at the door: build one, start from a "
            "template, or bring one in from XLSForm, and try it here as a volunteer will."),
            parent)
        self._ctx, self._runner = ctx, runner
        self.forms = FormsTab(ctx, runner, self)
        self.forms.edit_requested.connect(self.open_builder)
        self.body.addWidget(self.forms, 1)
        self.body.setContentsMargins(16, 12, 16, 12)
        self.builder = None
        self._loaded = False

    def activated(self) -> None:
        if not self._loaded:
            self._loaded = True
            self.forms.load()

    def refresh(self, changes: ChangeSet | None = None) -> None:
        if self._loaded and (changes is None or changes.tables & FORM_TABLES):
            self.forms.load()

    def open_builder(self, form_id: str | None = None, form=None):
        """The form builder over the page: a new form, or an edit of ``form``."""
        from desktop.ui.visits.builder import FormBuilder

        self.builder = FormBuilder(self._ctx, self._runner, form_id, form, parent=self)
        self.builder.saved.connect(self.forms.load)
        self.builder.open()
        return self.builder
