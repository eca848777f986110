"""How big a workbook sheet really is, found before calamine reads it.

calamine turns a sheet into one dense grid from A1 to the last cell that holds a value: a 1.7 KB
xlsx with a value at XFD1048576 asks for 512 GiB and aborts the process (no ``except`` can catch
an abort), and a value at CV100000 costs 455 MB. So the sheet's XML is scanned first, as a
stream, for the cells that hold a value: their number and the grid they span. The declared
``<dimension>`` is not trusted (any program may write any size there) and formatted but empty
cells do not count, as they do not for calamine.

The scan stays in C-level regular expressions for files whose cells carry their reference
(``r="B7"``, as every spreadsheet program writes them); cells without one are placed as calamine
places them (after the previous cell, on the next row) by a slower exact walk.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from xml.etree import ElementTree

from desktop.core.i18n import _
from desktop.spreadsheets.sources import ImportFileError

# The grid calamine and the rows built from it may span (rows × columns from A1), and the cells
# holding values: 100,000 residents × 60 columns fit; CV100000 (10 million) does not.
MAX_GRID_CELLS = 6_000_000
MAX_VALUE_CELLS = 6_000_000
_CHUNK = 4 << 20
_MAX_CARRY = 1 << 20  # a tag longer than this is no cell: stop carrying it between chunks

_NS = r"(?:[A-Za-z_][\w.-]*:)?"
# The fast pass: every cell as spreadsheet programs write it, reference first (<c r="B7" …>).
_CELL_COLUMN = re.compile(rb'<c r="([A-Z]{1,4})')
_CELL_ROW = re.compile(rb'<c r="[A-Z]{1,4}([0-9]{1,9})')
# The exact walk: rows and cells in order, with or without a reference and a namespace prefix.
_TAG = re.compile(rf"<{_NS}(row|c)(?=[\s>/])([^>]*?)(/?)>".encode())
_REF = re.compile(rb'(?:^|\s)r\s*=\s*["\']([A-Z]{1,4})?([0-9]{1,9})?["\']')
_EMPTY_AFTER = re.compile(rf"\s*</{_NS}c>".encode())


class SheetTooLarge(ImportFileError):
    """A sheet's cells span more than an import can hold in memory."""


def column_number(letters: bytes) -> int:
    number = 0
    for char in letters:
        number = number * 26 + char - 64
    return number


def check_xlsx_sheet(data: bytes, sheet: str, file_name: str) -> None:
    """Raise ``SheetTooLarge`` when the sheet named ``sheet`` spans more than the limits.

    When the sheet's part cannot be told (an unusual package), every worksheet part is measured.
    A package that cannot be read at all is left to calamine, which reports it as damaged.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            part = _sheet_part(package, names, sheet)
            parts = [part] if part else (
                sorted(n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml"))
                or sorted(n for n in names if n.endswith(".xml")))
            for name in parts:
                rows, columns, cells = _extent(lambda name=name: package.open(name))
                _refuse_beyond_limits(rows, columns, cells, sheet, file_name)
    except (zipfile.BadZipFile, KeyError, OSError, ElementTree.ParseError, EOFError,
            NotImplementedError, RuntimeError, ValueError):
        return  # damaged: calamine reports it


def check_xls_workbook(data: bytes, file_name: str) -> None:
    """The same for every sheet of an .xls, before it is opened: calamine builds all their
    grids on opening. Its cell records are read from the file (see xls_extent)."""
    from desktop.spreadsheets.xls_extent import xls_sheet_extents

    for sheet, (rows, columns, cells) in xls_sheet_extents(data) or []:
        _refuse_beyond_limits(rows, columns, cells, sheet, file_name)


def _refuse_beyond_limits(rows: int, columns: int, cells: int, sheet: str,
                          file_name: str) -> None:
    if cells > MAX_VALUE_CELLS or rows * columns > MAX_GRID_CELLS:
        raise too_large(sheet, file_name, rows, columns)


def too_large(sheet: str, file_name: str, rows: int, columns: int) -> SheetTooLarge:
    return SheetTooLarge(_(
        'The sheet "{sheet}" in {file} is too large to import: its cells reach row {rows} '
        "and column {columns}. Delete the rows and columns that are not part of the "
        "table (a stray value far to the right or far below), or split the file, then "
        "import it again.").format(sheet=sheet, file=file_name, rows=f"{rows:,}",
                                   columns=f"{columns:,}"))


def _sheet_part(package: zipfile.ZipFile, names: set[str], sheet: str) -> str | None:
    workbook_part = "xl/workbook.xml"
    if workbook_part not in names:
        return None
    workbook = ElementTree.fromstring(package.read(workbook_part))
    rel_id = None
    for element in workbook.iter():
        if element.tag.rsplit("}", 1)[-1] == "sheet" and element.get("name") == sheet:
            # r:id, in the transitional or the strict namespace
            rel_id = next((value for key, value in element.attrib.items()
                           if key.startswith("{") and key.endswith("}id")), None)
            break
    rels_part = "xl/_rels/workbook.xml.rels"
    if rel_id is None or rels_part not in names:
        return None
    for rel in ElementTree.fromstring(package.read(rels_part)):
        if rel.get("Id") == rel_id:
            target = rel.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join("xl", target))
            return part if part in names else None
    return None


def _extent(open_part) -> tuple[int, int, int]:
    """(last row, last column, cells) of a sheet's XML.

    The fast pass counts every cell, empty or not; only a sheet that looks too large by it is
    walked exactly, so formatted but empty cells far away do not refuse a sheet calamine reads.
    """
    with open_part() as stream:
        found = _scan(stream, exact=False)
    if found is None or _beyond(*found):
        with open_part() as stream:
            found = _scan(stream, exact=True)
    return found


def _beyond(rows: int, columns: int, cells: int) -> bool:
    return cells > MAX_VALUE_CELLS or rows * columns > MAX_GRID_CELLS


def _chunks(stream):
    """The XML in pieces that end before a tag, so no tag is cut in two."""
    carry = b""
    while True:
        block = stream.read(_CHUNK)
        text = carry + block
        if not block:
            if text:
                yield text
            return
        cut = text.rfind(b"<")
        if cut <= 0 or len(text) - cut > _MAX_CARRY:
            cut = len(text)
        yield text[:cut]
        carry = text[cut:]


def _scan(stream, exact: bool) -> tuple[int, int, int] | None:
    """The fast pass returns None when a cell is not written the usual way."""
    rows = columns = cells = 0
    walk = _ExactWalk() if exact else None
    for chunk in _chunks(stream):
        if walk is not None:
            walk.feed(chunk)
            rows, columns, cells = walk.rows, walk.columns, walk.cells
        else:
            letters = _CELL_COLUMN.findall(chunk)
            # (A cell without attributes can only reach far by many cells: the count catches it.)
            if len(letters) != chunk.count(b"<c ") or b"<c>" in chunk or b":c " in chunk:
                return None  # no reference, or not first, or a namespace prefix
            if letters:
                columns = max(columns, *map(column_number, set(letters)))
                rows = max(rows, *map(int, set(_CELL_ROW.findall(chunk))))
                cells += len(letters)
        if _beyond(rows, columns, cells):
            break  # no need to read on
    return rows, columns, cells


class _ExactWalk:
    """Rows and cells in document order, placed as calamine places cells without ``r``."""

    def __init__(self) -> None:
        self.row = 0  # 1-based row of the current <row>
        self.column = 0  # 1-based column of the last cell
        self.rows = 0
        self.columns = 0
        self.cells = 0

    def feed(self, chunk: bytes) -> None:
        for match in _TAG.finditer(chunk):
            kind, attributes, closed = match.groups()
            ref = _REF.search(attributes)
            if kind == b"row":
                self.row = int(ref.group(2)) if ref and ref.group(2) else self.row + 1
                self.column = 0
                continue
            if ref and ref.group(1) and ref.group(2):
                self.row = int(ref.group(2))
                self.column = column_number(ref.group(1))
            else:
                self.column += 1
            if closed or _EMPTY_AFTER.match(chunk, match.end()):
                continue
            self.cells += 1
            self.rows = max(self.rows, self.row)
            self.columns = max(self.columns, self.column)
