"""The SQLAlchemy engine over the local SQLite file, configured the way SQLite needs."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.pool import QueuePool

from desktop.storage.errors import database_error

BUSY_TIMEOUT_MS = 5000
# An execution option: a connection carrying it begins its transaction with BEGIN IMMEDIATE.
WRITE = "linli_write"


def read_only_uri(path: Path | str) -> str:
    """A ``mode=ro`` URI for ``path`` (open with ``uri=True``): a file we may refuse is not
    even touched. Quoted, so a folder named "C#" or "50%" is not read as URI syntax (SQLite
    would open the file "C" instead)."""
    return f"file:{quote(Path(path).as_posix(), safe='/:')}?mode=ro"


def _on_connect(dbapi_connection: sqlite3.Connection, _record, busy_timeout_ms: int) -> None:
    # Let SQLAlchemy, not pysqlite, decide when transactions begin (SQLAlchemy's documented
    # recipe for pysqlite): otherwise SAVEPOINTs and DDL inside transactions misbehave.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _on_begin(connection: Connection) -> None:
    # Writers take the write lock at BEGIN (IMMEDIATE): only there does SQLite wait out the busy
    # timeout. A deferred transaction that has read and then wants to write while another
    # process writes fails at once with "database is locked" (waiting could deadlock), so a
    # second import would fail instantly. Readers stay deferred: they never wait for a writer.
    if connection.get_execution_options().get(WRITE):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


def make_engine(path: Path | str, *, key: bytes | None = None, echo: bool = False,
                busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """An engine on the SQLite file at ``path`` with foreign keys, WAL and real transactions.

    With ``key`` (the raw data key) the file is a SQLCipher one (desktop.storage.cipher):
    every connection is keyed first, then configured the same way. Without, plain SQLite.

    ``hide_parameters``: an error's text never carries the values of a statement (names, ID
    numbers, phones), so neither a log nor an error's details can leak them.
    """
    if key is None:
        engine = create_engine(f"sqlite:///{path}", echo=echo, hide_parameters=True)
    else:
        engine = _encrypted_engine(Path(path), key, echo)
    event.listen(engine, "connect",
                 lambda dbapi_connection, record: _on_connect(dbapi_connection, record,
                                                              busy_timeout_ms))
    event.listen(engine, "begin", _on_begin)
    event.listen(engine, "handle_error",
                 lambda context: _user_error(context, path))
    return engine


def _encrypted_engine(path: Path, key: bytes, echo: bool) -> Engine:
    # The sqlite dialect over the sqlcipher3 module (its exceptions are what SQLAlchemy wraps),
    # each connection made by ``creator`` so PRAGMA key runs before anything reads the file
    # (before WAL is switched on). Not the sqlite+pysqlcipher dialect: it refuses a creator and
    # pools one connection per thread. The URL names no file, so the pool is chosen here as
    # a file URL would get it; connections move between the window's threads as plain ones do.
    import sqlcipher3

    from desktop.storage.cipher import connect

    cipher_key = bytes(key)
    return create_engine(
        "sqlite://", module=sqlcipher3, poolclass=QueuePool, echo=echo, hide_parameters=True,
        creator=lambda: connect(path, cipher_key, check_same_thread=False))


def _user_error(context: ExceptionContext, path: Path | str) -> Exception | None:
    # Every statement on every connection, whoever runs it (units of work, migrations, a
    # service's own connection): a locked, read-only or full database is raised as the user's
    # message, never as a traceback.
    return database_error(context.original_exception, path)


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """``engine.begin()`` for work that writes: the transaction holds the write lock from the
    start (waiting up to the busy timeout for another writer), commits on success."""
    with engine.connect() as connection:
        connection.execution_options(**{WRITE: True})
        with connection.begin():
            yield connection
