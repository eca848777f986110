"""The encrypted database file (SQLCipher): opening it with the raw data key, telling a plain
file from an encrypted one, and converting a plain database in place.

The key is the raw 32-byte data key (unwrapped once at sign-in by desktop.security), given to
SQLCipher as ``x'<hex>'``: no passphrase derivation per connection (a typed passphrase costs
150-235 ms for every new connection, a raw key 0.1 ms). ``PRAGMA key`` must be the first
statement on a connection: before it, SQLCipher would read (or create) the file as plain.

``sqlcipher3`` is a copy of the ``sqlite3`` module with its own exception classes; a wrong key
and a damaged file both say "file is not a database" (SQLITE_NOTADB). The security layer tells
a wrong password apart before we get here (its key-check value), so here it means damage.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import sqlcipher3

from desktop.core.errors import DatabaseError
from desktop.core.files import create_private_file, fsync_folder
from desktop.core.i18n import _
from desktop.storage.engine import read_only_uri
from desktop.storage.errors import DatabaseBusyError, database_error

KEY_SIZE = 32
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000

# The points encrypt_existing reports (``progress(done, len(STEPS), message)``) after each
# durable step; a crash between any two leaves the old plain file or the new encrypted one.
STEPS = ("started", "plain_file_settled", "exported", "verified", "synced", "replaced",
         "backups_removed")

ProgressCallback = Callable[[int, int, str], None]


def key_pragma(key: bytes) -> str:
    """``PRAGMA key`` with the raw key (hex digits only: nothing to quote or escape)."""
    if not isinstance(key, bytes) or len(key) != KEY_SIZE:
        raise ValueError(f"the data key must be {KEY_SIZE} bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def _quiet(con: sqlcipher3.Connection) -> None:
    # SQLCipher writes its own log to stderr (a wrong key prints "hmac check failed" lines on a
    # command's terminal); our messages say what went wrong. The level is process-wide.
    con.execute("PRAGMA cipher_log_level = NONE").fetchall()


def connect(path: Path | str, key: bytes, *, read_only: bool = False,
            **kwargs) -> sqlcipher3.Connection:
    """A ``sqlcipher3`` connection to ``path`` keyed with ``key`` before anything else runs.

    ``read_only`` opens through a ``mode=ro`` URI: a file we may refuse is not even touched.
    The key is checked lazily by SQLCipher: the first read of a wrong key's file raises
    ``sqlcipher3.DatabaseError`` ("file is not a database").
    """
    statement = key_pragma(key)  # a bad key is refused before any file is opened
    if read_only:
        con = sqlcipher3.connect(read_only_uri(path), uri=True, **kwargs)
    else:
        con = sqlcipher3.connect(str(path), **kwargs)
    try:
        con.execute(statement)
        _quiet(con)
    except BaseException:
        con.close()
        raise
    return con


def is_plaintext(path: Path | str) -> bool:
    """True when ``path`` starts with SQLite's plain header (a database nobody encrypted).

    False for a missing or empty file, and for anything else: an encrypted file starts with
    its random salt, so its first bytes look like noise."""
    try:
        with open(path, "rb") as fh:
            return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def temp_path(path: Path) -> Path:
    """Where the encrypted copy is written beside ``path`` before it replaces it."""
    return path.with_name(path.name + ".encrypting")


def _siblings(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-journal", "-wal", "-shm")]


def _remove(paths) -> None:
    for p in paths:
        p.unlink(missing_ok=True)


def _count_rows(con: sqlcipher3.Connection, schema: str) -> dict[str, int]:
    names = [row[0] for row in con.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' ORDER BY name")]
    counts = {}
    for name in names:
        quoted = '"' + name.replace('"', '""') + '"'
        counts[name] = con.execute(f"SELECT count(*) FROM {schema}.{quoted}").fetchone()[0]
    return counts


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def encrypt_existing(path: Path, key: bytes, *, backups_dir: Path | None = None,
                     progress: ProgressCallback | None = None) -> None:
    """Convert the plain database at ``path`` into an encrypted one, in place and crash-safe.

    The plain file is settled (WAL checkpointed and switched off, so no -wal holds data beside
    it) and locked; ``sqlcipher_export`` writes an encrypted copy beside it, which is checked
    (row counts of every table against the original, ``quick_check``,
    ``cipher_integrity_check``, ``foreign_key_check``), synced to disk and renamed over the
    original. Killed at any moment, the folder holds the old plain database or the new
    encrypted one, never neither; a leftover copy is removed by the next attempt. Then every
    plain backup in ``backups_dir`` is removed (they hold everyone's data unencrypted).

    Already encrypted (a rerun after an interruption): only the leftovers are tidied.
    Raises a ``DatabaseError`` with the user's message; the original is then unchanged.

    Another process that has the file open is noticed (its locks) and the conversion refused.
    This process must have no connection of its own open on the file (dispose a plain
    engine first): the stdlib's SQLite and SQLCipher's are two libraries, and POSIX locks
    taken by one are invisible to the other within a process.
    """
    path = Path(path)
    key_pragma(key)  # a wrong-sized key: a bug, refused before anything changes
    message = _("Encrypting the database…")

    def report(step: str) -> None:
        if progress is not None:
            progress(STEPS.index(step) + 1, len(STEPS), message)

    temp = temp_path(path)
    _remove([temp, *_siblings(temp)])  # an interrupted attempt's copy: encrypted, never needed
    report("started")
    if is_plaintext(path):
        _convert(path, temp, key, report)
    else:
        report("plain_file_settled")
        report("exported")
        report("verified")
        report("synced")
        report("replaced")
    if backups_dir is not None:
        remove_plaintext_backups(Path(backups_dir))
    report("backups_removed")


def _convert(path: Path, temp: Path, key: bytes, report: Callable[[str], None]) -> None:
    plain = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        try:
            plain.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _settle(plain, path)
            report("plain_file_settled")
            create_private_file(temp)  # everyone's data, even encrypted: this user's only
            plain.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"",
                          (str(temp),))
            _quiet(plain)
            # A scratch file until it is checked and synced below: no rollback journal, no
            # syncs while it is written (an interrupted copy is thrown away, never used).
            plain.execute("PRAGMA encrypted.journal_mode = OFF").fetchall()
            plain.execute("PRAGMA encrypted.synchronous = OFF")
            expected = _export(plain)
            plain.execute("DETACH DATABASE encrypted")
            report("exported")
            _verify(temp, key, expected, path)
            report("verified")
            _fsync(temp)
            report("synced")
            if os.name == "nt":
                plain.close()  # Windows cannot rename over a file that is open
            # No -wal beside the plain file (checked in _settle, and locked since); the -shm
            # holds only an index of it, no data.
            _remove(_siblings(path)[2:])
            os.replace(temp, path)
            fsync_folder(path.parent)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                _remove([temp, *_siblings(temp)])
            if isinstance(exc, sqlcipher3.Error):
                known = database_error(exc, path)
                if known is not None:
                    raise known from exc
            raise
    finally:
        plain.close()
    report("replaced")


def _settle(plain: sqlcipher3.Connection, path: Path) -> None:
    """Fold the WAL into the file, switch WAL off and keep this connection's lock on the file
    until it is closed (nobody writes to a file being replaced)."""
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        # Refused at once (SQLITE_BUSY) while another process has the file open.
        plain.execute("PRAGMA journal_mode = DELETE").fetchall()
        plain.execute("PRAGMA main.locking_mode = EXCLUSIVE").fetchall()
        plain.execute("BEGIN EXCLUSIVE")
        try:
            # Another window that opened the file in between would have switched WAL back on.
            mode = plain.execute("PRAGMA journal_mode").fetchone()[0]
        finally:
            plain.execute("COMMIT")
    except sqlcipher3.OperationalError as exc:
        if isinstance(database_error(exc, path), DatabaseBusyError):
            raise _busy(path) from exc
        raise
    wal = _siblings(path)[1]
    if mode.lower() != "delete" or (wal.exists() and wal.stat().st_size > 0):
        raise _busy(path)


def _busy(path: Path) -> DatabaseError:
    return DatabaseBusyError(_(
        "The database {path} is open in another Linli Desk window or command, so it cannot "
        "be encrypted now. Close the other window and start again; nothing was changed."
    ).format(path=path))


def _export(plain: sqlcipher3.Connection) -> dict[str, int]:
    """Copy everything into the attached encrypted file in one transaction that holds the
    plain file's exclusive lock (kept after commit by the exclusive locking mode)."""
    plain.execute("BEGIN EXCLUSIVE")
    try:
        expected = _count_rows(plain, "main")
        plain.execute("SELECT sqlcipher_export('encrypted')").fetchall()
        # sqlcipher_export copies schema and rows, not the header's user version.
        version = int(plain.execute("PRAGMA main.user_version").fetchone()[0])
        plain.execute(f"PRAGMA encrypted.user_version = {version}")
        plain.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlcipher3.Error):
            plain.execute("ROLLBACK")
        raise
    return expected


def _verify(temp: Path, key: bytes, expected: dict[str, int], path: Path) -> None:
    # Two connections at once (SQLite releases the GIL), each reading the whole file.
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="linli-verify") as pool:
        structure = pool.submit(_check_structure, temp, key)
        rest = pool.submit(_check_rows_and_pages, temp, key, expected)
        problems = structure.result() + rest.result()
    if problems:
        raise DatabaseError(_(
            "The database {path} could not be encrypted: the encrypted copy did not match "
            "the original, so it was not used. The original was left as it was."
        ).format(path=path), details="; ".join(problems))


def _check_structure(temp: Path, key: bytes) -> list[str]:
    # quick_check: every page of every table and index parsed and checked, as integrity_check
    # does, without cross-checking each index entry against its row (O(N log N): 2.9-6 s
    # against 0.9-1.4 s for 200,000 residents on a 2-core PC). The copy's indexes were built
    # by SQLite from the rows just copied, and every table's row count is compared.
    con = connect(temp, key, read_only=True)
    try:
        check = [row[0] for row in con.execute("PRAGMA quick_check")]
    finally:
        con.close()
    return [] if check == ["ok"] else [f"quick_check: {check[:3]}"]


def _check_rows_and_pages(temp: Path, key: bytes, expected: dict[str, int]) -> list[str]:
    problems = []
    con = connect(temp, key, read_only=True)
    try:
        counts = _count_rows(con, "main")
        if counts != expected:
            differ = sorted(n for n in set(counts) | set(expected)
                            if counts.get(n) != expected.get(n))
            problems.append(f"row counts differ in {differ}")
        cipher = [row[0] for row in con.execute("PRAGMA cipher_integrity_check")]
        if cipher:
            problems.append(f"cipher_integrity_check: {cipher[:3]}")
        if con.execute("PRAGMA foreign_key_check").fetchone() is not None:
            problems.append("foreign_key_check failed")
    finally:
        con.close()
    return problems


def remove_plaintext_backups(backups_dir: Path) -> list[Path]:
    """Remove every backup (and half-written backup) in ``backups_dir`` that is not
    encrypted, with its -wal/-shm/-journal; returns what was removed."""
    from desktop.storage.backup import PREFIX

    removed: list[Path] = []
    if not backups_dir.is_dir():
        return removed
    for candidate in sorted(backups_dir.glob(f"{PREFIX}*")):
        if candidate.is_file() and is_plaintext(candidate):
            _remove([candidate, *_siblings(candidate)])
            removed.append(candidate)
    for side in sorted(backups_dir.glob(f"{PREFIX}*")):
        # A -wal or -journal left without its backup could hold plain pages of it.
        base, dash, suffix = side.name.rpartition("-")
        if dash and suffix in ("wal", "shm", "journal") and not (backups_dir / base).exists():
            side.unlink(missing_ok=True)
            removed.append(side)
    return removed
