"""Every page, in every language, at the smallest window users have (a 1366×768 laptop at
150 % offers about 910×512 points; the window is held to 900×500): no text cut or elided, no
widget off the window's edge. English is the longest; Chinese the most common."""

from __future__ import annotations

import os
import shutil

import pytest
from PySide6.QtWidgets import QApplication

from desktop.context import AppContext
from desktop.core import i18n
from desktop.core.settings import Settings
from tests.ui.layout_check import layout_problems

SIZE = (900, 500)
SHOTS = os.environ.get("LINLI_LAYOUT_SHOTS")  # a folder: pictures of the pages that fail
LANGUAGES = ("zh_Hans", "zh_Hant", "en")
# Every page; a page with tabs once per tab.
VIEWS = (("roster", 0), ("roster", 1), ("roster", 2), ("visits", 0), ("visits", 1),
         ("visits", 2), ("votes", 0), ("votes", 1), ("meetings", 0), ("meetings", 1),
         ("notices", None), ("sync", "export"), ("sync", "import"), ("sync", "history"),
         ("sync", "review"), ("sync", "devices"), ("settings", None))


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory):
    """One demo community (residents, households, notices, survey forms), copied for each
    language."""
    from desktop.core.paths import DataDir
    from desktop.core.tasks import TaskContext
    from desktop.setup.demo import fill_demo
    from desktop.storage.lifecycle import open_database

    root = tmp_path_factory.mktemp("layout") / "demo"
    data_dir = DataDir(root).prepare()
    db = open_database(data_dir, device_name="社区办公室1")
    fill_demo(db, 300, TaskContext())
    db.close()
    return root


@pytest.fixture
def app_fonts(qapp):
    """The look and fonts the app uses (its style sheet; an office CJK font or the bundled
    one), as ``desktop.app`` applies them; put back afterwards for the other tests."""
    from desktop.core.paths import resources_dir
    from desktop.ui.fonts import apply_fonts
    from desktop.ui.style import apply_style

    font, sheet, style = QApplication.font(), qapp.styleSheet(), qapp.style().name()

    def apply(language: str) -> None:
        apply_style(qapp)
        apply_fonts(qapp, language, resources_dir() / "fonts")

    yield apply
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)
    QApplication.setFont(font)


def _settle(runner) -> None:
    for _ in range(5):
        QApplication.processEvents()
    runner.wait_idle(30)
    for _ in range(5):
        QApplication.processEvents()


def open_small_window(qtbot, folder, tmp_path, runner, language, fonts, size=SIZE):
    from desktop.core.paths import DataDir
    from desktop.storage.lifecycle import open_database
    from desktop.ui.shell.main_window import MainWindow

    i18n.set_language(language)
    fonts(language)
    copy = tmp_path / language
    shutil.copytree(folder, copy)
    data_dir = DataDir(copy).prepare()
    db = open_database(data_dir, device_name="社区办公室1")
    settings = Settings.load(data_dir.settings_file)
    settings.set("operator", "王小红")
    ctx = AppContext(data_dir, settings, db, demo=True)
    window = MainWindow(ctx, runner)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    return window, db


def show_view(window, runner, key, tab):
    page = window.show_page(key)
    _settle(runner)
    if key in ("roster", "visits", "votes", "meetings"):
        page.tabs.setCurrentIndex(tab)
    elif key == "sync":
        page.show_tab(tab)
    _settle(runner)
    return page


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_fits_900_by_500(qtbot, demo_folder, tmp_path, runner, app_fonts, language):
    window, db = open_small_window(qtbot, demo_folder, tmp_path, runner, language, app_fonts)
    try:
        assert (window.width(), window.height()) == SIZE, "the window refuses to be this small"
        found = []
        for key, tab in VIEWS:
            show_view(window, runner, key, tab)
            problems = layout_problems(window)
            if problems and SHOTS:
                window.grab().save(f"{SHOTS}/{key}_{tab}_{language}.png")
            found += [f"{key}/{tab}: {problem}" for problem in problems]
        assert not found, "\n".join(found)
    finally:
        window.hide()
        runner.wait_idle(30)
        db.close()
