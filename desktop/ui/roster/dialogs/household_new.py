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

from desktop.context import AppContext
from desktop.core.errors import LinliError, ValidationError
from desktop.core.i18n import _
from desktop.roster.households import building_dwellings, save_household
from desktop.roster.places import room_label
from desktop.sync.undo import UndoEntry
from desktop.ui.errors import show_error
from desktop.ui.roster.dialogs.form import FieldGrid, save_cancel_buttons


class NewHouseholdDialog(QDialog):
    changed = Signal(object)

    def __init__(self, ctx: AppContext, runner, building_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newHouseholdDialog")
        self.setWindowTitle(_("New household"))
        self.setMinimumWidth(460)
        self._ctx = ctx
        self.saved_id: str | None = None
        self.changes = None
        with ctx.db.reading() as session:
            choices = building_dwellings(session, building_id)
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
        try:
            with self._ctx.db.unit_of_work(self._ctx.operator) as uow:
                self.saved_id = save_household(uow, self.number.text(),
                                               self.dwelling.currentData(), self.notes.text())
        except ValidationError as exc:
            field = exc.field if exc.field in self.form.fields else "number"
            self.form.show_problem(field, exc.message)
            return
        except LinliError as exc:
            show_error(self, exc.message, exc.details)
            return
        self.changes = uow.changes
        self._ctx.undo.push(UndoEntry.from_unit_of_work(
            _("New household in {room}").format(room=self.dwelling.currentText()), uow))
        self.changed.emit(uow.changes)
        super().accept()
