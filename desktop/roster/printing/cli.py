"""``linli roster print``: the 花名册, a walk list or a sign-in sheet as PDF, headless.

    linli roster print --out FILE.pdf [--kind roster|walk|sign-in] [--compound NAME]
                       [--building NAME] [--full] [--title T] [--data-dir D]

Masked unless ``--full`` (a staff-only list: full data, ID numbers, "内部资料 注意保密").
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from sqlalchemy import select

from desktop.core.files import write_bytes_atomically
from desktop.core.i18n import _
from desktop.security.audit import Action
from desktop.security.outputs import file_out

KINDS = ("roster", "walk", "sign-in")


def add_print_parser(subparsers) -> argparse.ArgumentParser:
    printing = subparsers.add_parser(
        "print", help=_("print the roster, a walk list or a sign-in sheet to PDF"))
    printing.add_argument("--out", type=Path, required=True, metavar="FILE.pdf",
                          help=_("the PDF file to write"))
    printing.add_argument("--kind", choices=KINDS, default="roster",
                          help=_("roster (by building), walk (door-to-door list per building) "
                                 "or sign-in (a sign-in sheet)"))
    printing.add_argument("--compound", metavar="NAME", help=_("only this compound"))
    printing.add_argument("--building", metavar="NAME", help=_("only this building"))
    printing.add_argument("--full", action="store_true",
                          help=_("staff only: full names, phones and ID numbers, marked "
                                 "confidential"))
    printing.add_argument("--title", default="", help=_("the title printed on the list"))
    printing.add_argument("--data-dir", dest="print_data_dir", metavar="DIR",
                          help=_("the data folder (default: your user data folder; or "
                                 "LINLI_DATA_DIR)"))
    return printing


def run_print(args: argparse.Namespace) -> int:
    from desktop.roster.printing.lists import render_sign_in_sheet
    from desktop.storage.lifecycle import open_existing

    out: Path = args.out
    if args.kind == "sign-in":
        # A blank sheet: nothing is read from the data folder, so nothing leaves it.
        pdf = render_sign_in_sheet(args.title, date=dt.date.today())
        write_bytes_atomically(out, pdf)
        print(_("Wrote {path} ({size} KB).").format(path=out, size=max(1, len(pdf) // 1024)))
        return 0
    db = open_existing(args.print_data_dir or getattr(args, "data_dir", None))
    try:
        # The role is checked before anything is read; the file recorded once written.
        with file_out(db, Action.PRINT, out, masked=args.kind != "roster" or not args.full):
            pdf = _render(db, args)
            write_bytes_atomically(out, pdf)
    finally:
        db.close()
    print(_("Wrote {path} ({size} KB).").format(path=out, size=max(1, len(pdf) // 1024)))
    return 0


def _render(db, args: argparse.Namespace) -> bytes:
    from desktop.core.tasks import TaskContext
    from desktop.roster.exporting.cli import _scope
    from desktop.roster.models import Building
    from desktop.roster.printing.lists import (
        DEFAULT_LIST_COLUMNS,
        FULL_LIST_COLUMNS,
        RosterListOptions,
        render_roster_list,
        render_walk_list,
    )

    with db.reading() as session:
        scope = _scope(session, args.compound, args.building)
        if args.kind == "walk":
            stmt = select(Building.id).where(Building.deleted.is_(False)).order_by(
                Building.compound_id, Building.sort_key, Building.name)
            if scope.building_id:
                stmt = stmt.where(Building.id == scope.building_id)
            elif scope.compound_id:
                stmt = stmt.where(Building.compound_id == scope.compound_id)
            return render_walk_list(session, list(session.execute(stmt).scalars()),
                                    TaskContext())
        return render_roster_list(session, RosterListOptions(
            scope=scope, full_data=args.full, title=args.title,
            columns=FULL_LIST_COLUMNS if args.full else DEFAULT_LIST_COLUMNS), TaskContext())
