"""A list of rows each known by its id (forms, campaigns): filled anew keeping the chosen row
chosen, asked which id is current, told which to choose."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem

ID_ROLE = Qt.ItemDataRole.UserRole


class IdList(QListWidget):
    def fill(self, rows: Iterable[tuple[str, str, str]], chosen: str | None) -> None:
        """Rows as (text, id, tooltip); the row with id ``chosen`` stays current, else the
        first. No currentItemChanged while filling: the caller shows the current row after."""
        self.blockSignals(True)
        try:
            self.clear()
            for text, row_id, tooltip in rows:
                item = QListWidgetItem(text)
                item.setData(ID_ROLE, row_id)
                if tooltip:
                    item.setToolTip(tooltip)
                self.addItem(item)
                if row_id == chosen:
                    self.setCurrentItem(item)
            if self.currentItem() is None and self.count():
                self.setCurrentRow(0)
        finally:
            self.blockSignals(False)

    def current_id(self) -> str | None:
        item = self.currentItem()
        return item.data(ID_ROLE) if item is not None else None

    def select_id(self, row_id: str) -> None:
        for i in range(self.count()):
            if self.item(i).data(ID_ROLE) == row_id:
                self.setCurrentRow(i)
                return
