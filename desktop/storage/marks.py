"""The demo mark: a fact the database keeps about itself, so demo residents are never taken for
real ones, whichever way the database is opened (with or without ``--demo``, by the window or by
a headless command).

It lives in ``local_state``, which never syncs: the mark belongs to this copy of the database.
``database_kind`` reads a file through a read-only connection, before anything opens, migrates
or writes it.
"""

from __future__ import annotations

import enum
import sqlite3
from pathlib import Path

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert

from desktop.storage.engine import read_only_uri
from desktop.storage.records import LocalState

DEMO_KEY = "demo"
# Set once the office has typed the recovery code back, before its first volunteer copy: the
# printed sheet is proven to be there before the data leaves on a laptop.
RECOVERY_CONFIRMED_KEY = "recovery_code_confirmed"


def mark_as_demo(conn: Connection) -> None:
    """Mark the database as the demo community's, before any demo data goes in: a generator
    stopped half-way still leaves a database that says it is a demo."""
    stmt = insert(LocalState).values(key=DEMO_KEY, value="1")
    conn.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": "1"}))


def is_demo(conn: Connection) -> bool:
    value = conn.execute(select(LocalState.value).where(LocalState.key == DEMO_KEY)).scalar()
    return value == "1"


def recovery_confirmed(conn: Connection) -> bool:
    value = conn.execute(select(LocalState.value).where(
        LocalState.key == RECOVERY_CONFIRMED_KEY)).scalar()
    return value == "1"


def mark_recovery_confirmed(conn: Connection) -> None:
    stmt = insert(LocalState).values(key=RECOVERY_CONFIRMED_KEY, value="1")
    conn.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": "1"}))


class DatabaseKind(enum.Enum):
    NONE = "none"  # no file, or an empty one
    EMPTY = "empty"  # a Linli Desk database with no community and no residents
    DEMO = "demo"  # marked as the demo community's
    REAL = "real"  # holds a community or residents and is not marked: the office's data
    # Encrypted, with key slots beside it: the office's data (the demo is never encrypted).
    ENCRYPTED = "encrypted"
    UNKNOWN = "unknown"  # not readable as a database here; opening it will say why


SQLITE_HEADER = b"SQLite format 3\x00"
KEYS_FILE = "keys.json"  # desktop.core.paths.DataDir.keys_file


def database_kind(path: Path) -> DatabaseKind:
    if not path.exists() or path.stat().st_size == 0:
        return DatabaseKind.NONE
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError:
        return DatabaseKind.UNKNOWN
    if header != SQLITE_HEADER:
        # No plain SQLite header: encrypted when its key slots are beside it, else damaged
        # or not a database (opening it says which).
        if (path.parent / KEYS_FILE).exists():
            return DatabaseKind.ENCRYPTED
        return DatabaseKind.UNKNOWN
    try:
        con = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error:
        return DatabaseKind.UNKNOWN
    try:
        tables = {row[0] for row in
                  con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "local_state" in tables and con.execute(
                "SELECT 1 FROM local_state WHERE key = ? AND value = '1'", (DEMO_KEY,)
        ).fetchone():
            return DatabaseKind.DEMO
        for table in ("community", "resident"):
            if table in tables and con.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
                return DatabaseKind.REAL
        if tables and "alembic_version" not in tables:
            return DatabaseKind.UNKNOWN  # another program's database: opening it refuses it
        return DatabaseKind.EMPTY
    except sqlite3.Error:
        return DatabaseKind.UNKNOWN
    finally:
        con.close()
