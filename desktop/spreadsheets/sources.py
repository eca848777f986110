"""Reading a file's sheets as plain cell values: xlsx/xls (calamine), CSV, and HTML saved as .xls.

The format comes from the bytes, not the extension: offices rename files, and some systems
export an HTML table named ".xls". Anything we cannot read becomes an ``ImportFileError`` with a
message naming the file, never a traceback.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.errors import LinliError
from desktop.core.i18n import _
from desktop.core.tasks import TaskContext, wait_for
from desktop.spreadsheets.formats import (
    ENCRYPTED_OOXML_STREAM,
    OLE2_MAGIC,
    ZIP_MAGIC,
    FormatError,
    detect_format,
)
from desktop.spreadsheets.html_tables import HtmlTable, TableTooLarge, parse_tables

_CHECK_EVERY = 5000  # rows between Cancel checks in the Python-level loops
_WIDE_ROW = 1000  # more columns than any roster has: trailing empty cells are dropped


class ImportFileError(LinliError):
    """A file (or one of its sheets) cannot be read for import; the message names it."""


@dataclass(frozen=True)
class SourceFile:
    path: Path
    format: str  # "xlsx" | "xls" | "csv" | "html"
    encoding: str | None  # the text encoding used (csv/html); None for workbooks
    sheets: tuple[str, ...]  # csv/html: named after the file stem


@dataclass
class SourceSheet:
    name: str
    # str, int, float, bool, datetime.date/datetime, or None for an empty cell; ragged rows
    rows: list[list[object]]
    # per row, the number the user sees: the Excel row, or the CSV line where the record starts
    row_numbers: list[int]
    # (first_row, first_col, last_row, last_col), 0-based indexes into rows / columns
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)


def open_source(path: str | Path, encoding: str | None = None) -> SourceFile:
    """Detect the format and list the sheets; cheap enough to call when a file is chosen."""
    path = Path(path)
    data = _read_bytes(path)
    kind = _detect_format(path, data)
    if kind in ("xlsx", "xls"):
        with _open_workbook(path, data) as workbook:
            return SourceFile(path, kind, None, tuple(workbook.sheet_names))
    text, used = _decode(path, data, encoding, html=kind == "html")
    if kind == "html":
        tables = _html_tables(path, text, None)
        return SourceFile(path, kind, used, _html_sheet_names(path, len(tables)))
    return SourceFile(path, "csv", used, (path.stem,))


def read_sheet(
    source: SourceFile, sheet: str | None = None, ctx: TaskContext | None = None
) -> SourceSheet:
    """All rows of one sheet (the first when ``sheet`` is None), trailing empty rows dropped."""
    name = source.sheets[0] if sheet is None and source.sheets else sheet
    if name not in source.sheets:
        raise ImportFileError(
            _('The sheet "{sheet}" is not in {file}.').format(sheet=name, file=source.path.name)
        )
    ctx = ctx or TaskContext()
    ctx.check()
    data = _read_bytes(source.path)
    if _detect_format(source.path, data) != source.format:
        raise ImportFileError(_(
            "{file} was changed or replaced after it was opened. Open it again.").format(
            file=source.path.name))
    if source.format in ("xlsx", "xls"):
        result = _read_workbook_sheet(source.path, data, name, ctx)
    else:
        text, _used = _decode(source.path, data, source.encoding, html=source.format == "html")
        if source.format == "html":
            tables = _html_tables(source.path, text, ctx)
            table = tables[_html_sheet_names(source.path, len(tables)).index(name)]
            result = _html_sheet(name, table)
        else:
            result = _read_csv(source.path, name, text, ctx)
    _drop_trailing_empty_rows(result)
    _refuse_a_huge_grid(source, result)
    ctx.check()
    return result


def _refuse_a_huge_grid(source: SourceFile, sheet: SourceSheet) -> None:
    """The checks pad every row to the widest: one row of a million cells in a CSV or a web
    page would make a grid of billions. Workbooks were measured before calamine read them."""
    from desktop.spreadsheets.extent import MAX_GRID_CELLS, too_large

    width = max(map(len, sheet.rows), default=0)
    if len(sheet.rows) * width > MAX_GRID_CELLS:
        raise too_large(sheet.name, source.path.name, len(sheet.rows), width)


# --- bytes and format ---------------------------------------------------------------------------


def _decode(path: Path, data: bytes, encoding: str | None, html: bool) -> tuple[str, str]:
    # Imported here: encodings imports ImportFileError from this module.
    from desktop.spreadsheets.encodings import decode as decode_text

    return decode_text(path, data, encoding, html)


def _read_bytes(path: Path) -> bytes:
    if path.is_dir():
        raise ImportFileError(_("{file} is a folder, not a file: choose the file to import.")
                              .format(file=path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(
            _("Cannot open {file}: it does not exist, is in use, or you may not read it.").format(
                file=path.name
            ),
            details=repr(exc),
        ) from exc
    if not data.strip():
        raise ImportFileError(_("The file {file} is empty.").format(file=path.name))
    return data


def _detect_format(path: Path, data: bytes) -> str:
    try:
        return detect_format(path, data)
    except FormatError as exc:
        raise ImportFileError(exc.message) from None


# --- workbooks (calamine) -----------------------------------------------------------------------


def _open_workbook(path: Path, data: bytes):
    # Imported here: only workbook imports need the native extension.
    import python_calamine

    if data.startswith(OLE2_MAGIC):
        # calamine builds every sheet's grid when it opens an .xls: look at their size first.
        from desktop.spreadsheets.extent import check_xls_workbook

        check_xls_workbook(data, path.name)

    try:
        # From bytes, not from_path: from_path picks the reader by extension and fails on an
        # xlsx named ".xls" (or no extension at all).
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    # BaseException: on some damaged files calamine panics, and pyo3's PanicException is not an
    # Exception.
    except BaseException as exc:
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        password_error = getattr(python_calamine, "PasswordError", ())
        if isinstance(exc, password_error) or (
            data.startswith(OLE2_MAGIC) and ENCRYPTED_OOXML_STREAM in data
        ):
            raise _password_error(path, exc) from exc
        raise ImportFileError(
            _(
                "{file} is damaged or is not a spreadsheet that can be read. Open it in Excel "
                "or WPS and save it again as .xlsx, then import that copy."
            ).format(file=path.name),
            details=repr(exc),
        ) from exc


def _password_error(path: Path, exc: BaseException) -> ImportFileError:
    return ImportFileError(
        _(
            "{file} is protected with a password. Open it in Excel or WPS, remove the password "
            "and save a copy, then import that copy."
        ).format(file=path.name),
        details=repr(exc),
    )


def _read_workbook_sheet(path: Path, data: bytes, name: str, ctx: TaskContext) -> SourceSheet:
    if data.startswith(ZIP_MAGIC):
        # Before calamine builds its grid: a stray far cell would abort the process.
        from desktop.spreadsheets.extent import check_xlsx_sheet

        check_xlsx_sheet(data, name, path.name)
    with _open_workbook(path, data) as workbook:
        try:
            # Parsing a large sheet takes seconds in calamine's own code, which lets other
            # threads run: wait for it on a helper thread so progress and Cancel keep working.
            sheet = wait_for(lambda: workbook.get_sheet_by_name(name), ctx,
                             _("Reading {file}…").format(file=path.name))
            # skip_empty_area=False keeps leading empty rows/columns, so index + 1 = Excel row.
            rows = sheet.to_python(skip_empty_area=False)
            # None where calamine has no merge information; older versions lack the attribute.
            ranges = getattr(sheet, "merged_cell_ranges", None) or []
        except BaseException as exc:  # see _open_workbook
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            raise ImportFileError(
                _('The sheet "{sheet}" in {file} cannot be read: it may be damaged.').format(
                    sheet=name, file=path.name
                ),
                details=repr(exc),
            ) from exc
    ctx.report(0, 0, _("Reading {file}…").format(file=path.name))
    _empty_strings_to_none(rows)
    merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in ranges]
    return SourceSheet(name, rows, list(range(1, len(rows) + 1)), merged)


def _empty_strings_to_none(rows: list[list[object]]) -> None:
    """Calamine returns "" for empty cells; make them None in place.

    Searching with list.index keeps the work in C: rows without an empty cell cost one scan, so
    100,000 rows add a few percent to calamine's own time.
    """
    for row in rows:
        start = 0
        while True:
            try:
                start = row.index("", start)
            except ValueError:
                break
            row[start] = None


def _drop_trailing_empty_rows(sheet: SourceSheet) -> None:
    # Formatted but empty rows at the end are common (MicroCommunity's hc.xlsx).
    rows = sheet.rows
    end = len(rows)
    while end and all(value is None for value in rows[end - 1]):
        end -= 1
    if end < len(rows):
        del rows[end:]
        del sheet.row_numbers[end:]
        sheet.merged = [m for m in sheet.merged if m[0] < end]


# --- CSV ----------------------------------------------------------------------------------------


def _sniff_delimiter(text: str) -> str:
    """Comma, tab or semicolon: whichever the first lines use most (comma on a tie)."""
    sample = [line for line in text[:65536].splitlines()[:10] if line.strip()]
    counts = {d: sum(line.count(d) for line in sample) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def _read_csv(path: Path, name: str, text: str, ctx: TaskContext) -> SourceSheet:
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    rows: list[list[object]] = []
    row_numbers: list[int] = []
    while True:
        # A quoted field may span lines: the record starts on the line after the last one read.
        start_line = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise ImportFileError(
                _("Line {line} of {file} cannot be read as CSV.").format(
                    line=start_line, file=path.name
                ),
                details=repr(exc),
            ) from exc
        row = [cell if cell != "" else None for cell in record]
        if len(row) > _WIDE_ROW:  # "a,b,,,,,…" a million commas that hold nothing
            while row and row[-1] is None:
                row.pop()
        rows.append(row)
        row_numbers.append(start_line)
        if len(rows) % _CHECK_EVERY == 0:
            ctx.check()
    return SourceSheet(name, rows, row_numbers, [])


# --- HTML tables --------------------------------------------------------------------------------


def _html_tables(path: Path, text: str, ctx: TaskContext | None) -> list[HtmlTable]:
    try:
        tables = parse_tables(text, check=ctx.check if ctx else None)
    except TableTooLarge as exc:
        from desktop.spreadsheets.extent import too_large

        raise too_large(path.stem, path.name, exc.rows, exc.columns) from None
    if not tables:
        raise ImportFileError(
            _("{file} is a web page without a table: there is nothing to import.").format(
                file=path.name
            )
        )
    return tables


def _html_sheet_names(path: Path, count: int) -> tuple[str, ...]:
    return (path.stem,) + tuple(f"{path.stem} ({n})" for n in range(2, count + 1))


def _html_sheet(name: str, table: HtmlTable) -> SourceSheet:
    return SourceSheet(
        name, table.rows, list(range(1, len(table.rows) + 1)), list(table.merged)
    )
