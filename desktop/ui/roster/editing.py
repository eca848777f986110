"""Opening the editing dialogs (desktop.ui.roster.dialogs) from the roster. Their writes go
through the window's one write path (desktop.ui.operations), whose single change signal refreshes
every page, this one included; here we only note which residents a dialog touched, so the
page's search index re-reads them (a tag ticked changes a ``resident_tag`` row, not the resident).

Dialogs open window-modal with ``open()`` (not ``exec()``), so nothing blocks the event loop
and tests can drive them.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from desktop.context import AppContext
from desktop.core.i18n import _
from desktop.storage.changes import ChangeSet
from desktop.ui.roster import dialogs
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.status import tell

if TYPE_CHECKING:
    from desktop.ui.roster.page import RosterPage

log = logging.getLogger(__name__)

def open_dialog(name: str, ctx: AppContext, runner: TaskRunner, parent: QWidget | None,
                on_changes, *args, **kwargs) -> QDialog | None:
    """Open dialog ``name`` window-modal; ``on_changes(changes, dialog)`` after each write.

    Dialogs with a ``changed`` signal report every write as it happens (a resident marked
    moved out before the form is closed); the others are read once, when accepted."""
    cls = getattr(dialogs, name)
    dialog = cls(ctx, runner, *args, parent=parent, **kwargs)
    reports = getattr(dialog, "changed", None)
    if reports is not None:
        reports.connect(lambda changes: on_changes(changes, dialog))

    def finished(result: int) -> None:
        if reports is None and result == QDialog.DialogCode.Accepted:
            changes = getattr(dialog, "changes", None)
            on_changes(changes if changes is not None else ChangeSet(), dialog)
        dialog.deleteLater()

    dialog.finished.connect(finished)
    dialog.open()
    return dialog


class RosterEditing:
    """The roster page's edit commands: open a row, add people and places."""

    def __init__(self, page: RosterPage, ctx: AppContext, runner: TaskRunner) -> None:
        self.page = page
        self.ctx = ctx
        self.runner = runner
        self.dialog: QDialog | None = None  # the one open now (tests)
        self._touched: set[str] = set()
        self.message = ""  # the last hint shown instead of a dialog (tests)

    def touched_residents(self) -> set[str]:
        touched, self._touched = self._touched, set()
        return touched

    def _changes(self, changes: ChangeSet, dialog: QDialog) -> None:
        # Emitted by the dialog before the window's change signal refreshes the page.
        saved = getattr(dialog, "saved_id", None) or getattr(dialog, "resident_id", None)
        if isinstance(saved, str):
            self._touched.add(saved)
        if self.page.window() is self.page:  # on its own: no window hands it the change
            self.page.refresh(changes)

    def _open(self, name: str, *args, **kwargs) -> QDialog | None:
        self.dialog = open_dialog(name, self.ctx, self.runner, self.page, self._changes,
                                  *args, **kwargs)
        if self.dialog is not None:
            self.dialog.finished.connect(lambda _result, d=self.dialog: self._closed(d))
            other = getattr(self.dialog, "open_resident_requested", None)
            if other is not None:
                other.connect(self.open_resident)
        return self.dialog

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def open_resident(self, resident_id: str) -> QDialog | None:
        self._touched.add(resident_id)
        return self._open("ResidentDialog", resident_id=resident_id, mask=self.page.screen_mask)

    def open_household(self, household_id: str) -> QDialog | None:
        return self._open("HouseholdDialog", household_id, mask=self.page.screen_mask)

    def new_resident(self) -> QDialog | None:
        return self._open("ResidentDialog", household_id=self.current_household())

    def new_household(self) -> QDialog | None:
        building_id = self.page.scope.building_id
        if building_id is None:
            self._tell(_("Choose a building in the tree first."))
            return None
        dialog = self._open("NewHouseholdDialog", building_id)
        # Straight on to the household view, to add the people who live there.
        dialog.accepted.connect(lambda: self.open_household(dialog.saved_id))
        return dialog

    def new_compound(self) -> QDialog | None:
        return self._open("CompoundDialog")

    def new_building(self) -> QDialog | None:
        compound_id = self.page.scope.compound_id
        if compound_id is None:
            self._tell(_("Choose a compound in the tree first."))
            return None
        return self._open("BuildingDialog", compound_id)

    def create_dwellings(self) -> QDialog | None:
        building_id = self.page.scope.building_id
        if building_id is None:
            self._tell(_("Choose a building in the tree first."))
            return None
        return self._open("BulkDwellingsDialog", building_id)

    def _tell(self, message: str) -> None:
        self.message = message
        tell(self.page, message, 5000)

    def current_household(self) -> str | None:
        """The household of the selected resident or household, if any."""
        page = self.page
        table = page.current_table()
        if table is None or not table.currentIndex().isValid():
            return None
        row = table.currentIndex().row()
        if table is page.household_table:
            return page.households.id_at(row)
        resident = page.residents.row_at(row)
        return resident.household_id if resident is not None else None
