"""Features declare themselves: a toy feature's declaration, written here, puts its page, its
navigation entry, its File command and its Add command into a real main window, with no change
to the shell; and the real declarations keep every menu entry and shortcut in its place."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QMenu

from desktop.ui.features import (
    ADD,
    FILE,
    Command,
    FeatureUI,
    PageDeclaration,
    declared_features,
)


def _toy_page(_ctx, _runner):
    from desktop.ui.widgets.page import Page

    class ToyPage(Page):
        key = "toy"

        def __init__(self):
            super().__init__("Toy", "A page no shell code knows.")
            self.opened: list[str] = []
            self.body.addWidget(QLabel("toy content"))

        def open_form(self, what: str = "form") -> str:
            self.opened.append(what)
            return what

    return ToyPage()


TOY = FeatureUI(
    "toy",
    pages=(PageDeclaration("toy", "Toy things", _toy_page),),
    commands=(
        Command("export_toys", "Export &toys…", FILE, "toy",
                lambda page, what="export": page.open_form(what), keys=("Ctrl+Alt+T",)),
        Command("new_toy", "New &toy…", ADD, "toy", lambda page: page.open_form("new"),
                keys=("Ctrl+Alt+N",)),
    ),
)


@pytest.fixture
def toy_window(qtbot, ctx, community, runner):
    from desktop.ui.shell.main_window import MainWindow

    main = MainWindow(ctx, runner, features=(*declared_features(), TOY))
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    runner.wait_idle(10)


def _menu(window, name: str) -> QMenu:
    return window.menuBar().findChild(QMenu, name)


def _texts(menu: QMenu) -> list[str]:
    return [action.text() or "—" for action in menu.actions()]  # "—": a separator


def test_a_toy_feature_adds_its_page_navigation_and_commands(toy_window, qtbot):
    window = toy_window
    # Its navigation entry, after the others, with its View entry and Ctrl+number.
    item = window.nav.item(window.nav.count() - 1)
    assert item.text() == "Toy things" and item.data(Qt.ItemDataRole.UserRole) == "toy"
    number = window.nav.count()
    assert window.actions_.pages["toy"].shortcut() == QKeySequence(f"Ctrl+{number}")
    assert "toy" not in window.pages  # built when first shown, as every page

    # Its File command sits with the features' commands, before Settings…, parted from them.
    file_texts = _texts(_menu(window, "fileMenu"))
    at = file_texts.index("Export &toys…")
    assert file_texts[at - 1] == "—" and file_texts[at + 1] == "—"
    assert file_texts.index("&Settings…") > at
    # The menu command shows the page, then runs on it.
    window.show_page("roster")
    window.actions_.export_toys.trigger()
    assert window.current_key == "toy"
    assert window.stack.currentWidget() is window.pages["toy"]
    assert window.pages["toy"].opened == ["export"]

    # Its Add command, from any page.
    assert "New &toy…" in _texts(_menu(window, "addMenu"))
    window.show_page("settings")
    window.activateWindow()
    qtbot.keyClick(window.nav, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert window.current_key == "toy"
    assert window.pages["toy"].opened == ["export", "new"]
    # A command may take arguments when run from code (as Import bundle takes a file).
    assert window.run_command("export_toys", "chosen") == "chosen"

    # Clicking its navigation entry shows it.
    rect = window.nav.visualItemRect(item)
    window.show_page("roster")
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_key == "toy"


def test_a_command_on_an_undeclared_page_or_a_page_declared_twice_is_refused():
    from desktop.ui.features import declared_commands, declared_pages

    stray = FeatureUI("stray", commands=(
        Command("lost", "Lost", FILE, "nowhere", lambda page: None),))
    with pytest.raises(ValueError, match="lost"):
        declared_commands((*declared_features(), stray))
    with pytest.raises(ValueError, match="toy"):
        declared_pages((TOY, TOY))


def test_the_menus_keep_their_entries_and_shortcuts(window):
    """The real declarations give the menus they had before features declared themselves,
    with the survey forms' entries after the roster's."""
    assert _texts(_menu(window, "fileMenu")) == [
        "&Import roster…", "&Export roster…", "&Print roster…", "Import &history…", "—",
        "Import survey &form (XLSForm)…", "—",
        "Export &bundle…", "Import b&undle…", "—", "&Settings…", "—", "&Quit"]
    assert _texts(_menu(window, "addMenu")) == [
        "New &resident…", "New &household…", "—",
        "New &compound…", "New &building…", "Create &dwellings…", "—", "New survey &form…"]
    keys = {name: [k.toString() for k in window.actions_.commands[name].shortcuts()]
            for name in window.actions_.commands}
    assert keys["import_roster"] == ["Ctrl+I"] and keys["export_roster"] == ["Ctrl+E"]
    assert "Ctrl+P" in keys["print_roster"]
    assert keys["new_resident"] == ["Ctrl+N"] and keys["new_household"] == ["Ctrl+Shift+N"]


def test_no_two_menu_entries_share_a_shortcut(toy_window):
    seen: dict[str, str] = {}
    for action in toy_window.findChildren(type(toy_window.actions_.quit)):
        for key in action.shortcuts():
            text = key.toString()
            assert text not in seen, (text, seen.get(text), action.text())
            seen[text] = action.text()


def _search_page(_ctx, _runner):
    page = _toy_page(_ctx, _runner)
    page.searched = 0

    def focus_search():
        page.searched += 1

    page.focus_search = focus_search
    return page


def test_a_window_of_toy_features_alone_finds_on_the_page_declared_for_it(
        qtbot, ctx, community, runner):
    """No roster at all: the shell needs none, and Find goes where a declaration says."""
    from desktop.ui.shell.main_window import MainWindow

    toys = FeatureUI("toys", pages=(
        PageDeclaration("toy", "Toy things", _toy_page),
        PageDeclaration("toy_search", "Toy search", _search_page, default_find=True),
    ))
    window = MainWindow(ctx, runner, features=(toys,), page="toy")
    qtbot.addWidget(window)
    window.show()
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "Toy things", "Toy search"]
    assert window.actions_.commands == {}
    window.actions_.find.trigger()
    assert window.current_key == "toy_search"
    assert window.pages["toy_search"].searched == 1
    runner.wait_idle(10)


def test_one_list_names_each_feature_for_the_core_and_the_window():
    from desktop.core.features import FEATURES
    from desktop.core.features import declared_features as core_features

    # The window's features are the list's, in its order, each under its own key...
    assert [f.key for f in declared_features()] == [f.key for f in FEATURES if f.ui]
    # ...and so are the core's (a feature whose window and core disagree on a key would put
    # its tables under one name and its page under another).
    assert [f.key for f in core_features()] == [f.key for f in FEATURES if f.core]
