"""``linli roster export``: the roster (or a compound or building of it) to .xlsx or .csv.

    linli roster export --out FILE.xlsx|FILE.csv [--data-dir D] [--columns name,phone,...]
                        [--mask] [--encoding utf-8|gbk] [--sheet-per-compound]
                        [--compound NAME] [--building NAME] [--include-inactive]

The format follows the file's suffix. Unlike the window, the command line exports unmasked
unless ``--mask`` is given: it is used to move data between the office's own systems. A masked
export follows desktop.roster.exporting.disclosure (birth dates as the year, registered
addresses and notes left out) and says so after the export.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.core.errors import LinliError
from desktop.core.i18n import _
from desktop.roster.exporting.keys import DEFAULT_COLUMNS, EXPORT_KEYS

# The parser is built at every start of the app: the export itself is imported when it runs.


def add_export_parser(subparsers) -> argparse.ArgumentParser:
    export = subparsers.add_parser(
        "export", help=_("export residents to an .xlsx or .csv file"),
        description=_("Export residents to an .xlsx or .csv file (the format follows the "
                      "file name)."))
    export.add_argument("--out", type=Path, required=True, metavar="FILE",
                        help=_("the file to write: .xlsx or .csv"))
    export.add_argument("--data-dir", dest="export_data_dir", metavar="DIR",
                        help=_("the data folder (default: your user data folder; or "
                               "LINLI_DATA_DIR)"))
    export.add_argument("--columns", metavar="KEYS",
                        help=_("comma-separated columns, in order (default: {columns}; known: "
                               "{known})").format(columns=",".join(DEFAULT_COLUMNS),
                                                  known=",".join(EXPORT_KEYS)))
    export.add_argument("--mask", action="store_true",
                        help=_("mask names, phone numbers and ID numbers; birth dates keep "
                               "only the year, registered addresses and notes are left out"))
    export.add_argument("--encoding", choices=("utf-8", "gbk"), default="utf-8",
                        help=_("the encoding of a .csv file (gbk is written as GB18030)"))
    export.add_argument("--sheet-per-compound", action="store_true",
                        help=_("one worksheet per compound (.xlsx)"))
    export.add_argument("--compound", metavar="NAME", help=_("only this compound"))
    export.add_argument("--building", metavar="NAME", help=_("only this building"))
    export.add_argument("--include-inactive", action="store_true",
                        help=_("include residents who moved out or died"))
    return export


def run_export(args: argparse.Namespace) -> int:
    from desktop.core.tasks import TaskContext
    from desktop.roster.exporting.export import (
        ExportOptions,
        export_residents,
        format_for,
    )
    from desktop.roster.views import ResidentFilter
    from desktop.storage.lifecycle import open_existing

    out: Path = args.out
    fmt = format_for(out)
    if fmt is None:
        raise LinliError(_("{path}: the file name must end in .xlsx or .csv.").format(path=out))
    columns = _columns(args.columns)
    db = open_existing(args.export_data_dir or getattr(args, "data_dir", None))
    try:
        with db.reading() as session:
            scope = _scope(session, args.compound, args.building)
        options = ExportOptions(
            format=fmt, columns=columns, mask=args.mask,
            sheet_per_compound=args.sheet_per_compound,
            encoding="gbk" if args.encoding == "gbk" else "utf-8-sig",
            filter=ResidentFilter(scope=scope, include_inactive=args.include_inactive))
        summary = export_residents(db, out, options, TaskContext())
    finally:
        db.close()
    print(_("Exported {rows} residents to {path}.").format(rows=summary.rows, path=out))
    if summary.disclosure is not None:
        from desktop.roster.exporting.disclosure import disclosure_notes

        for note in disclosure_notes(summary.disclosure):
            print(note)
    return 0


def _columns(text: str | None) -> tuple[str, ...]:
    if not text:
        return DEFAULT_COLUMNS
    keys = tuple(k.strip() for k in text.split(",") if k.strip())
    unknown = [k for k in keys if k not in EXPORT_KEYS]
    if unknown or not keys:
        raise LinliError(_("Unknown columns: {columns}. Known columns: {known}.").format(
            columns=", ".join(unknown) or "—", known=", ".join(EXPORT_KEYS)))
    return keys


def _scope(session, compound: str | None, building: str | None):
    from desktop.roster.place_lookup import find_building, find_compound
    from desktop.roster.views import PlaceScope

    # Each name must mean one place; a building name in several compounds lists them.
    compound_id = find_compound(session, compound) if compound else None
    if not building:
        return PlaceScope(compound_id=compound_id)
    return PlaceScope(compound_id=compound_id, building_id=find_building(
        session, building, [compound_id] if compound_id else []))
