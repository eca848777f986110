"""The place tree: community → grid/compound → building → unit, with counts.

A few thousand nodes at most, so a plain QTreeWidget; choosing a node emits its PlaceScope.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from desktop.core.i18n import _
from desktop.roster.views import PlaceNode, PlaceScope

SCOPE_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


def node_label(node: PlaceNode) -> str:
    name = node.name
    if node.kind == "unit":
        name = _("Unit {unit}").format(unit=node.name) if node.name.isdigit() else node.name
    return _("{place} ({count})").format(place=name, count=f"{node.residents:,}")


class PlaceTree(QTreeWidget):
    scope_chosen = Signal(object)  # PlaceScope

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("placeTree")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        # Long compound names scroll sideways rather than being cut short.
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.header().setStretchLastSection(False)
        self.setAccessibleName(_("Places"))
        self.root: PlaceNode | None = None
        self.currentItemChanged.connect(self._current_changed)

    def set_root(self, root: PlaceNode, keep: PlaceScope | None = None) -> None:
        self.root = root
        self.blockSignals(True)
        try:
            self.clear()
            top = self._add(None, root)
            self.addTopLevelItem(top)
            top.setExpanded(True)
            chosen = self.item_for(keep) if keep is not None else None
            self.setCurrentItem(chosen or top)
            if chosen is not None:
                self.scrollToItem(chosen)
        finally:
            self.blockSignals(False)

    def _add(self, parent: QTreeWidgetItem | None, node: PlaceNode) -> QTreeWidgetItem:
        item = QTreeWidgetItem([node_label(node)])
        item.setData(0, SCOPE_ROLE, node.scope)
        item.setData(0, KIND_ROLE, node.kind)
        item.setData(0, ID_ROLE, node.id)
        item.setToolTip(0, node.name)
        item.addChildren([self._add(item, child) for child in node.children])
        return item

    def items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        stack = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            out.append(item)
            stack[0:0] = [item.child(i) for i in range(item.childCount())]
        return out

    def item_for(self, scope: PlaceScope) -> QTreeWidgetItem | None:
        for item in self.items():
            if item.data(0, SCOPE_ROLE) == scope:
                return item
        return None

    def find_kind(self, kind: str) -> list[QTreeWidgetItem]:
        return [item for item in self.items() if item.data(0, KIND_ROLE) == kind]

    def current_scope(self) -> PlaceScope:
        item = self.currentItem()
        scope = item.data(0, SCOPE_ROLE) if item is not None else None
        return scope if isinstance(scope, PlaceScope) else PlaceScope()

    def _current_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        if current is not None:
            self.scope_chosen.emit(self.current_scope())
