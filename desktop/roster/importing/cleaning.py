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

from desktop.roster.exporting.cells import unescape_cell

# C0 controls except tab, LF, CR (kept: notes have lines), DEL, the C1 range, soft hyphen,
# zero-width space/joiners and direction marks, bidi embeddings/overrides/isolates, word
# joiner and invisible operators, BOM / zero-width no-break space, interlinear annotations.
CONTROLS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u2069\ufeff\ufff9-\ufffb]")
# Fields whose text is never a formula nor a signed number.
FORMULA_FIELDS = frozenset({"name", "hukou_address", "work_unit", "notes", "address",
                            "compound", "building", "tags"})
_FORMULA_START = re.compile(r"(?:^|\x00)[ \u3000]*[=+\-@\t\r]")
# A sign before digits is a number or a phone, a lone dash a placeholder: not formulas.
_NOT_A_FORMULA = re.compile(r"[+\-][\d\s()]*(?:-[\d\s()]+)*|[\-—–\s]+")


def remove_controls(cells: list) -> list[int]:
    """Remove control characters from the text cells in place; returns the positions changed."""
    joined = "\n".join(map(str, cells))  # str() in C: numbers and dates give no false hit
    if CONTROLS.search(joined) is None:
        return []
    changed = []
    for pos, cell in enumerate(cells):
        if cell.__class__ is str and CONTROLS.search(cell):
            cells[pos] = CONTROLS.sub("", cell)
            changed.append(pos)
    return changed


def unescape_apostrophes(cells: list) -> None:
    """Take the export's escaping apostrophe off the text cells, in place (see cells.py)."""
    if "'" not in "\x00".join(map(str, cells)):
        return
    for pos, cell in enumerate(cells):
        if cell.__class__ is str and cell[:1] == "'":
            cells[pos] = unescape_cell(cell)


def formula_like(cells: list) -> list[int]:
    """Positions of text cells that a spreadsheet program would take for a formula."""
    # "\x00" cannot be in a cell any more (remove_controls ran first): a safe separator.
    joined = "\x00".join(map(str, cells))  # a number's "-5.0" is skipped below
    if _FORMULA_START.search(joined) is None:
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
