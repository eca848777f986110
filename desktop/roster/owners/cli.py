"""``linli owners import FILE.xlsx [--data-dir D] [--sheet S] [--dry-run]``: the property
company's owners' list (业主清册) into the owner register.

Exit status: 0 when every row was imported (or would be, with --dry-run), 1 when some rows were
left out (listed with their reasons), 2 when nothing could be done (an unreadable file, no
header row, no dwelling column, a folder that is not set up). The import is undone as a whole
from the roster's import history, like a roster import.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.core.i18n import _, ngettext
from desktop.storage.headless import data_dir_option, open_data

_SHOWN_PROBLEMS = 30
DATA_DIR = "owners_data_dir"  # where ``--data-dir`` goes (see ``desktop.storage.headless``)


def add_owners_parser(subparsers) -> None:
    owners = subparsers.add_parser("owners", help=_("the owner register: import an owners' "
                                                    "list"))
    sub = owners.add_subparsers(dest="owners_command", metavar="COMMAND", required=True)
    command = sub.add_parser(
        "import", help=_("import an owners' list (业主清册) from an .xlsx, .xls or .csv file"),
        description=_("Import the owners and exclusive areas of dwellings from the property "
                      "company's owners' list; missing places are created."))
    command.add_argument("file", type=Path, metavar="FILE", help=_("the file to import"))
    data_dir_option(command, DATA_DIR)
    command.add_argument("--sheet", help=_("the sheet to import (default: the first with names)"))
    command.add_argument("--dry-run", action="store_true",
                         help=_("check and report without changing anything"))


def run_owners(args: argparse.Namespace) -> int:
    from desktop.roster.importing.cli import run_interruptible

    return run_interruptible(_run_import, args)


def _run_import(args: argparse.Namespace) -> int:
    from desktop.core.tasks import TaskContext
    from desktop.roster.importing.apply import community_id
    from desktop.roster.owners.import_rows import read_owner_rows
    from desktop.roster.owners.importing import apply_owner_import, dry_run_owners

    db = open_data(args, DATA_DIR)
    try:
        with db.reading() as session:
            community_id(session, db.path.parent)
        rows = read_owner_rows(args.file, sheet=args.sheet, ctx=TaskContext())
        if args.dry_run:
            plan = dry_run_owners(db, rows)
            print(_("Would import {file}: {dwellings} dwellings, {owners} owners; rows left "
                    "out: {errors}.").format(file=args.file.name, dwellings=len(plan.dwellings),
                                             owners=plan.owners, errors=plan.errors))
        else:
            result, plan = apply_owner_import(db, rows, operator=_("command line"),
                                              file_name=str(args.file), ctx=TaskContext())
            print(_("Imported {file}: {dwellings} dwellings, {added} owners added, {removed} "
                    "earlier owners replaced, areas changed in {areas} dwellings; new places: "
                    "{compounds} compounds, {buildings} buildings, {new_dwellings} dwellings; "
                    "rows left out: {errors}.").format(
                file=args.file.name, dwellings=result.dwellings, added=result.owners_added,
                removed=result.owners_removed, areas=result.areas_changed,
                compounds=result.new_compounds, buildings=result.new_buildings,
                new_dwellings=result.new_dwellings, errors=result.rows_left_out))
    finally:
        db.close()
    problems = plan.problems
    for problem in problems[:_SHOWN_PROBLEMS]:
        severity = _("error") if problem.severity == "error" else _("warning")
        print(_("  row {row}  {severity}  {column}  {message}").format(
            row=problem.row, severity=severity, column=problem.column, message=problem.message))
    if len(problems) > _SHOWN_PROBLEMS:
        more = len(problems) - _SHOWN_PROBLEMS
        print(ngettext("  … and {count} more problem.", "  … and {count} more problems.",
                       more).format(count=more))
    return 1 if plan.errors else 0
