"""What SQLite's own errors mean to the user: the one place that turns them into messages.

A locked, read-only or full database, or one that cannot be opened, is not a damaged one: telling
someone to "restore a backup" for a read-only folder could make them overwrite a good database.
So errors are told apart by SQLite's result code (``sqlite_errorcode``), never by guessing from
the text, and each kind gets its own message in the user's language.

Every message here is about the database as a file; none carries SQL or the values of a row.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from desktop.core.errors import DatabaseCorruptError, DatabaseError
from desktop.core.i18n import _

# SQLite's primary result codes (https://www.sqlite.org/rescode.html); extended codes carry the
# primary one in their low byte.
SQLITE_PERM = 3
SQLITE_IOERR = 10
SQLITE_PROTOCOL = 15
SQLITE_CORRUPT = 11
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26


class DatabaseBusyError(DatabaseError):
    """Another window or command held the write lock for longer than the busy timeout."""


class DatabaseReadOnlyError(DatabaseError):
    """The file or its folder cannot be written."""


class DatabaseFullError(DatabaseError):
    """The disk (or the database's size limit) ran out; the transaction was rolled back."""


class DatabaseUnopenableError(DatabaseError):
    """SQLite could not open the file (a missing or read-only folder, no permission)."""


class DatabaseIOError(DatabaseError):
    """The disk failed to read or write (a failing disk, a network drive gone away)."""


def _drivers() -> tuple:
    # sqlcipher3 (the encrypted database) is a copy of the sqlite3 module with its own
    # exception classes and the same result codes. Only once something imported it can one of
    # its errors exist, so a plain database never loads it.
    cipher = sys.modules.get("sqlcipher3")
    return (sqlite3,) if cipher is None else (sqlite3, cipher)


def sqlite_error(exc: BaseException) -> Exception | None:
    """The ``sqlite3`` (or ``sqlcipher3``) error behind ``exc`` (SQLAlchemy wraps it as
    ``.orig``), if any. Not a cause further back: a service that already said what went wrong
    keeps its message."""
    errors = tuple(driver.Error for driver in _drivers())
    for candidate in (exc, getattr(exc, "orig", None)):
        if isinstance(candidate, errors):
            return candidate
    return None


def _is_bug(error: Exception) -> bool:
    """A constraint failing or bad SQL: a bug, not something the user caused."""
    return any(isinstance(error, (driver.IntegrityError, driver.ProgrammingError,
                                  driver.InterfaceError)) for driver in _drivers())


def _code(error: Exception) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def corrupt_error(path: Path | str, exc: BaseException | None = None) -> DatabaseCorruptError:
    return DatabaseCorruptError(
        _(
            "The database file {path} is damaged or is not a Linli Desk database. It has not "
            "been changed. Restore a backup from the backups folder, or choose another data "
            "folder."
        ).format(path=path),
        details=_details(exc),
    )


def database_error(exc: BaseException, path: Path | str) -> DatabaseError | None:
    """The user's message for a SQLite error, or None when ``exc`` is not one a user can cause
    (a constraint failing or bad SQL is a bug, and stays one). Used by the engine for every
    statement (storage/engine.py), by the unit of work, and when the database is opened."""
    if isinstance(exc, DatabaseError):
        return exc  # already told
    error = sqlite_error(exc)
    if error is None or _is_bug(error):
        return None
    code = _code(error)
    details = _details(exc)
    if code in (SQLITE_BUSY, SQLITE_LOCKED, SQLITE_PROTOCOL):
        return DatabaseBusyError(_(
            "Another Linli Desk window or command is writing to the database. Nothing was "
            "changed; try again in a moment."), details=details)
    if code == SQLITE_READONLY:
        return DatabaseReadOnlyError(_(
            "The database {path} is read-only: the file or its folder cannot be written. Nothing "
            "was changed, and the file is not damaged. Ask for write permission, or choose "
            "another data folder.").format(path=path), details=details)
    if code == SQLITE_FULL:
        return DatabaseFullError(_(
            "The disk is full: the database {path} could not be written, and nothing was "
            "changed. Free some space and try again.").format(path=path), details=details)
    if code in (SQLITE_CANTOPEN, SQLITE_PERM):
        return DatabaseUnopenableError(_(
            "Cannot open the database {path}: the file or its folder cannot be opened or written "
            "(a read-only folder, or no permission). The file is not damaged and has not been "
            "changed. Ask for write permission, or choose another data folder.").format(
                path=path), details=details)
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return corrupt_error(path, exc)
    if code == SQLITE_IOERR:
        return DatabaseIOError(_(
            "The disk could not read or write the database {path} (a failing disk, or a network "
            "drive that went away). Nothing was changed; check the disk and try again.").format(
                path=path), details=details)
    # Anything else (SQLITE_ERROR: no such table, a syntax error…) is a bug, not the user's.
    return None


def _details(exc: BaseException | None) -> str:
    """The SQLite error name and text only: never the SQL or its parameters (personal data)."""
    if exc is None:
        return ""
    error = sqlite_error(exc)
    if error is None:
        return type(exc).__name__
    name = getattr(error, "sqlite_errorname", "") or type(error).__name__
    return f"{name}: {error}"
