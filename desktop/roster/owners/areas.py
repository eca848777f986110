"""Areas as offices write them: "120.5", "１２０．５", "120.50㎡", "120.50 平方米", a number cell.

An area is exact (two decimal places at most); a third decimal is refused, never rounded, since
a vote by area is decided on exactly these figures and a silent rounding can overturn it.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from desktop.core.i18n import _

_UNITS = re.compile(r"(㎡|m²|m2|平方米|平米|平方|sqm)$", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(\.\d+)?", re.ASCII)
_MAX = Decimal(100000)


class AreaError(ValueError):
    """An area that cannot be stored; the message is translated."""


def parse_area(value: object) -> Decimal | None:
    """The area in ``value`` as an exact Decimal with two places, None when blank.

    Raises AreaError (translated message) for text that is no area, zero or negative, or more
    than two decimal places."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise AreaError(_("“{value}” is not an area in square metres.").format(value=value))
    if isinstance(value, Decimal):
        text = format(value, "f")
    elif isinstance(value, float):
        text = repr(value)  # the shortest text that gives this float: what the user typed
        if "e" in text.lower():
            raise AreaError(_("“{value}” is not an area in square metres.").format(value=value))
    else:
        text = str(value)
    shown = text.strip()
    text = unicodedata.normalize("NFKC", shown).replace(" ", "").replace(",", "")
    text = text.replace("。", ".")
    if not text:
        return None
    text = _UNITS.sub("", text)
    if not _NUMBER.fullmatch(text):
        raise AreaError(_("“{value}” is not an area in square metres.").format(value=shown))
    _whole, _dot, decimals = text.partition(".")
    if len(decimals.rstrip("0")) > 2:
        raise AreaError(_(
            "“{value}” has more than two decimal places; areas are recorded to 0.01 m² "
            "exactly as on the property certificate.").format(value=shown))
    try:
        area = Decimal(text).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise AreaError(_("“{value}” is not an area in square metres.").format(
            value=shown)) from None
    if area <= 0:
        raise AreaError(_("The area must be more than 0 m²."))
    if area >= _MAX:
        raise AreaError(_("“{value}” is too large for a dwelling's area.").format(value=shown))
    return area


def area_text(area: Decimal | None) -> str:
    """"120.50" (two places always), "" for none."""
    return "" if area is None else f"{area:.2f}"
