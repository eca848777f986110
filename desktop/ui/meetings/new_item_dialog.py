"""An item of the three lists added between meetings (a resident's complaint, a 12345 work
order): the problem, who is responsible, the remedy, by when, its compound and its source.
It is taken up by the next meeting of the series like any open item. The same dialog corrects
an item already on the lists (``item``): its fields, not its status (that is progress)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _
from desktop.ui.meetings import names
from desktop.ui.operations import Operations
from desktop.ui.widgets.form import FieldGrid
from desktop.ui.widgets.labels import message_label


class NewItemDialog(QDialog):
    created = Signal(str)

    def __init__(self, ctx, runner, compounds: list[tuple[str, str]], today: dt.date,
                 parent: QWidget | None = None, item=None):
        super().__init__(parent)
        self._ctx, self._runner, self.today = ctx, runner, today
        self.item = item  # an ActionRow to correct, or None for a new item
        self.setWindowTitle(_("New item of the three lists") if item is None
                            else _("Edit item of the three lists"))
        grid = self.grid = FieldGrid()
        self.problem = grid.add("problem", _("&Problem:"), QLineEdit())
        self.responsible = grid.add("responsible", _("Responsib&le:"), QComboBox())
        names.fill_combo(self.responsible, names.PARTIES,
                         ("community", "owners_committee", "property_company", "other"))
        self.unit = grid.add("responsible_unit", _("&Unit:"), QLineEdit())
        self.unit.setPlaceholderText(_("e.g. 绿城物业"))
        self.person = grid.add("responsible_person", _("Pe&rson:"), QLineEdit())
        self.remedy = grid.add("remedy", _("Re&medy:"), QLineEdit())
        self.due = grid.add("due", _("D&ue:"), QDateEdit(QDate(today + dt.timedelta(days=30))))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.no_due = QCheckBox(_("&No due date yet"))
        self.no_due.toggled.connect(lambda on: self.due.setEnabled(not on))
        grid.add_widget(self.no_due)
        self.compound = grid.add("compound_id", _("C&ompound:"), QComboBox())
        self.compound.addItem(_("No compound"), None)
        for compound_id, name in compounds:
            self.compound.addItem(name, compound_id)
        self.source = grid.add("source", _("&Source:"), QLineEdit())
        self.source.setPlaceholderText(_("e.g. 12345工单, a resident's complaint"))
        self.message = message_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = buttons.addButton(_("&Add item") if item is None else _("&Save item"),
                                            QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setDefault(True)
        buttons.accepted.connect(lambda: self.add())
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)  # a problem is a sentence: room to read it as it is typed
        if item is not None:
            self._show(item)

    def _show(self, item) -> None:
        self.problem.setText(item.problem)
        names.choose(self.responsible, item.responsible)
        self.unit.setText(item.responsible_unit)
        self.person.setText(item.responsible_person)
        self.remedy.setText(item.remedy)
        self.no_due.setChecked(item.due is None)
        if item.due is not None:
            self.due.setDate(QDate(item.due))
        self.compound.setCurrentIndex(max(0, self.compound.findData(item.compound_id)))
        self.source.setText(item.source)

    def draft(self):
        from desktop.meetings.actions import ActionDraft

        return ActionDraft(
            problem=self.problem.text().strip(), responsible=self.responsible.currentData(),
            remedy=self.remedy.text().strip(),
            due=None if self.no_due.isChecked() else self.due.date().toPython(),
            responsible_unit=self.unit.text().strip(),
            responsible_person=self.person.text().strip(),
            compound_id=self.compound.currentData(), source=self.source.text().strip())

    def add(self):
        from desktop.meetings.actions import add_action, edit_action

        draft, today, item = self.draft(), self.today, self.item
        if item is not None:
            work = lambda uow: edit_action(uow, item.id, draft) or item.id  # noqa: E731
            label = _("Edit item {problem}").format(problem=draft.problem)
        else:
            work = lambda uow: add_action(uow, draft, opened_on=today)  # noqa: E731
            label = _("Add item {problem}").format(problem=draft.problem)

        def done(item_id, _changes) -> None:
            self.created.emit(item_id)
            self.accept()

        self.message.clear()
        return Operations.of(self._runner).write(
            self._ctx, work, label=label, parent=self,
            progress=False, on_done=done,
            on_refused=lambda error: self.message.setText(error.message))
