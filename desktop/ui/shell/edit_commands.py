"""Edit and Add menu commands: undo and redo of this session's edits, copy and find on the
current page, and the forms that add people and places.

Undo and redo are enabled only when ``ctx.undo`` has an entry, and say what they undo
("Undo Edit 张三"); after one, every page refreshes with the ChangeSet it returned. A page takes
part by having ``copy_selection()``, ``focus_search()`` and an ``editing`` attribute (see the roster page) and an
``edited`` signal emitted after its own edits.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

from desktop.core.errors import LinliError
from desktop.core.i18n import _
from desktop.sync.stamping import ChangeSet
from desktop.ui.errors import unexpected_message
from desktop.ui.widgets.page import Page

if TYPE_CHECKING:
    from desktop.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)

class EditCommands:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        actions = window.actions_
        actions.undo.triggered.connect(self.undo)
        actions.redo.triggered.connect(self.redo)
        actions.copy.triggered.connect(self.copy)
        actions.find.triggered.connect(self.find)
        edit_menu = window.menuBar().findChild(QMenu, "editMenu")
        if edit_menu is not None:
            edit_menu.aboutToShow.connect(self.update_actions)
        self.update_actions()

    def page_built(self, page: Page) -> None:
        edited = getattr(page, "edited", None)
        if edited is not None:
            edited.connect(lambda changes, p=page: self.after_edit(changes, p))

    # -- state -----------------------------------------------------------------------------

    def update_actions(self) -> None:
        actions = self.window.actions_
        undo = self.window.ctx.undo
        actions.undo.setEnabled(undo.undo_label is not None)
        actions.undo.setText(_("&Undo {action}").format(action=undo.undo_label)
                             if undo.undo_label else _("&Undo"))
        actions.redo.setEnabled(undo.redo_label is not None)
        actions.redo.setText(_("&Redo {action}").format(action=undo.redo_label)
                             if undo.redo_label else _("&Redo"))
        page = self.window.current_page
        actions.copy.setEnabled(hasattr(page, "copy_selection"))
        actions.find.setEnabled(True)  # from any page: it opens the roster's search box

    def after_edit(self, changes: ChangeSet, source: Page | None = None) -> None:
        """A page saved an edit: the other pages refresh, the undo entry shows."""
        for page in self.window.pages.values():
            if page is not source:
                page.refresh(changes)
        self.update_actions()

    # -- commands --------------------------------------------------------------------------

    def undo(self) -> ChangeSet | None:
        return self._step(forward=False)

    def redo(self) -> ChangeSet | None:
        return self._step(forward=True)

    def _step(self, forward: bool) -> ChangeSet | None:
        ctx = self.window.ctx
        stack = ctx.undo
        if (stack.redo_label if forward else stack.undo_label) is None:
            return None
        try:
            changes = (stack.redo if forward else stack.undo)(ctx.db, ctx.operator)
        except LinliError as exc:
            self.window.runner.present_error(self.window, exc.message, exc.details)
            return None
        except Exception:  # noqa: BLE001 - say so politely, keep the window
            import traceback

            log.error("undo/redo failed", exc_info=True)  # described without values: core/logs
            self.window.runner.present_error(self.window, unexpected_message(),
                                             traceback.format_exc())
            return None
        self.window.refresh_pages(changes)
        self.update_actions()
        return changes

    def copy(self) -> None:
        page = self.window.current_page
        if hasattr(page, "copy_selection"):
            page.copy_selection()

    def find(self) -> None:
        page = self.window.current_page
        if not hasattr(page, "focus_search"):
            page = self.window.show_page("roster")
        page.focus_search()
