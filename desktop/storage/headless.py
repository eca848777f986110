"""What the headless commands (``linli vote …``, ``linli meeting …``, ``linli actions …``,
``linli campaign …``, ``linli owners import``, ``linli roster import``) share: the
``--data-dir`` option, the data folder it names opened (never created: see
``lifecycle.open_existing``) and closed again, and a file written whole, then "Wrote …".

Each command keeps its own ``dest`` for ``--data-dir``: a subcommand's default would
overwrite the value given before the subcommand (``linli --data-dir D vote list``), so the
option's value is read first and the top-level ``data_dir`` second.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.core.files import write_bytes_atomically
from desktop.core.i18n import _


def data_dir_option(command: argparse.ArgumentParser, dest: str) -> None:
    command.add_argument("--data-dir", dest=dest, metavar="DIR",
                         help=_("the data folder (default: your user data folder; or "
                                "LINLI_DATA_DIR)"))


def out_option(command: argparse.ArgumentParser, metavar: str, help: str | None = None) -> None:
    """``--out FILE``, required: the file the command writes (``metavar``: "FILE.pdf")."""
    command.add_argument("--out", type=Path, required=True, metavar=metavar,
                         help=help or _("the file to write"))


def open_data(args: argparse.Namespace, dest: str):
    """The ``Database`` of the folder the command names; the caller closes it."""
    from desktop.storage.lifecycle import open_existing

    return open_existing(getattr(args, dest, None) or getattr(args, "data_dir", None))


@contextmanager
def opened(args: argparse.Namespace, dest: str) -> Iterator:
    """The ``Database`` of the folder the command names, closed after the block. Commands
    that write a file use it with ``desktop.security.outputs.file_out``, which checks the
    operator's role first and records the file in the audit log after it."""
    db = open_data(args, dest)
    try:
        yield db
    finally:
        db.close()


@contextmanager
def reading(args: argparse.Namespace, dest: str) -> Iterator:
    """A read session on the folder the command names, the database closed after it."""
    with opened(args, dest) as db, db.reading() as session:
        yield session


@contextmanager
def writing(args: argparse.Namespace, dest: str) -> Iterator:
    """A unit of work on the folder the command names, by "command line"; committed when
    the block ends, rolled back on any error, the database closed after it."""
    with opened(args, dest) as db, db.unit_of_work(_("command line")) as uow:
        yield uow


def write_file(path: Path, data: bytes, said: str | None = None) -> None:
    """``data`` written to ``path`` whole (a LinliError names the file when it cannot be, and
    an earlier file of that name is left as it was); then ``said`` on stdout, by default
    "Wrote {path}.". Called inside ``file_out`` (desktop.security.outputs), which is what
    checks the role and records the file: this layer cannot see the audit log."""
    write_bytes_atomically(path, data)
    print(said if said is not None else _("Wrote {path}.").format(path=path))
