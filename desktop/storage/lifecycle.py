"""Opening the database at start-up: check it, back it up, migrate it, load this device's clock.

Every failure here leaves the file exactly as it was and raises a ``DatabaseError`` with a
message in the user's language. Alembic is only imported when the schema actually differs, so a
normal start costs one small query.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError

from desktop.core.access import UNSIGNED, Actor
from desktop.core.errors import (
    DatabaseCorruptError,
    DatabaseError,
    DatabaseNewerError,
    MigrationError,
    SignInRequired,
)
from desktop.core.files import create_private_file
from desktop.core.i18n import _
from desktop.core.paths import DataDir, choose_data_dir
from desktop.storage import migrate
from desktop.storage.backup import backup_database
from desktop.storage.database import Database
from desktop.storage.device import load_identity, new_incarnation
from desktop.storage.engine import (
    BUSY_TIMEOUT_MS,
    WRITE,
    make_engine,
    read_only_uri,
    writing,
)
from desktop.storage.errors import (
    DatabaseBusyError,
    DatabaseReadOnlyError,
    DatabaseUnopenableError,
    corrupt_error,
    database_error,
    sqlite_error,
)
from desktop.storage.folders import check_for_command
from desktop.storage.hlc import HybridClock, Stamp
from desktop.storage.schema import HEAD_REVISION
from desktop.storage.stamping import install_engine_guard

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Migrations:
    """Where the migration scripts are and which revision they lead to (tests swap these)."""

    location: Path = migrate.MIGRATIONS_DIR
    head: str = HEAD_REVISION


def _corrupt(path: Path, exc: BaseException | None = None) -> DatabaseCorruptError:
    return corrupt_error(path, exc)


def check_header(path: Path, keys_file: Path | None = None) -> None:
    """Refuse a file that is not SQLite at all before SQLite gets to touch it.

    A file without SQLite's header beside a key-slots file (``keys_file``) is the encrypted
    database opened without its key: someone must sign in, it is not damage."""
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseError(
            _("Cannot read the database file {path}.").format(path=path), details=repr(exc)
        ) from exc
    if header and header != SQLITE_HEADER:
        if keys_file is not None and keys_file.exists():
            raise SignInRequired(_(
                "The database {path} is encrypted: an operator must sign in with their "
                "password to open it. It has not been changed."
            ).format(path=path))
        raise _corrupt(path)


def read_revision(path: Path, key: bytes | None = None) -> str | None:
    """The schema revision stored in the file; None for a new or empty database.

    Read through a read-only connection: a file we end up refusing (another program's database,
    a damaged one) must not even get its journal mode changed. With ``key``, through SQLCipher:
    a key that cannot read the file means damage (a wrong password was told apart before).
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        if key is None:
            con = sqlite3.connect(read_only_uri(path), uri=True)
        else:
            from desktop.storage.cipher import connect

            con = connect(path, key, read_only=True)
        try:
            tables = {
                row[0]
                for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if "alembic_version" not in tables:
                if tables:
                    raise DatabaseError(
                        _(
                            "The file {path} is a database of another program, not of Linli "
                            "Desk. It has not been changed."
                        ).format(path=path)
                    )
                return None
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            return row[0] if row else None
        finally:
            con.close()
    except Exception as exc:
        if sqlite_error(exc) is None:
            raise
        # A read-only folder or a locked file is not damage: say what it is.
        raise (database_error(exc, path) or _corrupt(path, exc)) from exc


def _refuse_newer(path: Path, current: str | None, migrations: Migrations) -> None:
    if current is not None and current not in migrate.known_revisions(migrations.location):
        raise DatabaseNewerError(
            _(
                "The database {path} was written by a newer version of Linli Desk. Install "
                "the newer version to open it; the file has not been changed."
            ).format(path=path),
            details=f"schema revision {current}",
        )


def _migrate(engine: Engine, data_dir: DataDir, current: str | None, keep: int,
             migrations: Migrations, key: bytes | None = None) -> None:
    path = data_dir.database
    if current is not None:
        _refuse_newer(path, current, migrations)
        try:
            backup = backup_database(path, data_dir.backups, f"before-{migrations.head}", keep,
                                     key=key)
        except Exception as exc:
            if not isinstance(exc, OSError) and sqlite_error(exc) is None:
                raise
            if _cannot_write(exc):  # not a full disk: say what it is
                message = _(
                    "The database needs an upgrade, but a backup could not be written first: "
                    "the folder {folder} is read-only. Nothing was changed. Ask for write "
                    "permission, or choose another data folder."
                ).format(folder=data_dir.backups)
            else:
                message = _(
                    "The database needs an upgrade, but a backup could not be written first "
                    "(is the disk full?). Nothing was changed."
                )
            raise MigrationError(message, details=repr(exc)) from exc
        log.info("backed up the database to %s before upgrading", backup.name)
    try:
        with engine.connect() as conn:
            # Table rebuilds in batch migrations need foreign keys off (SQLite's documented
            # procedure, and only possible outside a transaction); the check below proves
            # nothing was left dangling before commit.
            raw = conn.connection.driver_connection
            raw.execute("PRAGMA foreign_keys=OFF")
            conn.execution_options(**{WRITE: True})  # two starts at once: one waits its turn
            try:
                with conn.begin():
                    migrate.upgrade(conn, migrations.location)
                    problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if problems:
                        raise RuntimeError(f"foreign key check failed: {problems[:5]}")
            finally:
                raw.execute("PRAGMA foreign_keys=ON")
    except Exception as exc:
        known = database_error(exc, path)
        if isinstance(known, (DatabaseBusyError, DatabaseReadOnlyError, DatabaseUnopenableError)):
            raise known from exc  # nothing to do with the upgrade itself
        if current is None:
            message = _("Could not create the database in {path} (is the disk full?).")
        else:
            message = _(
                "Upgrading the database failed (is the disk full?). It was left as it was, "
                "and a backup is in the backups folder. {path}"
            )
        details = known.details if known is not None else f"{type(exc).__name__}: {exc}"
        raise MigrationError(message.format(path=path), details=details) from exc


def _cannot_write(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM)
    return isinstance(database_error(exc, ""), (DatabaseReadOnlyError, DatabaseUnopenableError))


def _restored_from_older_copy(data_dir: DataDir, device_id: str, db_clock: str | None) -> bool:
    """True when the clock saved outside the database is ahead of the one inside it."""
    try:
        saved = json.loads(data_dir.device_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(saved, dict) or saved.get("device_id") != device_id:
        return False
    outside = saved.get("clock") or ""
    return bool(outside) and (db_clock or "") < outside


def _prepare_encrypted(data_dir: DataDir, key: bytes, migrations: Migrations,
                       progress) -> str | None:
    """With a key: convert a plain database first (after the checks that would refuse it, so
    a file we refuse is never changed), tidy what an interrupted conversion left, and read
    the revision through SQLCipher."""
    from desktop.storage.cipher import encrypt_existing, is_plaintext

    path = data_dir.database
    if is_plaintext(path):
        _refuse_newer(path, read_revision(path), migrations)
        started = time.perf_counter()
        encrypt_existing(path, key, backups_dir=data_dir.backups, progress=progress)
        log.info("encrypted the database in place in %.1f s", time.perf_counter() - started)
    else:
        encrypt_existing(path, key, backups_dir=data_dir.backups)  # tidies an interruption's
    return read_revision(path, key)


def open_database(
    data_dir: DataDir,
    *,
    key: bytes | None = None,
    actor: Actor = UNSIGNED,
    backups_keep: int = 10,
    device_name: str = "",
    migrations: Migrations = Migrations(),
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    progress=None,
) -> Database:
    """Open (creating, converting, upgrading as needed) the database of ``data_dir``.

    ``key`` None: the plain database as before encryption (the demo, tests); an encrypted file
    is refused with ``SignInRequired`` when its key slots are beside it. With the raw data
    key: a plain file is converted first (desktop.storage.cipher.encrypt_existing), a new one
    is created encrypted, and the backups taken before an upgrade are encrypted too.
    ``progress(done, total, message)`` hears how a conversion goes (seconds for 200,000
    residents); nothing else reports.
    """
    path = data_dir.database
    if key is None:
        if path.exists():
            check_header(path, data_dir.keys_file)
        current = read_revision(path)
    else:
        current = _prepare_encrypted(data_dir, key, migrations, progress)
    if current is None:
        # A new database starts private; SQLite gives its -wal and -shm files the same mode.
        with contextlib.suppress(OSError):  # no folder: SQLite says so, in its own words
            create_private_file(path)
    engine = make_engine(path, key=key, busy_timeout_ms=busy_timeout_ms)
    try:
        if current != migrations.head:
            _migrate(engine, data_dir, current, backups_keep, migrations, key)
        install_engine_guard(engine)
        with writing(engine) as conn:  # it may write this device's identity
            identity, clock_text = load_identity(conn, device_name)
            if _restored_from_older_copy(data_dir, identity.device_id, clock_text):
                new_incarnation(conn)
                identity, clock_text = load_identity(conn, device_name)
                log.warning("database is older than this device's clock: new incarnation")
    except SQLAlchemyDatabaseError as exc:
        engine.dispose()
        known = database_error(exc, path)
        if known is None:
            raise
        raise known from exc
    except BaseException:
        engine.dispose()
        raise
    last = Stamp.parse(clock_text) if clock_text else None
    clock = HybridClock(identity.node, last)
    db = Database(engine, identity, clock, path, side_file=data_dir.device_file, actor=actor)
    db.key = key
    return db


# How the headless commands open a folder: the composition root (desktop.cli) puts the
# security layer's sign-in here (desktop.security.opening.open_for_command), which storage,
# a lower layer, cannot import. Without it (a test calling a command's function directly on
# a plain folder) a folder opens as it is.
_command_opener = None


def use_command_opener(opener) -> None:
    """``opener(data_dir_arg) -> Database`` for every headless command from now on."""
    global _command_opener
    _command_opener = opener


def open_existing(data_dir_arg: str | None) -> Database:
    """The database of a data folder given on the command line (else the user's own), for the
    headless commands: they work on an office's data and never create an empty one."""
    if _command_opener is not None:
        return _command_opener(data_dir_arg)
    data_dir = DataDir(choose_data_dir(data_dir_arg, demo=False))
    # A missing or never set-up folder is refused with the next step; a demo one is named.
    check_for_command(data_dir)
    return open_database(data_dir)
