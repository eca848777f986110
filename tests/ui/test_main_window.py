"""The main window: every page reachable (navigation and Ctrl+1…6), status bar, menus."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLabel

from desktop import __version__
from desktop.cli import PAGES
from desktop.ui.features import declared_features, declared_pages


def test_the_declared_pages_are_those_of_the_command_line_in_order(window):
    assert tuple(spec.key for spec in declared_pages(declared_features())) == PAGES
    assert window.page_keys == PAGES


def test_every_page_shows_a_header_and_never_a_blank_page(window):
    for key in PAGES:
        page = window.show_page(key)
        assert window.stack.currentWidget() is page
        assert window.current_key == key
        assert page.title_label.text().strip()
        assert page.subtitle_label.text().strip()
        texts = [label.text() for label in page.findChildren(QLabel) if label.text().strip()]
        assert len(texts) >= 4, key  # a title, what it is for, and some content


@pytest.mark.parametrize("number, key", list(enumerate(PAGES, start=1)))
def test_ctrl_number_switches_pages(window, qtbot, number, key):
    window.show_page("settings" if key != "settings" else "roster")
    window.activateWindow()
    qtbot.keyClick(window.nav, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
    assert window.current_key == key
    assert window.actions_.pages[key].isChecked()


def test_clicking_the_navigation_switches_pages(window, qtbot):
    item = window.nav.item(PAGES.index("notices"))
    rect = window.nav.visualItemRect(item)
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_key == "notices"
    assert window.stack.currentWidget() is window.pages["notices"]


def test_status_bar_shows_community_device_and_operator(window):
    status = window.status
    assert "翠苑一区社区" in status.community_label.text()
    assert "社区办公室1" in status.device_label.text()
    assert "王小红" in status.operator_label.text()
    assert status.database_label.full_text().endswith("linli.sqlite3")
    assert not status.demo_label.isVisible()
    assert "翠苑一区社区" in window.windowTitle()


def test_demo_mode_is_marked_in_title_and_status_bar(qtbot, ctx, community, runner):
    from desktop.ui.shell.main_window import MainWindow

    ctx.demo = True
    main = MainWindow(ctx, runner)
    qtbot.addWidget(main)
    main.show()
    assert main.status.demo_label.isVisible()
    assert "demo" in main.status.demo_label.text().lower()
    assert "demo" in main.windowTitle().lower()
    assert main.demo_badge.isVisible()


def test_roster_page_counts_the_roster(window, qtbot):
    roster = window.pages["roster"]
    qtbot.waitUntil(lambda: roster.counts is not None)
    assert roster.counts.residents == 0
    assert roster.cards["residents"].value_label.text() == "0"
    assert roster.empty_hint.isVisible()
    assert "翠苑一区社区" in roster.subtitle_label.text()


def test_menus_have_standard_shortcuts_and_undo_waits_for_an_edit(window):
    actions = window.actions_
    assert QKeySequence("Ctrl+Q") in actions.quit.shortcuts()
    assert QKeySequence("Ctrl+Z") in actions.undo.shortcuts()
    assert QKeySequence("Ctrl+F") in actions.find.shortcuts()
    assert not actions.settings.shortcuts() == []
    # Nothing to undo or redo before the first edit of the session.
    assert not actions.undo.isEnabled() and not actions.redo.isEnabled()
    for action in (actions.undo, actions.redo, actions.copy, actions.find):
        assert action.text()
    for number, key in enumerate(PAGES, start=1):
        assert actions.pages[key].shortcut() == QKeySequence(f"Ctrl+{number}")


def test_about_shows_the_version(window):
    box = window.show_about()
    assert __version__ in box.text()
    box.close()


def test_quit_closes_the_window(window):
    window.actions_.quit.trigger()
    assert not window.isVisible()


def test_settings_menu_opens_the_dialog(window, qtbot):
    dialog = window.open_settings()
    assert dialog.isVisible()
    dialog.form.operator.setText("李四")
    dialog.accept()
    assert "李四" in window.status.operator_label.text()
    QApplication.processEvents()


def test_set_your_name_in_the_status_bar_opens_settings_at_the_name(window, qtbot):
    window.activateWindow()
    window.status.operator_requested.emit()  # the "set your name" link
    assert window.current_key == "settings"
    operator = window.pages["settings"].form.operator
    qtbot.waitUntil(lambda: QApplication.focusWidget() is operator, timeout=2000)
    assert operator.selectedText() == operator.text() == "王小红"
