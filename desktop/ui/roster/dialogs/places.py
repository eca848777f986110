"""Places: add or edit a compound or a building, and create a building's dwellings in bulk."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.context import AppContext
from desktop.core.errors import ValidationError
from desktop.core.i18n import _, ngettext
from desktop.roster import edit_reads
from desktop.roster.codes import COMPOUND_KINDS
from desktop.roster.places import (
    DEFAULT_ROOM_PATTERN,
    DwellingsCreated,
    PlannedDwelling,
    create_dwellings,
    parse_area,
    parse_units,
    plan_dwellings,
    room_label,
    save_building,
    save_compound,
)
from desktop.storage.changes import ChangeSet
from desktop.ui.operations import Operations, in_fields
from desktop.ui.tasks import Task, TaskRunner
from desktop.ui.widgets.form import (
    FieldGrid,
    chain_tab_order,
    code_combo,
    save_cancel_buttons,
    set_combo_code,
)


class _PlaceDialog(QDialog):
    """A form with Save/Cancel that writes through the window's one write path (one unit of
    work on the database lane, recorded for undo); it closes once the write went through."""

    changed = Signal(object)

    def __init__(self, ctx: AppContext, runner: TaskRunner, title: str,
                 parent: QWidget | None) -> None:
        super().__init__(parent)
        self._ctx, self._runner = ctx, runner
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.saved_id: str | None = None
        self.changes: ChangeSet | None = None  # what the write changed, once it went through
        self.writing: Task | None = None
        self.form = FieldGrid()
        self.buttons, self.save_button, self.cancel_button = save_cancel_buttons(self)
        heading = QLabel(title)
        heading.setObjectName("dialogTitle")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(24, 18, 24, 14)
        self.layout_.setSpacing(10)
        self.layout_.addWidget(heading)
        self.layout_.addLayout(self.form)

    def finish_layout(self) -> None:
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.buttons)
        chain_tab_order(list(self.form.fields.values()) + [self.save_button, self.cancel_button])
        next(iter(self.form.fields.values())).setFocus(Qt.FocusReason.OtherFocusReason)

    def write(self, label: str, work, reports: bool = False) -> Task | None:
        """Run ``work(uow)``; a refusal shows under its field and the form stays open."""
        if self.writing is not None:
            return None  # the last Save is still on its way (Enter pressed twice)
        for name in self.form.fields:
            self.form.show_problem(name, "")
        self.save_button.setEnabled(False)  # one save at a time
        grids = {name: self.form for name in self.form.fields}
        task = Operations.of(self._runner).write(
            self._ctx, work, label=label, parent=self, on_done=self._written, reports=reports,
            on_refused=in_fields(self._runner, self, grids, next(iter(self.form.fields))))
        task.finished.connect(self._write_finished)
        self.writing = task
        return task

    def _written(self, saved_id, changes: ChangeSet) -> None:
        self.saved_id = saved_id
        self.changes = changes
        self.changed.emit(changes)
        QDialog.accept(self)

    def _write_finished(self) -> None:
        if not isValid(self):
            return
        self.writing = None
        if self.changes is None:
            self.after_refusal()  # refused or failed: the form stays open

    def after_refusal(self) -> None:
        self.save_button.setEnabled(True)


class CompoundDialog(_PlaceDialog):
    def __init__(self, ctx: AppContext, runner: TaskRunner, compound_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, _("Edit compound") if compound_id else _("Add compound"),
                         parent)
        self.setObjectName("compoundDialog")
        self.compound_id = compound_id
        self.name = self.form.add("name", _("&Name:"), QLineEdit())
        self.kind = self.form.add("kind", _("&Kind:"), code_combo(COMPOUND_KINDS))
        self.address = self.form.add("address", _("&Address:"), QLineEdit())
        self.property_company = self.form.add("property_company", _("&Property company:"),
                                              QLineEdit())
        self.name.setPlaceholderText(_("e.g. 翠苑一区"))
        self.address.setPlaceholderText(_("e.g. 文一西路100号"))
        if compound_id:
            row = edit_reads.compound_fields(ctx.db, compound_id)
            self.name.setText(row.name)
            set_combo_code(self.kind, row.kind)
            self.address.setText(row.address)
            self.property_company.setText(row.property_company)
        self.finish_layout()

    def accept(self) -> None:
        name, kind = self.name.text().strip(), self.kind.currentData()
        address, company = self.address.text(), self.property_company.text()
        compound_id = self.compound_id  # the work runs on the lane: no widget there
        self.write(_("Save compound {name}").format(name=name), lambda uow: save_compound(
            uow, name, kind, address, company, compound_id))


class BuildingDialog(_PlaceDialog):
    def __init__(self, ctx: AppContext, runner: TaskRunner, compound_id: str,
                 building_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, _("Edit building") if building_id else _("Add building"),
                         parent)
        self.setObjectName("buildingDialog")
        self.compound_id, self.building_id = compound_id, building_id
        self.name = self.form.add("name", _("&Name:"), QLineEdit())
        self.floors = self.form.add("floors", _("&Floors:"), QSpinBox())
        self.units = self.form.add("units", _("&Units:"), QSpinBox())
        self.has_lift = QCheckBox(_("Has a &lift"))
        self.form.add_widget(self.has_lift)
        self.name.setPlaceholderText(_("e.g. 3幢"))
        self.floors.setRange(1, 200)
        self.floors.setValue(6)
        self.units.setRange(1, 50)
        self.units.setValue(2)
        if building_id:
            row = edit_reads.building_fields(ctx.db, building_id)
            self.name.setText(row.name)
            self.floors.setValue(row.floors or 1)
            self.units.setValue(row.units or 1)
            self.has_lift.setChecked(row.has_lift)
        self.finish_layout()
        QWidget.setTabOrder(self.units, self.has_lift)
        QWidget.setTabOrder(self.has_lift, self.save_button)

    def accept(self) -> None:
        name, floors, units = self.name.text().strip(), self.floors.value(), self.units.value()
        lift, compound_id, building_id = (self.has_lift.isChecked(), self.compound_id,
                                          self.building_id)
        self.write(_("Save building {name}").format(name=name), lambda uow: save_building(
            uow, compound_id, name, floors, units, lift, building_id))


class BulkDwellingsDialog(_PlaceDialog):
    """Create every flat of a building at once, with a live count of what will be made."""

    def __init__(self, ctx: AppContext, runner: TaskRunner, building_id: str,
                 parent: QWidget | None = None) -> None:
        building = edit_reads.building_fields(ctx.db, building_id)
        name, floors, units = building.name, building.floors or 6, building.units or 1
        super().__init__(ctx, runner, _("Create dwellings in {building}").format(
            building=name), parent)
        self.setObjectName("bulkDwellingsDialog")
        self.setMinimumWidth(560)
        self.building_id = building_id
        self.plan: list[PlannedDwelling] = []
        self.skipped = 0
        self.result: DwellingsCreated | None = None
        self.units = self.form.add("units", _("&Units:"), QLineEdit("1" if units == 1
                                                                    else f"1-{units}"))
        self.first_floor = self.form.add("first_floor", _("F&irst floor:"), QSpinBox())
        self.last_floor = self.form.add("floors", _("&Last floor:"), QSpinBox())
        self.rooms = self.form.add("rooms", _("&Rooms per floor:"), QSpinBox())
        self.pattern = self.form.add("pattern", _("Room &numbers:"),
                                     QLineEdit(DEFAULT_ROOM_PATTERN))
        self.area = self.form.add("floor_area", _("Floor &area (m²):"), QLineEdit())
        self.units.setPlaceholderText(_("e.g. 1-3, or 1,2,5"))
        self.pattern.setToolTip(_("{floor} is the floor, {room} the flat's number on the "
                                  "floor; {room:02d} writes 1 as 01, so floor 26 flat 4 is "
                                  "2604."))
        self.area.setPlaceholderText(_("optional, e.g. 89.5 — the same for every flat"))
        self.first_floor.setRange(-5, 200)
        self.first_floor.setValue(1)
        self.last_floor.setRange(-5, 200)
        self.last_floor.setValue(floors)
        self.rooms.setRange(1, 40)
        self.rooms.setValue(2)
        self.preview = QLabel()
        self.preview.setObjectName("preview")
        self.preview.setWordWrap(True)
        self.layout_.addWidget(self.preview)
        self.save_button.setText(_("&Create"))
        self.finish_layout()
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.update_preview)
        for widget in (self.units, self.pattern, self.area):
            widget.textChanged.connect(lambda *_a: self._timer.start())
        for widget in (self.first_floor, self.last_floor, self.rooms):
            widget.valueChanged.connect(lambda *_a: self._timer.start())
        self.update_preview()

    def update_preview(self) -> None:
        self._timer.stop()
        for name in self.form.fields:
            self.form.show_problem(name, "")
        self.plan = []
        try:
            parse_area(self.area.text())
            self.plan = plan_dwellings(parse_units(self.units.text()),
                                       (self.first_floor.value(), self.last_floor.value()),
                                       self.rooms.value(), self.pattern.text())
        except ValidationError as exc:
            self.form.show_problem(exc.field if exc.field in self.form.fields else "units",
                                   exc.message)
            self.preview.setText("")
            self.save_button.setEnabled(False)
            return
        self.skipped = edit_reads.existing_dwellings(self._ctx.db, self.building_id, self.plan)
        count = len(self.plan) - self.skipped
        if not self.plan:
            text = _("Nothing to create: give the units, floors and rooms per floor.")
        else:
            first, last = self.plan[0], self.plan[-1]
            text = ngettext(
                "{count} dwelling will be created: {first} … {last}; {skipped} already exist "
                "and are skipped.",
                "{count} dwellings will be created: {first} … {last}; {skipped} already exist "
                "and are skipped.", count).format(
                count=count, first=room_label(first.unit, first.room),
                last=room_label(last.unit, last.room), skipped=self.skipped)
        self.preview.setText(text)
        self.save_button.setEnabled(count > 0)

    def accept(self) -> None:
        self.update_preview()
        if not self.save_button.isEnabled():
            return
        plan, building_id, area = list(self.plan), self.building_id, self.area.text()

        def work(uow, task_ctx):
            return create_dwellings(uow, building_id, plan, parse_area(area), task_ctx)

        self.write(self.windowTitle(), work, reports=True)

    def after_refusal(self) -> None:
        self.save_button.setEnabled(len(self.plan) > self.skipped)

    def _written(self, result: DwellingsCreated, changes: ChangeSet) -> None:
        self.result = result
        super()._written(None, changes)
