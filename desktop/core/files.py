"""Writing a file the user chose without ever leaving half of it behind.

The content goes to a temporary file beside the target and replaces it in one rename: a
failure (disk full, folder not writable, the file open in another program) leaves an existing
file as it was, removes the temporary one, and says which file in the user's language.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from desktop.core.errors import LinliError
from desktop.core.i18n import _


class FileWriteError(LinliError):
    """A file could not be written; an earlier file of that name is unchanged."""


def write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Call ``write(temporary_path)``, then move the result over ``path``."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):  # e.g. the "folder" is a file: no temporary either
            tmp.unlink(missing_ok=True)
        raise FileWriteError(_("Cannot write {path}: {reason}").format(
            path=path, reason=exc.strerror or exc), details=repr(exc)) from exc


def write_bytes_atomically(path: Path, data: bytes) -> None:
    write_atomically(path, lambda tmp: tmp.write_bytes(data))


# -- the data folder's privacy: only this user may read it (POSIX) ----------------------------
# On Windows the user's profile folder already keeps other users out, and chmod cannot express
# it; there these do nothing.

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
_POSIX = os.name == "posix"


def make_private(path: Path, *, folder: bool = False) -> None:
    """Take read (and write) access to ``path`` away from everybody but its owner."""
    if not _POSIX:
        return
    wanted = PRIVATE_DIR if folder else PRIVATE_FILE
    with contextlib.suppress(OSError):  # not ours to change (a shared mount): nothing to do
        if os.stat(path).st_mode & 0o777 & ~wanted:
            os.chmod(path, wanted)


def private_folder(path: Path) -> Path:
    """Create ``path`` (0700) if needed, or tighten an existing folder that is too open."""
    path = Path(path)
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    make_private(path, folder=True)
    return path


def create_private_file(path: Path) -> None:
    """Create an empty ``path`` readable by its owner only, so whatever fills it later (SQLite,
    which gives its -wal and -shm files the database's permissions) starts private."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        os.close(os.open(path, flags, PRIVATE_FILE))
    except FileExistsError:
        make_private(path)


def write_private_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path``, created readable by its owner only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0),
                 PRIVATE_FILE)
    with open(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    make_private(path)  # an existing file keeps its mode through O_TRUNC


def with_suffix_added(path: str | Path, suffix: str) -> Path:
    """``path`` ending in ``suffix`` (".xlsx"): a name typed without it, or with a dot of its
    own ("3幢.2026"), gets it added rather than replaced."""
    path = Path(path)
    return path if path.suffix.lower() == suffix.lower() else path.with_name(path.name + suffix)


def safe_file_name(text: str, fallback: str) -> str:
    """``text`` usable as a file name on Windows too: the characters Windows forbids and line
    breaks become "_", leading and trailing dots and spaces go, at most 80 characters;
    ``fallback`` when nothing is left."""
    name = "".join("_" if c in '\\/:*?"<>|\n\r\t' else c for c in text).strip(" .")
    return name[:80] or fallback


def fsync_folder(folder: Path) -> None:
    """A rename inside ``folder`` made durable: the folder's entry on disk (POSIX). Windows
    cannot open a folder, and NTFS journals the rename itself."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
