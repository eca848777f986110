"""Values and the type rules between them, as XPath 1.0 and ODK define them.

A value is text (``str``: every answer, "" when unanswered), a number (``float``, NaN when a
text is not a number), a boolean, or a list (a nodeset: a question inside a repeat seen from
outside it, one value per entry). Dates are text "YYYY-MM-DD" and turn into days since
1970-01-01 wherever a number is wanted (arithmetic, <, >), so ``today() - ${born}`` is days.
Nothing here raises on odd input: an unanswered question compared with 3 is simply false.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import lru_cache

NAN = math.nan
EPOCH = dt.date(1970, 1, 1)
_NUMBER_RE = re.compile(r"\s*-?(?:\d+(?:\.\d*)?|\.\d+)\s*")
_DATE_RE = re.compile(r"\s*(-?\d{4})-(\d{2})-(\d{2})\s*")
_DATETIME_RE = re.compile(
    r"\s*(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?"
    r"(Z|[+-]\d{2}:?\d{2})?\s*")
_TIME_RE = re.compile(r"\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:Z|[+-]\d{2}:?\d{2})?\s*")


def truthy(value) -> bool:
    """XPath boolean(): a non-empty text or list, a number other than 0 and NaN."""
    if value.__class__ is str:
        return value != ""
    if value.__class__ is bool:
        return value
    if value.__class__ is float or isinstance(value, int):
        return value != 0 and not math.isnan(value)
    if isinstance(value, list):
        return bool(value)
    return bool(value)


def as_number(value) -> float:
    """XPath number(): NaN when it is not a number; a date counts days since 1970-01-01."""
    if value.__class__ is float:
        return value
    if value.__class__ is str:
        return _text_number(value)
    if value.__class__ is bool:
        return 1.0 if value else 0.0
    if isinstance(value, int):
        return float(value)
    if isinstance(value, list):
        return as_number(value[0]) if value else NAN
    if isinstance(value, dt.datetime):
        return _datetime_days(value)
    if isinstance(value, dt.date):
        return float((value - EPOCH).days)
    return NAN


@lru_cache(maxsize=8192)
def _text_number(text: str) -> float:
    if _NUMBER_RE.fullmatch(text):
        return float(text)
    if _DATE_RE.fullmatch(text):
        day = text_date(text)
        return NAN if day is None else float((day - EPOCH).days)
    m = _DATETIME_RE.fullmatch(text)
    if m:
        try:
            moment = dt.datetime(*(int(g) for g in m.groups()[:5]), int(m.group(6) or 0))
        except ValueError:
            return NAN
        return _datetime_days(moment)
    return NAN


def _datetime_days(moment: dt.datetime) -> float:
    # Local wall-clock time: an office's forms live in one time zone.
    days = (moment.date() - EPOCH).days
    seconds = moment.hour * 3600 + moment.minute * 60 + moment.second
    return days + seconds / 86400


def text_date(text: str) -> dt.date | None:
    """The date in "YYYY-MM-DD" (or the date part of a date-time), else None."""
    m = _DATE_RE.fullmatch(text) or _DATETIME_RE.fullmatch(text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def time_fraction(text: str) -> float:
    """"HH:MM[:SS]" as a fraction of a day (decimal-time()), NaN when it is not a time."""
    m = _TIME_RE.fullmatch(text)
    if not m:
        return NAN
    hours, minutes, seconds = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    if hours > 23 or minutes > 59 or seconds > 59:
        return NAN
    return (hours * 3600 + minutes * 60 + seconds) / 86400


def as_text(value) -> str:
    """XPath string(): numbers without a needless ".0", booleans as true/false, a list as
    its first value."""
    if value.__class__ is str:
        return value
    if value.__class__ is float:
        return number_text(value)
    if value.__class__ is bool:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return as_text(value[0]) if value else ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def number_text(number: float) -> str:
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    if number == int(number) and abs(number) < 1e15:
        return str(int(number))
    return repr(number)


def as_answer(value) -> str:
    """A calculation's result as the text an answer stores: "" for NaN and infinities (as
    ODK Collect stores them), else ``as_text``."""
    if value.__class__ is float and (math.isnan(value) or math.isinf(value)):
        return ""
    return as_text(value)


def items(value) -> list:
    """A value as a list of values (a nodeset stays itself, anything else is one item)."""
    return value if isinstance(value, list) else [value]


# -- comparisons --------------------------------------------------------------------------

def equal(left, right) -> bool:
    """XPath "=": booleans compare as booleans, else numbers as numbers when either side is
    one, else texts as texts; a list is equal when any of its values is."""
    if isinstance(left, list) or isinstance(right, list):
        if left.__class__ is bool or right.__class__ is bool:
            return truthy(left) == truthy(right)
        return any(_equal(a, b) for a in items(left) for b in items(right))
    return _equal(left, right)


def _equal(left, right) -> bool:
    if left.__class__ is bool or right.__class__ is bool:
        return truthy(left) == truthy(right)
    if left.__class__ is float or right.__class__ is float:
        return as_number(left) == as_number(right)
    return as_text(left) == as_text(right)


def not_equal(left, right) -> bool:
    if isinstance(left, list) or isinstance(right, list):
        if left.__class__ is bool or right.__class__ is bool:
            return truthy(left) != truthy(right)
        return any(not _equal(a, b) for a in items(left) for b in items(right))
    return not _equal(left, right)


def relation(op: str):
    """"<" "<=" ">" ">=": always as numbers (dates as days); NaN (an empty answer, a word)
    makes it false."""
    test = _RELATIONS[op]

    def compare(left, right) -> bool:
        if isinstance(left, list) or isinstance(right, list):
            return any(test(as_number(a), as_number(b))
                       for a in items(left) for b in items(right))
        return test(as_number(left), as_number(right))

    return compare


_RELATIONS = {"<": float.__lt__, "<=": float.__le__, ">": float.__gt__, ">=": float.__ge__}


# -- arithmetic (NaN in, NaN out; division by zero is ±Infinity as in XPath) ----------------

def divide(a: float, b: float) -> float:
    if b == 0:
        if math.isnan(a) or a == 0:
            return NAN
        return math.copysign(math.inf, a) * (math.copysign(1, b))
    return a / b


def modulo(a: float, b: float) -> float:
    if b == 0 or math.isinf(a) or math.isnan(a) or math.isnan(b):
        return NAN
    return math.fmod(a, b)  # the sign follows the dividend, as in XPath
