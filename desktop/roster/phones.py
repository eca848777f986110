"""Phone numbers as people type them: check the shape and store one normal form.

Mainland mobiles are 11 digits starting 13–19; landlines are an area code (010, 02x, or four
digits 0xxx) and a 7–8 digit local number, stored as "0571-87654321". Spaces, dashes, brackets,
full-width digits (typed with a Chinese input method) and a +86 / 0086 prefix are tolerated. A
local number without its area code is kept, with a warning: the office usually knows its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.i18n import _

_CLEAN = str.maketrans({
    **{chr(0xFF10 + d): str(d) for d in range(10)},
    " ": None, "\u3000": None, "\xa0": None, "\t": None, "-": None, "－": None, "—": None,
    "(": None, ")": None, "（": None, "）": None, "＋": "+",
})
_MOBILE = re.compile(r"1[3-9]\d{9}", re.ASCII).fullmatch
_LANDLINE = re.compile(r"0\d{9,11}", re.ASCII).fullmatch
_LOCAL = re.compile(r"[2-9]\d{6,7}", re.ASCII).fullmatch


@dataclass(frozen=True)
class PhoneCheck:
    number: str  # the normal form ("" when empty or unusable)
    error: str = ""  # translated; the number cannot be stored
    warning: str = ""  # translated; stored anyway

    @property
    def ok(self) -> bool:
        return not self.error


def _area_length(digits: str) -> int:
    # 010 and 020–029 are the three-digit area codes; every other one has four digits.
    return 3 if digits.startswith(("010", "02")) else 4


def check_phone(text: str) -> PhoneCheck:
    raw = (text or "").strip()
    if not raw:
        return PhoneCheck("")
    digits = raw.translate(_CLEAN)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if not digits.isdigit():
        return PhoneCheck("", error=_(
            "A phone number has only digits (and perhaps spaces or dashes): {value}"
        ).format(value=raw))
    if _MOBILE(digits):
        return PhoneCheck(digits)
    if digits.startswith("1"):
        return PhoneCheck("", error=_(
            "A mobile number has 11 digits and starts with 13–19; {value} has {count} digits."
        ).format(value=raw, count=len(digits)))
    if _LANDLINE(digits):
        area = _area_length(digits)
        local = digits[area:]
        if 7 <= len(local) <= 8:
            return PhoneCheck(f"{digits[:area]}-{local}")
    if _LOCAL(digits):
        return PhoneCheck(digits, warning=_(
            "{value} has no area code (e.g. 0571-); it was kept as it is."
        ).format(value=raw))
    return PhoneCheck("", error=_(
        "{value} is not a phone number: a mobile has 11 digits (138…), a landline an area "
        "code and 7–8 digits (0571-87654321)."
    ).format(value=raw))


def normalise_phone(text: str) -> str:
    """The normal form, or "" when the number is unusable."""
    return check_phone(text).number
