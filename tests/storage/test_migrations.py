"""Migrations: models and migrations agree, history is linear, upgrades back up first, and a
failed upgrade (a full disk) leaves the user's data exactly as it was."""

from __future__ import annotations

import shutil
import sqlite3
import textwrap

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, insert

from desktop.core.errors import MigrationError
from desktop.roster.models import Resident
from desktop.storage import migrate
from desktop.storage.backup import list_backups
from desktop.storage.lifecycle import Migrations, open_database
from desktop.storage.schema import HEAD_REVISION


def test_head_constant_matches_the_migration_scripts():
    assert migrate.head_revision() == HEAD_REVISION


def test_history_is_linear():
    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert len(script.get_heads()) == 1
    for rev in script.walk_revisions():
        assert not rev.is_merge_point


def test_models_and_migrations_do_not_drift(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'check.sqlite3'}")
    with engine.begin() as conn:
        config = migrate.alembic_config(conn)
        command.upgrade(config, "head")
        command.check(config)  # raises when autogenerate would find differences
    engine.dispose()


def _migrations_with_a_second_step(tmp_path):
    """A copy of the real migrations plus a next step that rebuilds the resident table."""
    location = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, location,
                    ignore=shutil.ignore_patterns("__pycache__"))
    (location / "versions" / "9001_test_add_column.py").write_text(textwrap.dedent(f'''
        import sqlalchemy as sa
        from alembic import op

        revision = "9001"
        down_revision = "{HEAD_REVISION}"
        branch_labels = None
        depends_on = None

        def upgrade():
            with op.batch_alter_table("resident", recreate="always") as batch:
                batch.add_column(sa.Column("nickname", sa.String(50), nullable=True))

        def downgrade():
            pass
    '''))
    return Migrations(location=location, head="9001")


def _fill(db, n=3000):
    with db.unit_of_work("社工") as uow:
        rows = [
            dict(id=f"00000000-0000-7000-8000-{i:012d}", created_hlc=uow.new_stamp(),
                 created_by="社工", deleted=False, household_id=None, name=f"居民{i}",
                 id_number="", id_number_original="", sex="1", birth_date=None,
                 phone="13800000000", phone2="", relationship="", residence_status="permanent",
                 ethnicity="01", political_status="13", hukou_address="浙江省杭州市" * 5,
                 work_unit="", moved_out=False, moved_out_on=None, deceased=False,
                 deceased_on=None, notes="")
            for i in range(n)
        ]
        uow.session.execute(insert(Resident.__table__), rows)


def _dump(path):
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def test_an_upgrade_backs_up_first_and_keeps_the_data(data_dir, tmp_path):
    db = open_database(data_dir)
    _fill(db, 50)
    db.close()
    db = open_database(data_dir, migrations=_migrations_with_a_second_step(tmp_path))
    try:
        con = sqlite3.connect(data_dir.database)
        assert con.execute("select count(*) from resident").fetchone() == (50,)
        assert "nickname" in [r[1] for r in con.execute("pragma table_info(resident)")]
        con.close()
    finally:
        db.close()
    backups = list_backups(data_dir.backups)
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    assert con.execute("select version_num from alembic_version").fetchone() == (HEAD_REVISION,)
    assert con.execute("select count(*) from resident").fetchone() == (50,)
    con.close()


def test_a_full_disk_during_the_upgrade_changes_nothing(data_dir, tmp_path):
    db = open_database(data_dir)
    _fill(db)
    db.close()
    before = _dump(data_dir.database)
    pages = sqlite3.connect(data_dir.database).execute("pragma page_count").fetchone()[0]

    def nearly_full(dbapi_connection, _record):
        # SQLite's own "database or disk is full": no room to rebuild the resident table.
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 3}")

    event.listen(Engine, "connect", nearly_full)
    try:
        with pytest.raises(MigrationError) as err:
            open_database(data_dir, migrations=_migrations_with_a_second_step(tmp_path))
    finally:
        event.remove(Engine, "connect", nearly_full)
    assert "disk" in err.value.message and "full" in repr(err.value.details)
    assert _dump(data_dir.database) == before
    assert len(list_backups(data_dir.backups)) == 1


def test_no_upgrade_without_a_backup(data_dir, tmp_path):
    db = open_database(data_dir)
    _fill(db, 10)
    db.close()
    before = _dump(data_dir.database)
    data_dir.backups.write_text("a file where the backups folder should be")
    with pytest.raises(MigrationError) as err:
        open_database(data_dir, migrations=_migrations_with_a_second_step(tmp_path))
    assert "backup" in err.value.message
    assert _dump(data_dir.database) == before


def test_old_backups_are_pruned_to_the_number_kept(data_dir, tmp_path):
    from desktop.storage.backup import backup_database

    db = open_database(data_dir)
    db.close()
    for i in range(5):
        backup_database(data_dir.database, data_dir.backups, f"manual{i}", keep=3)
    names = [p.name for p in list_backups(data_dir.backups)]
    assert len(names) == 3 and "manual4" in names[-1]


def test_a_database_of_the_first_release_upgrades_with_its_stamps(data_dir):
    """0001 → current: the real migration path, on a file made at revision 0001."""
    engine = create_engine(f"sqlite:///{data_dir.database}")
    with engine.begin() as conn:
        command.upgrade(migrate.alembic_config(conn), "0001")
        conn.exec_driver_sql(
            "INSERT INTO field_stamp (row_id, field, hlc, table_name, operator, value) "
            "VALUES ('r1', 'phone', '1700000000000-00000-aa.1', 'resident', '王', '\"138\"')")
    engine.dispose()
    db = open_database(data_dir)
    db.close()
    con = sqlite3.connect(data_dir.database)
    assert con.execute("select version_num from alembic_version").fetchone() == (HEAD_REVISION,)
    assert con.execute("select operator, value, old_value from field_stamp").fetchall() == [
        ("王", '"138"', None)]
    con.close()
    assert len(list_backups(data_dir.backups)) == 1
