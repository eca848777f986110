"""Opening an encrypted database through open_database(key=…): created encrypted, upgraded
by the migrations (backups encrypted), refused in the user's words without the key or with
one that cannot read it."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from alembic import command
from sqlalchemy import text

from desktop.core.access import Actor, Role
from desktop.core.errors import DatabaseCorruptError, SignInRequired
from desktop.storage import migrate
from desktop.storage.backup import list_backups
from desktop.storage.cipher import STEPS, is_plaintext
from desktop.storage.engine import make_engine, writing
from desktop.storage.errors import DatabaseBusyError
from desktop.storage.lifecycle import open_database
from desktop.storage.schema import HEAD_REVISION
from tests.storage.test_migrations import _migrations_with_a_second_step

from .conftest import OTHER_KEY, encrypted_count, fill


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _encrypted_at_first_release(data_dir, key):
    """An encrypted file at revision 0001, with a row a later migration rewrites."""
    engine = make_engine(data_dir.database, key=key)
    with engine.begin() as conn:
        command.upgrade(migrate.alembic_config(conn), "0001")
        conn.exec_driver_sql(
            "INSERT INTO field_stamp (row_id, field, hlc, table_name, operator, value) "
            "VALUES ('r1', 'phone', '1700000000000-00000-aa.1', 'resident', '王', '\"138\"')")
    engine.dispose()


def test_a_new_database_is_created_encrypted_and_private(data_dir, key):
    db = open_database(data_dir, key=key, actor=Actor("王芳", Role.VOLUNTEER, signed_in=True))
    try:
        assert db.actor.name == "王芳"
        fill(db, 5)
    finally:
        db.close()
    assert not is_plaintext(data_dir.database)
    assert data_dir.database.stat().st_mode & 0o077 == 0
    assert encrypted_count(data_dir.database, key) == 5


def test_an_encrypted_database_of_the_first_release_is_upgraded(data_dir, key):
    _encrypted_at_first_release(data_dir, key)
    db = open_database(data_dir, key=key)
    try:
        with db.reading() as session:
            assert session.execute(text("SELECT version_num FROM alembic_version")).scalar() \
                == HEAD_REVISION
            assert session.execute(
                text("SELECT operator, value, old_value FROM field_stamp")).all() == [
                    ("王", '"138"', None)]
    finally:
        db.close()
    [backup] = list_backups(data_dir.backups)  # taken before the upgrade, encrypted
    assert not is_plaintext(backup)
    assert encrypted_count(backup, key, "field_stamp") == 1


def test_a_plain_database_of_the_first_release_is_converted_then_upgraded(data_dir, key):
    engine = make_engine(data_dir.database)
    with engine.begin() as conn:
        command.upgrade(migrate.alembic_config(conn), "0001")
    engine.dispose()
    db = open_database(data_dir, key=key)
    db.close()
    assert not is_plaintext(data_dir.database)
    assert [is_plaintext(b) for b in list_backups(data_dir.backups)] == [False]


def test_a_migration_rebuilding_a_table_works_on_an_encrypted_database(data_dir, key, tmp_path):
    db = open_database(data_dir, key=key)
    fill(db, 50, 5)
    db.close()
    db = open_database(data_dir, key=key, migrations=_migrations_with_a_second_step(tmp_path))
    try:
        with db.reading() as session:
            columns = [row[1] for row in session.execute(text("PRAGMA table_info(resident)"))]
            assert "nickname" in columns
            assert session.execute(text("SELECT count(*) FROM resident")).scalar() == 50
            assert session.execute(text("PRAGMA foreign_key_check")).all() == []
    finally:
        db.close()
    assert not is_plaintext(data_dir.database)
    [backup] = list_backups(data_dir.backups)
    assert encrypted_count(backup, key) == 50


def test_without_the_key_an_encrypted_database_asks_for_a_sign_in(data_dir, key):
    open_database(data_dir, key=key).close()
    data_dir.keys_file.write_text("{}", encoding="utf-8")  # its key slots beside it
    before = digest(data_dir.database)
    with pytest.raises(SignInRequired) as err:
        open_database(data_dir)
    assert "sign in" in err.value.message
    assert digest(data_dir.database) == before


def test_without_the_key_or_key_slots_it_is_a_damaged_file_as_before(data_dir, key):
    open_database(data_dir, key=key).close()
    with pytest.raises(DatabaseCorruptError) as err:
        open_database(data_dir)
    assert not isinstance(err.value, SignInRequired)


def test_a_key_that_cannot_read_the_file_is_damage_and_changes_nothing(data_dir, key):
    db = open_database(data_dir, key=key)
    fill(db, 5)
    db.close()
    before = digest(data_dir.database)
    with pytest.raises(DatabaseCorruptError) as err:
        open_database(data_dir, key=OTHER_KEY)
    assert "damaged" in err.value.message and "NOTADB" in err.value.details
    assert digest(data_dir.database) == before
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(data_dir.database).execute("SELECT 1 FROM sqlite_master").fetchone()


def test_a_locked_encrypted_database_is_said_in_the_users_words(data_dir, key):
    """sqlcipher3's own exceptions are understood as sqlite3's are."""
    db = open_database(data_dir, key=key, busy_timeout_ms=200)
    other = make_engine(data_dir.database, key=key)
    try:
        # Another window holds the write lock (BEGIN IMMEDIATE).
        with writing(other), pytest.raises(DatabaseBusyError):
            fill(db, 1)
        fill(db, 1)
    finally:
        other.dispose()
        db.close()


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_a_folder_whose_name_looks_like_uri_syntax_is_read_as_itself(tmp_path, key, encrypted):
    """A '#' or '%' in the folder's name: the revision is read from this database, not from
    a file named after the part before '#' (which SQLite would open, empty)."""
    from desktop.core.errors import DatabaseNewerError
    from desktop.core.paths import DataDir

    data_dir = DataDir(tmp_path / "C#办公室 50%" / "data").prepare()
    key = key if encrypted else None
    db = open_database(data_dir, key=key)
    fill(db, 3)
    with writing(db.engine) as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    db.close()
    with pytest.raises(DatabaseNewerError):
        open_database(data_dir, key=key)
    assert not (tmp_path / "C").exists()


def test_the_first_keyed_start_reports_how_the_conversion_goes(data_dir, key):
    db = open_database(data_dir)
    fill(db, 20)
    db.close()
    reports = []
    db = open_database(data_dir, key=key, progress=lambda *report: reports.append(report))
    db.close()
    assert [done for done, _total, _message in reports] == list(range(1, len(STEPS) + 1))
    assert reports[-1][2] == "Encrypting the database…"
    reports.clear()
    open_database(data_dir, key=key, progress=lambda *report: reports.append(report)).close()
    assert reports == []  # already encrypted: nothing to report
