"""Backups of the database file: taken before every migration, pruned to the last N."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from desktop.core.files import create_private_file, private_folder

PREFIX = "linli-"
SUFFIX = ".sqlite3"


def backup_database(db_path: Path, backups_dir: Path, label: str, keep: int) -> Path:
    """Copy the database consistently (SQLite's online backup, WAL included) and prune.

    The copy is written under a temporary name and renamed, so a failure (a full disk) leaves
    no half-written file that could later be mistaken for a good backup.
    """
    private_folder(backups_dir)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = backups_dir / f"{PREFIX}{stamp}-{label}{SUFFIX}"
    n = 1
    while target.exists():
        n += 1
        target = backups_dir / f"{PREFIX}{stamp}-{label}-{n}{SUFFIX}"
    tmp = target.with_suffix(".partial")
    source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        create_private_file(tmp)  # a copy of everyone's personal data: this user's eyes only
        dest = sqlite3.connect(tmp)
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
    prune_backups(backups_dir, keep)
    return target


def list_backups(backups_dir: Path) -> list[Path]:
    """Backups, oldest first."""
    if not backups_dir.is_dir():
        return []
    return sorted(
        (p for p in backups_dir.glob(f"{PREFIX}*{SUFFIX}") if p.is_file()),
        key=lambda p: (p.stat().st_mtime, p.name),
    )


def prune_backups(backups_dir: Path, keep: int) -> None:
    backups = list_backups(backups_dir)
    for old in backups[: max(0, len(backups) - keep)]:
        old.unlink(missing_ok=True)
