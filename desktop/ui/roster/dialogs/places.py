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

from desktop.context import AppContext
from desktop.core.errors import LinliError, ValidationError
from desktop.core.i18n import _, ngettext
from desktop.roster.codes import COMPOUND_KINDS
from desktop.roster.models import Building, Compound
from desktop.roster.places import (
    DEFAULT_ROOM_PATTERN,
    DwellingsCreated,
    PlannedDwelling,
    count_existing,
    create_dwellings,
    parse_area,
    parse_units,
    plan_dwellings,
    room_label,
    save_building,
    save_compound,
)
from desktop.sync.stamping import ChangeSet
from desktop.sync.undo import UndoEntry
from desktop.ui.errors import show_error
from desktop.ui.roster.dialogs.form import (
    FieldGrid,
    chain_tab_order,
    code_combo,
    save_cancel_buttons,
    set_combo_code,
)
from desktop.ui.tasks import Lane, TaskRunner


class _PlaceDialog(QDialog):
    """A form with Save/Cancel that writes in one unit of work and records it for undo."""

    changed = Signal(object)

    def __init__(self, ctx: AppContext, runner: TaskRunner, title: str,
                 parent: QWidget | None) -> None:
        super().__init__(parent)
        self._ctx, self._runner = ctx, runner
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.saved_id: str | None = None
        self.changes = ChangeSet()
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

    def write(self, label: str, work) -> bool:
        for name in self.form.fields:
            self.form.show_problem(name, "")
        try:
            with self._ctx.db.unit_of_work(self._ctx.operator) as uow:
                self.saved_id = work(uow)
        except ValidationError as exc:
            name = exc.field if exc.field in self.form.fields else next(iter(self.form.fields))
            self.form.show_problem(name, exc.message)
            self.form.fields[name].setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        except LinliError as exc:
            show_error(self, exc.message, exc.details)
            return False
        self._ctx.undo.push(UndoEntry.from_unit_of_work(label, uow))
        self.changes = uow.changes
        self.changed.emit(uow.changes)
        return True


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
            with ctx.db.reading() as session:
                row = session.get(Compound, compound_id)
                self.name.setText(row.name)
                set_combo_code(self.kind, row.kind)
                self.address.setText(row.address)
                self.property_company.setText(row.property_company)
        self.finish_layout()

    def accept(self) -> None:
        name = self.name.text().strip()
        if self.write(_("Save compound {name}").format(name=name), lambda uow: save_compound(
                uow, name, self.kind.currentData(), self.address.text(),
                self.property_company.text(), self.compound_id)):
            super().accept()


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
            with ctx.db.reading() as session:
                row = session.get(Building, building_id)
                self.name.setText(row.name)
                self.floors.setValue(row.floors or 1)
                self.units.setValue(row.units or 1)
                self.has_lift.setChecked(row.has_lift)
        self.finish_layout()
        QWidget.setTabOrder(self.units, self.has_lift)
        QWidget.setTabOrder(self.has_lift, self.save_button)

    def accept(self) -> None:
        name = self.name.text().strip()
        if self.write(_("Save building {name}").format(name=name), lambda uow: save_building(
                uow, self.compound_id, name, self.floors.value(), self.units.value(),
                self.has_lift.isChecked(), self.building_id)):
            super().accept()


class BulkDwellingsDialog(_PlaceDialog):
    """Create every flat of a building at once, with a live count of what will be made."""

    def __init__(self, ctx: AppContext, runner: TaskRunner, building_id: str,
                 parent: QWidget | None = None) -> None:
        with ctx.db.reading() as session:
            building = session.get(Building, building_id)
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
        with self._ctx.db.reading() as session:
            self.skipped = count_existing(session, self.building_id, self.plan)
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
        db, operator, plan = self._ctx.db, self._ctx.operator, list(self.plan)
        building_id, area = self.building_id, self.area.text()
        label = self.windowTitle()

        def work(_task_ctx):
            with db.unit_of_work(operator) as uow:
                created = create_dwellings(uow, building_id, plan, parse_area(area))
            return created, UndoEntry.from_unit_of_work(label, uow), uow.changes

        self.save_button.setEnabled(False)
        self._runner.run(work, title=label, lane=Lane.DATABASE, parent=self,
                         on_result=self._created, on_error=lambda _e: self.update_preview())

    def _created(self, outcome) -> None:
        self.result, entry, changes = outcome
        self._ctx.undo.push(entry)
        self.changes = changes
        self.changed.emit(changes)
        QDialog.accept(self)
