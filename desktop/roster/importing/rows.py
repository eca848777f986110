"""Each data row of a sheet checked into the roster's values, with every problem by cell.

A problem names the row as the user sees it in Excel (or the CSV line), the column's header as
written in the file, a machine ``code`` and a translated message. Errors keep a row out of the
import (it goes to the errors workbook); warnings are imported and reported (a phone stored as a
number, full-width digits, an unknown region code, a birth date that disagrees with the ID).

The work is done column by column, not row by row: a 100,000-row import must check in about a
second, so each column runs one tight loop with a fast path for well-formed values and a memo
for the columns that repeat (codes, addresses, tags). Results are kept as columns too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from operator import itemgetter

from desktop.core.i18n import _, ngettext
from desktop.core.tasks import TaskContext
from desktop.roster.id_number import FLOAT_MANGLED, parse_id_number, quick_check
from desktop.roster.importing.addresses import PlaceKey, place_of

# Problem and ReadRows are imported from here by the wizard and the plan.
from desktop.roster.importing.checked import Problem, ReadRows
from desktop.roster.importing.cleaning import clean_column
from desktop.roster.importing.values import (
    ERROR,
    WARNING,
    cell_text,
    code_value,
    date_value,
    has_full_width,
    shown,
    tag_values,
)
from desktop.roster.phones import check_phone

CODE_FIELDS = ("sex", "relationship", "ethnicity", "political_status", "residence_status")
TEXT_LIMITS = {"name": 50, "hukou_address": 200, "work_unit": 100, "notes": 2000,
               "household_number": 40}
PLACE_FIELDS = ("address", "compound", "building", "unit", "room")
# Longer cells are refused before they are parsed (and never quoted whole in a message).
_MAX_ID_TEXT, _MAX_PHONE_TEXT, _MAX_PLACE_TEXT, _MAX_TAG = 40, 40, 200, 50
_TOO_LONG = object()
_TOTALS = re.compile(r"^(?:合\s*计|总\s*计|小\s*计|共\s*计|總\s*計|合\s*計|小\s*計|total)",
                     re.IGNORECASE)
_TOTALS_FIRST = "合总小共總Tt"
_MOBILE = re.compile(r"1[3-9]\d{9}", re.ASCII).fullmatch


class _Checker:
    """Checks one column at a time into ``result``."""

    def __init__(self, result: ReadRows, today: dt.date, ctx: TaskContext) -> None:
        self.result = result
        self.today = today
        self.count = len(result)
        self.ctx = ctx
        self.message = ngettext("Checking {count} row…", "Checking {count} rows…",
                                self.count).format(count=self.count)

    def tick(self, pos: int) -> None:
        """Progress and Cancel inside the longer column loops (every 5,000 rows)."""
        if pos % 5000 == 0:
            self.ctx.report(pos, self.count, self.message)

    def warner(self, col: int, key: str):
        """``warn(pos, code, message)`` for the cells of one column."""
        return lambda pos, code, message: self.problem(pos, col, key, WARNING, code, message)

    def problem(self, pos: int, col: int | None, key: str, severity: str, code: str,
                message: str) -> None:
        columns = self.result.columns
        column = columns[col] if col is not None and col < len(columns) else ""
        self.result.problems_by_row.setdefault(pos, []).append(
            Problem(self.result.row_numbers[pos], column, key, severity, code, message))

    def masked(self, pos: int, col: int, key: str, value: str) -> None:
        self.problem(pos, col, key, ERROR, "masked", _(
            "{value} is masked (the file was exported with personal data masked); import "
            "from an unmasked export.").format(value=shown(value)))

    def column(self, key: str) -> list:
        return self.result.values.setdefault(key, [None] * self.count)

    # -- the kinds of column ------------------------------------------------------------------

    def text(self, key: str, col: int, cells: list) -> None:
        out = [c.strip() if c.__class__ is str else cell_text(c) for c in cells]
        limit = TEXT_LIMITS.get(key)
        if limit:
            for pos, value in enumerate(out):
                if len(value) > limit:
                    self.problem(pos, col, key, ERROR, "too_long", _(
                        "This is too long (at most {count} characters).").format(count=limit))
        if key == "name":
            for pos, value in enumerate(out):
                if not value:
                    self.problem(pos, col, key, ERROR, "required", _("The name is empty."))
                elif "*" in value or "＊" in value:
                    self.masked(pos, col, key, value)
        self.result.values[key] = out

    def codes(self, key: str, col: int, cells: list) -> None:
        out = self.column(key)
        memo: dict[object, tuple] = {}
        for pos, cell in enumerate(cells):
            try:
                code, problem = memo[cell]
            except KeyError:
                code, problem = memo[cell] = code_value(key, cell)
            except TypeError:  # an unhashable cell never comes from a reader; be safe
                code, problem = code_value(key, cell)
            if problem:
                self.problem(pos, col, key, *problem)
            # None is blank: apply writes the field's blank for it (sex "0", else ""). An
            # unknown word gives "" here, which must not be stored as a code either.
            out[pos] = None if not code or (key == "sex" and code == "0") else code

    def dates(self, key: str, col: int, cells: list) -> None:
        out = self.column(key)
        today = self.today
        for pos, cell in enumerate(cells):
            if cell.__class__ is dt.date:
                date = cell
            elif cell is None or cell == "":
                continue
            else:
                date, problem = date_value(cell)
                if problem:
                    self.problem(pos, col, key, *problem)
                    continue
            if date > today:
                self.problem(pos, col, key, ERROR, "future_date", _(
                    "The birth date {date} is in the future.").format(date=date.isoformat()))
            else:
                out[pos] = date

    def tags(self, col: int, cells: list) -> None:
        memo: dict[object, tuple] = {}
        out = []
        for pos, cell in enumerate(cells):
            found = memo.get(cell)
            if found is None:
                found = memo[cell] = tag_values(cell)
            if any(len(name) > _MAX_TAG for name in found[1]):
                self.too_long(pos, col, "tags", _MAX_TAG)
                found = ([], [])
            out.append(found)
        self.result.tags = out

    def too_long(self, pos: int, col: int | None, key: str, limit: int) -> None:
        self.problem(pos, col, key, ERROR, "too_long", _(
            "This is too long (at most {count} characters).").format(count=limit))

    def phones(self, key: str, col: int, cells: list) -> None:
        out = self.column(key)
        for pos, cell in enumerate(cells):
            if cell.__class__ is str and _MOBILE(cell):
                out[pos] = cell
                continue
            if cell is None or cell == "":
                continue
            text = cell_text(cell)
            if len(text) > _MAX_PHONE_TEXT:
                self.too_long(pos, col, key, _MAX_PHONE_TEXT)
                continue
            if "*" in text:
                self.masked(pos, col, key, text)
                continue
            if not isinstance(cell, str):
                self.problem(pos, col, key, WARNING, "number_cell", _(
                    "The phone number was stored as a number; it was read as text (a leading 0 "
                    "may have been lost)."))
            elif has_full_width(cell):
                self.problem(pos, col, key, WARNING, "full_width", _(
                    "Full-width digits in the phone number were converted."))
            result = check_phone(text)
            if result.error:
                self.problem(pos, col, key, ERROR, "phone", result.error)
            else:
                if result.warning:
                    self.problem(pos, col, key, WARNING, "phone", result.warning)
                out[pos] = result.number

    def id_numbers(self, col: int, cells: list) -> None:
        numbers = self.column("id_number")
        births = self.column("id_birth_date")
        sexes = self.column("id_sex")
        originals = self.column("id_number_original")
        today = self.today
        first_of: dict[str, int] = {}
        names = self.result.values.get("name")
        for pos, cell in enumerate(cells):
            self.tick(pos)
            if cell.__class__ is str and (quick := quick_check(cell, today)) is not None:
                number = cell
                births[pos], sexes[pos] = quick
            else:
                if cell is None or cell == "":
                    continue
                parsed = self._slow_id(pos, col, cell)
                if parsed is None:
                    continue
                number = parsed.number
                births[pos], sexes[pos] = parsed.birth_date, parsed.sex
                originals[pos] = parsed.upgraded_from or None
            first = first_of.setdefault(number, pos)
            if first != pos:
                name = names[first] if names else ""
                self.problem(pos, col, "id_number", ERROR, "duplicate_in_file", _(
                    "The same ID number as row {row} ({name})."
                ).format(row=self.result.row_numbers[first], name=name))
            numbers[pos] = number

    def _slow_id(self, pos: int, col: int, cell: object):
        if isinstance(cell, float) and cell.is_integer() and cell < 1e15:
            # A 15-digit legacy number survives as a number; only longer ones lose digits.
            self.problem(pos, col, "id_number", WARNING, "number_cell", _(
                "The ID number was stored as a number; it was read as text."))
            cell = str(int(cell))
        text = cell if isinstance(cell, str) else cell_text(cell)
        if len(text.strip()) > _MAX_ID_TEXT:
            self.too_long(pos, col, "id_number", 18)
            return None
        if "*" in text:
            self.masked(pos, col, "id_number", text)
            return None
        parsed = parse_id_number(cell, today=self.today)
        if parsed.errors:
            issue = parsed.errors[0]
            message = issue.message
            if isinstance(cell, float) and issue.code == FLOAT_MANGLED:
                message = _(
                    "The ID number became the number {value} in the spreadsheet and lost its "
                    "last digits. Format the column as text and type the number again."
                ).format(value=text)
            self.problem(pos, col, "id_number", ERROR, issue.code, message)
            return None
        for issue in parsed.warnings:
            self.problem(pos, col, "id_number", WARNING, issue.code, issue.message)
        if isinstance(cell, str) and has_full_width(cell):
            self.problem(pos, col, "id_number", WARNING, "full_width", _(
                "Full-width characters in the ID number were converted."))
        return parsed

    def places(self, place_columns: dict[str, tuple[int, list]], notes_col: int | None) -> None:
        none = [None] * self.count
        parts = [place_columns.get(key, (None, none))[1] for key in PLACE_FIELDS]
        memo: dict[tuple, PlaceKey | None] = {}
        out: list[PlaceKey | None] = []
        notes = self.result.values.get("notes")
        col = place_columns.get("address", next(iter(place_columns.values())))[0]
        for pos, key in enumerate(zip(*parts)):
            self.tick(pos)
            try:
                place = memo[key]
            except KeyError:
                place = memo[key] = (
                    _TOO_LONG if any(v.__class__ is str and len(v) > _MAX_PLACE_TEXT
                                     and len(v.strip()) > _MAX_PLACE_TEXT for v in key)
                    else place_of(*key))  # (numbers and dates are never that long)
            if place is _TOO_LONG:
                self.too_long(pos, col, "address", _MAX_PLACE_TEXT)
                out.append(None)
                continue
            out.append(place)
            if place is None and any(cell_text(v) for v in key):
                self.problem(pos, col, "address", WARNING, "unreadable_address", _(
                    "The address could not be read as building, unit and room; the resident "
                    "was imported without a dwelling and the address kept in the notes."))
                kept = " ".join(cell_text(v) for v in key if cell_text(v))
                if notes is None:
                    notes = self.result.values["notes"] = [""] * self.count
                notes[pos] = f"{notes[pos]}\n{kept}".strip() if notes[pos] else kept
        self.result.places = out

    def derive(self, birth_col: int | None, sex_col: int | None) -> None:
        """The ID number is the authority on birth date and sex; a column that disagrees is
        reported and the ID's value kept."""
        values = self.result.values
        id_births = values.pop("id_birth_date", None)
        id_sexes = values.pop("id_sex", None)
        if id_births is None:
            return
        births = self.column("birth_date")
        sexes = self.column("sex")
        for pos, id_birth in enumerate(id_births):
            if id_birth is None:
                continue
            if births[pos] is not None and births[pos] != id_birth:
                self.problem(pos, birth_col, "birth_date", WARNING, "differs_from_id", _(
                    "The ID number says this person was born on {date}; that date was used."
                ).format(date=id_birth.isoformat()))
            births[pos] = id_birth
            if sexes[pos] is not None and sexes[pos] != id_sexes[pos]:
                self.problem(pos, sex_col, "sex", WARNING, "differs_from_id", _(
                    "The sex does not match the ID number; the ID number's was used."))
            sexes[pos] = id_sexes[pos]


def _totals_label(cells: Sequence) -> str | None:
    for cell in cells:
        if isinstance(cell, str) and cell.strip():
            return cell.strip() if _TOTALS.match(cell.strip()) else None
    return None


def _columns_of(data: Sequence[list], width: int) -> list[tuple]:
    """The rows turned into columns in one C-level step; short rows padded with None."""
    if not data:
        return [()] * width
    padded = [row if len(row) >= width else [*row, *([None] * (width - len(row)))]
              for row in data]
    return list(zip(*padded, strict=False))[:width]


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def read_rows(rows: Sequence[list], row_numbers: Sequence[int], start: int,
              columns: Sequence[str], mapping: Sequence[str | None],
              ctx: TaskContext | None = None, today: dt.date | None = None) -> ReadRows:
    """Check ``rows[start:]`` under ``mapping`` (one field key or None per column)."""
    ctx = ctx or TaskContext()
    result = ReadRows(list(columns), list(mapping))
    width = max(len(mapping), 3)
    transposed = _columns_of(rows[start:], width)
    imported = [col for col, key in enumerate(mapping) if key not in (None, "ignore")]
    # A row with nothing in the imported columns is blank, even with a 序号 left in it.
    filled = [any(cells) for cells in zip(*(transposed[c] for c in imported), strict=True)]
    # Rows that only look filled (spaces) have no name either: checked only for those.
    name_column = transposed[mapping.index("name")] if "name" in mapping else None
    totals = {offset for column in transposed[:3] for offset, cell in enumerate(column)
              if cell.__class__ is str and cell.lstrip()[:1] in _TOTALS_FIRST}
    kept = []
    for offset, has_data in enumerate(filled):
        if not has_data:
            continue
        if name_column is not None and _blank(name_column[offset]) and all(
                _blank(transposed[c][offset]) for c in imported):
            continue
        if offset in totals:
            label = _totals_label([transposed[c][offset] for c in range(3)])
            if label is not None:
                result.skipped.append(Problem(
                    row_numbers[start + offset], "", "", WARNING, "totals_row",
                    _("“{label}”: a totals row, not a resident; skipped.").format(label=label)))
                continue
        kept.append(offset)
    result.source_index = [start + offset for offset in kept]
    result.row_numbers = [row_numbers[index] for index in result.source_index]
    pick = (lambda column: [column[kept[0]]]) if len(kept) == 1 else itemgetter(*kept)
    checker = _Checker(result, today or dt.date.today(), ctx)
    fields = [(col, key) for col, key in enumerate(mapping) if key not in (None, "ignore")]
    # Names first (duplicate IDs name the first row's person), the ID before birth date and sex.
    order = {"name": 0, "id_number": 1}
    fields.sort(key=lambda item: order.get(item[1], 2))
    place_columns: dict[str, tuple[int, list]] = {}
    col_of: dict[str, int] = {}
    for done, (col, key) in enumerate(fields):
        ctx.report(done, len(fields) + 1, checker.message)
        cells = list(pick(transposed[col])) if kept else []
        clean_column(key, cells, checker.warner(col, key))
        col_of[key] = col
        if key in PLACE_FIELDS:
            place_columns[key] = (col, cells)
        elif key == "id_number":
            checker.id_numbers(col, cells)
        elif key in ("phone", "phone2"):
            checker.phones(key, col, cells)
        elif key in CODE_FIELDS:
            checker.codes(key, col, cells)
        elif key == "birth_date":
            checker.dates(key, col, cells)
        elif key == "tags":
            checker.tags(col, cells)
        else:
            checker.text(key, col, cells)
    checker.derive(col_of.get("birth_date"), col_of.get("sex"))
    if place_columns:
        checker.places(place_columns, col_of.get("notes"))
    ctx.report(len(fields) + 1, len(fields) + 1, checker.message)
    return result
