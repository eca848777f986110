"""The household view: members and their relationships, the dwelling (areas, owners), and
the history of changes — who, when, what — read from the change stamps."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.context import AppContext
from desktop.core.i18n import _, format_datetime
from desktop.roster import codes, edit_reads
from desktop.roster.history import HistoryEntry
from desktop.roster.households import HouseholdDetail, save_household
from desktop.roster.screen_mask import ScreenMask
from desktop.storage.changes import ChangeSet
from desktop.ui.operations import Operations, in_fields
from desktop.ui.roster.dialogs.duplicates import merge_changes
from desktop.ui.roster.dialogs.resident import ResidentDialog
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.form import (
    FieldGrid,
    chain_tab_order,
    save_cancel_buttons,
)
from desktop.ui.widgets.screen import fit_dialog


def _percent(value) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _item(text: str, data: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # Tab leaves the table: keyboard users move on
    table.setWordWrap(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class HouseholdDialog(QDialog):
    changed = Signal(object)  # ChangeSet of each write made from here (or a member dialog)

    def __init__(self, ctx: AppContext, runner: TaskRunner, household_id: str,
                 parent: QWidget | None = None, mask: ScreenMask | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("householdDialog")
        self.mask = mask if mask is not None else ScreenMask.for_context(ctx)
        self._ctx, self._runner = ctx, runner
        self.household_id = household_id
        self.detail: HouseholdDetail | None = None
        self.history: list[HistoryEntry] = []
        self.changes = ChangeSet()
        self.child_dialog: QDialog | None = None
        fit_dialog(self, 860, 640)

        self.heading = QLabel()
        self.heading.setObjectName("dialogTitle")
        self.facts = QFormLayout()
        self.facts.setHorizontalSpacing(14)
        self.address_label, self.area_label, self.owners_label, self.notes_label = (
            QLabel(), QLabel(), QLabel(), QLabel())
        for label in (self.address_label, self.area_label, self.owners_label, self.notes_label):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts.addRow(_("Address:"), self.address_label)
        self.facts.addRow(_("Areas:"), self.area_label)
        self.facts.addRow(_("Owners:"), self.owners_label)
        self.facts.addRow(_("Notes:"), self.notes_label)
        dwelling = QGroupBox(_("Dwelling"))
        dwelling.setLayout(self.facts)

        self.members = _table([_("Name"), _("Relationship"), _("Sex"), _("Age"), _("Phone"),
                               _("Status")])
        self.members.setObjectName("members")
        self.members.doubleClicked.connect(lambda _i: self.edit_member())
        members_label = QLabel(_("&Members:"))
        members_label.setBuddy(self.members)
        self.history_table = _table([_("When"), _("Who"), _("What")])
        self.history_table.setObjectName("history")
        history_label = QLabel(_("&History of changes:"))
        history_label.setBuddy(self.history_table)

        self.add_button = QPushButton(_("&Add member…"))
        self.edit_button = QPushButton(_("&Edit member…"))
        self.edit_household_button = QPushButton(_("Edit hou&sehold…"))
        self.add_button.clicked.connect(self.add_member)
        self.edit_button.clicked.connect(self.edit_member)
        self.edit_household_button.clicked.connect(self.edit_household)
        # The dwelling's areas and owners (the owner register) are edited in their own dialog.
        self.owners_button = QPushButton(_("O&wners and areas…"))
        self.owners_button.clicked.connect(lambda: self.edit_owners())
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = self.close_buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(_("&Close"))
        self.close_buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.edit_household_button,
                       self.owners_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.close_buttons)
        # Enter on a member opens them (the table itself ignores Enter).
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.members)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.edit_member)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 14)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(dwelling)
        layout.addWidget(members_label)
        layout.addWidget(self.members, 3)
        layout.addWidget(history_label)
        layout.addWidget(self.history_table, 2)
        layout.addLayout(row)
        chain_tab_order([self.members, self.add_button, self.edit_button,
                         self.edit_household_button, self.owners_button, self.history_table,
                         self.close_button])
        self.reload()
        self.members.setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self) -> None:
        self.detail, self.history = edit_reads.household_view(self._ctx.db, self.household_id)
        detail = self.detail
        title = _("Household {number}").format(number=detail.number or "—")
        self.setWindowTitle(title)
        self.heading.setText(title)
        self.address_label.setText(detail.full_address or _("No dwelling"))
        areas = []
        if detail.floor_area is not None:
            areas.append(_("{area} m² floor area").format(area=detail.floor_area))
        if detail.exclusive_area is not None:
            areas.append(_("{area} m² exclusive").format(area=detail.exclusive_area))
        self.area_label.setText(_("; ").join(areas) or "—")
        self.owners_label.setText("、".join(
            o.name if o.share_percent == 100 else f"{o.name} ({_percent(o.share_percent)}%)"
            for o in detail.owners) or "—")
        self.notes_label.setText(detail.notes or "—")
        self.owners_button.setEnabled(detail.dwelling_id is not None)
        self._fill_members(detail)
        self._fill_history()

    def _fill_members(self, detail: HouseholdDetail) -> None:
        current = self.selected_member_id()
        table = self.members
        table.setRowCount(len(detail.members))
        for row, m in enumerate(detail.members):
            status = (_("Deceased") if m.deceased else _("Moved out") if m.moved_out
                      else "")
            values = [m.name, _(codes.RELATIONSHIPS.get(m.relationship, "")) if
                      m.relationship in codes.RELATIONSHIPS else "",
                      _(codes.SEXES.get(m.sex, codes.SEXES["0"])),
                      "" if m.age is None else str(m.age),
                      self.mask.text(m.id, "phone", m.phone), status]
            for column, value in enumerate(values):
                item = _item(value, m.id if column == 0 else None)
                if not m.active:
                    item.setForeground(self.palette().placeholderText())
                table.setItem(row, column, item)
        table.resizeColumnsToContents()
        for column in range(table.columnCount() - 1):
            table.setColumnWidth(column, table.columnWidth(column) + 18)  # room to breathe
        ids = [m.id for m in detail.members]
        table.selectRow(ids.index(current) if current in ids else 0)
        self.edit_button.setEnabled(bool(ids))

    def _fill_history(self) -> None:
        table = self.history_table
        table.setRowCount(len(self.history))
        for row, entry in enumerate(self.history):
            table.setItem(row, 0, _item(format_datetime(entry.when)))
            table.setItem(row, 1, _item(entry.operator or "—"))
            table.setItem(row, 2, _item(entry.what))
            table.item(row, 2).setToolTip(entry.what)
        for column in (0, 1):
            table.resizeColumnToContents(column)
            table.setColumnWidth(column, table.columnWidth(column) + 18)
        table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    def selected_member_id(self) -> str | None:
        row = self.members.currentRow()
        item = self.members.item(row, 0) if row >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _child_changed(self, changes: ChangeSet) -> None:
        self.changes = merge_changes(self.changes, changes)
        self.changed.emit(changes)
        self.reload()

    def _open_resident(self, resident_id: str | None) -> ResidentDialog:
        dialog = ResidentDialog(self._ctx, self._runner, resident_id,
                                household_id=self.household_id, parent=self, mask=self.mask)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self._child_changed)
        dialog.open_resident_requested.connect(self._open_resident)
        self.child_dialog = dialog
        dialog.open()
        return dialog

    def add_member(self) -> ResidentDialog:
        return self._open_resident(None)

    def edit_member(self) -> ResidentDialog | None:
        resident_id = self.selected_member_id()
        return self._open_resident(resident_id) if resident_id else None

    def edit_household(self) -> HouseholdEditDialog:
        dialog = HouseholdEditDialog(self._ctx, self._runner, self.household_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self._child_changed)
        self.child_dialog = dialog
        dialog.open()
        return dialog

    def edit_owners(self):
        from desktop.ui.roster.owners.dwelling_dialog import DwellingOwnersDialog

        if self.detail is None or self.detail.dwelling_id is None:
            return None
        dialog = DwellingOwnersDialog(self._ctx, self._runner, self.detail.dwelling_id, self,
                                      mask=self.mask)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self._child_changed)
        self.child_dialog = dialog
        dialog.open()
        return dialog


class HouseholdEditDialog(QDialog):
    """The household's own fields: number and notes (its dwelling stays)."""

    changed = Signal(object)

    def __init__(self, ctx: AppContext, runner: TaskRunner, household_id: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("householdEditDialog")
        self.setWindowTitle(_("Edit household"))
        self.setMinimumWidth(460)
        self._ctx, self._runner = ctx, runner
        self.household_id = household_id
        self.changes: ChangeSet | None = None
        self.writing = None  # the save on its way
        self._detail = edit_reads.household_fields(ctx.db, household_id)
        self.form = FieldGrid()
        self.number = self.form.add("number", _("Household &number:"),
                                    QLineEdit(self._detail.number))
        self.notes = self.form.add("notes", _("N&otes:"), QLineEdit(self._detail.notes))
        self.number.setMaxLength(40)
        self.buttons, self.save_button, _cancel = save_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        number, notes = self.number.text(), self.notes.text()
        dwelling_id, household_id = self._detail.dwelling_id, self.household_id
        if self.writing is not None:
            return  # the last Save is still on its way (Enter pressed twice)
        self.save_button.setEnabled(False)
        self.writing = task = Operations.of(self._runner).write(
            self._ctx, lambda uow: save_household(uow, number, dwelling_id, notes, household_id),
            label=_("Edit household {number}").format(number=number.strip()), parent=self,
            on_done=self._saved,
            on_refused=in_fields(self._runner, self,
                                 {name: self.form for name in self.form.fields}, "number"))
        task.finished.connect(self._write_finished)

    def _saved(self, _household_id, changes: ChangeSet) -> None:
        self.changes = changes
        self.changed.emit(changes)
        super().accept()

    def _write_finished(self) -> None:
        if isValid(self):
            self.writing = None
            if self.changes is None:  # refused or failed: the form stays open
                self.save_button.setEnabled(True)
