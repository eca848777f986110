"""Edit menu commands: undo and redo of this session's edits, copy and find on the current
page (the Add menu's commands are declared by the features: desktop.ui.features).

Undo and redo are enabled only when ``ctx.undo`` has an entry, and say what they undo
("Undo Edit 张三"). They run on the database lane through the window's one write path
(desktop.ui.operations), which broadcasts the ChangeSet they return to every page. A page takes
part by having ``copy_selection()`` and ``focus_search()`` (see the roster page); Find on a
page without a search box goes to the page declared with ``default_find``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

from desktop.core.i18n import _
from desktop.ui.operations import Operations
from desktop.ui.tasks import Task

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
        self.stepping: Task | None = None  # an undo or redo on its way
        self.update_actions()

    # -- state -----------------------------------------------------------------------------

    def update_actions(self) -> None:
        actions = self.window.actions_
        undo = self.window.ctx.undo
        idle = self.stepping is None  # one step at a time: the next waits for this one
        actions.undo.setEnabled(idle and undo.undo_label is not None)
        actions.undo.setText(_("&Undo {action}").format(action=undo.undo_label)
                             if undo.undo_label else _("&Undo"))
        actions.redo.setEnabled(idle and undo.redo_label is not None)
        actions.redo.setText(_("&Redo {action}").format(action=undo.redo_label)
                             if undo.redo_label else _("&Redo"))
        page = self.window.current_page
        actions.copy.setEnabled(hasattr(page, "copy_selection"))
        actions.find.setEnabled(True)  # from any page: it opens the declared search page

    # -- commands --------------------------------------------------------------------------

    def undo(self) -> Task | None:
        return self._step(forward=False)

    def redo(self) -> Task | None:
        return self._step(forward=True)

    def _step(self, forward: bool) -> Task | None:
        """Undo or redo the last entry on the database lane; the pages hear of it through the
        one change signal. A failure is shown and leaves the entry where it was."""
        ctx = self.window.ctx
        stack = ctx.undo
        label = stack.redo_label if forward else stack.undo_label
        if label is None or self.stepping is not None:
            return None
        db, operator = ctx.db, ctx.operator
        step = stack.redo if forward else stack.undo

        def work(_task_ctx):
            changes = step(db, operator)
            return changes, changes

        title = (_("Redo {action}") if forward else _("Undo {action}")).format(action=label)
        self.stepping = task = Operations.of(self.window.runner).run(
            work, title=title, parent=self.window)
        task.finished.connect(self._stepped)
        self.update_actions()
        return task

    def _stepped(self) -> None:
        self.stepping = None
        self.update_actions()

    def copy(self) -> None:
        page = self.window.current_page
        if hasattr(page, "copy_selection"):
            page.copy_selection()

    def find(self) -> None:
        page = self.window.current_page
        if not hasattr(page, "focus_search"):
            key = next((spec.key for spec in self.window.page_specs if spec.default_find), None)
            if key is None:
                return
            page = self.window.show_page(key)
        page.focus_search()
