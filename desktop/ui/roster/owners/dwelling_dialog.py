"""A dwelling's "Owners and areas": floor and exclusive area, the developer's unsold or
undelivered mark, and the owners — residents found by a search, or outside persons — with their
shares. One Save writes it all through the window's one write path (one undo entry); a refusal
is shown under the field it names and nothing is written."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.core.errors import LinliError, ValidationError
from desktop.core.i18n import _
from desktop.roster.owners.areas import area_text
from desktop.roster.owners.service import AreasDraft, OwnerDraft, save_dwelling
from desktop.roster.screen_mask import ScreenMask
from desktop.ui.operations import Operations
from desktop.ui.roster.owners import reads
from desktop.ui.widgets.form import ERROR_STYLE, FieldGrid, save_cancel_buttons
from desktop.ui.widgets.screen import fit_dialog
from desktop.ui.widgets.timers import pause_timer

NAME, PHONE, ID_NUMBER, SHARE = range(4)
_AREA_FIELDS = ("floor_area", "exclusive_area")


def _share_text(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class SearchEdit(QLineEdit):
    """The resident search: Enter adds the first resident found, and is kept from the dialog
    (whose default button would otherwise save half-way through adding owners)."""

    entered = Signal()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.entered.emit()
            return
        super().keyPressEvent(event)


class OutsideOwnerDialog(QDialog):
    """An owner who is not on the roster: name, phone, ID number."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outsideOwnerDialog")
        self.setWindowTitle(_("Outside owner"))
        self.form = FieldGrid()
        self.name = self.form.add("name", _("&Name:"), QLineEdit())
        self.phone = self.form.add("phone", _("&Phone:"), QLineEdit())
        self.id_number = self.form.add("id_number", _("&ID number:"), QLineEdit())
        self.name.setMaxLength(50)
        buttons, self.ok_button, _cancel = save_cancel_buttons(self)
        self.ok_button.setText(_("&Add"))
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if not self.name.text().strip():
            self.form.show_problem("name", _("Enter the owner's name."))
            return
        super().accept()

    def draft(self) -> OwnerDraft:
        return OwnerDraft(name=self.name.text(), phone=self.phone.text(),
                          id_number=self.id_number.text())


class DwellingOwnersDialog(QDialog):
    changed = Signal(object)  # the ChangeSet of the save

    def __init__(self, ctx, runner, dwelling_id: str, parent: QWidget | None = None,
                 mask: ScreenMask | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dwellingOwnersDialog")
        self._ctx, self._runner = ctx, runner
        self.dwelling_id = dwelling_id
        self.mask = mask if mask is not None else ScreenMask.for_context(ctx)
        self.writing = None
        self.saved = False
        self.outside_dialog: OutsideOwnerDialog | None = None
        sheet = reads.dwelling(ctx.db, dwelling_id)
        title = _("Owners and areas: {address}").format(address=sheet.full_address)
        self.setWindowTitle(title)
        fit_dialog(self, 640, 460, 760, 560)

        heading = QLabel(title)
        heading.setObjectName("dialogTitle")
        heading.setWordWrap(True)
        self.form = FieldGrid()
        self.floor_area = self.form.add("floor_area", _("&Floor area (m²):"),
                                        QLineEdit(area_text(sheet.floor_area)))
        self.exclusive_area = self.form.add("exclusive_area", _("E&xclusive area (m²):"),
                                            QLineEdit(area_text(sheet.exclusive_area)))
        self.exclusive_area.setToolTip(_("专有部分面积, as on the property certificate: the "
                                         "area an owners' vote counts."))
        self.developer_held = QCheckBox(_("&Unsold or undelivered by the developer"))
        self.developer_held.setObjectName("developer_held")
        self.developer_held.setChecked(sheet.developer_held)
        self.form.add_widget(self.developer_held)

        self.owners = QTableWidget(0, 4)
        self.owners.setObjectName("owners")
        self.owners.setHorizontalHeaderLabels([_("Owner"), _("Phone"), _("ID number"),
                                               _("Share %")])
        self.owners.verticalHeader().setVisible(False)
        self.owners.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.owners.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        header = self.owners.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for owner in sheet.owners:
            self._add_row(OwnerDraft(resident_id=owner.resident_id, name=owner.name,
                                     phone=owner.phone, id_number=owner.id_number),
                          _share_text(owner.share_percent) if sheet.shares_given else "")
        self.search = SearchEdit()
        self.search.setObjectName("residentSearch")
        self.search.setPlaceholderText(_("Find a resident: name, phone or ID number"))
        self.search.setAccessibleName(_("Find a resident"))
        self.found = QListWidget()
        self.found.setObjectName("foundResidents")
        self.found.setMaximumHeight(90)
        self.found.setVisible(False)
        self.found.itemActivated.connect(self._add_found)
        self._search_timer = pause_timer(self, 250, self._run_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.entered.connect(self._add_first_found)
        self.outside_button = QPushButton(_("Add &outside person…"))
        self.remove_button = QPushButton(_("&Remove"))
        for button in (self.outside_button, self.remove_button):
            button.setAutoDefault(False)
        self.outside_button.clicked.connect(lambda: self.add_outside())
        self.remove_button.clicked.connect(lambda: self.remove_selected())
        self.owners_problem = QLabel()
        self.owners_problem.setObjectName("ownersProblem")
        self.owners_problem.setWordWrap(True)
        self.owners_problem.setStyleSheet(ERROR_STYLE)
        self.owners_problem.setVisible(False)
        note = QLabel(_("Shares: give every owner a share adding up to 100, or leave them all "
                        "empty for joint owners."))
        note.setWordWrap(True)
        note.setObjectName("sharesNote")

        owners_box = QGroupBox(_("Owners"))
        column = QVBoxLayout(owners_box)
        column.addWidget(self.owners, 1)
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(self.outside_button)
        row.addWidget(self.remove_button)
        column.addLayout(row)
        column.addWidget(self.found)
        column.addWidget(note)
        column.addWidget(self.owners_problem)

        self.buttons, self.save_button, _cancel = save_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 12)
        layout.addWidget(heading)
        layout.addLayout(self.form)
        layout.addWidget(owners_box, 1)
        layout.addWidget(self.buttons)

    # -- the owners table ------------------------------------------------------------------

    def _add_row(self, draft: OwnerDraft, share: str = "") -> None:
        table = self.owners
        row = table.rowCount()
        table.insertRow(row)
        resident = draft.resident_id
        label = _("{name} (resident)").format(name=draft.name) if resident else draft.name
        values = [label, self.mask.text(resident, "phone", draft.phone),
                  self.mask.text(resident, "id_number", draft.id_number)]
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
            table.setItem(row, column, item)
        table.item(row, NAME).setData(Qt.ItemDataRole.UserRole, draft)
        table.setItem(row, SHARE, QTableWidgetItem(share))
        table.resizeColumnToContents(PHONE)
        table.resizeColumnToContents(ID_NUMBER)

    def drafts(self) -> list[OwnerDraft]:
        out = []
        for row in range(self.owners.rowCount()):
            draft: OwnerDraft = self.owners.item(row, NAME).data(Qt.ItemDataRole.UserRole)
            share = self.owners.item(row, SHARE)
            text = share.text().strip() if share is not None else ""
            out.append(OwnerDraft(draft.resident_id, "" if draft.resident_id else draft.name,
                                  "" if draft.resident_id else draft.phone,
                                  "" if draft.resident_id else draft.id_number,
                                  text or None))
        return out

    def owner_names(self) -> list[str]:
        return [self.owners.item(r, NAME).data(Qt.ItemDataRole.UserRole).name
                for r in range(self.owners.rowCount())]

    def _run_search(self) -> None:
        text = self.search.text().strip()
        self.found.clear()
        if not text:
            self.found.setVisible(False)
            return
        people = reads.residents(self._ctx.db, text)
        for person in people:
            line = " ".join(p for p in (person.name, person.address, self.mask.text(
                person.resident_id, "phone", person.phone)) if p)
            item = QListWidgetItem(line)
            item.setData(Qt.ItemDataRole.UserRole, person)
            self.found.addItem(item)
        if not people:
            self.found.addItem(QListWidgetItem(_("No resident found.")))
        self.found.setVisible(True)
        self.found.setCurrentRow(0)

    def _add_first_found(self) -> None:
        self._search_timer.stop()
        self._run_search()
        item = self.found.item(0)
        if item is not None:
            self._add_found(item)

    def _add_found(self, item: QListWidgetItem) -> None:
        person = item.data(Qt.ItemDataRole.UserRole)
        if person is None:
            return
        if person.resident_id not in {d.resident_id for d in self.drafts()}:
            self._add_row(OwnerDraft(resident_id=person.resident_id, name=person.name,
                                     phone=person.phone, id_number=person.id_number))
        self.search.clear()
        self.found.setVisible(False)

    def add_outside(self) -> OutsideOwnerDialog:
        dialog = OutsideOwnerDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._add_row(dialog.draft()))
        self.outside_dialog = dialog
        dialog.open()
        return dialog

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.owners.selectedIndexes()}, reverse=True)
        for row in rows:
            self.owners.removeRow(row)

    # -- saving ----------------------------------------------------------------------------

    def accept(self) -> None:
        if self.writing is not None:
            return
        for name in _AREA_FIELDS:
            self.form.show_problem(name, "")
        self.owners_problem.setVisible(False)
        areas = AreasDraft(self.floor_area.text(), self.exclusive_area.text(),
                           self.developer_held.isChecked())
        owners = self.drafts()
        dwelling_id = self.dwelling_id
        self.save_button.setEnabled(False)
        self.writing = task = Operations.of(self._runner).write(
            self._ctx, lambda uow: save_dwelling(uow, dwelling_id, areas, owners),
            label=self.windowTitle(), parent=self, on_done=self._saved,
            on_refused=self._refused)
        task.finished.connect(self._write_finished)

    def _refused(self, error: LinliError) -> None:
        field = getattr(error, "field", "")
        if isinstance(error, ValidationError) and field in _AREA_FIELDS:
            self.form.show_problem(field, error.message)
            self.form.fields[field].setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.owners_problem.setText(error.message)
        self.owners_problem.setVisible(True)

    def _saved(self, _result, changes) -> None:
        self.saved = True
        self.changed.emit(changes)
        super().accept()

    def _write_finished(self) -> None:
        if isValid(self):
            self.writing = None
            if not self.saved:
                self.save_button.setEnabled(True)
