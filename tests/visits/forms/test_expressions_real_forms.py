"""Every expression of every real XLSForm in shared/external/forms parses (as pyxform reads
the file), except the secondary-instance lookups Linli does not run, which are refused with
a "not supported" message; and evaluation is fast enough to recompute a form per answer."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import pytest

from desktop.visits.forms.expressions import DictScope, ExpressionError, evaluate, parse
from tests.conftest import SHARED_EXTERNAL

FORMS = SHARED_EXTERNAL / "forms"
pytestmark = pytest.mark.skipif(not FORMS.is_dir(), reason="shared/external is not here")

# Columns holding expressions, as pyxform's JSON names them.
_BIND = ("relevant", "constraint", "calculate", "required", "jr:count", "readonly")


def _read(path: Path) -> dict | None:
    from pyxform.errors import PyXFormError
    from pyxform.xls2json import parse_file_to_json

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:  # the bytes, not the path: one file is an old .xls under an .xlsx name
            return parse_file_to_json(None, file_object=io.BytesIO(path.read_bytes()))
        except PyXFormError:
            return None  # a form pyxform refuses (a duplicate header): the importer's matter


def _expressions(node: dict, found: list) -> list:
    for key in ("bind", "control"):
        for column, value in (node.get(key) or {}).items():
            if column in _BIND and isinstance(value, str) and value.strip():
                if column in ("required", "readonly") and value.lower() in (
                        "yes", "no", "true", "false", "true()", "false()"):
                    continue
                found.append((node.get("name"), column, value))
    if isinstance(node.get("choice_filter"), str):
        found.append((node.get("name"), "choice_filter", node["choice_filter"]))
    for child in node.get("children") or ():
        _expressions(child, found)
    return found


def _all_expressions():
    rows = []
    for path in sorted(FORMS.glob("*.xls*")):
        data = _read(path)
        if data is not None:
            rows += [(path.name, *row) for row in _expressions(data, [])]
    return rows


@pytest.fixture(scope="module")
def expressions():
    return _all_expressions()


def test_every_expression_of_the_real_forms_parses(expressions):
    assert len(expressions) > 800  # whova alone has over 500
    refused = []
    for form, question, column, text in expressions:
        try:
            parse(text)
        except ExpressionError as error:
            refused.append((form, question, column, text, error.message))
    # Only the socio-economic survey's label lookup in a secondary instance is refused, and
    # it says so plainly. (pyxform's own "../name" for or_other texts is read as ${name}.)
    assert [(r[0], r[1], r[2]) for r in refused] == [
        ("odk-central-frontend_socio-economic-survey-v20240515.xlsx", "SEClass", "calculate")], refused
    assert "jr:itext() is not supported" in refused[0][4]


def test_the_real_forms_use_the_functions_people_write(expressions):
    used = set()
    for *_where, text in expressions:
        try:
            used |= parse(text).functions
        except ExpressionError:
            pass
    assert {"selected", "if", "not", "string-length", "count-selected", "int", "today",
            "regex", "round", "sqrt", "cos", "atan", "date"} <= used


def test_every_expression_of_the_biggest_form_evaluates_on_mostly_empty_answers(expressions):
    """A volunteer's first answers leave most questions empty: nothing may raise then. (How
    fast is the benchmark's answer_to_next_ms, not a timed test.)"""
    whova = [parse(text) for form, _q, _c, text in expressions if form.startswith(
        "odk-central-frontend_whova")]
    assert len(whova) > 500
    scope = DictScope({"Id10023": "2026-01-10", "Id10021": "1950-05-01", "Id10019": "female"},
                      value="3")
    for expr in whova:
        evaluate(expr, scope)
