"""The place tree with check boxes, for choosing a campaign's places: a whole compound, whole
buildings, or some units (stairwells) of a building. Checking a place checks everything under
it; the scope keeps only the top-most whole places (a compound rather than its buildings)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidgetItem, QWidget

from desktop.core.i18n import _
from desktop.ui.widgets.place_tree import ID_ROLE, KIND_ROLE, SCOPE_ROLE, PlaceTree

CHECKABLE = ("community", "compound", "building", "unit")
_KEYS = {"compound": "compounds", "building": "buildings"}


class PlacePicker(PlaceTree):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.itemChanged.connect(lambda _item, _column: self.changed.emit())

    def set_root(self, root, keep=None) -> None:
        super().set_root(root, keep)
        self.blockSignals(True)
        try:
            for item in self.items():
                if item.data(0, KIND_ROLE) in CHECKABLE:
                    flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
                    if item.childCount():
                        flags |= Qt.ItemFlag.ItemIsAutoTristate
                    item.setFlags(flags)
                    item.setCheckState(0, Qt.CheckState.Unchecked)
                # Buildings in sight: they are what a campaign is usually made of.
                item.setExpanded(item.data(0, KIND_ROLE) in ("community", "compound"))
        finally:
            self.blockSignals(False)

    def _check(self, item: QTreeWidgetItem) -> None:
        item.setCheckState(0, Qt.CheckState.Checked)

    def set_scope(self, scope: dict) -> None:
        """Check the places of a campaign's scope (a copy for next month)."""
        compounds = set(scope.get("compounds", ()))
        buildings = set(scope.get("buildings", ()))
        units = {(b, u) for b, u in scope.get("units", ())}
        for item in self.items():
            kind = item.data(0, KIND_ROLE)
            place = item.data(0, SCOPE_ROLE)
            if (kind == "compound" and item.data(0, ID_ROLE) in compounds
                    or kind == "building" and item.data(0, ID_ROLE) in buildings
                    or kind == "unit" and (place.building_id, place.unit or "") in units):
                self._check(item)

    def check_place(self, item_id: str) -> None:
        for item in self.items():
            if item.data(0, ID_ROLE) == item_id and item.data(0, KIND_ROLE) in CHECKABLE:
                self._check(item)

    def chosen(self) -> list[tuple[str, str, str]]:
        """The top-most wholly checked places: (kind, id, label) — a unit's id is
        "building id/unit"."""
        out = []
        stack = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            kind = item.data(0, KIND_ROLE)
            if kind in ("compound", "building", "unit") \
                    and item.checkState(0) == Qt.CheckState.Checked:
                out.append((kind, item.data(0, ID_ROLE), self.label_of(item)))
                continue
            if item.checkState(0) != Qt.CheckState.Unchecked or kind == "community":
                stack[0:0] = [item.child(i) for i in range(item.childCount())]
        return out

    def label_of(self, item: QTreeWidgetItem) -> str:
        parts = []
        while item is not None and item.data(0, KIND_ROLE) != "community":
            if item.data(0, KIND_ROLE) == "unit":
                unit = item.data(0, SCOPE_ROLE).unit or ""
                parts.append(_("Unit {unit}").format(unit=unit) if unit.isdigit() else unit)
            else:
                parts.append(item.toolTip(0))
            item = item.parent()
        return " ".join(reversed(parts))


def scope_of(places) -> dict:
    """A campaign scope (places.SCOPE_KEYS) from ``chosen()`` places."""
    scope: dict[str, list] = {"compounds": [], "buildings": [], "units": []}
    for kind, place_id, _label in places:
        if kind == "unit":
            building_id, _slash, unit = place_id.partition("/")
            scope["units"].append([building_id, unit])
        else:
            scope[_KEYS[kind]].append(place_id)
    return scope
