"""The menu bar: File (the features' file commands, Settings, Quit), Edit (undo, redo, copy,
find), Add (the features' Add commands), View (one entry per page, Ctrl+1…) and Help."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from desktop.core.i18n import _
from desktop.ui.features import (
    ADD,
    FILE,
    FeatureUI,
    declared_commands,
    declared_pages,
)


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
    # The features' declared commands by name; also reachable as attributes
    # (``actions_.print_roster``), as the shell's own actions are.
    commands: dict[str, QAction] = field(default_factory=dict)

    def __getattr__(self, name: str) -> QAction:
        commands = self.__dict__.get("commands", {})
        if name in commands:
            return commands[name]
        raise AttributeError(name)


def build_menus(window: QMainWindow, features: tuple[FeatureUI, ...]) -> MenuActions:
    """The menu bar, with each feature's commands and one View entry per declared page (the
    window connects them)."""
    bar = window.menuBar()
    commands = declared_commands(features)

    file_menu = bar.addMenu(_("&File"))
    file_menu.setObjectName("fileMenu")
    actions = _add_commands(window, file_menu, commands, FILE)
    if actions:
        file_menu.addSeparator()
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
    edit_menu.setObjectName("editMenu")
    # Enabled by the window when there is something to undo, or a page that can copy or find.
    undo = QAction(_("&Undo"), window)
    undo.setShortcuts(shortcuts(QKeySequence.StandardKey.Undo, "Ctrl+Z"))
    redo = QAction(_("&Redo"), window)
    redo.setShortcuts(_unique([*shortcuts(QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z"),
                               QKeySequence("Ctrl+Y")]))
    copy = QAction(_("&Copy"), window)
    copy.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Copy))
    find = QAction(_("&Find…"), window)
    find.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Find))
    for action in (undo, redo, copy, find):
        action.setEnabled(False)
    edit_menu.addActions([undo, redo])
    edit_menu.addSeparator()
    edit_menu.addActions([copy, find])

    add_menu = bar.addMenu(_("&Add"))
    add_menu.setObjectName("addMenu")
    actions.update(_add_commands(window, add_menu, commands, ADD))

    view_menu = bar.addMenu(_("&View"))
    view_menu.setObjectName("viewMenu")
    group = QActionGroup(window)
    group.setExclusive(True)
    pages: dict[str, QAction] = {}
    for number, spec in enumerate(declared_pages(features), start=1):
        action = QAction(spec.nav_label, window)
        action.setCheckable(True)
        if number <= 9:  # Ctrl+1…9; later pages are reached from the navigation
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        action.setData(spec.key)
        group.addAction(action)
        view_menu.addAction(action)
        pages[spec.key] = action

    help_menu = bar.addMenu(_("&Help"))
    about = QAction(_("&About Linli Desk"), window)
    about.setMenuRole(QAction.MenuRole.AboutRole)
    help_menu.addAction(about)

    return MenuActions(settings, quit_action, undo, redo, copy, find, about, pages, actions)


def _add_commands(window: QMainWindow, menu: QMenu, commands, which: str) -> dict[str, QAction]:
    """The declared commands of menu ``which``, in order; a separator between groups."""
    actions: dict[str, QAction] = {}
    last = None
    for feature, command in commands:
        if command.menu != which:
            continue
        if last is not None and last != (feature, command.group):
            menu.addSeparator()
        last = (feature, command.group)
        action = QAction(command.menu_text, window)
        action.setObjectName(command.name)
        keys = [QKeySequence(key) for key in command.keys]
        if command.standard is not None:
            keys = shortcuts(command.standard, command.keys[0] if command.keys else "")
        action.setShortcuts(keys)
        menu.addAction(action)
        actions[command.name] = action
    return actions


def _unique(keys: list[QKeySequence]) -> list[QKeySequence]:
    out: list[QKeySequence] = []
    for key in keys:
        if not any(k.matches(key) == QKeySequence.SequenceMatch.ExactMatch for k in out):
            out.append(key)
    return out
