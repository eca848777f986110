"""A streaming .xlsx writer made for the roster's size: 200,000 rows in a few seconds.

Why not a library: XlsxWriter (constant_memory) took 25 s for 200,000 × 15 cells on the office
class of machine this app targets (openpyxl's write-only mode is slower still), against the
10 s the export may take. The format we need is small — text, date and number cells, one bold
filled header row, frozen panes, an autofilter, column widths — so the XML is written here
directly, and every test reads the result back with openpyxl and python-calamine.

Each sheet's rows go to an anonymous temporary file as they come (rows of several sheets may
interleave); ``close`` assembles the package: the sheet's head (now that its size is known),
its rows, its tail. Repeated values (codes, compounds, tags) go to the shared-string table;
unique ones (names, ID numbers, phones) are written inline so the table stays small.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape

from desktop.spreadsheets.cells import escape_cell

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
COMPRESS_LEVEL = 1  # 4x faster than the default level for a file ~35% larger
MAX_SHEET_NAME = 31
MAX_ROWS = 1_048_576
_FORBIDDEN_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
# Characters XML 1.0 does not allow; Excel writes them as _xHHHH_.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Besides XML's needs: a leading = + - @ tab CR (or apostrophes before one) is escaped by the
# one rule of desktop.spreadsheets.cells, so no spreadsheet runs the cell.
# A CR is written as &#13;: a reader turns a literal one into a line feed (XML line ends).
_NEEDS_CARE = re.compile(r"[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|^\s|\s$|^'*[=+\-@\t]")
_EXCEL_EPOCH = dt.date(1899, 12, 30).toordinal()

# Cell styles (cellXfs in styles.xml): their index is the s="" of a cell.
STYLE_DEFAULT, STYLE_HEADER, STYLE_DATE, STYLE_TEXT = range(4)
WIDTH_SAMPLE_ROWS = 500  # column widths from the header, typical content and the first rows
MIN_WIDTH, MAX_WIDTH = 6, 50

# Kinds of column: shared string, inline string, date, number.
SHARED, INLINE, DATE, NUMBER = "s", "i", "d", "n"


def display_width(text: str) -> int:
    """Width in Excel's character units: CJK and full-width characters count 2."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


@dataclass(frozen=True)
class XlsxColumn:
    header: str
    kind: str = INLINE  # SHARED, INLINE, DATE or NUMBER
    text_format: bool = False  # style "@": typed values stay text (ID numbers, phones)
    sample: str = ""  # typical content, for the width


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def safe_sheet_name(name: str, taken: set[str]) -> str:
    """A valid sheet name, unique among ``taken`` (compared case-insensitively, as Excel does):
    no []:*?/\\, no leading or trailing apostrophe, at most 31 characters."""
    base = _FORBIDDEN_IN_SHEET_NAME.sub("_", _CONTROL.sub("", name)).strip().strip("'")
    base = base[:MAX_SHEET_NAME] or "Sheet"
    candidate, number = base, 1
    while candidate.casefold() in taken:
        number += 1
        suffix = f" ({number})"
        candidate = base[:MAX_SHEET_NAME - len(suffix)] + suffix
    taken.add(candidate.casefold())
    return candidate


def xml_text(value: str) -> str:
    """``<t>`` element for a string: formula-escaped (cells.escape_cell), XML-escaped, spaces
    kept, illegal characters as _xHHHH_. Every text cell and header goes through here, always
    as a string cell: the writer has no formula cells at all."""
    if _NEEDS_CARE.search(value) is None:
        return f"<t>{value}</t>"
    value = escape(_CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", escape_cell(value)),
                   {"\r": "&#13;"})
    if value != value.strip():
        return f'<t xml:space="preserve">{value}</t>'
    return f"<t>{value}</t>"


@dataclass(frozen=True)
class _Layout:
    """A sheet's columns, prepared: per column (kind, the cell's opening text up to the row
    number, its text after it, its closing), the header row, the starting widths."""

    columns: tuple[XlsxColumn, ...]
    cells: tuple[tuple[str, str, str, str], ...]
    header: str
    widths: tuple[int, ...]
    last_letter: str


def _layout(columns: Sequence[XlsxColumn]) -> _Layout:
    letters = [column_letter(i) for i in range(len(columns))]
    cells = []
    for letter, column in zip(letters, columns):
        style = f' s="{STYLE_TEXT}"' if column.text_format else ""
        if column.kind == DATE:
            style = f' s="{STYLE_DATE}"'
        after = {SHARED: f'"{style} t="s"><v>', INLINE: f'"{style} t="inlineStr"><is>',
                 DATE: f'"{style}><v>', NUMBER: f'"{style}><v>'}[column.kind]
        close = "</is></c>" if column.kind == INLINE else "</v></c>"
        cells.append((column.kind, f'<c r="{letter}', after, close))
    header = "".join(
        f'<c r="{letter}1" s="{STYLE_HEADER}" t="inlineStr"><is>{xml_text(c.header)}</is></c>'
        for letter, c in zip(letters, columns))
    widths = tuple(max(display_width(c.header) + 3, display_width(c.sample) + 2)
                   for c in columns)
    return _Layout(tuple(columns), tuple(cells), header, widths, letters[-1])


@dataclass
class _Sheet:
    name: str
    rows: IO[bytes]
    layout: _Layout
    count: int = 0  # data rows written (the header aside)
    widths: list[int] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)


class XlsxWriter:
    """``add_sheet(name)``, then ``write_row(sheet, cells)`` in any order, then ``close()``.
    Every sheet has the writer's columns unless ``add_sheet`` is given its own (a survey
    export's repeat sheets)."""

    def __init__(self, path: Path, columns: Sequence[XlsxColumn]) -> None:
        self.path = path
        self.columns = list(columns)
        self.sheets: list[_Sheet] = []
        self._taken: set[str] = set()
        self._shared: dict[str, int] = {}
        self._layout = _layout(self.columns)

    def add_sheet(self, name: str, columns: Sequence[XlsxColumn] | None = None) -> _Sheet:
        layout = self._layout if columns is None else _layout(columns)
        rows = tempfile.TemporaryFile("w+b")  # noqa: SIM115 - closed by close() or discard()
        sheet = _Sheet(safe_sheet_name(name, self._taken), rows, layout,
                       widths=list(layout.widths))
        self.sheets.append(sheet)
        return sheet

    def write_row(self, sheet: _Sheet, values: Sequence) -> None:
        if sheet.count + 1 >= MAX_ROWS:
            raise OverflowError("more rows than a worksheet holds")
        sheet.count += 1
        number = str(sheet.count + 1)
        parts = [f'<row r="{number}">']
        add = parts.append
        shared = self._shared
        for (kind, start, after, close), value in zip(sheet.layout.cells, values):
            if value is None or value == "":
                continue
            if kind == INLINE:
                add(start + number + after + xml_text(value) + close)
            elif kind == SHARED:
                index = shared.get(value)
                if index is None:
                    index = shared[value] = len(shared)
                add(f"{start}{number}{after}{index}{close}")
            elif kind == DATE:
                serial = value.toordinal() - _EXCEL_EPOCH
                if serial < 61:  # Excel counts 29 February 1900, which never was
                    serial -= 1
                add(f"{start}{number}{after}{serial}{close}")
            else:
                add(f"{start}{number}{after}{value}{close}")
        add("</row>")
        sheet.pending.append("".join(parts))
        if sheet.count <= WIDTH_SAMPLE_ROWS:
            widths = sheet.widths
            for i, value in enumerate(values):
                if value is not None and not isinstance(value, (int, dt.date)):
                    widths[i] = max(widths[i], display_width(value) + 2)
        if len(sheet.pending) >= 1000:
            self._flush(sheet)

    def _flush(self, sheet: _Sheet) -> None:
        sheet.rows.write("".join(sheet.pending).encode("utf-8"))
        sheet.pending.clear()

    def discard(self) -> None:
        """Drop the temporary row files (the package is not written)."""
        for sheet in self.sheets:
            sheet.rows.close()

    def close(self) -> None:
        """Write the package to ``path``."""
        if not self.sheets:
            self.add_sheet("Sheet1")
        try:
            with zipfile.ZipFile(self.path, "w", zipfile.ZIP_DEFLATED,
                                 compresslevel=COMPRESS_LEVEL) as package:
                package.writestr("[Content_Types].xml", self._content_types())
                package.writestr("_rels/.rels", _ROOT_RELS)
                package.writestr("xl/workbook.xml", self._workbook())
                package.writestr("xl/_rels/workbook.xml.rels", self._workbook_rels())
                package.writestr("xl/styles.xml", _STYLES)
                for number, sheet in enumerate(self.sheets, start=1):
                    self._flush(sheet)
                    with package.open(f"xl/worksheets/sheet{number}.xml", "w",
                                      force_zip64=True) as part:
                        part.write(self._sheet_head(sheet, number == 1).encode("utf-8"))
                        sheet.rows.seek(0)
                        while block := sheet.rows.read(1 << 20):
                            part.write(block)
                        part.write(self._sheet_tail(sheet).encode("utf-8"))
                    sheet.rows.close()
                package.writestr("xl/sharedStrings.xml", self._shared_strings())
        finally:
            self.discard()

    # -- package parts ---------------------------------------------------------------------

    def _ref(self, sheet: _Sheet) -> str:
        return f"A1:{sheet.layout.last_letter}{sheet.count + 1}"

    def _sheet_head(self, sheet: _Sheet, selected: bool) -> str:
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{min(max(w, MIN_WIDTH), MAX_WIDTH)}" '
            f'customWidth="1"{_col_style(c)}/>'
            for i, (w, c) in enumerate(zip(sheet.widths, sheet.layout.columns), start=1))
        tab = ' tabSelected="1"' if selected else ""
        return (
            f'{XML_HEAD}<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
            f'<dimension ref="{self._ref(sheet)}"/>'
            f'<sheetViews><sheetView{tab} workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
            '</sheetView></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/>'
            f"<cols>{cols}</cols>"
            f'<sheetData><row r="1">{sheet.layout.header}</row>'
        )

    def _sheet_tail(self, sheet: _Sheet) -> str:
        return (f'</sheetData><autoFilter ref="{self._ref(sheet)}"/>'
                '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
                'footer="0.3"/></worksheet>')

    def _workbook(self) -> str:
        sheets = "".join(
            f'<sheet name="{escape(s.name, {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"/>'
            for i, s in enumerate(self.sheets, start=1))
        names = "".join(
            f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
            f"{escape(_quoted(s.name))}!$A$1:${s.layout.last_letter}${s.count + 1}</definedName>"
            for i, s in enumerate(self.sheets))
        return (f'{XML_HEAD}<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
                '<bookViews><workbookView activeTab="0"/></bookViews>'
                f"<sheets>{sheets}</sheets><definedNames>{names}</definedNames></workbook>")

    def _workbook_rels(self) -> str:
        kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        rels = [f'<Relationship Id="rId{i}" Type="{kind}/worksheet" '
                f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(self.sheets) + 1)]
        n = len(self.sheets)
        rels.append(f'<Relationship Id="rId{n + 1}" Type="{kind}/styles" Target="styles.xml"/>')
        rels.append(f'<Relationship Id="rId{n + 2}" Type="{kind}/sharedStrings" '
                    'Target="sharedStrings.xml"/>')
        return f'{XML_HEAD}<Relationships xmlns="{PKG_REL_NS}">{"".join(rels)}</Relationships>'

    def _content_types(self) -> str:
        ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        sheets = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{ct}.worksheet+xml"/>'
            for i in range(1, len(self.sheets) + 1))
        return (
            f'{XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{ct}.styles+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.sharedStrings+xml"/>'
            f"{sheets}</Types>")

    def _shared_strings(self) -> str:
        items = "".join(f"<si>{xml_text(text)}</si>" for text in self._shared)
        count = len(self._shared)
        return (f'{XML_HEAD}<sst xmlns="{MAIN_NS}" count="{count}" uniqueCount="{count}">'
                f"{items}</sst>")


def _col_style(column: XlsxColumn) -> str:
    if column.kind == DATE:
        return f' style="{STYLE_DATE}"'
    return f' style="{STYLE_TEXT}"' if column.text_format else ""


def _quoted(sheet_name: str) -> str:
    return "'" + sheet_name.replace("'", "''") + "'"


_ROOT_RELS = (
    f'{XML_HEAD}<Relationships xmlns="{PKG_REL_NS}">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)

_FONT = '<sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/>'
_STYLES = (
    f'{XML_HEAD}<styleSheet xmlns="{MAIN_NS}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>'
    f'<fonts count="2"><font>{_FONT}</font><font><b/>{_FONT}</font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/>'
    '</patternFill></fill></fills>'
    '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
    '<border><left/><right/><top/><bottom style="thin"><color rgb="FF9BB7D4"/></bottom>'
    '<diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="49" fontId="1" fillId="2" borderId="1" xfId="0" applyNumberFormat="1" '
    'applyFont="1" applyFill="1" applyBorder="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '</cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>'
)
