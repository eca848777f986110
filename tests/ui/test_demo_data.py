"""The window and demo data: a demo database shows DEMO whenever it is open, and the demo never
opens or fills a folder with real data."""

from __future__ import annotations

import sqlite3

import pytest

from desktop import app as app_module
from desktop.app import GuiOptions
from desktop.core import paths
from desktop.storage.marks import DatabaseKind, database_kind
from tests.ui.test_app import options, set_up_community


@pytest.fixture
def seen(monkeypatch):
    """What the window showed when its screenshot was taken."""
    shown: list[dict] = []
    original = app_module._screenshot

    def spy(app, window, runner, path):
        shown.append({"title": window.windowTitle(),
                      "badge": window.demo_badge.isVisibleTo(window),
                      "status": window.status.demo_label.isVisibleTo(window)})
        return original(app, window, runner, path)

    monkeypatch.setattr(app_module, "_screenshot", spy)
    monkeypatch.setattr(app_module, "DEMO_RESIDENTS", 40)  # a small demo, the real generator
    return shown


def residents(root) -> int:
    con = sqlite3.connect(root / "linli.sqlite3")
    try:
        return con.execute("select count(*) from resident").fetchone()[0]
    finally:
        con.close()


def test_a_demo_folder_opened_without_demo_still_shows_demo(qapp, tmp_path, seen):
    from desktop.app import run_gui

    root = tmp_path / "empty-folder"
    assert run_gui(options(root, screenshot=tmp_path / "1.png", demo=True)) == 0
    assert database_kind(root / "linli.sqlite3") is DatabaseKind.DEMO
    assert run_gui(options(root, screenshot=tmp_path / "2.png", demo=False)) == 0
    for shown in seen:
        assert "[demo data]" in shown["title"]
        assert shown["badge"] and shown["status"]
    assert residents(root) == 40  # opened twice, filled once


def test_the_demo_refuses_a_folder_with_real_data(qapp, tmp_path, seen, capsys):
    from desktop.app import run_gui

    real = tmp_path / "office"
    set_up_community(real)
    before = (real / "linli.sqlite3").read_bytes()
    assert run_gui(options(real, screenshot=tmp_path / "x.png", demo=True)) == 2
    err = capsys.readouterr().err
    assert "real data" in err and "--data-dir" in err
    assert (real / "linli.sqlite3").read_bytes() == before
    assert database_kind(real / "linli.sqlite3") is DatabaseKind.REAL and not seen


def test_the_demo_leaves_the_folder_of_linli_data_dir_alone(qapp, tmp_path, seen, monkeypatch):
    from desktop.app import run_gui

    real = tmp_path / "office"
    set_up_community(real)
    monkeypatch.setenv("LINLI_DATA_DIR", str(real))
    demo_home = tmp_path / "LinliDesk-demo"
    monkeypatch.setattr(paths, "default_data_dir",
                        lambda demo=False: demo_home if demo else tmp_path / "LinliDesk")
    assert run_gui(GuiOptions(None, True, "en", tmp_path / "x.png", None)) == 0
    assert residents(real) == 0 and database_kind(real / "linli.sqlite3") is DatabaseKind.REAL
    assert database_kind(demo_home / "linli.sqlite3") is DatabaseKind.DEMO
    assert residents(demo_home) == 40
