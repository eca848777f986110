"""A small read-only table filled from rows of plain values (the counts, the lists of the
Campaigns tab): columns as wide as their text (nothing elided; a wide table scrolls
sideways), numbers right-aligned, whole rows selected, an id kept per row."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
)

ID_ROLE = Qt.ItemDataRole.UserRole


class GridTable(QTableWidget):
    def __init__(self, headers: Sequence[str], accessible_name: str = "", parent=None) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(list(headers))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)  # Tab leaves the table: keyboard users move on
        self.verticalHeader().hide()
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # A stretched last column would shrink below its text; a wide table scrolls instead.
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if accessible_name:
            self.setAccessibleName(accessible_name)

    def set_rows(self, rows: Sequence[Sequence], ids: Sequence[str] | None = None) -> None:
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                number = isinstance(value, (int, float)) and not isinstance(value, bool)
                item = QTableWidgetItem(f"{value:,}" if isinstance(value, int) and number
                                        else str(value))
                item.setToolTip(str(value))
                if number:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if ids is not None and c == 0:
                    item.setData(ID_ROLE, ids[r])
                self.setItem(r, c, item)
        self.resizeRowsToContents()

    def current_id(self) -> str | None:
        item = self.item(self.currentRow(), 0) if self.currentRow() >= 0 else None
        return item.data(ID_ROLE) if item is not None else None

    def texts(self) -> list[list[str]]:
        return [[self.item(r, c).text() if self.item(r, c) else ""
                 for c in range(self.columnCount())] for r in range(self.rowCount())]
