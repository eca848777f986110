"""Plain → encrypted in place: every row kept, foreign keys intact, the original untouched
when the conversion cannot finish, and nothing changed for a file we refuse."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest
import sqlcipher3

from desktop.core.errors import DatabaseCorruptError, DatabaseError, DatabaseNewerError
from desktop.storage.cipher import STEPS, encrypt_existing, is_plaintext, temp_path
from desktop.storage.errors import DatabaseBusyError
from desktop.storage.lifecycle import open_database

from .conftest import encrypted_count, fill, plain_count


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _plain_database(data_dir, residents, households):
    db = open_database(data_dir)
    fill(db, residents, households)
    db.close()
    return data_dir.database


def _tables_and_counts(con) -> dict[str, int]:
    names = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {name: con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


@pytest.mark.slow
def test_a_100k_resident_database_keeps_every_row_and_its_foreign_keys(data_dir, key):
    path = _plain_database(data_dir, 100_000, 30_000)
    plain = sqlite3.connect(path)
    before = _tables_and_counts(plain)
    schema = plain.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    version = plain.execute("PRAGMA user_version").fetchone()
    sample = plain.execute("SELECT * FROM resident ORDER BY id").fetchall()
    plain.close()
    reports = []

    start = time.perf_counter()
    encrypt_existing(path, key, progress=lambda done, total, msg: reports.append(done))
    elapsed = time.perf_counter() - start

    assert not is_plaintext(path) and not temp_path(path).exists()
    con = sqlcipher3.connect(path)
    con.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    try:
        assert _tables_and_counts(con) == before and before["resident"] == 100_000
        assert con.execute(
            "SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall() == schema
        assert con.execute("PRAGMA user_version").fetchone() == version
        assert con.execute("SELECT * FROM resident ORDER BY id").fetchall() == sample
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        con.close()
    assert reports == list(range(1, len(STEPS) + 1))
    print(f"encrypt_existing 100k residents: {elapsed:.2f} s")

    db = open_database(data_dir, key=key)  # and the app opens it (no upgrade needed)
    db.close()


def test_an_encrypted_database_is_left_alone_and_a_leftover_copy_removed(data_dir, key):
    db = open_database(data_dir, key=key)
    fill(db, 20)
    db.close()
    before = digest(data_dir.database)
    leftover = temp_path(data_dir.database)
    leftover.write_bytes(os.urandom(4096))  # an interrupted attempt's half-written copy
    encrypt_existing(data_dir.database, key)
    assert digest(data_dir.database) == before and not leftover.exists()


def test_a_database_open_in_another_window_is_not_converted(data_dir, key):
    path = _plain_database(data_dir, 50, 5)
    # Another window (another process): its open read keeps the WAL in use.
    other = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sqlite3, sys
            con = sqlite3.connect({str(path)!r}, isolation_level=None)
            con.execute("BEGIN")
            con.execute("SELECT count(*) FROM resident").fetchall()
            print("open", flush=True)
            sys.stdin.readline()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline().strip() == "open"
        with pytest.raises(DatabaseBusyError) as err:
            encrypt_existing(path, key)
    finally:
        other.communicate("\n", timeout=30)
    assert "another Linli Desk window" in err.value.message
    assert is_plaintext(path) and plain_count(path) == 50
    assert not temp_path(path).exists()
    encrypt_existing(path, key)  # once the window is closed
    assert encrypted_count(path, key) == 50


def test_another_programs_database_is_refused_not_encrypted(data_dir, key):
    con = sqlite3.connect(data_dir.database)
    con.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    con.commit()
    con.close()
    before = digest(data_dir.database)
    with pytest.raises(DatabaseError) as err:
        open_database(data_dir, key=key)
    assert "another program" in err.value.message
    assert digest(data_dir.database) == before


def test_a_database_from_a_newer_version_is_refused_not_encrypted(data_dir, key):
    _plain_database(data_dir, 5, 1)
    con = sqlite3.connect(data_dir.database)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    before = digest(data_dir.database)
    with pytest.raises(DatabaseNewerError):
        open_database(data_dir, key=key)
    assert digest(data_dir.database) == before


def test_a_damaged_plain_database_is_refused_not_encrypted(data_dir, key):
    path = _plain_database(data_dir, 300, 30)
    data = bytearray(path.read_bytes())
    data[100:4096 * 3] = os.urandom(4096 * 3 - 100)  # the schema pages
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(DatabaseCorruptError):
        open_database(data_dir, key=key)
    assert digest(path) == before and is_plaintext(path)
