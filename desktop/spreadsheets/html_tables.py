"""The tables of an HTML page as rows of cell text: what some systems export and name ".xls".

Uses the standard library's parser (forgiving about unclosed tags, as such exports often are).
``colspan``/``rowspan`` are laid out as Excel shows them: the text in the first cell, None in the
others, and the range recorded as merged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

_CHUNK = 256 * 1024  # characters fed at a time, so Cancel is noticed on large pages
_MAX_SPAN = 1000  # a typo like colspan="10000" must not explode the grid
# Cells (spans included) a table may lay out: spans repeated over many cells and rows would
# still build a grid of hundreds of millions from a small file.
MAX_TABLE_CELLS = 6_000_000


class TableTooLarge(Exception):
    def __init__(self, rows: int, columns: int) -> None:
        super().__init__(rows, columns)
        self.rows = rows
        self.columns = columns


@dataclass
class HtmlTable:
    rows: list[list[object]] = field(default_factory=list)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    # column → rows (this one included) a rowspan still covers
    _covered: dict[int, int] = field(default_factory=dict)
    _row: list[object] | None = None
    _cell: list[str] | None = None
    _cell_col: int = 0
    size: int = 0  # cells laid out so far

    def _grow(self, count: int) -> None:
        self.size += count
        if self.size > MAX_TABLE_CELLS:
            width = max([len(self._row or ())] + [len(row) for row in self.rows[-1000:]])
            raise TableTooLarge(len(self.rows) + 1, width)

    def start_row(self) -> None:
        self.end_row()
        self._row = []

    def end_row(self) -> None:
        self.end_cell()
        if self._row is None:
            return
        # Columns still covered by rowspans beyond the last cell of this row.
        if self._covered:
            self._skip_covered(len(self.rows), until=max(self._covered) + 1)
        self.rows.append(self._row)
        self._covered = {c: n - 1 for c, n in self._covered.items() if n > 1}
        self._row = None

    def start_cell(self, colspan: int, rowspan: int) -> None:
        self.end_cell()
        if self._row is None:  # a cell without <tr>: browsers open a row for it
            self._row = []
        r = len(self.rows)
        self._skip_covered(r)
        col = len(self._row)
        self._grow(colspan)
        self._row.append(None)
        self._row.extend([None] * (colspan - 1))
        if rowspan > 1:
            for c in range(col, col + colspan):
                self._covered[c] = rowspan  # counts this row: end_row counts down
        if colspan > 1 or rowspan > 1:
            self.merged.append((r, col, r + rowspan - 1, col + colspan - 1))
        self._cell = []
        self._cell_col = col

    def end_cell(self) -> None:
        if self._cell is None or self._row is None:
            return
        text = " ".join("".join(self._cell).split())  # collapse whitespace, as a browser shows it
        self._row[self._cell_col] = text or None
        self._cell = None

    def text(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def line_break(self) -> None:
        if self._cell is not None:
            self._cell.append(" ")

    def _skip_covered(self, r: int, until: int | None = None) -> None:
        """Append None for columns a rowspan from above occupies at the current position."""
        assert self._row is not None
        while self._covered.get(len(self._row), 0) > 0 or (
            until is not None and len(self._row) < until
        ):
            self._grow(1)
            self._row.append(None)


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[HtmlTable] = []  # in order of their <table> tags
        self._open: list[HtmlTable] = []  # nested tables: the innermost is last

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            table = HtmlTable()
            self.tables.append(table)
            self._open.append(table)
            return
        if not self._open:
            return
        table = self._open[-1]
        if tag == "tr":
            table.start_row()
        elif tag in ("td", "th"):
            values = dict(attrs)
            table.start_cell(_span(values.get("colspan")), _span(values.get("rowspan")))
        elif tag in ("br", "p", "div"):
            table.line_break()

    def handle_endtag(self, tag: str) -> None:
        if not self._open:
            return
        table = self._open[-1]
        if tag == "table":
            table.end_row()
            self._open.pop()
        elif tag == "tr":
            table.end_row()
        elif tag in ("td", "th"):
            table.end_cell()

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1].text(data)

    def close(self) -> None:
        super().close()
        for table in self._open:  # unclosed tables still count
            table.end_row()
        self._open.clear()


def _span(value: str | None) -> int:
    try:
        return min(max(int(str(value).strip()), 1), _MAX_SPAN)
    except ValueError:
        return 1


def parse_tables(text: str, check: Callable[[], None] | None = None) -> list[HtmlTable]:
    """Every table with at least one row, in document order."""
    parser = _TableParser()
    for start in range(0, len(text), _CHUNK):
        if check is not None:
            check()
        parser.feed(text[start:start + _CHUNK])
    parser.close()
    tables = [table for table in parser.tables if table.rows]
    for table in tables:  # a rowspan reaching past the last row ends with the table
        last = len(table.rows) - 1
        table.merged = [(r0, c0, min(r1, last), c1) for r0, c0, r1, c1 in table.merged]
    return tables
