"""The one rule for masking personal data, used by every export and printout.

Why: the Personal Information Protection Law (PIPL, 个人信息保护法) asks that personal data be
shown only as far as the purpose needs, and government disclosure rules ask notices to be
de-identified. Offices post lists on notice boards and pass spreadsheets around; a masked list
still lets a neighbour recognise "张*明 138****5678" without handing out the whole number.
The same look everywhere (张*明, 138****5678, 330106********1234) is what residents expect.

    mask_name("张三明") == "张*明"        mask_name("张三") == "张*"
    mask_name("欧阳小明") == "欧**明"      mask_name("Alice") == "A***e"
    mask_phone("13812345678") == "138****5678"
    mask_phone("0571-87654321") == "0571-****4321"
    mask_id_number("330106199003071234") == "330106********1234"

``find_numbers`` finds ID and phone numbers in free text however they are typed (１３７…,
431021 19880828 6910, 137.0000.0007); ``OfficeContacts`` are the office's own staff and
phones, which are never masked.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

MASK = "*"

_MOBILE = re.compile(r"(\+?86[- ]?)?(1\d{2})[- ]?(\d{4})[- ]?(\d{4})")
_LANDLINE = re.compile(r"(0\d{2,3})([- ]?)(\d{7,8})")


def mask_name(name: str) -> str:
    """Keep the first and last character, mask the middle; two characters keep the first.

    Chinese names: 张三明 → 张*明, 张三 → 张*, 欧阳小明 → 欧**明. Latin names keep the first
    and last letter of the whole name (Alice Wang → A********g); one character stays as is."""
    text = name.strip()
    if len(text) <= 1:
        return text
    if len(text) == 2:
        return text[0] + MASK
    return text[0] + MASK * (len(text) - 2) + text[-1]


def mask_phone(phone: str) -> str:
    """A mobile number keeps its first 3 and last 4 digits; a landline its area code and last
    4 digits; anything else keeps at most its last 4 characters (never more than half)."""
    text = phone.strip()
    if not text:
        return ""
    match = _MOBILE.fullmatch(text)
    if match:
        prefix, first, _middle, last = match.groups()
        return f"{prefix or ''}{first}{MASK * 4}{last}"
    match = _LANDLINE.fullmatch(text)
    if match:
        area, dash, number = match.groups()
        return f"{area}{dash}{MASK * (len(number) - 4)}{number[-4:]}"
    return _keep_tail(text)


def mask_id_number(id_number: str) -> str:
    """An 18-character ID keeps its 6-digit area code and last 4 (the birth date is hidden);
    a 15-digit legacy one likewise keeps 6 + 3; anything else keeps at most its last 4."""
    text = id_number.strip()
    if not text:
        return ""
    if len(text) == 18:
        return text[:6] + MASK * 8 + text[-4:]
    if len(text) == 15:
        return text[:6] + MASK * 6 + text[-3:]
    return _keep_tail(text)


def _keep_tail(text: str) -> str:
    keep = min(4, len(text) // 2)
    return MASK * (len(text) - keep) + (text[-keep:] if keep else "")


# -- finding ID and phone numbers in free text ------------------------------------------------
# People type numbers every way: full-width (１３７…), grouped with spaces, hyphens or dots
# (431021 19880828 6910, 137.0000.0007), right after letters (ID320923…). Matching runs on a
# copy of the text with the same length in which each character is replaced by its NFKC
# ASCII form (digits, X) or a plain separator, so a span found there is the span to replace in
# the original. The scan is one pass over the text plus a bounded look-ahead (a number has at
# most 18 digits): linear, with no regular expression to backtrack.

_SEPARATORS = frozenset(
    " \t\u00a0\u2002\u2003\u2009\u3000"  # spaces, the ideographic space
    "-\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d"  # hyphens and minus signs
    ".\u00b7\u2022\u30fb\uff0e"  # dots
)
_MAX_GAP = 3  # "138 - 0013 - 8000": at most this many separators between two digit groups


def normalise_digits(text: str) -> str:
    """``text`` with full-width digits and X as ASCII and every separator as " "; the same
    length as ``text``, so positions match."""
    out = []
    for ch in text:
        if ch in _SEPARATORS:
            out.append(" ")
            continue
        if ch.isascii():
            out.append(ch)
            continue
        folded = unicodedata.normalize("NFKC", ch)
        out.append(folded if len(folded) == 1 and folded.isascii() and folded.isalnum()
                   else ch)
    return "".join(out)


@dataclass(frozen=True)
class FoundNumber:
    start: int
    end: int  # the span in the original text
    kind: str  # "id_number" | "mobile" | "landline"
    digits: str  # ASCII digits (and a final X), separators removed
    area: str = ""  # a landline's area code when it was typed apart ("0571-…")


def _groups(norm: str) -> list[list[tuple[int, int, str]]]:
    """Chains of digit groups: [(start, end, digits)], groups in a chain being apart by at
    most _MAX_GAP separators. A group may end in X (an ID's check character): it ends the
    chain."""
    chains: list[list[tuple[int, int, str]]] = []
    chain: list[tuple[int, int, str]] = []
    i, n = 0, len(norm)
    while i < n:
        if not ("0" <= norm[i] <= "9"):
            i += 1
            continue
        start = i
        while i < n and "0" <= norm[i] <= "9":
            i += 1
        # An X ends an ID: after 17 digits always ("…002Xabc"), elsewhere when no word goes on.
        ends_in_x = i < n and norm[i] in "Xx" and (
            i - start == 17 or not (i + 1 < n and norm[i + 1].isalnum()))
        if ends_in_x:
            i += 1
        if chain and start - chain[-1][1] > 0 and (
                start - chain[-1][1] > _MAX_GAP or norm[chain[-1][1]:start].strip(" ")
                or chain[-1][2].endswith("X")):
            chains.append(chain)
            chain = []
        chain.append((start, i, norm[start:i].upper()))
        if ends_in_x:
            chains.append(chain)
            chain = []
    if chain:
        chains.append(chain)
    return chains


def _valid_birth(digits: str) -> bool:
    """The birth date inside a 15/18-character ID is a real date (used where groups were
    joined, so a date next to another number is not taken for an ID)."""
    text = digits[6:14] if len(digits) == 18 else "19" + digits[6:12]
    try:
        day = dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return False
    return 1880 <= day.year <= 2100


def _kind(digits: str, joined: bool) -> str:
    if digits.endswith("X"):
        if len(digits) == 18 and digits[:17].isdigit():
            return "id_number" if not joined or _valid_birth(digits) else ""
        return ""
    length = len(digits)
    if length in (15, 18):
        return "id_number" if not joined or _valid_birth(digits) else ""
    if length == 11 and digits[0] == "1" and digits[1] in "3456789":
        return "mobile"
    if length == 13 and digits.startswith("861") and digits[3] in "3456789":
        return "mobile"
    if 10 <= length <= 12 and digits[0] == "0" and digits[1] != "0":
        return "landline"
    return ""


def find_numbers(text: str) -> list[FoundNumber]:
    """The ID numbers and phone numbers written in ``text``, in any width and grouping.

    A group of digits that is a number by itself wins; groups joined by spaces, hyphens or dots
    count as one number when together they make one (the longest first)."""
    norm = normalise_digits(text)
    found: list[FoundNumber] = []
    for chain in _groups(norm):
        used = [False] * len(chain)
        for index, (start, end, digits) in enumerate(chain):
            kind = _kind(digits, joined=False)
            if kind:
                used[index] = True
                found.append(FoundNumber(start, end, kind, digits))
        i = 0
        while i < len(chain):
            best = None
            total = ""
            for j in range(i, len(chain)):
                if used[j]:
                    break
                total += chain[j][2]
                if len(total) > 18:
                    break
                if j > i and _kind(total, joined=True):
                    best = j, total
            if best is None:
                i += 1
                continue
            j, digits = best
            kind = _kind(digits, joined=True)
            area = chain[i][2] if kind == "landline" and len(chain[i][2]) in (3, 4) else ""
            found.append(FoundNumber(chain[i][0], chain[j][1], kind, digits, area))
            i = j + 1
    found.sort(key=lambda f: f.start)
    return found


def mask_found(number: FoundNumber) -> str:
    """How a phone number found in text is shown (138****5678, 0571-****6666)."""
    digits = number.digits
    if number.kind == "mobile":
        prefix = "86 " if len(digits) == 13 else ""
        return prefix + mask_phone(digits[-11:])
    if number.kind == "landline":
        if number.area:
            return mask_phone(f"{number.area}-{digits[len(number.area):]}")
        return mask_phone(digits)
    return mask_id_number(digits)


@dataclass(frozen=True)
class OfficeContacts:
    """The office's own people and numbers: never masked, wherever they are printed (a notice
    whose contact is masked cannot be answered). Names masked because a resident shares them
    stay masked everywhere else."""

    staff: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()  # digits only (normalised width)

    @classmethod
    def of(cls, staff=(), phones=()) -> OfficeContacts:
        names = frozenset(n.strip() for n in staff if n and n.strip())
        digits = frozenset(_national(d) for d in (phone_digits(p) for p in phones)
                           if len(d) >= 5)
        return cls(names, digits)

    @classmethod
    def from_settings(cls, settings) -> OfficeContacts:
        """From the settings: the staff names and office phones entered there, and the name
        of whoever works on this computer (asked at first-run setup)."""
        staff = [*(settings.get("office_staff") or ()), settings.get("operator") or ""]
        return cls.of(staff, settings.get("office_phones") or ())

    def merged(self, staff=(), phones=()) -> OfficeContacts:
        other = OfficeContacts.of(staff, phones)
        return OfficeContacts(self.staff | other.staff, self.phones | other.phones)

    def keeps_phone(self, digits: str) -> bool:
        """Whether a phone (its digits, as ``phone_digits`` gives) is the office's own; a
        mobile written with +86 is the same number."""
        return _national(digits) in self.phones


def _national(digits: str) -> str:
    """A mobile without its +86 country code."""
    return digits[2:] if len(digits) == 13 and digits.startswith("861") else digits


def phone_digits(text: str) -> str:
    """The ASCII digits of a phone number as typed (full-width digits count)."""
    return "".join(ch for ch in normalise_digits(text) if "0" <= ch <= "9")
