"""The composition root: start-up, screenshots, the demo, and folders that cannot be used."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from desktop.app import GuiOptions
from desktop.core.paths import DataDir
from desktop.roster.community import SetupAnswers, current_community, save_setup
from desktop.storage.lifecycle import open_database
from tests.conftest import TEST_PASSWORD
from tests.signing import open_as_operator

REPO = Path(__file__).resolve().parents[2]
PNG = b"\x89PNG\r\n\x1a\n"


def options(data_dir, screenshot=None, page=None, demo=False, lang="en") -> GuiOptions:
    return GuiOptions(str(data_dir), demo, lang, screenshot, page)


def set_up_community(root: Path) -> None:
    db = open_database(DataDir(root).prepare(), device_name="pc")
    try:
        with db.unit_of_work("王小红") as uow:
            save_setup(uow, SetupAnswers("翠苑一区社区", "", "社区办公室1", "王小红"))
    finally:
        db.close()


def run_linli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("QT_SCALE_FACTOR", None)
    return subprocess.run([sys.executable, "-m", "desktop", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)


def test_screenshot_from_the_command_line(tmp_path):
    root = tmp_path / "data"
    set_up_community(root)
    shot = tmp_path / "shots" / "main.png"
    result = run_linli("--data-dir", str(root), "--lang", "zh_Hans", "--screenshot", str(shot))
    assert result.returncode == 0, result.stderr
    assert shot.read_bytes()[:8] == PNG
    image = QImage(str(shot))
    assert image.width() >= 800 and image.height() >= 500
    log = (root / "logs" / "linli.log").read_text(encoding="utf-8")
    assert "main window shown" in log
    assert "翠苑" not in log and "王小红" not in log  # no personal or office data in the log


def test_a_data_folder_that_cannot_be_used_exits_with_2(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run_linli("--data-dir", str(blocker / "data"), "--lang", "en",
                       "--screenshot", str(tmp_path / "x.png"))
    assert result.returncode == 2
    assert "Cannot write to the data folder" in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_the_error_dialog_at_start_up_says_why(qapp, tmp_path):
    from desktop.app import run_gui

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    seen = {}

    def read_and_close():
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(50, read_and_close)
            return
        seen["text"], seen["details"] = box.text(), box.detailedText()
        box.close()

    QTimer.singleShot(50, read_and_close)
    assert run_gui(options(blocker)) == 2
    assert "is a file, not a folder" in seen["text"]


def test_a_damaged_database_is_refused_with_2(qapp, tmp_path, capsys):
    from desktop.app import run_gui

    root = tmp_path / "data"
    root.mkdir()
    (root / "linli.sqlite3").write_bytes(b"this is not a database at all" * 10)
    assert run_gui(options(root, screenshot=tmp_path / "x.png")) == 2
    assert "damaged" in capsys.readouterr().err
    assert (root / "linli.sqlite3").read_bytes().startswith(b"this is not")  # untouched


def test_in_process_screenshot_of_a_page(qapp, tmp_path):
    from desktop.app import run_gui

    root = tmp_path / "data"
    set_up_community(root)
    shot = tmp_path / "sync.png"
    assert run_gui(options(root, screenshot=shot, page="sync")) == 0
    assert shot.read_bytes()[:8] == PNG


def test_a_new_folder_without_community_still_screenshots(qapp, tmp_path):
    from desktop.app import run_gui

    shot = tmp_path / "empty.png"
    assert run_gui(options(tmp_path / "new", screenshot=shot)) == 0
    assert shot.exists()
    assert (tmp_path / "new" / "linli.sqlite3").exists()


def test_damaged_settings_do_not_stop_the_start(qapp, tmp_path, capsys):
    from desktop.app import run_gui

    root = tmp_path / "data"
    set_up_community(root)
    (root / "settings.json").write_text("{ not json", encoding="utf-8")
    assert run_gui(options(root, screenshot=tmp_path / "x.png")) == 0
    assert "damaged" in capsys.readouterr().err


@pytest.fixture
def fake_demo(monkeypatch):
    """A stand-in for desktop.roster.demo: creates the community, reports progress."""
    calls = []

    def generate_demo(db, residents=8000, seed=2026, ctx=None, operator="演示数据"):
        calls.append(residents)
        for i in range(5):
            ctx.report(i + 1, 5, "…")
        with db.unit_of_work(operator) as uow:
            save_setup(uow, SetupAnswers("演示社区", "", "演示电脑", operator))
        return types.SimpleNamespace(residents=residents, households=0)

    module = types.ModuleType("desktop.roster.demo")
    module.generate_demo = generate_demo
    monkeypatch.setitem(sys.modules, "desktop.roster.demo", module)
    return calls


def test_demo_mode_creates_the_demo_community_once(qapp, tmp_path, fake_demo):
    from desktop.app import run_gui

    root = tmp_path / "demo"
    assert run_gui(options(root, screenshot=tmp_path / "1.png", demo=True)) == 0
    assert run_gui(options(root, screenshot=tmp_path / "2.png", demo=True)) == 0
    assert fake_demo == [8000]
    db = open_database(DataDir(root))
    try:
        with db.reading() as session:
            assert current_community(session).name == "演示社区"
    finally:
        db.close()


def test_demo_mode_without_the_generator_says_so(qapp, tmp_path, monkeypatch, capsys):
    from desktop.app import run_gui

    monkeypatch.setitem(sys.modules, "desktop.roster.demo", None)  # import fails
    assert run_gui(options(tmp_path / "demo", screenshot=tmp_path / "x.png", demo=True)) == 2
    assert "demo" in capsys.readouterr().err


def test_the_ui_scale_setting_reaches_qt(tmp_path):
    root = tmp_path / "data"
    set_up_community(root)
    (root / "settings.json").write_text('{"version": 1, "options": {"ui_scale": 150}}',
                                        encoding="utf-8")
    shot = tmp_path / "scaled.png"
    result = run_linli("--data-dir", str(root), "--screenshot", str(shot))
    assert result.returncode == 0, result.stderr
    image = QImage(str(shot))
    assert image.width() >= 1.4 * 1180  # the window's logical size times 1.5


def closing_the_window(note):
    """A timer callback: once the main window is shown, ``note(window)``, then close it as a
    user would (which ends the app)."""
    from desktop.ui.shell.main_window import MainWindow

    def close() -> None:
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(20, close)
            return
        note(windows[0])
        windows[0].close()

    return close


def test_first_start_asks_for_setup_then_opens_the_window(qapp, tmp_path):
    """The whole interactive path: setup dialog, main window, closing it ends the app."""
    from desktop.app import run_gui
    from desktop.ui.security.first_operator import ProtectDialog
    from desktop.ui.setup.dialog import SetupDialog

    seen = {}

    def protect():
        # A new office is encrypted first: the first operator's name and password, then the
        # recovery code, written down before going on.
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ProtectDialog):
            QTimer.singleShot(20, protect)
            return
        dialog.name.setText("王小红")
        dialog.passwords.first.setText(TEST_PASSWORD)
        dialog.passwords.again.setText(TEST_PASSWORD)
        dialog.next_()
        seen["code"] = dialog.recovery_code
        dialog.written.setChecked(True)
        dialog.finish()
        QTimer.singleShot(20, fill_setup)

    def fill_setup():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SetupDialog):
            QTimer.singleShot(20, fill_setup)
            return
        dialog.edits["community_name"].setText("翠苑一区社区")
        dialog.edits["device_name"].setText("社区办公室1")
        seen["operator"] = dialog.edits["operator"].text()
        dialog.accept()
        QTimer.singleShot(20, closing_the_window(
            lambda window: seen.update(title=window.windowTitle())))

    QTimer.singleShot(20, protect)
    assert run_gui(options(tmp_path / "data")) == 0
    assert "翠苑一区社区" in seen["title"]
    assert seen["operator"] == "王小红" and len(seen["code"]) >= 24
    assert not (tmp_path / "data" / "linli.sqlite3").read_bytes().startswith(b"SQLite format 3")
    db = open_as_operator(DataDir(tmp_path / "data"))
    try:
        with db.reading() as session:
            assert current_community(session).name == "翠苑一区社区"
    finally:
        db.close()


def test_quitting_the_protection_leaves_without_a_window(qapp, tmp_path):
    from desktop.app import run_gui
    from desktop.ui.security.first_operator import ProtectDialog

    def quit_protect():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ProtectDialog):
            QTimer.singleShot(20, quit_protect)
            return
        dialog.reject()

    QTimer.singleShot(20, quit_protect)
    assert run_gui(options(tmp_path / "data")) == 0
    assert not (tmp_path / "data" / "keys.json").exists()  # quit before any key was made


def test_a_screenshot_without_a_display_goes_offscreen_by_itself(tmp_path):
    root = tmp_path / "data"
    set_up_community(root)
    shot = tmp_path / "no-display.png"
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "QT_SCALE_FACTOR")}
    result = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(root), "--lang",
                             "en", "--screenshot", str(shot)], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert shot.read_bytes()[:8] == PNG


def test_the_roster_screenshot_waits_for_the_place_tree(qapp, tmp_path, monkeypatch):
    """On a busy machine the table's first paint comes late, and the tree and the overview are
    read only after it: the picture must still show them."""
    from desktop.app import run_gui
    from desktop.roster.demo import generate_demo
    from desktop.ui.roster.page import RosterPage
    from desktop.ui.shell.main_window import MainWindow

    root = tmp_path / "data"
    db = open_database(DataDir(root).prepare(), device_name="pc")
    try:
        generate_demo(db, residents=60)
    finally:
        db.close()
    original_load = RosterPage.load

    def load_with_a_late_first_paint(page):
        original_load(page)
        # The first paint does not start the loads here: only the page's fallback timer does.
        page._paint_watch.removeEventFilter(page)
        page._paint_watch = None

    monkeypatch.setattr(RosterPage, "load", load_with_a_late_first_paint)
    seen = {}
    original_grab = MainWindow.grab

    def grab(window, *args):
        page = window.pages["roster"]
        seen["places"] = page.tree.topLevelItemCount()
        seen["overview"] = page.overview
        return original_grab(window, *args)

    monkeypatch.setattr(MainWindow, "grab", grab)
    assert run_gui(options(root, screenshot=tmp_path / "roster.png", page="roster")) == 0
    assert seen["places"] > 0 and seen["overview"] is not None
    assert seen["overview"].counts.residents == 60


def test_the_window_without_a_display_says_so_instead_of_aborting(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "QT_SCALE_FACTOR")}
    result = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(tmp_path / "d"),
                             "--lang", "en"], cwd=REPO, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2
    assert "no display" in result.stderr and "--screenshot" in result.stderr


def test_the_notices_screenshot_shows_the_current_preview(qapp, tmp_path, monkeypatch):
    from desktop.app import run_gui
    from desktop.ui.shell.main_window import MainWindow

    root = tmp_path / "data"
    set_up_community(root)
    seen = {}
    original_grab = MainWindow.grab

    def grab(window, *args):
        page = window.pages["notices"]
        seen["current"] = page.rendered is not None and page.rendered.generation == page.generation
        seen["pages"] = page.preview.page_count
        return original_grab(window, *args)

    monkeypatch.setattr(MainWindow, "grab", grab)
    assert run_gui(options(root, screenshot=tmp_path / "notices.png", page="notices")) == 0
    assert seen == {"current": True, "pages": 1}


def test_a_protected_office_opens_after_signing_in(qapp, tmp_path, monkeypatch):
    """The window of a protected folder: the sign-in dialog first; a wrong password is said
    there and the right one opens the window, signed in as that operator."""
    from desktop.app import run_gui
    from desktop.cli import main
    from desktop.ui.security.signin import SignInDialog

    root = tmp_path / "data"
    assert main(["setup", "--data-dir", str(root), "--community", "翠苑一区社区",
                 "--device", "pc", "--operator", "王小红"]) == 0
    monkeypatch.delenv("LINLI_PASSWORD")  # a person at the window types it
    seen = {}

    def sign_in():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SignInDialog):
            QTimer.singleShot(20, sign_in)
            return
        dialog.password.setText("不对的密码-123")
        dialog.sign_in()
        seen["wrong"] = dialog.message.text()
        dialog.password.setText(TEST_PASSWORD)
        dialog.sign_in()
        QTimer.singleShot(20, closing_the_window(lambda window: seen.update(
            operator=window.ctx.operator, locks=window.idle_lock is not None)))

    QTimer.singleShot(20, sign_in)
    assert run_gui(options(root)) == 0
    assert "wrong" in seen["wrong"]
    assert seen["operator"] == "王小红" and seen["locks"]
    monkeypatch.setenv("LINLI_PASSWORD", TEST_PASSWORD)
    db = open_as_operator(DataDir(root))
    try:
        from desktop.security.audit import entries

        with db.reading() as session:
            actions = [e.action for e in entries(session)]
    finally:
        db.close()
    assert "sign_in" in actions and "sign_out" in actions
