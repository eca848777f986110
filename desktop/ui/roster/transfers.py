"""The roster page's doors to files: export, print, import and its history, and the residents'
context menu that opens them. A mixin of ``RosterPage``: the dialogs are loaded only when
opened, so none of them costs the page's first paint."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from desktop.core.i18n import _
from desktop.roster.screen_mask import mask_on_screen
from desktop.storage.changes import ChangeSet
from desktop.ui.operations import Operations


class RosterTransfers:
    def _resident_menu(self, pos) -> None:
        self.resident_menu().popup(self.resident_table.viewport().mapToGlobal(pos))

    def resident_menu(self) -> QMenu:
        menu = QMenu(self)
        ids = self.resident_table.selected_ids()
        if any(self.screen_mask.masks(i) for i in ids):
            from desktop.core.access import Permission

            # A volunteer's Show uncovers phones only (desktop.roster.screen_mask): say so.
            label = (_("&Show ID and phone numbers")
                     if self._ctx.db.actor.may(Permission.SEE_UNMASKED_IDS)
                     else _("&Show phone numbers"))
            menu.addAction(label, self.show_numbers)
        menu.addAction(_("&Copy"), self.copy_selection)
        menu.addAction(_("Export…"), self.open_export)
        menu.addAction(_("Print…"), self.open_print)
        return menu

    def show_numbers(self) -> None:
        """The deliberate click that shows the selected residents' numbers in full (for this
        session; masking on screen is on)."""
        self.screen_mask.show(self.resident_table.selected_ids())
        self.residents.invalidate()

    def apply_screen_mask(self) -> None:
        """After Settings were saved: mask, or stop masking, as they now say."""
        self.screen_mask.on = mask_on_screen(self._ctx)
        self.residents.invalidate()

    def open_print(self):
        """The print dialog (花名册, walk list, sign-in sheet) for the selection and the place."""
        from desktop.ui.roster.print_dialog import open_print_dialog

        self.print_dialog = open_print_dialog(self, self._ctx, self._runner)
        return self.print_dialog

    def open_export(self):
        """The export dialog for the selection and the current filter."""
        from desktop.ui.roster.export_dialog import open_export_dialog

        self.export_dialog = open_export_dialog(self, self._ctx, self._runner)
        return self.export_dialog

    def open_import(self):
        """The Import wizard over the page, window-modal; after an import (or its undo) the
        roster reloads."""
        from desktop.ui.roster.importing.wizard import ImportWizard

        self.import_wizard = wizard = ImportWizard(self._ctx, self._runner, parent=self)
        wizard.setWindowFlag(Qt.WindowType.Window, True)
        wizard.finished.connect(lambda _result: wizard.deleteLater())
        wizard.open()
        self.import_wizard.imported.connect(lambda _result: self.after_import())
        self.import_wizard.undone.connect(self.after_import)
        return self.import_wizard

    def open_import_history(self):
        from desktop.ui.roster.importing.history import open_import_history

        self.import_history_dialog = open_import_history(self, self._ctx, self._runner,
                                                         self.after_import)
        return self.import_history_dialog

    def after_import(self, changes: ChangeSet | None = None) -> None:
        """An import wrote many rows at once (or was undone): every page reloads in full,
        told through the window's one change signal."""
        if self.window() is self:  # the page on its own: no window hands it the change
            self.refresh(None)
        Operations.of(self._runner).broadcast(None)
