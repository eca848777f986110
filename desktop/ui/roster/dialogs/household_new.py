"""A new household moving into a dwelling of the chosen building.

The flats are listed in walking order with whether someone already lives there, so the office
sees at a glance which are vacant. After saving, the household view opens to add its members.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.context import AppContext
from desktop.core.i18n import _
from desktop.roster.edit_reads import dwelling_choices
from desktop.roster.households import save_household
from desktop.roster.places import room_label
from desktop.ui.operations import Operations, in_fields
from desktop.ui.widgets.form import FieldGrid, save_cancel_buttons


class NewHouseholdDialog(QDialog):
    changed = Signal(object)

    def __init__(self, ctx: AppContext, runner, building_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newHouseholdDialog")
        self.setWindowTitle(_("New household"))
        self.setMinimumWidth(460)
        self._ctx, self._runner = ctx, runner
        self.saved_id: str | None = None
        self.changes = None
        self.writing = None  # the save on its way
        choices = dwelling_choices(ctx.db, building_id)
        self.form = FieldGrid()
        self.dwelling = self.form.add("dwelling", _("&Dwelling:"), QComboBox())
        for choice in choices:
            label = room_label(choice.unit, choice.room)
            if choice.households:
                label = _("{room} (occupied: {count})").format(
                    room=label, count=choice.households)
            else:
                label = _("{room} (vacant)").format(room=label)
            self.dwelling.addItem(label, choice.id)
        # Most new households move into an empty flat: offer the first vacant one.
        vacant = next((i for i, c in enumerate(choices) if not c.households), 0)
        self.dwelling.setCurrentIndex(vacant)
        self.number = self.form.add("number", _("Household &number:"), QLineEdit())
        self.number.setMaxLength(40)
        self.number.setPlaceholderText(_("optional, e.g. the number in the paper roster"))
        self.notes = self.form.add("notes", _("N&otes:"), QLineEdit())
        self.buttons, self.save_button, _cancel = save_cancel_buttons(self)
        if not choices:
            self.form.show_problem("dwelling", _(
                "This building has no dwellings yet: create them first (Add ▸ Create "
                "dwellings…)."))
            self.save_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        number, dwelling_id, notes = (self.number.text(), self.dwelling.currentData(),
                                      self.notes.text())
        if self.writing is not None:
            return  # the last Save is still on its way (Enter pressed twice)
        self.save_button.setEnabled(False)
        self.writing = task = Operations.of(self._runner).write(
            self._ctx, lambda uow: save_household(uow, number, dwelling_id, notes),
            label=_("New household in {room}").format(room=self.dwelling.currentText()),
            parent=self, on_done=self._saved,
            on_refused=in_fields(self._runner, self,
                                 {name: self.form for name in self.form.fields}, "number"))
        task.finished.connect(self._write_finished)

    def _saved(self, household_id: str, changes) -> None:
        self.saved_id, self.changes = household_id, changes
        self.changed.emit(changes)
        super().accept()

    def _write_finished(self) -> None:
        if isValid(self):
            self.writing = None
            if self.saved_id is None:  # refused or failed: the form stays open
                self.save_button.setEnabled(True)
