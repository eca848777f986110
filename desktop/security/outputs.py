"""Files that leave the encrypted database — exports and printouts — checked against the
operator's role before anything is read, and recorded in the audit log once written.

Every place that writes or prints such a file goes through ``file_out`` (the headless
commands, the window's export and print dialogs, the roster's export service):

    with file_out(db, Action.EXPORT, path, spreadsheet=True, masked=False) as out:
        ...write the file...
        out.rows = written.rows

A volunteer is refused (``NotPermitted``) before the block runs, so no file is written and
nothing in the database changes; a block that fails records nothing; a block that succeeds
leaves exactly one audit entry naming the file (its base name), the row count where known and
whether names and numbers were masked.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from desktop.core.access import UNSIGNED, Actor, Permission, require
from desktop.security.audit import Action, record


def check(actor: Actor, *, spreadsheet: bool = False, masked: bool = True) -> None:
    """Refuse what ``actor``'s role may not take out of the database: a spreadsheet of people
    (.xlsx/.csv), or a file with names, ID numbers or phones unmasked."""
    if spreadsheet:
        require(actor, Permission.EXPORT_SPREADSHEET)
    if not masked:
        require(actor, Permission.PRINT_FULL_LIST)


def detail(path: str | Path | None, *, rows: int | None = None, masked: bool = True,
           **more) -> dict:
    """What an audit entry says about a file: its base name (a folder may be named after a
    person), its format, the rows where known, masked or not."""
    out: dict = {"masked": bool(masked)}
    if path:
        path = Path(path)
        out["file"] = path.name
        out["format"] = path.suffix.lower().lstrip(".")
    if rows is not None:
        out["rows"] = int(rows)
    out.update({k: v for k, v in more.items() if v is not None})
    return out


@dataclass
class Output:
    path: Path | None
    rows: int | None = None


@contextmanager
def file_out(db, action: Action, path: str | Path | None, *, spreadsheet: bool = False,
             masked: bool = True, rows: int | None = None, **more) -> Iterator[Output]:
    """Check the role, run the block (which writes or prints), then record one entry. ``path``
    None: printed on paper (no file); the block may set ``out.rows``."""
    check(getattr(db, "actor", UNSIGNED), spreadsheet=spreadsheet, masked=masked)
    out = Output(Path(path) if path else None, rows)
    yield out
    record(db, action, out.path.name if out.path else "",
           **detail(out.path, rows=out.rows, masked=masked, **more))
