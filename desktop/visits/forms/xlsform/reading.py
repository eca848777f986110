"""Reading an XLSForm workbook through pyxform: its sheets (``get_xlsform``) and the form
pyxform builds from them (``workbook_to_json``), with our own limits checked in between.

The kind of file is told by its first bytes, not its name: an old binary .xls saved under a
.xlsx name is common (Mac Excel), and pyxform reads it when told the right kind."""

from __future__ import annotations

import re
import warnings as _py_warnings
from dataclasses import dataclass, field, replace
from pathlib import PurePath
from typing import Any

from desktop.core.i18n import _

from ..problems import ERROR, WARNING, Problem
from .errors import problem_from_pyxform
from .types import is_begin, is_end

_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# A door-to-door form is asked in minutes; beyond these the file is not one (or is hostile).
MAX_QUESTIONS = 1000
MAX_TEXT = 10_000  # characters in one cell
# What an .xlsx may unpack to. Real forms unpack to under 3 MB (WHO's 514-question verbal
# autopsy: 0.4 MB); openpyxl holds a whole sheet in memory, so a 1 MB file inflating to 300 MB
# of blank rows took 1.2 GB and seconds before this check. The sizes are those the zip
# declares, which its reader enforces (it stops, with an error, at the declared size).
MAX_UNPACKED = 40 * 2**20


@dataclass
class Workbook:
    """What pyxform read: the form as its JSON, the survey sheet's rows, the settings row."""

    data: dict[str, Any] | None = None
    survey: list[dict[str, str]] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def kind_of(data: bytes) -> str | None:
    """pyxform's file type for these bytes, or None when they are not a spreadsheet."""
    if data.startswith(_ZIP):
        return ".xlsx"
    if data.startswith(_OLE2):
        return ".xls"
    return None


def read(data: bytes, file_name: str) -> Workbook:
    """Never raises for bad input: what is wrong is in ``problems`` (``data`` None)."""
    from pyxform.errors import PyXFormError
    from pyxform.xls2json import workbook_to_json
    from pyxform.xls2json_backends import get_xlsform

    kind = kind_of(data)
    if kind is None:
        return Workbook(problems=[Problem(
            _("{file} is not an Excel workbook (.xlsx or .xls).").format(file=file_name))])
    too_large = _unpacked_too_large(data, file_name) if kind == ".xlsx" else None
    if too_large is not None:
        return Workbook(problems=[too_large])
    book = Workbook()
    try:
        with _py_warnings.catch_warnings():
            _py_warnings.simplefilter("ignore")  # openpyxl's remarks on styles, not ours
            sheets = get_xlsform(data, file_type=kind)
    except PyXFormError as error:
        if "not recognized as a supported type" not in str(error):
            book.problems.append(problem_from_pyxform(str(error)))
            return book
        book.problems.append(_damaged(file_name))  # its reader failed on the bytes
        return book
    except Exception:  # noqa: BLE001 - a damaged zip or OLE2 file: the readers raise many kinds
        book.problems.append(_damaged(file_name))
        return book
    book.survey = [dict(row) for row in sheets.survey or ()]
    book.settings = dict((sheets.settings or [{}])[0]) if sheets.settings else {}
    book.problems.extend(_over_limits(sheets))
    if book.problems:
        return book
    if not any(row.get("type") for row in book.survey):
        book.problems.append(Problem(_("The survey sheet has no questions."), ERROR, 2, "type"))
        return book
    pyxform_warnings: list[str] = []
    try:
        book.data = workbook_to_json(sheets, form_name=None,
                                     fallback_form_name=PurePath(file_name).stem or "data",
                                     warnings=pyxform_warnings)
        _build(book.data)
    except PyXFormError as error:
        book.data = None
        book.problems.append(_with_row(str(error), book.survey))
        return book
    except Exception as error:  # noqa: BLE001 - pyxform trips over malformed input itself
        book.data = None
        book.problems.append(Problem(
            _("pyxform cannot read this form: {reason}").format(reason=str(error) or
                                                                 type(error).__name__)))
        return book
    for text in pyxform_warnings:
        found = problem_from_pyxform(text)
        book.problems.append(Problem(found.message, WARNING, found.row, found.column))
    if sheets.entities:
        book.problems.append(Problem(
            _("The entities sheet is kept out: Linli does not update entity lists."),
            WARNING, None, ""))
    return book


def _unpacked_too_large(data: bytes, file_name: str) -> Problem | None:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            size = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None  # damaged: the reader says so
    if size <= MAX_UNPACKED:
        return None
    return Problem(_("{file} unpacks to {size} MB, far more than a survey form: it may hold "
                     "stray content far below or to the right of the questions. Delete what "
                     "is not part of the form, save it and import it again.").format(
        file=file_name, size=size // 2**20))


def _damaged(file_name: str) -> Problem:
    return Problem(_("{file} cannot be read as a workbook; it may be damaged.")
                   .format(file=file_name))


def _build(data: dict[str, Any]) -> None:
    """Let pyxform build its survey from the JSON: it refuses unknown question types here,
    not while reading the sheets. (Writing the XForm would check more but costs over a second
    on a big form.) It leaves ``data`` as it was."""
    from pyxform.builder import create_survey_element_from_dict

    create_survey_element_from_dict(data)


def _over_limits(sheets) -> list[Problem]:
    problems = []
    for sheet_name in ("survey", "choices", "settings"):
        for index, row in enumerate(getattr(sheets, sheet_name) or ()):
            for column, value in row.items():
                if isinstance(value, str) and len(value) > MAX_TEXT:
                    problems.append(Problem(
                        _("The {sheet} sheet has a text of {length} characters; a form's "
                          "text can be at most {limit}.").format(
                            sheet=sheet_name, length=len(value), limit=MAX_TEXT),
                        ERROR, index + 2, column))
                    return problems
    asked = 0
    for index, row in enumerate(sheets.survey or ()):
        row_type = str(row.get("type", "")).strip()
        if row_type and not (is_begin(row_type) or is_end(row_type)) \
                and row_type.lower() != "note":
            asked += 1
            if asked > MAX_QUESTIONS:
                problems.append(Problem(
                    _("The form has more than {limit} questions; split it into smaller "
                      "forms.").format(limit=MAX_QUESTIONS), ERROR, index + 2, "type"))
                break
    return problems


def _with_row(text: str, survey: list[dict[str, str]]) -> Problem:
    """pyxform names no row for an unknown type: find the row that carries it."""
    problem = problem_from_pyxform(text)
    unknown = _UNKNOWN_TYPE.search(text)
    if problem.row is None and unknown:
        for index, row in enumerate(survey):
            if str(row.get("type", "")).strip() == unknown["type"]:
                return replace(problem, row=index + 2)
    return problem


_UNKNOWN_TYPE = re.compile(r"Unknown question type '(?P<type>[^']*)'")
