"""Pictures of the "At the door" tab at the smallest window users have (910×512: a 1366×768
laptop at 150 %), in 简体, 繁體 and English — my doors, a visit in progress, and the full-screen
mode — saved to look at, with the layout check (nothing cut, nothing off the edge)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.context import AppContext
from desktop.core import i18n
from desktop.core.settings import Settings
from tests.ui.layout_check import layout_problems
from tests.ui.test_layout_small_screen import _settle, app_fonts  # noqa: F401 - a fixture
from tests.visits.doors.door_fixtures import make_campaign, visitors

SHOTS = Path(os.environ.get("LINLI_DOOR_SHOTS", "/tmp/shots"))
SIZE = (910, 512)


@pytest.fixture(scope="module")
def door_folder(tmp_path_factory):
    """A demo community with a campaign whose first doors were visited."""
    from desktop.core.paths import DataDir
    from desktop.storage.lifecycle import open_database
    from desktop.visits.doors.recording import VisitInput, record_visit
    from tests.visits.doors.door_fixtures import door_ids

    root = tmp_path_factory.mktemp("door") / "demo"
    data_dir = DataDir(root).prepare()
    db = open_database(data_dir, device_name="志愿者笔记本")
    campaign = make_campaign(db)
    (me, _name), _other = visitors(db, campaign)
    at = dt.datetime(2026, 12, 3, 9, 30)
    doors = door_ids(db, campaign, me)
    with db.unit_of_work("张志愿") as uow:
        for n, outcome in enumerate(("refused", "not_home", "vacant", "revisit")):
            record_visit(uow, VisitInput(doors[n], outcome, at + dt.timedelta(minutes=9 * n),
                                         callback_at=at + dt.timedelta(days=1)))
        record_visit(uow, VisitInput(doors[1], "not_home", at + dt.timedelta(days=1)))
    db.close()
    return root, campaign, me


def _window(qtbot, folder, tmp_path, runner, language, fonts):
    from desktop.core.paths import DataDir
    from desktop.storage.lifecycle import open_database
    from desktop.ui.shell.main_window import MainWindow

    i18n.set_language(language)
    fonts(language)
    copy = tmp_path / language
    shutil.copytree(folder, copy)
    data_dir = DataDir(copy).prepare()
    db = open_database(data_dir, device_name="志愿者笔记本")
    settings = Settings.load(data_dir.settings_file)
    settings.set("operator", "张志愿")
    window = MainWindow(AppContext(data_dir, settings, db), runner)
    qtbot.addWidget(window)
    window.resize(*SIZE)
    window.show()
    qtbot.waitExposed(window)
    return window, db


@pytest.mark.parametrize("language", ["zh_Hans", "zh_Hant", "en"])
def test_door_pictures_nothing_cut(qtbot, door_folder, tmp_path, runner, app_fonts,  # noqa: F811
                                   language):
    from desktop.ui.visits.door import DoorTab

    folder, _campaign, me = door_folder
    window, db = _window(qtbot, folder, tmp_path, runner, language, app_fonts)
    SHOTS.mkdir(parents=True, exist_ok=True)
    found = []
    try:
        page = window.show_page("visits")
        _settle(runner)
        tab = next(page.tabs.widget(i) for i in range(page.tabs.count())
                   if isinstance(page.tabs.widget(i), DoorTab))
        page.tabs.setCurrentWidget(tab)
        _settle(runner)
        assert tab.visitor.currentData() == me  # the operator is one of the visitors
        window.grab().save(str(SHOTS / f"door_list_{language}.png"))
        found += [f"list: {p}" for p in layout_problems(window)]

        tab.open_next()
        tab.door.outcomes._choose("completed")
        _settle(runner)
        filler = tab.door.filler
        first = filler.order()[0]
        filler.go_to(first)
        _settle(runner)
        window.grab().save(str(SHOTS / f"door_visit_{language}.png"))
        found += [f"visit: {p}" for p in layout_problems(window)]
        # Finish is on the screen, not below the fold of the page.
        finish = tab.door.finish
        assert finish.visibleRegion().boundingRect().height() >= finish.height() - 1

        tab.toggle_full_screen()
        tab.full_screen.showNormal()  # offscreen: "the whole screen" of a small laptop
        tab.full_screen.resize(*SIZE)
        _settle(runner)
        tab.full_screen.grab().save(str(SHOTS / f"door_fullscreen_{language}.png"))
        found += [f"full screen: {p}" for p in layout_problems(tab.full_screen)]
        tab.toggle_full_screen()
        _settle(runner)
        assert QApplication.activeWindow() is not None
    finally:
        window.hide()
        runner.wait_idle(30)
        db.close()
    assert not found, "\n".join(found)
