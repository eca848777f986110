"""``linli roster import``: the wizard's import without the window, with the same code.

    linli roster import FILE [--data-dir D] [--sheet S] [--policy add|update|skip] [--dry-run]
                        [--report report.json] [--errors errors.xlsx] [--map 列名=field ...]
                        [--encoding utf-8|gbk]

The header row and the mapping are found automatically (``--map 列名=field`` overrides one
column; ``--map 列名=`` leaves it out). The exit status is 0 when every row was imported (or
would be, with --dry-run), 1 when some rows have errors (they are in the report and, with
--errors, in a workbook to fix), 2 when nothing could be done.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.core.errors import LinliError
from desktop.core.i18n import _, ngettext
from desktop.roster.importing import POLICIES
from desktop.roster.importing.fields import IMPORTED_KEYS
from desktop.storage.headless import data_dir_option, open_data

DATA_DIR = "import_data_dir"  # where ``--data-dir`` goes (see ``desktop.storage.headless``)


def add_import_parser(subparsers) -> argparse.ArgumentParser:
    command = subparsers.add_parser(
        "import", help=_("import residents from an .xlsx, .xls or .csv file"),
        description=_("Import residents from a spreadsheet: the header row and the columns are "
                      "found automatically."))
    command.add_argument("file", type=Path, metavar="FILE", help=_("the file to import"))
    data_dir_option(command, DATA_DIR)
    command.add_argument("--sheet", help=_("the sheet to import (default: the first with names)"))
    command.add_argument("--policy", choices=POLICIES, default="update",
                         help=_("add: only add new residents; update: update residents that "
                                "match by ID number (else name and address) and add the rest; "
                                "skip: leave matching residents alone (default: update)"))
    command.add_argument("--dry-run", action="store_true",
                         help=_("check and report without changing anything"))
    command.add_argument("--report", type=Path, metavar="FILE.json",
                         help=_("write the JSON report here"))
    command.add_argument("--errors", type=Path, metavar="FILE.xlsx",
                         help=_("write the rows that were not imported here, with the reasons"))
    command.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                         help=_("map a column to a field ({fields})").format(
                             fields=", ".join(IMPORTED_KEYS)))
    command.add_argument("--encoding", choices=("utf-8", "gbk"),
                         help=_("the encoding of a .csv file (default: detected)"))
    return command


def _overrides(pairs: list[str]) -> dict[str, str]:
    found = {}
    for pair in pairs:
        column, sep, key = pair.partition("=")
        if not sep or not column.strip():
            raise LinliError(_("--map takes COLUMN=FIELD, e.g. 手机=phone; got {value}").format(
                value=pair))
        found[column.strip()] = key.strip()
    return found


def _check_output(path: Path | None) -> None:
    """A report or errors file that cannot be written is said before anything is imported."""
    if path is None:
        return
    if path.is_dir():
        raise LinliError(_("{path} is a folder; give the name of a file to write.").format(
            path=path))
    folder = path.resolve().parent
    if not folder.is_dir():
        raise LinliError(_("Cannot write {path}: the folder {folder} does not exist.").format(
            path=path, folder=folder))


def run_import(args: argparse.Namespace) -> int:
    return run_interruptible(_run_import, args)


def run_interruptible(run, args: argparse.Namespace) -> int:
    """``run(args)``, Ctrl+C said plainly with exit status 130: the import (roster or owners)
    is one transaction, so an interrupted one wrote nothing."""
    try:
        return run(args)
    except KeyboardInterrupt:
        print(_("Interrupted: nothing was imported."), file=sys.stderr)
        return 130


def _run_import(args: argparse.Namespace) -> int:
    from desktop.core.tasks import TaskContext
    from desktop.roster.importing.apply import apply_import, community_id
    from desktop.roster.importing.pipeline import dry_run, prepare_import
    from desktop.roster.importing.report import (
        report_dict,
        write_errors_workbook,
        write_report,
    )

    overrides = _overrides(args.map)
    for output in (args.report, args.errors):
        _check_output(output)
    # The folder first: a folder that is not set up is said before a large file is read.
    db = open_data(args, DATA_DIR)
    try:
        with db.reading() as session:
            community_id(session, db.path.parent)
        prepared = prepare_import(args.file, sheet=args.sheet, encoding=args.encoding,
                                  overrides=overrides, ctx=TaskContext())
        if args.dry_run:
            plan = dry_run(db, prepared.read, args.policy)
        else:
            plans = []
            apply_import(db, prepared.read, args.policy, operator=_("command line"),
                         file_name=str(args.file), sheet=prepared.sheet.name,
                         ctx=TaskContext(), on_plan=plans.append)
            plan = plans[0]
    finally:
        db.close()
    report = report_dict(plan, file_name=args.file.name, sheet=prepared.sheet.name,
                         dry_run=args.dry_run)
    if args.report:
        write_report(args.report, report)
    if args.errors and plan.errors:
        write_errors_workbook(args.errors, plan, prepared.sheet.rows)
    verb = _("Would import") if args.dry_run else _("Imported")
    print(_("{verb} {file} ({sheet}): {created} new, {updated} updated, {unchanged} "
            "unchanged, {skipped} skipped; rows with errors: {errors}.").format(
        verb=verb, file=args.file.name, sheet=prepared.sheet.name, **{
            k: report[k] for k in ("created", "updated", "unchanged", "skipped", "errors")}))
    for problem in report["problems"][:20]:
        print(f"  {problem['row']:>6}  {problem['severity']:<7}  {problem['column']}  "
              f"{problem['message']}")
    if len(report["problems"]) > 20:
        more = len(report["problems"]) - 20
        print(ngettext("  … and {count} more problem (see --report).",
                       "  … and {count} more problems (see --report).", more).format(
            count=more))
    return 1 if plan.errors else 0
