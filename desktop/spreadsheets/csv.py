"""The .csv writer: UTF-8 with a BOM by default (Excel and WPS then read the Chinese right),
or GB18030 for older systems that want GBK.

GB18030 is a superset of GBK: every GBK byte sequence is the same in it, and it also encodes
the rare characters some names carry (𠮷) that GBK has no code for — so "GBK" never fails
on a real name. Dates are ISO text (1990-03-07); ID numbers and phones are written as they are.
Every text cell goes through the one escaping rule (desktop.spreadsheets.cells): a cell
starting with = + - @, tab or CR gets a leading apostrophe, so no spreadsheet runs it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from desktop.spreadsheets.cells import escape_row

ENCODINGS = {"utf-8-sig": "utf-8-sig", "utf-8": "utf-8-sig", "gbk": "gb18030",
             "gb18030": "gb18030"}


def python_encoding(encoding: str) -> str:
    """The codec for an export option: "utf-8-sig"/"utf-8" → UTF-8 with BOM, "gbk" → GB18030."""
    try:
        return ENCODINGS[encoding.lower()]
    except KeyError:
        raise ValueError(f"unknown CSV encoding {encoding!r}") from None


class CsvWriter:
    """``write_row(cells)`` for each row after the header; ``close()`` at the end."""

    def __init__(self, path: Path, headers: Sequence[str], encoding: str = "utf-8-sig",
                 date_columns: Iterable[int] = ()) -> None:
        self._file = open(path, "w", encoding=python_encoding(encoding), newline="")  # noqa: SIM115
        self._writer = csv.writer(self._file, lineterminator="\r\n")
        self._writer.writerow(escape_row(headers))
        self._dates = tuple(date_columns)
        self.count = 0

    def write_row(self, values: Sequence) -> None:
        row = list(values)
        for i in self._dates:
            if row[i] is not None:
                row[i] = row[i].isoformat()
        self._writer.writerow(escape_row(row))  # None → "", ints as digits
        self.count += 1

    def write_rows(self, rows: Iterable[Sequence]) -> None:
        for row in rows:
            self.write_row(row)

    def close(self) -> None:
        self._file.close()

    discard = close
