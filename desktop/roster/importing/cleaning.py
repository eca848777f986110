"""Text cells made safe to store: invisible characters removed, formula-looking text reported.

Control characters (NUL, the C0 and C1 ranges), zero-width spaces and bidi overrides come in
with text copied from web pages and chat apps, and from hostile files. Stored, they make two
equal names differ, break search and matching, and can make a printed name read backwards: they
are removed, and the cell is reported so nothing changes silently.

A text cell that begins with = + - @ (or a tab or CR) would run as a formula if a spreadsheet
program opened it again: it is kept as written (every file the app writes escapes such cells)
but reported where such text makes no sense — names, addresses, notes — so the office can look.
Numbers and phones ("+86 138…", "-5") are not formulas.

A cell written by Linli's own export as ``'=…`` (the escape that keeps a spreadsheet from
running it) comes back as ``=…``: the apostrophe is the export's, not the resident's, so an
exported roster imports back unchanged.

Each column is checked with one scan of its joined text; only a column with a hit is looked at
cell by cell, so a 100,000-row import pays a few milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from desktop.core.i18n import _
from desktop.spreadsheets.cells import unescape_cell

# C0 controls except tab, LF, CR (kept: notes have lines), DEL, the C1 range, soft hyphen,
# zero-width space/joiners and direction marks, bidi embeddings/overrides/isolates, word
# joiner and invisible operators, BOM / zero-width no-break space, interlinear annotations.
CONTROLS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u2069\ufeff\ufff9-\ufffb]")
# Fields whose text is never a formula nor a signed number.
FORMULA_FIELDS = frozenset({"name", "hukou_address", "work_unit", "notes", "address",
                            "compound", "building", "tags"})
# A prefilter over a column's joined text (one line a cell): a line that may start a formula,
# also behind the export's escaping apostrophe. Cells are then checked one by one.
_FORMULA_START = re.compile(r"(?:^|\n)[ \u3000]*'*[=+\-@\t\r]")
# A sign before digits is a number or a phone, a lone dash a placeholder: not formulas.
_NOT_A_FORMULA = re.compile(r"[+\-][\d\s()]*(?:-[\d\s()]+)*|[\-—–\s]+")


def column_text(cells: list) -> str:
    """A column's cells as one text, a line each: the prefilters below scan it in one C-level
    pass (str() of numbers and dates gives no false hit) instead of testing every cell."""
    return "\n".join(map(str, cells))


def remove_controls(cells: list, text: str | None = None) -> list[int]:
    """Remove control characters from the text cells in place; returns the positions changed.
    ``text`` is ``column_text(cells)`` when the caller has it already."""
    if CONTROLS.search(column_text(cells) if text is None else text) is None:
        return []
    changed = []
    for pos, cell in enumerate(cells):
        if cell.__class__ is str and CONTROLS.search(cell):
            cells[pos] = CONTROLS.sub("", cell)
            changed.append(pos)
    return changed


def unescape_apostrophes(cells: list, text: str | None = None) -> None:
    """Take the export's escaping apostrophe off the text cells, in place (see cells.py)."""
    if "\n'" not in "\n" + (column_text(cells) if text is None else text):
        return
    for pos, cell in enumerate(cells):
        if cell.__class__ is str and cell[:1] == "'":
            cells[pos] = unescape_cell(cell)


def formula_like(cells: list, text: str | None = None) -> list[int]:
    """Positions of text cells that a spreadsheet program would take for a formula."""
    if _FORMULA_START.search(column_text(cells) if text is None else text) is None:
        return []
    found = []
    for pos, cell in enumerate(cells):
        if cell.__class__ is not str or not cell:
            continue
        text = cell.strip(" \u3000")
        if not text or text[0] not in "=+-@\t\r":
            continue
        if text[0] in "+-" and _NOT_A_FORMULA.fullmatch(text.strip()):
            continue
        found.append(pos)
    return found


def clean_column(key: str, cells: list, warn: Callable[[int, str, str], None]) -> None:
    """Invisible characters out of a column's text and the export's apostrophes off, in
    place; ``warn(position, code, message)`` for each cell changed or formula-looking."""
    text = column_text(cells)  # one join for the three prefilters
    changed = remove_controls(cells, text)
    for pos in changed:
        warn(pos, "control_characters", _(
            "Invisible control characters were removed from this cell."))
    if changed:
        text = column_text(cells)  # "\x01=cmd" is a formula once cleaned
    unescape_apostrophes(cells, text)
    if key in FORMULA_FIELDS:
        for pos in formula_like(cells, text):
            warn(pos, "formula_like", _(
                "This text begins with =, +, -, @ or a tab, so a spreadsheet program could run "
                "it as a formula. It was imported as written: check that it is right."))
