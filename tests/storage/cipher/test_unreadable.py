"""Without the key the database, its -wal, its -shm and its backups say nothing: a canary
planted in an encrypted database is found nowhere on disk, and every reader refuses the file."""

from __future__ import annotations

import sqlite3

import sqlcipher3
from sqlalchemy import text

from desktop.storage.backup import backup_database, list_backups
from desktop.storage.lifecycle import open_database

from .conftest import (
    CANARY_NAME,
    OTHER_KEY,
    encrypted_count,
    files_with_canary,
    fill,
    refuses,
)


def _checkpoint(db) -> None:
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def test_the_canary_is_nowhere_on_disk_and_no_reader_opens_the_file(data_dir, key):
    db = open_database(data_dir, key=key)
    try:
        fill(db, 200, 20, canary=True)
        wal = data_dir.database.with_name(data_dir.database.name + "-wal")
        assert wal.stat().st_size > 0  # the canary's row is (also) in the -wal right now
        assert files_with_canary(data_dir.root) == []
        backup_database(data_dir.database, data_dir.backups, "manual", keep=5, key=key)
        _checkpoint(db)
        assert files_with_canary(data_dir.root) == []
        with db.reading() as session:
            names = session.execute(text("SELECT name FROM resident")).scalars().all()
        assert CANARY_NAME in names  # the key reads it
    finally:
        db.close()
    assert files_with_canary(data_dir.root) == []

    path = data_dir.database
    assert not path.read_bytes().startswith(b"SQLite format 3\x00")
    assert refuses(lambda: sqlite3.connect(path))
    assert refuses(lambda: sqlcipher3.connect(path))

    def wrong_key():
        con = sqlcipher3.connect(path)
        con.execute(f"PRAGMA key = \"x'{OTHER_KEY.hex()}'\"")
        return con

    assert refuses(wrong_key)
    [backup] = list_backups(data_dir.backups)
    assert not backup.read_bytes().startswith(b"SQLite format 3\x00")
    assert refuses(lambda: sqlite3.connect(backup))
    assert encrypted_count(backup, key) == 200


def test_the_same_steps_without_a_key_leave_the_canary_readable(data_dir):
    """The check above can fail: on a plain database it finds the canary everywhere."""
    db = open_database(data_dir)
    try:
        fill(db, 200, 20, canary=True)
        assert "linli.sqlite3-wal" in files_with_canary(data_dir.root)
        backup_database(data_dir.database, data_dir.backups, "manual", keep=5)
        _checkpoint(db)
    finally:
        db.close()
    found = files_with_canary(data_dir.root)
    assert "linli.sqlite3" in found and any(name.endswith("-manual.sqlite3") for name in found)


def test_converting_a_plain_database_leaves_no_plain_copy_behind(data_dir, key):
    """An existing office: its plain database, its -wal and the plain backups taken before
    upgrades all held the canary; after the first keyed start none does."""
    db = open_database(data_dir)
    fill(db, 200, 20, canary=True)
    backup_database(data_dir.database, data_dir.backups, "before-0010", keep=5)
    backup_database(data_dir.database, data_dir.backups, "before-0011", keep=5)
    db.close()
    assert len(files_with_canary(data_dir.root)) == 3

    db = open_database(data_dir, key=key)
    try:
        fill(db, 10, start=1000)
        assert files_with_canary(data_dir.root) == []
    finally:
        db.close()
    assert files_with_canary(data_dir.root) == []
    assert list_backups(data_dir.backups) == []  # the plain backups are gone
    assert encrypted_count(data_dir.database, key) == 210
