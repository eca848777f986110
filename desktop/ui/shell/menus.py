"""The menu bar: File, Edit (undo, redo, copy, find), Add, View (one entry per page,
Ctrl+1…6) and Help."""

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
    import_roster: QAction
    export_roster: QAction
    print_roster: QAction
    import_history: QAction
    settings: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    copy: QAction
    find: QAction
    about: QAction
    new_resident: QAction
    new_household: QAction
    new_compound: QAction
    new_building: QAction
    create_dwellings: QAction
    pages: dict[str, QAction] = field(default_factory=dict)
    export_bundle: QAction | None = None
    import_bundle: QAction | None = None


def build_menus(window: QMainWindow) -> MenuActions:
    bar = window.menuBar()

    file_menu = bar.addMenu(_("&File"))
    import_roster = QAction(_("&Import roster…"), window)
    import_roster.setShortcut(QKeySequence("Ctrl+I"))
    file_menu.addAction(import_roster)
    export_roster = QAction(_("&Export roster…"), window)
    export_roster.setShortcut(QKeySequence("Ctrl+E"))
    file_menu.addAction(export_roster)
    print_roster = QAction(_("&Print roster…"), window)
    print_roster.setShortcuts(shortcuts(QKeySequence.StandardKey.Print, "Ctrl+P"))
    file_menu.addAction(print_roster)
    import_history = QAction(_("Import &history…"), window)
    file_menu.addAction(import_history)
    file_menu.addSeparator()
    export_bundle = QAction(_("Export &bundle…"), window)
    import_bundle = QAction(_("Import b&undle…"), window)
    file_menu.addActions([export_bundle, import_bundle])
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
    new_resident = QAction(_("New &resident…"), window)
    new_resident.setShortcut(QKeySequence("Ctrl+N"))
    new_household = QAction(_("New &household…"), window)
    new_household.setShortcut(QKeySequence("Ctrl+Shift+N"))
    new_compound = QAction(_("New &compound…"), window)
    new_building = QAction(_("New &building…"), window)
    create_dwellings = QAction(_("Create &dwellings…"), window)
    add_menu.addActions([new_resident, new_household])
    add_menu.addSeparator()
    add_menu.addActions([new_compound, new_building, create_dwellings])

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

    return MenuActions(import_roster, export_roster, print_roster, import_history, settings,
                       quit_action, undo, redo, copy, find, about, new_resident, new_household,
                       new_compound, new_building, create_dwellings, pages,
                       export_bundle=export_bundle, import_bundle=import_bundle)


def _unique(keys: list[QKeySequence]) -> list[QKeySequence]:
    out: list[QKeySequence] = []
    for key in keys:
        if not any(k.matches(key) == QKeySequence.SequenceMatch.ExactMatch for k in out):
            out.append(key)
    return out
