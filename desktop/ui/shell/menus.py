"""The menu bar: File, Edit, View (one entry per page, Ctrl+1…6) and Help."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow

from desktop.core.i18n import _
from desktop.ui.shell.pages import PAGE_SPECS


def shortcuts(standard: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    """The platform's standard keys, or ``fallback`` where the platform has none (Windows has
    no standard Quit or Preferences key)."""
    keys = QKeySequence.keyBindings(standard)
    fallback_key = QKeySequence(fallback)
    if fallback and not any(k.matches(fallback_key) == QKeySequence.SequenceMatch.ExactMatch
                            for k in keys):
        keys = [*keys, fallback_key]
    return keys


@dataclass
class MenuActions:
    settings: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    copy: QAction
    find: QAction
    about: QAction
    pages: dict[str, QAction] = field(default_factory=dict)


def build_menus(window: QMainWindow) -> MenuActions:
    bar = window.menuBar()

    file_menu = bar.addMenu(_("&File"))
    settings = QAction(_("&Settings…"), window)
    settings.setShortcuts(shortcuts(QKeySequence.StandardKey.Preferences, "Ctrl+,"))
    settings.setMenuRole(QAction.MenuRole.PreferencesRole)
    file_menu.addAction(settings)
    file_menu.addSeparator()
    quit_action = QAction(_("&Quit"), window)
    quit_action.setShortcuts(shortcuts(QKeySequence.StandardKey.Quit, "Ctrl+Q"))
    quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    file_menu.addAction(quit_action)

    edit_menu = bar.addMenu(_("&Edit"))
    # Placeholders until a page can undo, copy or search: shown, with their keys, but disabled.
    undo = QAction(_("&Undo"), window)
    undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
    redo = QAction(_("&Redo"), window)
    redo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo))
    copy = QAction(_("&Copy"), window)
    copy.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Copy))
    find = QAction(_("&Find…"), window)
    find.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Find))
    for action in (undo, redo, copy, find):
        action.setEnabled(False)
    edit_menu.addActions([undo, redo])
    edit_menu.addSeparator()
    edit_menu.addActions([copy, find])

    view_menu = bar.addMenu(_("&View"))
    group = QActionGroup(window)
    group.setExclusive(True)
    pages: dict[str, QAction] = {}
    for number, spec in enumerate(PAGE_SPECS, start=1):
        action = QAction(spec.nav_label, window)
        action.setCheckable(True)
        action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        action.setData(spec.key)
        group.addAction(action)
        view_menu.addAction(action)
        pages[spec.key] = action

    help_menu = bar.addMenu(_("&Help"))
    about = QAction(_("&About Linli Desk"), window)
    about.setMenuRole(QAction.MenuRole.AboutRole)
    help_menu.addAction(about)

    return MenuActions(settings, quit_action, undo, redo, copy, find, about, pages)
