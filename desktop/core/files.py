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
