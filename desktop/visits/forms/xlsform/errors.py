"""pyxform's reasons for refusing a file, said in the user's language where we know the
message, with the row (and column) pyxform names; any other reason is passed on verbatim so
nothing pyxform says is lost."""

from __future__ import annotations

import re

from desktop.core.i18n import _

from ..problems import ERROR, Problem

_ROW = re.compile(r"^\s*\[row : (?P<row>\d+)\]\s*")

# (pattern on pyxform's text after the row prefix, column it concerns, message factory).
# The patterns follow the wording of pyxform 4.5; an unmatched text falls through verbatim.
_HEADER = "header"  # the column is the header itself, on the header row (1)
_KNOWN = (
    (re.compile(r"^Duplicate column header: (?P<value>.+)$"), _HEADER,
     lambda m: _("Two columns are headed \u201c{header}\u201d. Give each column its own "
                 "header, for example label::English (en) and label::中文 (zh) for two "
                 "languages.").format(header=m["value"])),
    (re.compile(r"^On the 'survey' sheet, the 'name' value '(?P<value>[^']*)' is invalid\. "
                r"Questions, groups, and repeats must be unique"), "name",
     lambda m: _("The name \u201c{name}\u201d is used twice in the same group. Every "
                 "question needs its own name.").format(name=m["value"])),
    (re.compile(r"^List name not in choices sheet: (?P<value>.+)$"), "type",
     lambda m: _("The choice list \u201c{list}\u201d is not on the choices sheet.")
     .format(list=m["value"])),
    (re.compile(r"^There should be a choices sheet in this xlsform"), "type",
     lambda m: _("The form has choice questions but no \u201cchoices\u201d sheet.")),
    (re.compile(r"^Unknown question type '(?P<value>[^']*)'\.?$"), "type",
     lambda m: _("\u201c{type}\u201d is not a question type XLSForm knows.")
     .format(type=m["value"])),
    (re.compile(r"^You must have a sheet named 'survey'"), "",
     lambda m: _("The workbook has no \u201csurvey\u201d sheet, or it is empty.")),
    (re.compile(r"^Invalid headers provided for sheet: 'survey'.*'type'"), "type",
     lambda m: _("The survey sheet has no \u201ctype\u201d column.")),
    (re.compile(r"^On the 'survey' sheet, the '(?P<column>[\w:]+)' value is invalid\. "
                r"Reference variables must contain a name from the 'survey' sheet\. "
                r"Could not find the name '(?P<value>[^']*)'"), None,
     lambda m: _("{reference} names no question of this form.").format(
         reference="${" + m["value"] + "}")),
)


def problem_from_pyxform(text: str) -> Problem:
    """One ERROR problem for a message pyxform raised."""
    text = str(text).strip()
    row = None
    match = _ROW.match(text)
    if match:
        row = int(match["row"])
        text = text[match.end():]
    for pattern, column, message in _KNOWN:
        found = pattern.search(text)
        if found:
            if column is None:
                column = found["column"]
            elif column is _HEADER:
                column, row = found["value"], row or 1
            return Problem(message(found), ERROR, row, column)
    return Problem(text, ERROR, row, _column_named(text))


_COLUMN = re.compile(r"the '(?P<column>[\w:]+)' value is invalid")


def _column_named(text: str) -> str:
    """The column a pyxform message names ("the 'relevant' value is invalid")."""
    found = _COLUMN.search(text)
    return found["column"] if found else ""
