"""Checks on a data folder before it is used, each with the next step to take.

Real and demo data never mix: the demo never opens a folder holding real data, and a demo
database is reported as such wherever it is opened.
"""

from __future__ import annotations

import sys

from desktop.core.errors import DataDirError
from desktop.core.i18n import _
from desktop.core.paths import DataDir
from desktop.storage.marks import DatabaseKind, database_kind


def refuse_real_data_for_demo(data_dir: DataDir) -> None:
    """``--demo`` with a folder that holds the office's real data: refuse, change nothing."""
    if database_kind(data_dir.database) in (DatabaseKind.REAL, DatabaseKind.ENCRYPTED):
        raise DataDirError(_(
            "The folder {folder} holds real data, not the demo community. The demo never uses "
            "a folder with real data: choose an empty folder with --data-dir, or leave out "
            "--data-dir to use the demo's own folder."
        ).format(folder=data_dir.root))


def demo_note(folder) -> str:
    return _("Note: {folder} holds the demo community (made-up residents), not real "
             "data.").format(folder=folder)


def check_for_command(data_dir: DataDir) -> None:
    """For the headless commands: the folder must exist and be set up; a demo one is named."""
    root = data_dir.root
    if not root.is_dir():
        raise DataDirError(_(
            "There is no database in {folder}: the folder does not exist. Check --data-dir or "
            "LINLI_DATA_DIR; to start a new data folder there, run: linli setup --data-dir "
            "{folder} --community NAME --operator NAME."
        ).format(folder=root))
    kind = database_kind(data_dir.database)
    if kind is DatabaseKind.NONE:
        raise DataDirError(_(
            "There is no database in {folder}. Check --data-dir or LINLI_DATA_DIR; to set up "
            "this folder, run: linli setup --data-dir {folder} --community NAME --operator NAME "
            "(or linli setup --from-bundle FILE.linli on a volunteer's laptop)."
        ).format(folder=root))
    if kind is DatabaseKind.EMPTY:
        raise DataDirError(not_set_up_message(root))
    if kind is DatabaseKind.DEMO:
        print(demo_note(root), file=sys.stderr)


def not_set_up_message(folder) -> str:
    return _(
        "The data folder {folder} is not set up yet: it has no community. Set it up first: "
        "linli setup --data-dir {folder} --community NAME --operator NAME, or linli setup "
        "--from-bundle FILE.linli on a volunteer's laptop, or start linli and answer its "
        "questions."
    ).format(folder=folder)
