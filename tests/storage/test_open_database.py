"""Opening the database: new, reopened, and every kind of bad file — which must stay untouched."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3

import pytest
from sqlalchemy import select

from desktop.core.errors import (
    DatabaseCorruptError,
    DatabaseError,
    DatabaseNewerError,
    DataDirError,
)
from desktop.core.i18n import set_language
from desktop.core.paths import DataDir
from desktop.roster.models import Community
from desktop.storage.lifecycle import open_database
from desktop.storage.schema import HEAD_REVISION


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_folder_gets_a_database_at_the_current_schema(data_dir):
    db = open_database(data_dir)
    try:
        with db.reading() as s:
            assert s.execute(select(Community)).all() == []
        con = sqlite3.connect(data_dir.database)
        assert con.execute("select version_num from alembic_version").fetchone() == (HEAD_REVISION,)
        assert con.execute("pragma journal_mode").fetchone() == ("wal",)
        con.close()
    finally:
        db.close()


def test_data_survives_reopening(data_dir):
    db = open_database(data_dir)
    with db.unit_of_work("社工") as uow:
        uow.session.add(Community(name="翠苑一区社区"))
    device = db.identity.device_id
    db.close()
    db = open_database(data_dir)
    try:
        with db.reading() as s:
            assert s.execute(select(Community.name)).scalars().all() == ["翠苑一区社区"]
        assert db.identity.device_id == device
    finally:
        db.close()


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(data_dir):
    data_dir.database.write_bytes(b"PK\x03\x04 this is a zip file, not SQLite" * 100)
    before = digest(data_dir.database)
    with pytest.raises(DatabaseCorruptError) as err:
        open_database(data_dir)
    assert "damaged" in err.value.message and str(data_dir.database) in err.value.message
    assert digest(data_dir.database) == before


def test_a_damaged_database_is_reported_not_overwritten(data_dir):
    db = open_database(data_dir)
    with db.unit_of_work("x") as uow:
        for i in range(300):
            uow.session.add(Community(name=f"社区{i}", address="某街道" * 20))
    db.close()
    raw = bytearray(data_dir.database.read_bytes())
    # Keep the header, scribble over the schema page and beyond.
    raw[100:8000] = b"\xff" * 7900
    data_dir.database.write_bytes(bytes(raw))
    before = digest(data_dir.database)
    with pytest.raises(DatabaseCorruptError):
        open_database(data_dir)
    assert digest(data_dir.database) == before


def test_another_programs_database_is_refused(data_dir):
    con = sqlite3.connect(data_dir.database)
    con.execute("create table contacts (name text)")
    con.execute("insert into contacts values ('someone')")
    con.commit()
    con.close()
    before = digest(data_dir.database)
    with pytest.raises(DatabaseError) as err:
        open_database(data_dir)
    assert "another program" in err.value.message
    assert digest(data_dir.database) == before


def test_a_database_from_a_newer_version_is_refused_in_the_users_language(data_dir):
    db = open_database(data_dir)
    db.close()
    con = sqlite3.connect(data_dir.database)
    con.execute("update alembic_version set version_num = '9999'")
    con.commit()
    con.close()
    before = digest(data_dir.database)
    set_language("zh_Hans")
    with pytest.raises(DatabaseNewerError) as err:
        open_database(data_dir)
    assert "新版本" in err.value.message
    assert digest(data_dir.database) == before


def test_a_data_folder_that_is_a_file_is_refused(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    with pytest.raises(DataDirError):
        DataDir(blocker).prepare()
    with pytest.raises(DataDirError):
        DataDir(blocker / "data").prepare()
    assert blocker.read_text() == "not a folder"


@pytest.mark.skipif(not (shutil.which("mount") and __import__("sys").platform == "linux"),
                    reason="needs Linux /proc")
def test_a_read_only_location_is_refused_with_advice():
    # /proc refuses new folders even for root, so this holds in CI running as root.
    with pytest.raises(DataDirError) as err:
        DataDir(__import__("pathlib").Path("/proc/linli-test/data")).prepare()
    assert "--data-dir" in err.value.message
