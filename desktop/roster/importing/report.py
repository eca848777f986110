"""What an import says afterwards: the JSON report and the errors workbook.

The errors workbook holds the rows that were not imported, as they were in the file, with a
column saying why, so the office can fix them there and import that workbook again (its header
maps like the original's). ID numbers and phones are written as text so they survive the trip.
"""

from __future__ import annotations

import json
from pathlib import Path

from desktop.core.files import write_atomically
from desktop.core.i18n import _
from desktop.roster.importing.plan import ImportPlan
from desktop.roster.importing.rows import Problem, ReadRows
from desktop.roster.importing.values import ERROR, cell_text

_TEXT_FIELDS = {"id_number", "phone", "phone2", "household_number", "room", "unit"}


def problem_dict(problem: Problem) -> dict:
    return {"row": problem.row, "column": problem.column, "severity": problem.severity,
            "code": problem.code, "message": problem.message}


def report_dict(plan: ImportPlan, *, file_name: str, sheet: str, dry_run: bool) -> dict:
    new = plan.new_places
    return {
        "file": file_name,
        "sheet": sheet,
        "policy": plan.policy,
        "dry_run": dry_run,
        "created": plan.count("create"),
        "updated": plan.count("update"),
        "unchanged": plan.count("unchanged"),
        "skipped": plan.count("skip"),
        "errors": plan.errors,
        "new_places": {"compounds": sorted(new.compounds.values()),
                       "buildings": len(new.buildings), "dwellings": len(new.dwellings),
                       "households": new.households, "tags": sorted(new.tags.values())},
        "problems": [problem_dict(p) for p in plan.problems],
    }


def write_report(path: Path, report: dict) -> None:
    write_atomically(path, lambda tmp: tmp.write_text(
        json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8"))


def error_positions(plan: ImportPlan) -> list[int]:
    return [pos for pos, action in enumerate(plan.actions) if action is None]


def write_errors_workbook(path: Path, plan: ImportPlan, rows: list[list]) -> int:
    """The rows that were not imported, with their problems; returns how many."""
    from openpyxl import Workbook

    from desktop.spreadsheets.cells import EscapedSheet

    read: ReadRows = plan.read
    positions = error_positions(plan)
    book = Workbook(write_only=True)
    sheet = EscapedSheet(book.create_sheet(_("Not imported")))  # no live formulas
    header = [*read.columns, _("Problems")]
    sheet.append(header)
    text_columns = {i for i, key in enumerate(read.mapping) if key in _TEXT_FIELDS}
    for pos in positions:
        cells = rows[read.source_index[pos]]
        out = []
        for i in range(len(read.columns)):
            value = cells[i] if i < len(cells) else None
            out.append(cell_text(value) if i in text_columns and value is not None else value)
        problems = read.problems_by_row.get(pos, []) + plan.problems_by_row.get(pos, [])
        out.append("\n".join(
            f"{p.column}: {p.message}" if p.column else p.message
            for p in problems if p.severity == ERROR))
        sheet.append(out)
    write_atomically(path, book.save)
    return len(positions)
