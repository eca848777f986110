"""The roster's lazy table models: residents and households over the shared lazy model."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QApplication

from desktop.roster.screen_mask import ScreenMask
from desktop.roster.views import HOUSEHOLD_COLUMNS, RESIDENT_COLUMNS
from desktop.ui.roster.columns import (
    HOUSEHOLD_LABELS,
    NUMERIC_COLUMNS,
    RESIDENT_LABELS,
    household_cell,
    resident_cell,
)
from desktop.ui.widgets.lazy_table import Fetch, LazyTableModel


class ResidentTableModel(LazyTableModel):
    def __init__(self, fetch: Fetch, parent=None, mask: ScreenMask | None = None) -> None:
        super().__init__(RESIDENT_COLUMNS, RESIDENT_LABELS, resident_cell, fetch, parent,
                         numeric=NUMERIC_COLUMNS)
        self.mask = mask if mask is not None else ScreenMask(False)

    def text(self, row: int, column: int) -> str:
        """As shown, tool tips and copy included: masked numbers stay masked everywhere."""
        obj = self.row_at(row)
        if obj is None:
            return ""
        key = self.columns[column]
        return self.mask.text(obj.id, key, self._cell(obj, key))

    def _foreground(self, obj: Any) -> QBrush | None:
        if obj is not None and (obj.moved_out or obj.deceased):
            return QApplication.palette().brush(QPalette.ColorGroup.Disabled,
                                                QPalette.ColorRole.Text)
        return None


class HouseholdTableModel(LazyTableModel):
    def __init__(self, fetch: Fetch, parent=None) -> None:
        super().__init__(HOUSEHOLD_COLUMNS, HOUSEHOLD_LABELS, household_cell, fetch, parent,
                         numeric=NUMERIC_COLUMNS)
