"""The New campaign dialog (and Copy for next month, which opens it filled in): what the
campaign is, the places it covers (in the place tree, down to units), and who visits.

Three pages (Ctrl+Tab moves between them) so it fits a 910×512 window. Creating runs on the
database lane through the window's one write path with progress and Cancel (a campaign over a
whole sub-district writes 200,000 doors); a refusal is shown on the page of the field it
names, with the cursor there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.core.i18n import _, current_language
from desktop.ui.operations import Operations
from desktop.ui.tasks import TaskRunner
from desktop.ui.visits.campaigns import reads
from desktop.ui.visits.campaigns.place_picker import PlacePicker, scope_of
from desktop.ui.visits.campaigns.visitors_editor import PlaceOwners, VisitorsEditor
from desktop.ui.widgets.labels import message_label
from desktop.ui.widgets.period import day_of, period_fields, qdate
from desktop.ui.widgets.write_dialog import ok_cancel, show_refusal
from desktop.visits.campaigns.service import CampaignPlan

# The page each refused field is on.
FIELD_PAGES = {"name": 0, "form": 0, "ends_on": 0, "starts_on": 0, "target": 0, "scope": 1,
               "visitors": 2, "share": 2}


class NewCampaignDialog(QDialog):
    created = Signal(str)  # the new campaign's id

    def __init__(self, ctx: AppContext, runner: TaskRunner, plan: CampaignPlan | None = None,
                 copied_from_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._runner = ctx, runner
        self.copied_from_id = copied_from_id
        self.task = None
        self.setWindowTitle(_("Copy campaign for next month") if copied_from_id
                            else _("New campaign"))

        # -- the campaign ------------------------------------------------------------------
        self.name = QLineEdit()
        self.purpose = QLineEdit()
        self.purpose.setPlaceholderText(_("e.g. explain the facade repair, collect opinions"))
        self.form = QComboBox()
        language = current_language()
        for row in reads.current_forms(ctx.db):
            self.form.addItem(_("{title} (version {number})").format(
                title=row.title_in(language), number=row.number), row.version_id)
        today = dt.date.today()
        self.starts_on, self.ends_on, period = period_fields(today, today + dt.timedelta(days=30))
        self.target = QComboBox()
        self.target.addItem(_("Every household"), "households")
        self.target.addItem(_("Every dwelling, vacant ones too"), "dwellings")
        about = QWidget()
        form = QFormLayout(about)
        form.addRow(_("&Name"), self.name)
        form.addRow(_("&Purpose"), self.purpose)
        form.addRow(_("&Form"), self.form)
        form.addRow(_("Period"), period)
        form.addRow(_("&Who is visited"), self.target)

        # -- the places --------------------------------------------------------------------
        self.places = PlacePicker()
        self.places.setAccessibleName(_("Places to visit"))
        self.places.set_root(reads.places(ctx.db))
        place_page = QWidget()
        place_column = QVBoxLayout(place_page)
        hint = QLabel(_("Tick whole compounds, buildings, or single units (stairwells)."))
        hint.setObjectName("note")
        hint.setWordWrap(True)
        place_column.addWidget(hint)
        place_column.addWidget(self.places, 1)

        # -- the visitors ------------------------------------------------------------------
        self.visitors = VisitorsEditor()
        self.even = QRadioButton(_("Share the doors &evenly (walking order kept together)"))
        self.by_places = QRadioButton(_("Give each visitor &places"))
        self._share = QButtonGroup(self)
        self._share.addButton(self.even)
        self._share.addButton(self.by_places)
        self.even.setChecked(True)
        self.owners = PlaceOwners()
        visitor_page = QWidget()
        visitor_column = QVBoxLayout(visitor_page)
        visitor_column.addWidget(self.visitors, 2)
        visitor_column.addWidget(self.even)
        visitor_column.addWidget(self.by_places)
        visitor_column.addWidget(self.owners, 2)

        self.pages = QTabWidget()
        self.pages.addTab(about, _("Campaign"))
        self.pages.addTab(place_page, _("Places"))
        self.pages.addTab(visitor_page, _("Visitors"))
        self.message = message_label()
        self.buttons, self.create_button = ok_cancel(self, _("&Create campaign"), self.create)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.places.changed.connect(self._places_changed)
        self.visitors.changed.connect(self._places_changed)
        self.by_places.toggled.connect(self._share_toggled)
        self._share_toggled(False)
        if plan is not None:
            self.set_plan(plan)
        self.resize(720, 460)
        self.name.setFocus()  # typing starts with the name

    # -- filling in --------------------------------------------------------------------------

    def set_plan(self, plan: CampaignPlan) -> None:
        self.name.setText(plan.name)
        self.purpose.setText(plan.purpose)
        index = self.form.findData(plan.form_version_id)
        self.form.setCurrentIndex(max(0, index))
        if plan.starts_on:
            self.starts_on.setDate(qdate(plan.starts_on))
        if plan.ends_on:
            self.ends_on.setDate(qdate(plan.ends_on))
        self.target.setCurrentIndex(max(0, self.target.findData(plan.target)))
        self.places.set_scope(plan.scope)
        for visitor in plan.visitors:
            self.visitors.add(visitor.name, visitor.phone, visitor.role, edit=False)
        (self.by_places if plan.share == "places" else self.even).setChecked(True)
        owners = {}
        for row, visitor in enumerate(plan.visitors):
            scope = visitor.places or {}
            for key in ("compounds", "buildings"):
                owners.update({place_id: row for place_id in scope.get(key, ())})
            owners.update({f"{b}/{u}": row for b, u in scope.get("units", ())})
        self.owners.set_places(self.places.chosen(), self.visitors.names(), owners)

    def _places_changed(self) -> None:
        self.owners.set_places(self.places.chosen(), self.visitors.names())

    def _share_toggled(self, by_places: bool) -> None:
        self.owners.setEnabled(by_places)
        self.owners.setVisible(by_places)

    def plan(self) -> CampaignPlan:
        chosen = self.places.chosen()
        visitors = self.visitors.visitors()
        share = "places" if self.by_places.isChecked() else "even"
        if share == "places":
            owners = self.owners.owners()
            visitors = [replace(v, places=scope_of(
                [p for p in chosen if owners.get(p[1]) == row]))
                for row, v in enumerate(visitors)]
        return CampaignPlan(
            name=self.name.text(), form_version_id=self.form.currentData() or "",
            scope=scope_of(chosen), visitors=tuple(visitors), purpose=self.purpose.text(),
            starts_on=day_of(self.starts_on), ends_on=day_of(self.ends_on),
            target=self.target.currentData(), share=share)

    # -- creating ----------------------------------------------------------------------------

    def create(self):
        from desktop.visits.campaigns.service import create_campaign

        plan, copied = self.plan(), self.copied_from_id
        self.message.clear()
        self.create_button.setEnabled(False)

        def done(campaign_id, _changes) -> None:
            self.created.emit(campaign_id)
            self.accept()

        def refused(error) -> None:
            show_refusal(error, self.message, self.create_button, {
                "name": self.name, "form": self.form, "ends_on": self.ends_on,
                "scope": self.places, "visitors": self.visitors.table}, self.pages, FIELD_PAGES)

        self.task = Operations.of(self._runner).write(
            self._ctx, lambda uow, task_ctx: create_campaign(uow, plan, task_ctx, copied),
            label=_("New campaign {name}").format(name=plan.name.strip()), parent=self,
            title=_("Creating the campaign"), on_done=done, on_refused=refused, reports=True)
        self.task.on_cancelled = lambda: self.create_button.setEnabled(True)
        return self.task
