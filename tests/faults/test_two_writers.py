"""Two writers on one database — two windows, a window and a command, two imports started
within a second: the second waits for the first (BEGIN IMMEDIATE and the busy timeout) and
succeeds; if the first holds on for longer, the second says so plainly."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from desktop.storage.errors import DatabaseBusyError
from desktop.storage.lifecycle import open_database
from tests.faults.office import (
    ROOT,
    import_roster,
    linli,
    make_office,
    residents,
    roster_file,
)

BUSY = "Another Linli Desk window or command is writing"

_HOLDER = """
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from desktop.core.paths import DataDir
from desktop.roster.models import Community
from desktop.storage.lifecycle import open_database

db = open_database(DataDir(Path(sys.argv[2])), device_name="laptop")
with db.unit_of_work("另一个窗口") as uow:
    uow.session.add(Community(name="另一个社区"))
    uow.session.flush()  # the write lock is taken here at the latest
    print("writing", flush=True)
    time.sleep(float(sys.argv[3]))
db.close()
print("done", flush=True)
"""


@pytest.fixture
def office(tmp_path):
    return make_office(tmp_path / "office")


def _hold(office, seconds: float) -> subprocess.Popen:
    """Another process writing to the office's database for ``seconds``."""
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(ROOT), str(office.root),
                               str(seconds)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "writing"
    return holder


def _communities(path) -> list[str]:
    import sqlite3

    con = sqlite3.connect(path)
    try:
        return sorted(row[0] for row in con.execute("SELECT name FROM community"))
    finally:
        con.close()


def test_the_second_writer_waits_for_the_first_and_both_are_saved(office, tmp_path):
    source = roster_file(tmp_path / "花名册.xlsx")
    db = open_database(office)  # the default busy timeout: 5 s
    holder = _hold(office, 1.0)
    try:
        result = import_roster(db, source)
    finally:
        db.close()
        assert holder.wait(30) == 0
    assert result.created == 1
    assert residents(office.database) == ["欧阳秀英"]
    assert "另一个社区" in _communities(office.database)


def test_a_writer_held_for_longer_than_the_timeout_is_told_plainly(office, tmp_path):
    source = roster_file(tmp_path / "花名册.xlsx")
    db = open_database(office, busy_timeout_ms=300)
    holder = _hold(office, 3.0)
    try:
        started = time.monotonic()
        with pytest.raises(DatabaseBusyError) as err:
            import_roster(db, source)
        waited = time.monotonic() - started
    finally:
        db.close()
        holder.wait(30)
    assert BUSY in err.value.message and "try again" in err.value.message
    assert 0.25 < waited < 2.5  # it did wait out the timeout, and no longer
    assert residents(office.database) == []


def test_a_headless_import_while_the_window_writes_is_told_plainly(office, tmp_path):
    source = roster_file(tmp_path / "花名册.xlsx")
    holder = _hold(office, 12.0)  # longer than the command's 5 s busy timeout
    try:
        result = linli("roster", "import", str(source), "--data-dir", str(office.root))
    finally:
        holder.kill()
        holder.wait(30)
    assert result.returncode == 2
    assert BUSY in result.stderr and "Traceback" not in result.stderr


def test_readers_do_not_wait_for_a_writer(office):
    from sqlalchemy import func, select

    from desktop.roster.models import Resident

    db = open_database(office)
    holder = _hold(office, 3.0)
    try:
        started = time.monotonic()
        with db.reading() as session:
            count = session.execute(select(func.count()).select_from(Resident)).scalar()
        assert count == 0 and time.monotonic() - started < 1.0
    finally:
        db.close()
        holder.wait(30)


def test_a_service_on_its_own_connection_is_told_plainly_too(office):
    """Not only units of work: a write on a plain engine connection (the sync keys, the demo
    mark) while another process writes says the same clear thing."""
    db = open_database(office, busy_timeout_ms=300)
    holder = _hold(office, 3.0)
    try:
        with pytest.raises(DatabaseBusyError) as err:
            with db.engine.begin() as conn:
                conn.exec_driver_sql("UPDATE community SET name = name")
    finally:
        db.close()
        holder.wait(30)
    assert BUSY in err.value.message
