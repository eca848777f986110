"""The visitors of a new campaign: name, phone, staff or volunteer, one row each; and, when
the doors are shared by places, which visitor walks each chosen place."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import N_, _
from desktop.visits.campaigns.service import VisitorPlan

ROLE_LABELS = {"volunteer": N_("Volunteer"), "staff": N_("Staff")}


class VisitorsEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Name"), _("Phone"), _("Role")])
        self.table.setAccessibleName(_("Visitors"))
        # Tab leaves the table (arrows move between cells, typing or F2 edits one): a keyboard
        # user must reach the buttons below.
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        self.add_button = QPushButton(_("&Add visitor"))
        self.remove_button = QPushButton(_("Re&move visitor"))
        self.add_button.clicked.connect(lambda: self.add())
        self.remove_button.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def add(self, name: str = "", phone: str = "", role: str = "volunteer",
            edit: bool = True) -> int:
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(name))
        self.table.setItem(row, 1, QTableWidgetItem(phone))
        combo = QComboBox()
        for code, label in ROLE_LABELS.items():
            combo.addItem(_(label), code)
        combo.setCurrentIndex(max(0, combo.findData(role)))
        self.table.setCellWidget(row, 2, combo)
        self.table.blockSignals(False)
        if edit:
            self.table.setCurrentCell(row, 0)
            self.table.editItem(self.table.item(row, 0))
        self.changed.emit()
        return row

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.changed.emit()

    def names(self) -> list[str]:
        return [(self.table.item(r, 0).text() if self.table.item(r, 0) else "").strip()
                for r in range(self.table.rowCount())]

    def visitors(self) -> list[VisitorPlan]:
        out = []
        for r in range(self.table.rowCount()):
            name = self.table.item(r, 0).text() if self.table.item(r, 0) else ""
            phone = self.table.item(r, 1).text() if self.table.item(r, 1) else ""
            out.append(VisitorPlan(name, phone, self.table.cellWidget(r, 2).currentData()))
        return out


class PlaceOwners(QTableWidget):
    """Each chosen place with the visitor who walks it (the "by places" share)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 2, parent)
        self.setHorizontalHeaderLabels([_("Place"), _("Visitor")])
        self.setAccessibleName(_("Who walks each place"))
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.places: list[tuple[str, str, str]] = []

    def set_places(self, places, names: list[str], keep: dict[str, int] | None = None) -> None:
        """``keep``: place id → visitor row, to start from (else what each combo showed)."""
        before = keep if keep is not None else self.owners()
        self.places = list(places)
        self.setRowCount(len(self.places))
        for row, (_kind, place_id, label) in enumerate(self.places):
            self.setItem(row, 0, QTableWidgetItem(label))
            combo = QComboBox()
            for index, name in enumerate(names):
                combo.addItem(name or _("Visitor {number}").format(number=index + 1), index)
            wanted = before.get(place_id, row % max(1, len(names)))
            combo.setCurrentIndex(min(wanted, combo.count() - 1))
            self.setCellWidget(row, 1, combo)

    def owners(self) -> dict[str, int]:
        return {place_id: self.cellWidget(row, 1).currentData()
                for row, (_k, place_id, _l) in enumerate(self.places)
                if self.cellWidget(row, 1) is not None
                and self.cellWidget(row, 1).currentData() is not None}

    def set_owner(self, place_id: str, visitor_row: int) -> None:
        for row, (_k, pid, _l) in enumerate(self.places):
            if pid == place_id:
                combo = self.cellWidget(row, 1)
                combo.setCurrentIndex(combo.findData(visitor_row))
