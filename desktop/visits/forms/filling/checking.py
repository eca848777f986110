"""The problem a question shows (required, a mistyped number or date, its constraint) and a
new question's default value."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from desktop.core.i18n import _
from desktop.visits.forms import expressions
from desktop.visits.forms.filling.plan import Def
from desktop.visits.forms.filling.scope import InstanceScope
from desktop.visits.forms.filling.state import (
    Entry,
    constraint_message,
    required_message,
    type_message,
)
from desktop.visits.forms.model import DATE, DECIMAL, INTEGER, TIME

if TYPE_CHECKING:
    from desktop.visits.forms.filling.engine import FormFill

_INTEGER = re.compile(r"-?\d+")
_DECIMAL = re.compile(r"-?(\d+\.?\d*|\.\d+)")
_TIME = re.compile(r"([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?")


def other_label() -> str:
    return _("Other, please specify")


def well_typed(kind: str, value: str) -> bool:
    if kind == INTEGER:
        return _INTEGER.fullmatch(value) is not None
    if kind == DECIMAL:
        return _DECIMAL.fullmatch(value) is not None
    if kind == DATE:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return False
        return len(value) == 10
    if kind == TIME:
        return _TIME.fullmatch(value) is not None
    return True


def problem(fill: FormFill, d: Def, scope: InstanceScope, value: str, required: bool) -> str:
    q = d.node
    if value == "":
        if not required:
            return ""
        return fill.text(q.required_message) or required_message()
    if q.type in (INTEGER, DECIMAL, DATE, TIME) and not well_typed(q.type, value.strip()):
        return type_message(q.type)
    expr = d.exprs.get("constraint")
    if expr is None:
        return ""
    scope.own = value
    try:
        ok = expressions.truthy(expressions.evaluate(expr, scope))
    except Exception:  # noqa: BLE001 - a broken constraint is the form's fault: let it pass
        ok = True
    return "" if ok else fill.text(q.constraint_message) or constraint_message()


def default_value(fill: FormFill, d: Def, entry: Entry) -> str:
    """XLSForm's default: a value as written, or an expression such as ``today()``."""
    text = d.node.default.strip()
    if "(" not in text and "${" not in text:
        return text
    try:
        expr = expressions.parse(text)
        scope = InstanceScope(fill, entry, d.name)
        return expressions.as_answer(expressions.evaluate(expr, scope))
    except Exception:  # noqa: BLE001 - an unusable default leaves the question empty
        return ""
