"""SQLite's errors a user can cause — a read-only folder or file, a full disk, a locked or
damaged database, a file that cannot be opened — each told as what it is, in the window and in
the headless commands, never as a traceback and never as "damaged" when it is not."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import Engine, event

from desktop.storage.lifecycle import open_database
from tests.faults.office import (
    can_make_read_only,
    dump,
    import_roster,
    linli,
    make_office,
    residents,
    roster_file,
)

DAMAGED = "is damaged or is not a Linli Desk database"


def _real_error(action) -> sqlite3.Error:
    try:
        action()
    except sqlite3.Error as exc:
        return exc
    raise AssertionError("SQLite did not fail")


def _filled(path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (a)")
    con.execute("INSERT INTO t VALUES (1)")
    con.commit()
    con.close()


@pytest.fixture
def sqlite_errors(tmp_path):
    """Real errors from real SQLite files, one of each kind."""
    good = tmp_path / "good.sqlite3"
    _filled(good)
    (tmp_path / "junk.sqlite3").write_bytes(b"not a database at all " * 300)
    holder = sqlite3.connect(good, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    full = sqlite3.connect(tmp_path / "full.sqlite3")
    full.execute("CREATE TABLE t (a)")
    full.execute("PRAGMA max_page_count = 2")
    errors = {
        "read-only": _real_error(lambda: sqlite3.connect(f"file:{good}?mode=ro", uri=True)
                                 .execute("INSERT INTO t VALUES (2)")),
        "cannot open": _real_error(lambda: sqlite3.connect(
            f"file:{tmp_path / 'no-folder' / 'x.sqlite3'}?mode=ro", uri=True)),
        "damaged": _real_error(lambda: sqlite3.connect(tmp_path / "junk.sqlite3")
                               .execute("SELECT * FROM sqlite_master").fetchall()),
        "full": _real_error(lambda: full.executemany(
            "INSERT INTO t VALUES (?)", [("x" * 2000,)] * 50)),
        "busy": _real_error(lambda: sqlite3.connect(good, timeout=0, isolation_level=None)
                            .execute("BEGIN IMMEDIATE")),
    }
    yield errors
    holder.execute("ROLLBACK")
    holder.close()
    full.close()


@pytest.mark.parametrize("kind, says", [
    ("read-only", "read-only"),
    ("cannot open", "cannot be opened"),
    ("damaged", DAMAGED),
    ("full", "disk is full"),
    ("busy", "Another Linli Desk window or command is writing"),
])
def test_each_real_sqlite_error_gets_its_own_message(sqlite_errors, kind, says):
    from desktop.storage.errors import database_error

    error = database_error(sqlite_errors[kind], "/data/linli.sqlite3")
    assert error is not None and says in error.message
    if kind != "damaged":  # the advice to restore a backup is for real damage only
        assert DAMAGED not in error.message and "Restore a backup" not in error.message


def test_a_constraint_failing_is_a_bug_not_a_user_condition(tmp_path):
    from desktop.storage.errors import database_error

    con = sqlite3.connect(tmp_path / "u.sqlite3")
    con.execute("CREATE TABLE t (a UNIQUE)")
    con.execute("INSERT INTO t VALUES (1)")
    error = _real_error(lambda: con.execute("INSERT INTO t VALUES (1)"))
    assert database_error(error, "x") is None


# -- headless commands on a read-only data folder or database file ---------------------------


@pytest.fixture
def office(tmp_path):
    if not can_make_read_only(tmp_path / "probe"):
        pytest.skip("cannot make a folder read-only here (needs unshare and mount)")
    return make_office(tmp_path / "office")


@pytest.mark.parametrize("what", ["folder", "file"])
def test_a_read_only_data_folder_or_file_is_not_called_damaged(office, tmp_path, what):
    source = roster_file(tmp_path / "花名册.xlsx")
    before = dump(office.database)
    target = office.root if what == "folder" else office.database
    result = linli("roster", "import", str(source), "--data-dir", str(office.root),
                   read_only=target)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert DAMAGED not in result.stderr and "Restore a backup" not in result.stderr
    assert "read-only" in result.stderr or "cannot be opened or written" in result.stderr
    assert dump(office.database) == before


# -- a full disk during a roster import: the window and the headless command --------------------


@pytest.fixture
def nearly_full(tmp_path):
    """The office's database may grow by a few pages only (SQLite's max_page_count: a real
    SQLITE_FULL, as a full disk gives)."""
    office = make_office(tmp_path / "office")
    pages = sqlite3.connect(office.database).execute("PRAGMA page_count").fetchone()[0]

    def limit(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 3}")

    event.listen(Engine, "connect", limit)
    yield office
    event.remove(Engine, "connect", limit)


def test_a_full_disk_during_an_import_in_the_window_says_so(qapp, nearly_full, tmp_path):
    from desktop.ui.tasks import TaskRunner

    source = roster_file(tmp_path / "花名册.xlsx", more=400)
    before = dump(nearly_full.database)
    db = open_database(nearly_full)
    shown = []
    runner = TaskRunner(present_error=lambda _p, message, details="": shown.append(message))
    try:
        runner.run(lambda ctx: import_roster(db, source, ctx), title="Import")
        assert runner.wait_idle(60)
    finally:
        runner.shutdown()
        db.close()
    assert len(shown) == 1 and "disk is full" in shown[0], shown
    assert dump(nearly_full.database) == before


def test_a_full_disk_during_a_headless_import_says_so(nearly_full, tmp_path, capsys):
    from desktop.cli import main

    source = roster_file(tmp_path / "花名册.xlsx", more=400)
    before = dump(nearly_full.database)
    code = main(["--lang", "en", "roster", "import", str(source), "--data-dir",
                 str(nearly_full.root)])
    err = capsys.readouterr().err
    assert code == 2 and "disk is full" in err and "nothing was changed" in err
    assert dump(nearly_full.database) == before
    assert residents(nearly_full.database) == []


_UPGRADE = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from desktop.core.errors import LinliError
from desktop.core.paths import DataDir
from desktop.storage.lifecycle import Migrations, open_database

try:
    open_database(DataDir(Path(sys.argv[2])), migrations=Migrations(Path(sys.argv[3]), "9001"))
except LinliError as exc:
    print(exc.message)
"""


def test_an_upgrade_whose_backup_folder_is_read_only_says_so(office, tmp_path):
    """Start-up's backup before an upgrade, in a read-only backups folder: not "disk full"."""
    import subprocess
    import sys

    from tests.faults.office import ROOT
    from tests.storage.test_migrations import _migrations_with_a_second_step

    migrations = _migrations_with_a_second_step(tmp_path)
    office.backups.mkdir(exist_ok=True)
    before = dump(office.database)
    result = subprocess.run(
        ["unshare", "-m", "sh", "-c", 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" '
         '&& exec "$@"', str(office.backups), sys.executable, "-c", _UPGRADE, str(ROOT),
         str(office.root), str(migrations.location)],
        capture_output=True, text=True, timeout=120)
    assert "read-only" in result.stdout and "disk is full" not in result.stdout, result
    assert str(office.backups) in result.stdout
    assert dump(office.database) == before
