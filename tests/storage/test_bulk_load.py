"""Indexes set aside for a bulk insert come back exactly as they were; small inserts and
large tables keep theirs."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from desktop.core.errors import Cancelled
from desktop.storage.bulk_load import REBUILD_FROM_ROWS, indexes_rebuilt_after
from desktop.storage.engine import make_engine

MANY = REBUILD_FROM_ROWS


@pytest.fixture
def engine(tmp_path):
    engine = make_engine(tmp_path / "bulk.sqlite3")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT, "
                             "code TEXT, UNIQUE (code))")
        conn.exec_driver_sql("CREATE INDEX ix_person_name ON person (name)")
        conn.exec_driver_sql("CREATE INDEX ix_person_name_code ON person (name, code)")
    yield engine
    engine.dispose()


def indexes(conn) -> list[tuple]:
    return conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                "ORDER BY name").fetchall()


def insert(conn, start: int, count: int) -> None:
    if count:
        conn.exec_driver_sql("INSERT INTO person (name, code) VALUES (?, ?)",
                             [(f"n{n % 977}", f"c{n}") for n in range(start, start + count)])


def test_a_bulk_insert_rebuilds_plain_indexes_and_keeps_unique_ones(engine):
    with engine.connect() as conn:
        before = indexes(conn)
    with engine.begin() as conn:
        with indexes_rebuilt_after(conn, {"person": MANY}):
            during = [name for name, _sql in indexes(conn)]
            insert(conn, 0, MANY)
        after = indexes(conn)
    assert "ix_person_name" not in during and "ix_person_name_code" not in during
    assert any(name.startswith("sqlite_autoindex_person") for name in during)  # UNIQUE (code)
    assert after == before
    with engine.connect() as conn:
        plan = conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT id FROM person WHERE name = 'n5'").fetchall()
        assert conn.exec_driver_sql("SELECT count(*) FROM person").scalar() == MANY
    assert "ix_person_name" in " ".join(str(row) for row in plan)


def test_a_unique_constraint_still_refuses_a_duplicate_during_the_bulk_insert(engine):
    with pytest.raises(IntegrityError), engine.begin() as conn, \
            indexes_rebuilt_after(conn, {"person": MANY}):
        insert(conn, 0, MANY)
        conn.exec_driver_sql("INSERT INTO person (name, code) VALUES ('x', 'c7')")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM person").scalar() == 0


def test_a_failure_inside_the_block_rolls_the_indexes_back_with_the_rows(engine):
    with engine.connect() as conn:
        before = indexes(conn)
    with pytest.raises(RuntimeError), engine.begin() as conn, \
            indexes_rebuilt_after(conn, {"person": MANY}):
        insert(conn, 0, MANY)
        raise RuntimeError("disk trouble")
    with engine.connect() as conn:
        assert indexes(conn) == before
        assert conn.exec_driver_sql("SELECT count(*) FROM person").scalar() == 0


@pytest.mark.parametrize("existing, incoming", [(0, MANY - 1), (MANY + 1, MANY)])
def test_small_inserts_and_large_tables_keep_their_indexes(engine, existing, incoming):
    with engine.begin() as conn:
        insert(conn, 0, existing)
    with engine.begin() as conn:
        with indexes_rebuilt_after(conn, {"person": incoming}):
            during = indexes(conn)
            insert(conn, existing, incoming)
        assert indexes(conn) == during
    assert "ix_person_name" in [name for name, _sql in during]


def test_a_cancel_between_index_builds_rolls_everything_back(engine):
    with engine.connect() as conn:
        before = indexes(conn)
    built = []

    def before_each():
        built.append(len(built))
        if len(built) == 2:
            raise Cancelled()

    with pytest.raises(Cancelled), engine.begin() as conn, \
            indexes_rebuilt_after(conn, {"person": MANY}, before_each):
        insert(conn, 0, MANY)
    assert built == [0, 1]  # called before each of the two plain indexes
    with engine.connect() as conn:
        assert indexes(conn) == before
        assert conn.exec_driver_sql("SELECT count(*) FROM person").scalar() == 0
