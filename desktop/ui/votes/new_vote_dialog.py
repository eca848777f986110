"""The New vote dialog: what is decided (title, proposal, the matter's item of 民法典第278条
with the bar it needs), who votes (a compound, one building or one unit), when (the
collection period); and, before the vote is made, the dwellings of that scope the register
cannot count yet (no exclusive area, no owner), each to be fixed in the owner register or
left out with a reason.

Two pages (Ctrl+Tab moves between them) so it fits a 910×512 window. Creating runs through
the window's one write path; the service's refusal is shown in the dialog, on the page of
the field it names, and nothing is written."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import LinliError
from desktop.core.i18n import _, ngettext
from desktop.ui.operations import Operations
from desktop.ui.votes import reads
from desktop.ui.votes.names import bar_text, item_text
from desktop.ui.widgets.labels import message_label
from desktop.ui.widgets.period import day_of, period_fields, qdate
from desktop.ui.widgets.write_dialog import ok_cancel, show_refusal

ABOUT, SCOPE = range(2)
FIELD_PAGES = {"title": ABOUT, "proposal": ABOUT, "item": ABOUT, "opens_on": ABOUT,
               "closes_on": ABOUT, "compound": SCOPE, "building": SCOPE, "unit": SCOPE,
               "scope": SCOPE, "exclude": SCOPE}


def problem_text(problem: str) -> str:
    return {"no_area": _("no exclusive area"), "no_owner": _("no owner")}.get(problem, problem)


class GapTable(QTableWidget):
    """One row per dwelling the register cannot count: its address, what is missing, and
    whether to leave it out (with the reason, which the vote keeps)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setHorizontalHeaderLabels([_("Address"), _("Missing"), _("Leave out"),
                                        _("Reason")])
        self.setAccessibleName(_("Dwellings the register cannot count yet"))
        self.verticalHeader().hide()
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.dwellings: list[str] = []
        self.boxes: list[QCheckBox] = []
        self.reasons: list[QLineEdit] = []

    def set_gaps(self, gaps) -> None:
        kept = self.excluded()
        by_dwelling: dict[str, list] = {}
        for gap in gaps:
            by_dwelling.setdefault(gap.dwelling_id, []).append(gap)
        self.setRowCount(len(by_dwelling))
        self.dwellings, self.boxes, self.reasons = [], [], []
        for row, (dwelling_id, found) in enumerate(by_dwelling.items()):
            self.dwellings.append(dwelling_id)
            self.setItem(row, 0, QTableWidgetItem(found[0].address))
            self.setItem(row, 1, QTableWidgetItem(_("; ").join(
                problem_text(g.problem) for g in found)))
            box = QCheckBox()
            box.setAccessibleName(_("Leave {address} out").format(address=found[0].address))
            reason = QLineEdit()
            reason.setPlaceholderText(_("Why it is left out"))
            reason.setAccessibleName(_("Reason for leaving {address} out").format(
                address=found[0].address))
            if dwelling_id in kept:
                box.setChecked(True)
                reason.setText(kept[dwelling_id])
            reason.textEdited.connect(lambda text, b=box: b.setChecked(bool(text.strip())
                                                                       or b.isChecked()))
            self.setCellWidget(row, 2, box)
            self.setCellWidget(row, 3, reason)
            self.boxes.append(box)
            self.reasons.append(reason)
        self.resizeRowsToContents()

    def excluded(self) -> dict[str, str]:
        """dwelling id → reason, for the rows ticked (the reason may be blank: the service
        says so)."""
        return {d: r.text() for d, b, r in zip(self.dwellings, self.boxes, self.reasons)
                if b.isChecked()}

    def leave_all_out(self, reason: str) -> None:
        for box, field in zip(self.boxes, self.reasons):
            box.setChecked(True)
            if not field.text().strip():
                field.setText(reason)


class NewVoteDialog(QDialog):
    created = Signal(str)  # the new vote's id
    register_wanted = Signal(object)  # the VoteDraft so far: the register is fixed first

    def __init__(self, ctx, runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._runner = ctx, runner
        self.task = None
        self.gaps = []
        self.setWindowTitle(_("New vote"))

        # -- what is decided -----------------------------------------------------------------
        self.title = QLineEdit()
        self.title.setPlaceholderText(_("e.g. 3幢电梯更新"))
        self.proposal = QPlainTextEdit()
        self.proposal.setTabChangesFocus(True)
        self.proposal.setPlaceholderText(_("The proposal as printed on the ballot: what is "
                                           "done, what it costs, how it is paid."))
        self.item = QComboBox()
        for item in range(1, 10):
            self.item.addItem(item_text(item), item)
            self.item.setItemData(item - 1, bar_text(item), Qt.ItemDataRole.ToolTipRole)
        self.item.setCurrentIndex(4)  # (五) using maintenance funds: the commonest matter
        self.bar = QLabel()
        self.bar.setObjectName("note")
        self.bar.setWordWrap(True)
        self.item.currentIndexChanged.connect(lambda _i: self._item_changed())
        today = dt.date.today()
        self.opens_on, self.closes_on, period = period_fields(today, today + dt.timedelta(days=14))
        about = QWidget()
        form = QFormLayout(about)
        form.addRow(_("&Title"), self.title)
        form.addRow(_("&Proposal"), self.proposal)
        form.addRow(_("&Matter"), self.item)
        form.addRow("", self.bar)
        form.addRow(_("Collection period"), period)

        # -- who votes -------------------------------------------------------------------------
        self.compound = QComboBox()
        for compound_id, name in reads.compounds(ctx.db):
            self.compound.addItem(name, compound_id)
        self.building = QComboBox()
        self.unit = QComboBox()
        self.compound.currentIndexChanged.connect(lambda _i: self._compound_changed())
        self.building.currentIndexChanged.connect(lambda _i: self._building_changed())
        self.unit.currentIndexChanged.connect(lambda _i: self.check_register())
        places = QFormLayout()
        places.addRow(_("&Compound"), self.compound)
        places.addRow(_("&Building"), self.building)
        places.addRow(_("&Unit"), self.unit)
        self.gap_note = QLabel()
        self.gap_note.setWordWrap(True)
        self.gap_table = GapTable()
        self.all_reason = QLineEdit()
        self.all_reason.setPlaceholderText(_("A reason for all of them"))
        self.all_button = QPushButton(_("Leave &all out"))
        self.all_button.clicked.connect(
            lambda: self.gap_table.leave_all_out(self.all_reason.text().strip()))
        self.register_button = QPushButton(_("Fix in the owner &register"))
        self.register_button.setToolTip(_("Close this dialog and open the owner register; "
                                          "start the vote again once the gaps are fixed."))
        self.register_button.clicked.connect(self._to_register)
        gap_buttons = QHBoxLayout()
        gap_buttons.addWidget(self.all_reason, 1)
        gap_buttons.addWidget(self.all_button)
        gap_buttons.addWidget(self.register_button)
        self.gap_box = QWidget()
        gap_column = QVBoxLayout(self.gap_box)
        gap_column.setContentsMargins(0, 0, 0, 0)
        gap_column.addWidget(self.gap_table, 1)
        gap_column.addLayout(gap_buttons)
        scope_page = QWidget()
        scope_column = QVBoxLayout(scope_page)
        scope_column.addLayout(places)
        scope_column.addWidget(self.gap_note)
        scope_column.addWidget(self.gap_box, 1)

        self.pages = QTabWidget()
        self.pages.addTab(about, _("Matter"))
        self.pages.addTab(scope_page, _("Who votes"))
        self.message = message_label()
        self.buttons, self.create_button = ok_cancel(self, _("&Create vote"), self.create)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self._item_changed()
        self._compound_changed()
        self.resize(720, 460)
        self.title.setFocus()

    # -- the scope -------------------------------------------------------------------------

    def _item_changed(self) -> None:
        self.bar.setText(bar_text(self.item.currentData()))

    def _compound_changed(self) -> None:
        self.building.blockSignals(True)
        self.building.clear()
        self.building.addItem(_("The whole compound"), None)
        compound_id = self.compound.currentData()
        if compound_id:
            for building_id, name in reads.buildings(self._ctx.db, compound_id):
                self.building.addItem(name, building_id)
        self.building.blockSignals(False)
        self._building_changed()

    def _building_changed(self) -> None:
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem(_("The whole building"), "")
        building_id = self.building.currentData()
        if building_id:
            for unit in reads.units(self._ctx.db, building_id):
                self.unit.addItem(_("Unit {unit}").format(unit=unit) if unit.isdigit()
                                  else unit, unit)
        self.unit.setEnabled(building_id is not None)
        self.unit.blockSignals(False)
        self.check_register()

    def scope(self) -> tuple[str | None, str | None, str]:
        return (self.compound.currentData(), self.building.currentData(),
                self.unit.currentData() or "")

    def check_register(self) -> None:
        """The scope's register gaps, listed to be fixed or left out."""
        compound_id, building_id, unit = self.scope()
        self.gaps = []
        if compound_id:
            try:
                self.gaps = reads.gaps(self._ctx.db, compound_id, building_id, unit)
            except LinliError as exc:
                self.message.setText(exc.message)
        self.gap_table.set_gaps(self.gaps)
        dwellings = len({g.dwelling_id for g in self.gaps})
        if dwellings:
            self.gap_note.setText(ngettext(
                "{count} dwelling here cannot be counted yet. Fix it in the owner register, "
                "or leave it out of the vote with a reason.",
                "{count} dwellings here cannot be counted yet. Fix them in the owner "
                "register, or leave them out of the vote with a reason.",
                dwellings).format(count=dwellings))
        elif compound_id:
            self.gap_note.setText(_("Every dwelling here has its exclusive area and an "
                                    "owner in the register."))
        else:  # no compound on the roster yet: creating says what is missing
            self.gap_note.clear()
        self.gap_note.setObjectName("" if not dwellings else "fieldProblem")
        self.gap_note.style().unpolish(self.gap_note)
        self.gap_note.style().polish(self.gap_note)
        self.gap_box.setVisible(bool(dwellings))

    def _to_register(self) -> None:
        self.register_wanted.emit(self.draft())
        self.reject()

    def set_draft(self, draft) -> None:
        """Fill the dialog in again (a vote started before the register was fixed)."""
        self.title.setText(draft.title)
        self.proposal.setPlainText(draft.proposal)
        self.item.setCurrentIndex(max(0, self.item.findData(draft.item)))
        self.opens_on.setDate(qdate(draft.opens_on))
        self.closes_on.setDate(qdate(draft.closes_on))
        for combo, value in ((self.compound, draft.compound_id),
                             (self.building, draft.building_id), (self.unit, draft.unit)):
            index = combo.findData(value)
            if index >= 0:
                combo.setCurrentIndex(index)  # its change fills the next combo in

    # -- creating ----------------------------------------------------------------------------

    def draft(self):
        from desktop.votes.service import VoteDraft

        compound_id, building_id, unit = self.scope()
        return VoteDraft(title=self.title.text(), item=self.item.currentData(),
                         compound_id=compound_id or "", opens_on=day_of(self.opens_on),
                         closes_on=day_of(self.closes_on),
                         proposal=self.proposal.toPlainText(), building_id=building_id,
                         unit=unit)

    def create(self):
        from desktop.votes.service import create_vote

        draft, exclude = self.draft(), self.gap_table.excluded()
        self.message.clear()
        self.create_button.setEnabled(False)

        def done(vote_id, _changes) -> None:
            self.created.emit(vote_id)
            self.accept()

        def refused(error) -> None:
            if getattr(error, "field", "") == "exclude":
                self.check_register()  # the register may have changed meanwhile
            show_refusal(error, self.message, self.create_button, {
                "title": self.title, "proposal": self.proposal, "item": self.item,
                "opens_on": self.opens_on, "closes_on": self.closes_on,
                "compound": self.compound, "building": self.building, "unit": self.unit,
                "exclude": self.gap_table}, self.pages, FIELD_PAGES)

        self.task = Operations.of(self._runner).write(
            self._ctx, lambda uow: create_vote(uow, draft, exclude),
            label=_("New vote {title}").format(title=draft.title.strip()), parent=self,
            title=_("Creating the vote"), on_done=done, on_refused=refused)
        self.task.on_cancelled = lambda: self.create_button.setEnabled(True)
        return self.task
