"""The demo database says so itself, and demo and real data never share a folder (headless)."""

from __future__ import annotations

import sqlite3

from desktop.cli import main
from desktop.core import paths
from desktop.core.paths import DataDir, choose_data_dir
from desktop.storage.lifecycle import open_database
from desktop.storage.marks import DatabaseKind, database_kind


def test_the_headless_demo_database_carries_the_mark(tmp_path, capsys):
    out = tmp_path / "demo" / "linli.sqlite3"
    assert main(["--lang", "en", "demo", "--residents", "20", "--out", str(out)]) == 0
    assert database_kind(out) is DatabaseKind.DEMO
    # The mark is in the file: copied or renamed, it is still a demo.
    moved = tmp_path / "elsewhere" / "linli.sqlite3"
    moved.parent.mkdir()
    out.rename(moved)
    assert database_kind(moved) is DatabaseKind.DEMO
    capsys.readouterr()
    assert main(["--lang", "en", "roster", "export", "--data-dir", str(moved.parent),
                 "--out", str(tmp_path / "x.csv")]) == 0
    assert "demo community" in capsys.readouterr().err


def test_a_real_database_is_not_taken_for_a_demo(tmp_path, capsys):
    root = tmp_path / "office"
    assert main(["setup", "--data-dir", str(root), "--community", "翠苑一区社区", "--device",
                 "pc1", "--operator", "王小红"]) == 0
    # Set up headless, the office's database is encrypted: real data, never a demo's.
    assert database_kind(root / "linli.sqlite3") is DatabaseKind.ENCRYPTED
    capsys.readouterr()
    assert main(["--lang", "en", "roster", "export", "--data-dir", str(root),
                 "--out", str(tmp_path / "x.csv")]) == 0
    assert "demo" not in capsys.readouterr().err


def test_kinds_of_folder(tmp_path):
    assert database_kind(tmp_path / "none.sqlite3") is DatabaseKind.NONE
    open_database(DataDir(tmp_path / "new").prepare()).close()
    assert database_kind(tmp_path / "new" / "linli.sqlite3") is DatabaseKind.EMPTY
    other = tmp_path / "other.sqlite3"
    con = sqlite3.connect(other)
    con.execute("create table photos (id integer)")
    con.close()
    assert database_kind(other) is DatabaseKind.UNKNOWN


def test_the_demo_never_takes_the_real_folder_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("LINLI_DATA_DIR", str(tmp_path / "real"))
    monkeypatch.setattr(paths, "default_data_dir",
                        lambda demo=False: tmp_path / ("demo-default" if demo else "default"))
    assert choose_data_dir(None, demo=False) == tmp_path / "real"
    assert choose_data_dir(None, demo=True) == tmp_path / "demo-default"
    assert choose_data_dir(tmp_path / "given", demo=True) == tmp_path / "given"
