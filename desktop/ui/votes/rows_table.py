"""A read-only table over a list of plain rows, for the vote's long lists (4,000 ballots, the
dwellings not yet voted): the cells are made when shown, not 36,000 items up front (which
took half a second on a 5,000-dwelling vote), and the columns fit the rows in sight."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

_Index = QModelIndex | QPersistentModelIndex
# Rows measured for the columns' widths (those in sight are measured too).
MEASURED_ROWS = 200


class RowsModel(QAbstractTableModel):
    def __init__(self, headers: Sequence[str], parent=None) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: list[Any] = []
        self._texts: Callable[[Any], Sequence[str]] = lambda _row: ()
        self._cache: dict[int, Sequence[str]] = {}

    def set_rows(self, rows: Sequence[Any], texts: Callable[[Any], Sequence[str]]) -> None:
        self.beginResetModel()
        self.rows, self._texts, self._cache = list(rows), texts, {}
        self.endResetModel()

    def texts_of(self, row: int) -> Sequence[str]:
        found = self._cache.get(row)
        if found is None:
            found = self._cache[row] = tuple(self._texts(self.rows[row]))
        return found

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.texts_of(index.row())[index.column()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


class RowsTable(QTableView):
    def __init__(self, headers: Sequence[str], accessible_name: str = "", parent=None) -> None:
        super().__init__(parent)
        self.rows_model = RowsModel(headers, self)
        self.setModel(self.rows_model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(MEASURED_ROWS)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if accessible_name:
            self.setAccessibleName(accessible_name)

    def set_rows(self, rows: Sequence[Any], texts: Callable[[Any], Sequence[str]]) -> None:
        """``texts(row)``: the row's cells as shown, made when the row comes into sight."""
        self.rows_model.set_rows(rows, texts)

    def rowCount(self) -> int:
        return self.rows_model.rowCount()

    def texts(self) -> list[list[str]]:
        return [list(self.rows_model.texts_of(r)) for r in range(self.rowCount())]
