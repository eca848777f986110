"""``linli FILE.linli``: a bundle file as the only argument, as Windows and the .desktop
association pass it on a double-click, opens the window on Sync ▸ Import with that file read.
A missing or non-bundle file is said on that page; the app does not crash."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.cli import build_parser, main, split_bundle
from desktop.core.paths import DataDir
from desktop.roster.community import SetupAnswers, save_setup
from desktop.storage.lifecycle import open_database
from tests.signing import set_up_protected

PASSPHRASE = "翠苑 correct horse"


def set_up(root: Path, community: str, device: str) -> None:
    """A laptop's folder as ``linli setup`` leaves it: protected; the window signs in
    through LINLI_PASSWORD (a plain folder would ask for a password first)."""
    set_up_protected(root, community, device)


def set_up_plain(root: Path, community: str, device: str) -> None:
    db = open_database(DataDir(root).prepare(), device_name=device)
    try:
        with db.unit_of_work("王小红") as uow:
            save_setup(uow, SetupAnswers(community, "", device, "王小红"))
    finally:
        db.close()


@pytest.fixture
def office_bundle(tmp_path) -> Path:
    """A real bundle, exported by another copy of the app."""
    from desktop.sync.transfer import ExportRequest, export_bundle

    office = tmp_path / "office"
    set_up_plain(office, "翠苑一区社区", "社区办公室1")
    db = open_database(DataDir(office).prepare(), device_name="社区办公室1")
    try:
        export_bundle(db, ExportRequest(tmp_path / "翠苑 交换.linli", PASSPHRASE))
    finally:
        db.close()
    return tmp_path / "翠苑 交换.linli"


def commands() -> set[str]:
    from desktop.cli import _commands

    return _commands(build_parser())


def test_a_bundle_as_the_only_argument_is_the_file_to_open():
    # Windows passes the full path; the .desktop entry passes %f. Any name when it is alone.
    assert split_bundle([r"C:\Users\王\Desktop\翠苑.linli"], commands()) == (
        [], Path(r"C:\Users\王\Desktop\翠苑.linli"))
    assert split_bundle(["--lang", "en", "a.linli"], commands()) == (["--lang", "en"],
                                                                     Path("a.linli"))
    # Headless commands and option values are left as they were.
    for argv in (["bundle", "inspect", "a.linli"], ["--data-dir", "d.linli"], ["roster"],
                 ["--version"], ["--demo"]):
        assert split_bundle(argv, commands()) == (argv, None)


def open_with(argv: list[str]) -> dict:
    """Run ``linli ARGV`` in this process; once the import panel has read the file, note what
    it shows and close the window as a user would."""
    from desktop.ui.shell.main_window import MainWindow

    seen: dict = {}
    deadline = time.monotonic() + 30

    def look() -> None:
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(20, look)
            return
        window = windows[0]
        panel = window.pages["sync"].import_panel if "sync" in window.pages else None
        if panel is None or panel.busy or not (panel.header_box.isVisible()
                                               or panel.message.text()):
            if time.monotonic() < deadline:
                QTimer.singleShot(20, look)
            else:  # never opened on the import: close, and let the asserts say so
                seen.update(page=window.current_key)
                window.close()
            return
        seen.update(page=window.current_key, tab=window.pages["sync"].tabs.currentWidget(),
                    panel=panel, sender=panel.sender_label.text(),
                    header_shown=panel.header_box.isVisible(), message=panel.message.text(),
                    passphrase_shown=panel.passphrase_row.isVisible())
        window.close()

    QTimer.singleShot(20, look)
    seen["exit"] = main(argv)
    return seen


def test_double_clicking_a_bundle_opens_its_import(qapp, tmp_path, office_bundle):
    laptop = tmp_path / "laptop"
    set_up(laptop, "翠苑一区社区", "志愿者笔记本")
    seen = open_with(["--data-dir", str(laptop), "--lang", "en", str(office_bundle)])
    assert seen["exit"] == 0
    assert seen["page"] == "sync" and seen["tab"] is seen["panel"]
    assert seen["header_shown"] and seen["sender"] == "社区办公室1"
    assert seen["passphrase_shown"] and seen["message"] == ""
    assert seen["panel"].path == office_bundle


@pytest.mark.parametrize("name, content, said", [
    ("gone.linli", None, "could not be read"),
    ("notes.linli", b"just some text\n", "is not a Linli Desk bundle"),
])
def test_a_missing_or_wrong_file_is_said_on_the_page(qapp, tmp_path, name, content, said):
    laptop = tmp_path / "laptop"
    set_up(laptop, "翠苑一区社区", "志愿者笔记本")
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    seen = open_with(["--data-dir", str(laptop), "--lang", "en", str(path)])
    assert seen["exit"] == 0
    assert seen["page"] == "sync" and seen["tab"] is seen["panel"]
    assert not seen["header_shown"] and name in seen["message"] and said in seen["message"]
