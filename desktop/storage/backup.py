"""Backups of the database file: taken before every migration, pruned to the last N, and put
back (restored) on request; encrypted with the database's key when it is encrypted."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from desktop.core.errors import DatabaseCorruptError
from desktop.core.files import create_private_file, private_folder
from desktop.core.i18n import _
from desktop.storage.engine import read_only_uri

PREFIX = "linli-"
SUFFIX = ".sqlite3"


def backup_database(db_path: Path, backups_dir: Path, label: str, keep: int, *,
                    key: bytes | None = None) -> Path:
    """Copy the database consistently (SQLite's online backup, WAL included) and prune.

    With ``key`` the database is encrypted and so is the copy, with the same key (SQLCipher's
    backup copies encrypted to encrypted only): a backup never holds the data in the clear.

    The copy is written under a temporary name and renamed, so a failure (a full disk) leaves
    no half-written file that could later be mistaken for a good backup.
    """
    target = _take(db_path, backups_dir, label, key)
    prune_backups(backups_dir, keep)
    return target


def _connect(path: Path, key: bytes | None, *, read_only: bool = False):
    if key is not None:
        from desktop.storage import cipher

        return cipher.connect(path, key, read_only=read_only)
    if read_only:
        return sqlite3.connect(read_only_uri(path), uri=True)
    return sqlite3.connect(path)


def _take(db_path: Path, backups_dir: Path, label: str, key: bytes | None) -> Path:
    private_folder(backups_dir)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = backups_dir / f"{PREFIX}{stamp}-{label}{SUFFIX}"
    n = 1
    while target.exists():
        n += 1
        target = backups_dir / f"{PREFIX}{stamp}-{label}-{n}{SUFFIX}"
    tmp = target.with_suffix(".partial")
    source = _connect(db_path, key, read_only=True)
    try:
        create_private_file(tmp)  # a copy of everyone's personal data: this user's eyes only
        dest = _connect(tmp, key)
        try:
            source.backup(dest)
        finally:
            dest.close()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    os.replace(tmp, target)
    return target


def restore_backup(backup: Path, db_path: Path, backups_dir: Path, *, keep: int,
                   key: bytes | None = None) -> Path:
    """Put ``backup`` back as the database at ``db_path``; returns the backup of the database
    as it was just before (label ``before-restore``), so a restore can itself be undone.

    The database must be closed by this process (the window disposes its engine first); the
    copy goes through SQLite's backup into the live file in one transaction, so another
    window's WAL or a crash half-way never mixes the two. ``key``: the database's key, which
    an encrypted backup was made with. A backup that cannot be read (damaged, another key,
    not Linli Desk's) is refused before anything changes.
    """
    from desktop.storage.errors import database_error

    _check_backup(backup, key)
    try:
        safety = _take(db_path, backups_dir, "before-restore", key)
        source = _connect(backup, key, read_only=True)
        try:
            dest = _connect(db_path, key)
            try:
                dest.execute("PRAGMA busy_timeout = 5000")  # another window: wait, then say so
                source.backup(dest)
            finally:
                dest.close()
        finally:
            source.close()
    except Exception as exc:
        known = database_error(exc, db_path)  # locked, read-only, full: the user's words
        if known is None:
            raise
        raise known from exc
    prune_backups(backups_dir, keep, spare=(safety, backup))
    return safety


def _check_backup(backup: Path, key: bytes | None) -> None:
    from desktop.storage.cipher import is_plaintext
    from desktop.storage.errors import sqlite_error

    problem = ""
    if not backup.is_file():
        problem = "missing"
    elif is_plaintext(backup) != (key is None):
        problem = "encrypted" if key is None else "not encrypted"
    else:
        try:
            con = _connect(backup, key, read_only=True)
            try:
                check = [row[0] for row in con.execute("PRAGMA quick_check")]
                version = con.execute("SELECT version_num FROM alembic_version").fetchone()
            finally:
                con.close()
            if check != ["ok"] or version is None:
                problem = f"quick_check {check[:3]}, revision {version}"
        except Exception as exc:
            if sqlite_error(exc) is None:
                raise
            problem = f"{type(exc).__name__}: {exc}"
    if problem:
        raise DatabaseCorruptError(_(
            "The backup {path} cannot be read: it is damaged, not a Linli Desk database, or "
            "made with another key. Nothing was restored; the database is as it was."
        ).format(path=backup), details=problem)


def list_backups(backups_dir: Path) -> list[Path]:
    """Backups, oldest first."""
    if not backups_dir.is_dir():
        return []
    return sorted(
        (p for p in backups_dir.glob(f"{PREFIX}*{SUFFIX}") if p.is_file()),
        key=lambda p: (p.stat().st_mtime, p.name),
    )


def prune_backups(backups_dir: Path, keep: int, spare: tuple[Path, ...] = ()) -> None:
    """Remove all but the newest ``keep`` backups, never one named in ``spare``."""
    backups = list_backups(backups_dir)
    others = [p for p in backups if p not in spare]
    room = max(0, keep - (len(backups) - len(others)))
    for old in others[: max(0, len(others) - room)]:
        old.unlink(missing_ok=True)
