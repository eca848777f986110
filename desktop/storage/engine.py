"""The SQLAlchemy engine over the local SQLite file, configured the way SQLite needs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

BUSY_TIMEOUT_MS = 5000


def _on_connect(dbapi_connection: sqlite3.Connection, _record) -> None:
    # Let SQLAlchemy, not pysqlite, decide when transactions begin (SQLAlchemy's documented
    # recipe for pysqlite): otherwise SAVEPOINTs and DDL inside transactions misbehave.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _on_begin(connection) -> None:
    # A deferred BEGIN: readers (the UI) never wait for the write lock; writes go through the
    # one database lane of the task runner, so they do not race each other.
    connection.exec_driver_sql("BEGIN")


def make_engine(path: Path | str, *, echo: bool = False) -> Engine:
    """An engine on the SQLite file at ``path`` with foreign keys, WAL and real transactions."""
    engine = create_engine(f"sqlite:///{path}", echo=echo)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine
