"""The functions an expression may call: name → arity and implementation.

Most take their arguments' values (``VALUES``); a few need the scope (``SCOPE``: today(),
position(..), …) or must not evaluate every argument (``LAZY``: if(), coalesce()); those are
wired in ``evaluation``. Functions ODK has but Linli does not (secondary instances, geo,
signatures…) are listed in ``UNSUPPORTED`` so the message says "not supported" rather than
"unknown".
"""

from __future__ import annotations

import datetime as dt
import math
import re
import uuid
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from desktop.visits.forms.expressions.values import (
    EPOCH,
    NAN,
    as_number,
    as_text,
    items,
    text_date,
    time_fraction,
    truthy,
)

VALUES, SCOPE, LAZY = "values", "scope", "lazy"


@dataclass(frozen=True)
class Function:
    low: int
    high: int | None  # None: any number of arguments
    impl: object = None
    mode: str = VALUES


def _number_fn(fn):
    """A one-number math function that answers NaN instead of raising (sqrt(-1), log(0))."""
    def run(value):
        try:
            return float(fn(as_number(value)))
        except (ValueError, OverflowError):
            return NAN
    return run


def _int(value) -> float:
    number = as_number(value)
    return float(math.trunc(number)) if math.isfinite(number) else number


def _round(value, places=0.0) -> float:
    number, digits = as_number(value), as_number(places)
    if not math.isfinite(number) or math.isnan(digits):
        return number
    try:  # half away from zero, on the decimal text people see (2.675 → 2.68)
        exact = Decimal(repr(number)).quantize(Decimal(1).scaleb(-int(digits)), ROUND_HALF_UP)
    except InvalidOperation:
        return number
    return float(exact)


def _pow(base, exponent) -> float:
    try:
        result = math.pow(as_number(base), as_number(exponent))
    except (ValueError, OverflowError, ZeroDivisionError):
        return NAN
    return result


def _atan2(y, x) -> float:
    return math.atan2(as_number(y), as_number(x))


def _flatten(args) -> list:
    return [item for arg in args for item in items(arg)]


def _concat(*args) -> str:
    return "".join(as_text(item) for item in _flatten(args))


def _join(separator, *args) -> str:
    return as_text(separator).join(as_text(item) for item in _flatten(args))


def _count(value) -> float:
    # A repeat the answers do not hold yet reads as "": no entries, not one.
    if isinstance(value, list):
        return float(len(value))
    return 0.0 if as_text(value) == "" else 1.0


def _count_non_empty(value) -> float:
    return float(sum(1 for item in items(value) if as_text(item) != ""))


def _sum(value) -> float:
    return float(math.fsum(as_number(item) for item in items(value)))


def _extreme(pick):
    def run(*args):
        numbers = [as_number(item) for item in _flatten(args)]
        if not numbers or any(math.isnan(n) for n in numbers):
            return NAN
        return pick(numbers)
    return run


def _selected(value, choice) -> bool:
    return as_text(choice).strip() in as_text(value).split()


def _selected_at(value, index) -> str:
    chosen, i = as_text(value).split(), as_number(index)
    return chosen[int(i)] if math.isfinite(i) and 0 <= int(i) < len(chosen) else ""


def _count_selected(value) -> float:
    return float(len(as_text(value).split()))


@lru_cache(maxsize=512)
def compiled_pattern(pattern: str) -> re.Pattern | None:
    try:
        return re.compile(pattern)
    except (re.error, RecursionError, OverflowError):
        return None


def _regex(value, pattern) -> bool:
    # search, not a full match: the engines (JavaRosa, Enketo) do so; forms anchor with ^…$.
    compiled = compiled_pattern(as_text(pattern))
    return compiled is not None and compiled.search(as_text(value)) is not None


def _substr(value, start, end=None) -> str:
    text = as_text(value)
    a = as_number(start)
    b = len(text) if end is None else as_number(end)
    if math.isnan(a) or math.isnan(b):
        return ""
    limit = len(text) + 1  # an infinite end (1 div 0) means "to the end"
    a, b = int(max(min(a, limit), -limit)), int(max(min(b, limit), -limit))
    a, b = (a + len(text) if a < 0 else a), (b + len(text) if b < 0 else b)
    return text[max(a, 0):max(b, 0)]


def _substring(value, start, length=None) -> str:
    # XPath substring(): 1-based, positions rounded.
    text = as_text(value)
    first = _round(start)
    last = math.inf if length is None else first + _round(length)
    if math.isnan(first) or math.isnan(last):
        return ""
    return "".join(c for i, c in enumerate(text, 1) if first <= i < last)


def _translate(value, source, target) -> str:
    src, dst = as_text(source), as_text(target)
    table = {ord(c): (dst[i] if i < len(dst) else None) for i, c in reversed(list(enumerate(src)))}
    return as_text(value).translate(table)


def _date(value) -> str:
    """A date as text, or "" when the value is not one (never raises at the door)."""
    if value.__class__ is str:
        day = text_date(value)
        if day is not None:
            return day.isoformat()
    number = as_number(value)
    if not math.isfinite(number):
        return ""
    try:
        return (EPOCH + dt.timedelta(days=math.floor(number))).isoformat()
    except OverflowError:
        return ""


def _date_time(value) -> str:
    number = as_number(value)
    if not math.isfinite(number):
        return ""
    try:
        moment = dt.datetime(1970, 1, 1) + dt.timedelta(days=number)
    except OverflowError:
        return ""
    return moment.isoformat(timespec="seconds")


def _decimal_time(value) -> float:
    return time_fraction(as_text(value))


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _format_date(value, pattern) -> str:
    """ODK's format-date: %Y %y %m %n %b %d %e %a %H %h %M %S %3; "" when not a date."""
    number = as_number(value)
    if not math.isfinite(number):
        return ""
    try:
        moment = dt.datetime(1970, 1, 1) + dt.timedelta(days=number)
    except OverflowError:
        return ""
    parts = {"Y": f"{moment.year:04d}", "y": f"{moment.year % 100:02d}",
             "m": f"{moment.month:02d}", "n": str(moment.month),
             "b": _MONTHS[moment.month - 1], "d": f"{moment.day:02d}", "e": str(moment.day),
             "a": _DAYS[moment.weekday()], "H": f"{moment.hour:02d}", "h": str(moment.hour),
             "M": f"{moment.minute:02d}", "S": f"{moment.second:02d}",
             "3": f"{moment.microsecond // 1000:03d}", "%": "%"}
    return re.sub(r"%(.)", lambda m: parts.get(m.group(1), m.group()), as_text(pattern))


def _boolean_from_string(value) -> bool:
    return as_text(value).strip().lower() in ("true", "1")


def _normalize_space(value) -> str:
    return " ".join(as_text(value).split())


FUNCTIONS: dict[str, Function] = {
    # logic
    "true": Function(0, 0, lambda: True), "false": Function(0, 0, lambda: False),
    "not": Function(1, 1, lambda v: not truthy(v)), "boolean": Function(1, 1, truthy),
    "boolean-from-string": Function(1, 1, _boolean_from_string),
    "if": Function(3, 3, mode=LAZY), "coalesce": Function(2, 2, mode=LAZY),
    "once": Function(1, 1, lambda v: v),
    # numbers
    "number": Function(1, 1, as_number), "int": Function(1, 1, _int),
    "round": Function(1, 2, _round), "abs": Function(1, 1, _number_fn(abs)),
    "ceiling": Function(1, 1, _number_fn(math.ceil)),
    "floor": Function(1, 1, _number_fn(math.floor)),
    "pow": Function(2, 2, _pow), "sqrt": Function(1, 1, _number_fn(math.sqrt)),
    "exp": Function(1, 1, _number_fn(math.exp)),
    "exp10": Function(1, 1, _number_fn(lambda x: 10 ** x)),
    "log": Function(1, 1, _number_fn(math.log)),
    "log10": Function(1, 1, _number_fn(math.log10)),
    "sin": Function(1, 1, _number_fn(math.sin)), "cos": Function(1, 1, _number_fn(math.cos)),
    "tan": Function(1, 1, _number_fn(math.tan)),
    "asin": Function(1, 1, _number_fn(math.asin)),
    "acos": Function(1, 1, _number_fn(math.acos)),
    "atan": Function(1, 1, _number_fn(math.atan)), "atan2": Function(2, 2, _atan2),
    "pi": Function(0, 0, lambda: math.pi),
    # text
    "string": Function(0, 1, mode=SCOPE), "string-length": Function(0, 1, mode=SCOPE),
    "concat": Function(0, None, _concat), "join": Function(1, None, _join),
    "contains": Function(2, 2, lambda a, b: as_text(b) in as_text(a)),
    "starts-with": Function(2, 2, lambda a, b: as_text(a).startswith(as_text(b))),
    "ends-with": Function(2, 2, lambda a, b: as_text(a).endswith(as_text(b))),
    "substr": Function(2, 3, _substr), "substring": Function(2, 3, _substring),
    "substring-before": Function(2, 2, lambda a, b: as_text(a).partition(as_text(b))[0]
                                 if as_text(b) in as_text(a) else ""),
    "substring-after": Function(2, 2, lambda a, b: as_text(a).partition(as_text(b))[2]),
    "translate": Function(3, 3, _translate), "normalize-space": Function(1, 1, _normalize_space),
    "regex": Function(2, 2, _regex),
    "uuid": Function(0, 1, lambda *a: str(uuid.uuid4())),
    # choices
    "selected": Function(2, 2, _selected), "selected-at": Function(2, 2, _selected_at),
    "count-selected": Function(1, 1, _count_selected),
    "jr:choice-name": Function(2, 2, mode=SCOPE),
    # repeats
    "count": Function(1, 1, _count), "count-non-empty": Function(1, 1, _count_non_empty),
    "sum": Function(1, 1, _sum), "min": Function(1, None, _extreme(min)),
    "max": Function(1, None, _extreme(max)),
    "position": Function(0, 1, mode=SCOPE), "indexed-repeat": Function(3, 3, mode=SCOPE),
    # dates and times
    "today": Function(0, 0, mode=SCOPE), "now": Function(0, 0, mode=SCOPE),
    "date": Function(1, 1, _date), "date-time": Function(1, 1, _date_time),
    "decimal-date-time": Function(1, 1, as_number),
    "decimal-time": Function(1, 1, _decimal_time),
    "format-date": Function(2, 2, _format_date), "format-date-time": Function(2, 2, _format_date),
}

# ODK functions Linli does not run: say "not supported", not "unknown".
UNSUPPORTED = frozenset({
    "instance", "jr:itext", "pulldata", "current", "last", "randomize", "random", "digest",
    "base64-decode", "extract-signed", "distance", "area", "geofence", "checklist",
    "weighted-checklist", "sum-of-squares", "id", "lang", "local-name", "name",
    "namespace-uri", "jr:choice-count", "property", "version", "sort", "sort-by",
    "encrypt-string", "decrypt-string",
})
