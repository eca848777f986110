"""Backups of an encrypted database are encrypted with its key, and a backup restores:
the database gets the backup's rows back, and the database as it was is kept as a backup."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import text

from desktop.core.errors import DatabaseCorruptError
from desktop.storage.backup import backup_database, list_backups, restore_backup
from desktop.storage.cipher import is_plaintext
from desktop.storage.lifecycle import open_database

from .conftest import OTHER_KEY, encrypted_count, fill, plain_count


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _names(db) -> set[str]:
    with db.reading() as session:
        return set(session.execute(text("SELECT name FROM resident")).scalars())


def test_an_encrypted_backup_restores(data_dir, key):
    db = open_database(data_dir, key=key)
    fill(db, 10)
    backup = backup_database(data_dir.database, data_dir.backups, "manual", keep=5, key=key)
    fill(db, 3, start=100)  # written after the backup
    db.close()
    assert not is_plaintext(backup) and encrypted_count(backup, key) == 10

    safety = restore_backup(backup, data_dir.database, data_dir.backups, keep=5, key=key)

    db = open_database(data_dir, key=key)
    try:
        assert len(_names(db)) == 10 and "居民100" not in _names(db)
    finally:
        db.close()
    assert not is_plaintext(data_dir.database)
    assert "before-restore" in safety.name and not is_plaintext(safety)
    assert encrypted_count(safety, key) == 13  # the database as it was, kept
    assert set(list_backups(data_dir.backups)) == {backup, safety}


def test_a_plain_backup_restores_into_a_plain_database(data_dir):
    db = open_database(data_dir)
    fill(db, 4)
    backup = backup_database(data_dir.database, data_dir.backups, "manual", keep=5)
    fill(db, 2, start=100)
    db.close()
    restore_backup(backup, data_dir.database, data_dir.backups, keep=5)
    assert plain_count(data_dir.database) == 4


def test_restoring_keeps_the_backup_restored_from_when_pruning(data_dir, key):
    db = open_database(data_dir, key=key)
    fill(db, 2)
    db.close()
    oldest = backup_database(data_dir.database, data_dir.backups, "a", keep=3, key=key)
    for label in ("b", "c"):
        backup_database(data_dir.database, data_dir.backups, label, keep=3, key=key)
    safety = restore_backup(oldest, data_dir.database, data_dir.backups, keep=3, key=key)
    kept = list_backups(data_dir.backups)
    assert oldest in kept and safety in kept and len(kept) == 3


@pytest.mark.parametrize("problem", ["other key", "plain", "damaged"])
def test_a_backup_that_cannot_be_read_is_refused_and_nothing_changes(data_dir, key, problem):
    db = open_database(data_dir, key=key)
    fill(db, 6)
    db.close()
    if problem == "other key":
        other = data_dir.root / "other"
        other_db = open_database(type(data_dir)(other).prepare(), key=OTHER_KEY)
        fill(other_db, 1)
        other_db.close()
        backup = backup_database(other / "linli.sqlite3", data_dir.backups, "x", keep=5,
                                 key=OTHER_KEY)
    elif problem == "plain":
        other = data_dir.root / "other"
        other_db = open_database(type(data_dir)(other).prepare())
        other_db.close()
        backup = backup_database(other / "linli.sqlite3", data_dir.backups, "x", keep=5)
    else:
        backup = backup_database(data_dir.database, data_dir.backups, "x", keep=5, key=key)
        data = bytearray(backup.read_bytes())
        data[5000:9000] = bytes(4000)
        backup.write_bytes(bytes(data))
    before = digest(data_dir.database)
    backups_before = list_backups(data_dir.backups)
    with pytest.raises(DatabaseCorruptError) as err:
        restore_backup(backup, data_dir.database, data_dir.backups, keep=5, key=key)
    assert "Nothing was restored" in err.value.message
    assert digest(data_dir.database) == before
    assert list_backups(data_dir.backups) == backups_before
    assert encrypted_count(data_dir.database, key) == 6
