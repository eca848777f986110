"""XLSForm in and out, through pyxform: ``import_xlsform`` reads a workbook into our form
model (``reading`` → ``mapping``), ``export_xlsform`` writes a form back (``writing``), and
``report`` is the JSON of ``linli form import --report`` (``reporting``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Form
from ..problems import ERROR, Problem
from .mapping import to_form
from .reading import read
from .reporting import report
from .writing import export_xlsform

__all__ = ["XlsformImport", "export_xlsform", "import_xlsform", "report"]


@dataclass
class XlsformImport:
    """``form`` is None when the file cannot be used (an ERROR among ``problems``).
    ``rows``: question (and group) name → spreadsheet row, header = 1; where a name is used
    in two groups, the first question's row."""

    form: Form | None
    problems: list[Problem] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)


def import_xlsform(data: bytes, file_name: str) -> XlsformImport:
    """Never raises for bad input: what is wrong is a Problem with its row and column."""
    book = read(data, file_name)
    if book.data is None or any(p.severity == ERROR for p in book.problems):
        return XlsformImport(None, book.problems)
    form, problems, rows = to_form(book.data, book.survey, book.settings)
    return XlsformImport(form, [*book.problems, *problems], rows)
