"""A list of choices with a check box each (columns to export or print, buildings to walk)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem

KEY_ROLE = Qt.ItemDataRole.UserRole


class CheckList(QListWidget):
    def add(self, label: str, key, checked: bool) -> QListWidgetItem:
        item = QListWidgetItem(label)
        item.setData(KEY_ROLE, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.addItem(item)
        return item

    def entries(self) -> Iterator[QListWidgetItem]:
        return (self.item(i) for i in range(self.count()))

    def checked_keys(self) -> tuple:
        """The keys ticked, in the list's order; a disabled entry never counts."""
        return tuple(item.data(KEY_ROLE) for item in self.entries()
                     if item.checkState() == Qt.CheckState.Checked
                     and item.flags() & Qt.ItemFlag.ItemIsEnabled)

    def set_checked(self, keys: Iterable) -> None:
        wanted = set(keys)
        for item in self.entries():
            item.setCheckState(Qt.CheckState.Checked if item.data(KEY_ROLE) in wanted
                               else Qt.CheckState.Unchecked)

    def set_enabled(self, keys: Iterable, enabled: bool, tip: str = "") -> None:
        """Enable or disable the entries of ``keys`` (a disabled one says why in ``tip``)."""
        keys = set(keys)
        for item in self.entries():
            if item.data(KEY_ROLE) in keys:
                flags = item.flags()
                item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled if enabled
                              else flags & ~Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip("" if enabled else tip)
