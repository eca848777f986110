"""Find ID numbers and mobile numbers left in printed text, however they are spelled.

Written apart from desktop.core.masking on purpose (a test that reused the masker's own
matching would agree with its mistakes): pdftotext's output is NFKC-normalised (full-width
digits and X become ASCII), digits apart by a few spaces, hyphens or dots (and at most one
line break: a long number may wrap) are read as one run, and any consecutive groups of a run
that make 15 or 18 characters (an ID: digits, the last one possibly X) or a mobile (11 digits
from 13…19, or 13 with 86 before) count as a leak.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_SEP = r"[ \t\u00a0\-\u2010-\u2013\u2212.\u00b7\u2022\u30fb]"
# A digit group, then (separators, at most one line break, separators) and another group; the
# repetition always consumes a digit, so the scan is linear.
_RUN = re.compile(rf"\d+(?:{_SEP}{{0,3}}\n?{_SEP}{{0,3}}\d+)*[Xx]?")
_GROUP = re.compile(r"\d+[Xx]?")
_MASKED = re.compile(r"\d*\*+\d*")


def _kind(digits: str) -> str:
    if len(digits) == 18 and re.fullmatch(r"\d{17}[\dXx]", digits):
        return "id_number"
    if len(digits) == 15 and digits.isdigit():
        return "id_number"
    if len(digits) == 11 and re.fullmatch(r"1[3-9]\d{9}", digits):
        return "mobile"
    if len(digits) == 13 and re.fullmatch(r"861[3-9]\d{9}", digits):
        return "mobile"
    return ""


def leaks(text: str, allowed: Iterable[str] = ()) -> list[str]:
    """The ID-like and mobile-like numbers in ``text`` (as digits), except ``allowed`` ones
    (the office's own phones, given in any spelling)."""
    keep = {re.sub(r"\D", "", unicodedata.normalize("NFKC", a)) for a in allowed}
    keep |= {k[2:] for k in keep if len(k) == 13 and k.startswith("86")}  # +86 13800138000
    # A masked number (138****5678, 330106********1234) is no leak, nor part of one.
    flat = _MASKED.sub(" # ", unicodedata.normalize("NFKC", text))
    found: list[str] = []
    for run in _RUN.finditer(flat):
        groups = _GROUP.findall(run.group())
        for i in range(len(groups)):
            digits = ""
            for group in groups[i:i + 18]:  # a group has a digit at least
                digits += group
                if len(digits) > 18:
                    break
                national = digits[2:] if len(digits) == 13 else digits
                if _kind(digits) and digits not in keep and national not in keep:
                    found.append(digits)
    return found


def assert_no_leaks(text: str, allowed: Iterable[str] = ()) -> None:
    found = leaks(text, allowed)
    assert not found, f"personal numbers printed: {found}\n{text}"
