"""A lazy table model over an id list (DESIGN §1 "Big tables are lazy").

The model holds only the ids of the rows, in the order SQL sorted them. ``data()`` fetches the
page of ``PAGE_SIZE`` rows around the requested one in one call and keeps the last few pages
(LRU); scrolling through 200,000 rows never loads more than a few hundred rows. Sorting is
not done here: a header click emits ``sort_requested`` and the page asks SQL for a new id list.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Collection, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush

from desktop.core.i18n import _

PAGE_SIZE = 100
CACHED_PAGES = 8
ID_ROLE = Qt.ItemDataRole.UserRole
ROW_ROLE = Qt.ItemDataRole.UserRole + 1

Fetch = Callable[[Sequence[str]], Sequence[Any]]  # ids -> row objects with an ``id``
_Index = QModelIndex | QPersistentModelIndex


class LazyTableModel(QAbstractTableModel):
    """``labels`` maps column keys to msgids; ``numeric`` names the right-aligned columns;
    subclasses colour rows by overriding ``_foreground``."""

    sort_requested = Signal(str, bool)  # column key, descending

    def __init__(self, columns: Sequence[str], labels: dict[str, str],
                 cell: Callable[[Any, str], str], fetch: Fetch, parent=None,
                 numeric: Collection[str] = ()) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._numeric = frozenset(numeric)
        self._labels = labels
        self._cell = cell
        self._fetch = fetch
        self._ids: list[str] = []
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()
        self.fetches = 0  # how many times rows were read (tests, benchmarks)

    # -- the id list -----------------------------------------------------------------------

    @property
    def ids(self) -> list[str]:
        return self._ids

    def set_ids(self, ids: list[str]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._pages.clear()
        self.endResetModel()

    def set_fetch(self, fetch: Fetch) -> None:
        self._fetch = fetch
        self.invalidate()

    def invalidate(self, ids: set[str] | None = None) -> None:
        """Forget cached rows (those of ``ids``, or all) and repaint what is visible."""
        if ids is None:
            self._pages.clear()
        else:
            for number, rows in list(self._pages.items()):
                if any(row is not None and row.id in ids for row in rows):
                    del self._pages[number]
        if self._ids:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, len(self.columns) - 1))

    def row_of(self, row_id: str) -> int:
        try:
            return self._ids.index(row_id)
        except ValueError:
            return -1

    def id_at(self, row: int) -> str:
        return self._ids[row]

    def row_at(self, row: int) -> Any:
        """The row object at ``row`` (fetching its page if needed); None if it is gone."""
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            start = number * PAGE_SIZE
            ids = self._ids[start:start + PAGE_SIZE]
            found = {r.id: r for r in self._fetch(ids)}
            self.fetches += 1
            page = [found.get(i) for i in ids]
            self._pages[number] = page
            while len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[row - number * PAGE_SIZE]

    def rows(self, rows: Sequence[int]) -> list[Any]:
        return [self.row_at(r) for r in rows]

    def text(self, row: int, column: int) -> str:
        obj = self.row_at(row)
        return "" if obj is None else self._cell(obj, self.columns[column])

    def label(self, column: int) -> str:
        return _(self._labels[self.columns[column]])

    # -- QAbstractTableModel ---------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(index.row(), index.column())
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role == ROW_ROLE:
            return self.row_at(index.row())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if self.columns[index.column()] in self._numeric:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(self.row_at(index.row()))
        return None

    def _foreground(self, obj: Any) -> QBrush | None:
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or section < 0:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.label(section) if section < len(self.columns) else None
        return str(section + 1) if section < len(self._ids) else None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(self.columns):
            self.sort_requested.emit(self.columns[column],
                                     order == Qt.SortOrder.DescendingOrder)

