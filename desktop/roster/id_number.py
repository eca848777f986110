"""Resident ID numbers (GB 11643): check, normalise, and read birth date and sex from them.

18 characters = 6-digit region + YYYYMMDD + 3-digit sequence (odd = male) + a check character
``"10X98765432"[Σ aᵢ·wᵢ mod 11]``. 15-digit numbers from before 1999 (region + YYMMDD +
sequence) are upgraded: "19" goes into the year and the check character is computed.

Hard errors make a number unusable (length, characters, an impossible or future birth date, a
wrong check character, a value a spreadsheet turned into a float). An unknown region code is
only a warning: real people carry abolished codes. 81/82/83 are the Hong Kong, Macau and Taiwan
residence permits, valid numbers of another kind.

This runs over every row of an import (100k+), so everything that can be is computed once at
import time and the common case (an 18-character ASCII string) takes a short path.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from operator import getitem

from desktop.core.i18n import N_, _
from desktop.roster.regions import is_known_region

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"

SEX_MALE = "1"  # codes.SEXES
SEX_FEMALE = "2"
SEX_UNKNOWN = "0"

KIND_RESIDENT = "resident"  # 居民身份证
KIND_HK = "hk_permit"  # 港澳台居民居住证 (Hong Kong)
KIND_MACAU = "macau_permit"
KIND_TAIWAN = "taiwan_permit"
KINDS = {
    KIND_RESIDENT: N_("Resident identity card"),
    KIND_HK: N_("Residence permit for Hong Kong residents"),
    KIND_MACAU: N_("Residence permit for Macau residents"),
    KIND_TAIWAN: N_("Residence permit for Taiwan residents"),
}
_PERMIT_KINDS = {"81": KIND_HK, "82": KIND_MACAU, "83": KIND_TAIWAN}

# Machine codes of problems (the UI and import reports group by these).
EMPTY = "empty"
LENGTH = "length"
CHARACTERS = "characters"
FLOAT_MANGLED = "float_mangled"
IMPOSSIBLE_DATE = "impossible_date"
FUTURE_DATE = "future_date"
CHECKSUM = "checksum"
UNKNOWN_REGION = "unknown_region"

# Nobody alive was born before this; an earlier year is a typo, not a person.
EARLIEST_BIRTH_YEAR = 1880

# Per position, digit character → its weighted value mod 11, so the checksum is one C-level
# map() over the string instead of int() and a multiply per character.
_WEIGHTED = tuple({str(d): d * w % 11 for d in range(10)} for w in WEIGHTS)

# Full-width digits and X (typed with a Chinese input method) → ASCII; lowercase x → X; spaces
# of every kind, and the apostrophe people type to make Excel keep a number as text, removed.
_CLEAN = str.maketrans(
    {
        **{chr(0xFF10 + d): str(d) for d in range(10)},
        "Ｘ": "X", "ｘ": "X", "x": "X",
        " ": None, "\t": None, "\u3000": None, "\xa0": None, "\r": None, "\n": None,
        "'": None, "\u2018": None, "\u2019": None,
    }
)
# ASCII only: in Python's str patterns \d also matches full-width and other scripts' digits,
# which must go through the cleaning (and the checksum table knows only 0-9).
_VALID_SHAPE_18 = re.compile(r"\d{17}[\dX]", re.ASCII).fullmatch
_DIGITS_15 = re.compile(r"\d{15}", re.ASCII).fullmatch
_ALLOWED = re.compile(r"[\dX]+", re.ASCII).fullmatch
_BAD_CHARS = re.compile(r"[^\dX]", re.ASCII)
# What a spreadsheet makes of an ID stored as a number: 1.10101199E+17, 110101199003071000.0
_SCIENTIFIC = re.compile(r"[+-]?\d+(\.\d*)?E[+-]?\d+").fullmatch
_FLOAT_TEXT = re.compile(r"\d+\.\d*").fullmatch

_date_cache: dict[str, dt.date | None] = {}


@dataclass(frozen=True, slots=True)
class IdIssue:
    """One problem with a number: ``code`` for programs, ``message`` (translated) for people."""

    code: str
    message: str


@dataclass(frozen=True, slots=True)
class IdNumber:
    """The result of checking one ID number.

    ``number`` is the normalised 18-character form ("" when the input could not be read as an
    ID number at all); ``original`` is the input as given; ``upgraded_from`` is the 15-digit
    legacy number it was upgraded from, else "" (what ``Resident.id_number_original`` keeps).
    """

    number: str
    original: str
    birth_date: dt.date | None = None
    sex: str = SEX_UNKNOWN
    kind: str = ""
    upgraded_from: str = ""
    errors: tuple[IdIssue, ...] = ()
    warnings: tuple[IdIssue, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def region_code(self) -> str:
        return self.number[:6]

    def age(self, on: dt.date | None = None) -> int | None:
        """Whole years of age on ``on`` (today by default); None without a birth date."""
        if self.birth_date is None:
            return None
        return age_on(self.birth_date, on or dt.date.today())

    def error_codes(self) -> tuple[str, ...]:
        return tuple(issue.code for issue in self.errors)

    def warning_codes(self) -> tuple[str, ...]:
        return tuple(issue.code for issue in self.warnings)


def check_char(first17: str) -> str:
    """The check character for the first 17 digits of an 18-character number."""
    return CHECK_CHARS[sum(map(getitem, _WEIGHTED, first17)) % 11]


def age_on(birth: dt.date, on: dt.date) -> int:
    """Whole years between ``birth`` and ``on``; someone born on 29 February turns a year older
    on 1 March in common years."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def upgrade_15(number15: str) -> str:
    """The 18-character form of a 15-digit legacy number (all born in the 1900s)."""
    first17 = number15[:6] + "19" + number15[6:]
    return first17 + check_char(first17)


def _birth_date(yyyymmdd: str) -> dt.date | None:
    # ~36,000 distinct dates cover a century of birthdays: cache them instead of parsing each.
    try:
        return _date_cache[yyyymmdd]
    except KeyError:
        pass
    try:
        value: dt.date | None = dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:]))
    except ValueError:
        value = None
    if len(_date_cache) > 200_000:  # garbage input must not grow it without bound
        _date_cache.clear()
    _date_cache[yyyymmdd] = value
    return value


def _format_date_digits(yyyymmdd: str) -> str:
    return f"{yyyymmdd[:4]}-{yyyymmdd[4:6]}-{yyyymmdd[6:]}"


def _problem(original: str, code: str, message: str) -> IdNumber:
    return IdNumber(number="", original=original, errors=(IdIssue(code, message),))


def _unreadable(original: str, text: str) -> IdNumber:
    """The input is not 15 or 18 ID characters: say which way it is wrong."""
    if not text:
        return _problem(original, EMPTY, _("The ID number is empty."))
    if _SCIENTIFIC(text) or _FLOAT_TEXT(text):
        return _problem(original, FLOAT_MANGLED, _(
            "The ID number {value} was stored as a number by a spreadsheet, which loses its "
            "last digits. Format the column as text, type the numbers again, and import again."
        ).format(value=original.strip()))
    if not _ALLOWED(text):
        bad = "".join(dict.fromkeys(_BAD_CHARS.findall(text)))
        return _problem(original, CHARACTERS, _(
            "An ID number has only digits and perhaps a final X; {value} also has: {chars}"
        ).format(value=original.strip(), chars=bad))
    if len(text) in (15, 18):  # right length, but an X in the wrong place
        return _problem(original, CHARACTERS, _(
            "An X can only be the last character of an ID number: {value}"
        ).format(value=original.strip()))
    return _problem(original, LENGTH, _(
        "An ID number has 18 characters (15 for an old one); {value} has {count}."
    ).format(value=original.strip(), count=len(text)))


def parse_id_number(value: str | int | float | None, *, today: dt.date | None = None) -> IdNumber:
    """Check and normalise one ID number as it came from a form or a file.

    ``today`` is the date birth dates may not be after (the current date by default).
    """
    if value is None:
        return _problem("", EMPTY, _("The ID number is empty."))
    if isinstance(value, float):
        # A spreadsheet cell read as a number: a double cannot hold 18 digits exactly.
        original = repr(value)
        return _unreadable(original, original.upper())
    original = value if isinstance(value, str) else str(value)
    text = original
    if not _VALID_SHAPE_18(text):
        text = original.translate(_CLEAN).upper()
    upgraded_from = ""
    if not _VALID_SHAPE_18(text):
        if not _DIGITS_15(text):
            return _unreadable(original, text)
        upgraded_from = text
        text = upgrade_15(text)

    errors: list[IdIssue] = []
    warnings: list[IdIssue] = []
    date_digits = text[6:14]
    birth = _birth_date(date_digits)
    if birth is None or birth.year < EARLIEST_BIRTH_YEAR:
        birth = None
        errors.append(IdIssue(IMPOSSIBLE_DATE, _(
            "The birth date {date} in the ID number is not a real date."
        ).format(date=_format_date_digits(date_digits))))
    elif birth > (today or dt.date.today()):
        errors.append(IdIssue(FUTURE_DATE, _(
            "The birth date {date} in the ID number is in the future."
        ).format(date=birth.isoformat())))
        birth = None
    if not upgraded_from and check_char(text) != text[17]:
        if text.endswith("000"):
            # Excel keeps 15 significant digits and pads the rest with zeros.
            errors.append(IdIssue(FLOAT_MANGLED, _(
                "The ID number {value} does not add up and ends in 000: a spreadsheet probably "
                "stored it as a number and lost its last digits. Format the column as text and "
                "type the number again."
            ).format(value=text)))
        else:
            errors.append(IdIssue(CHECKSUM, _(
                "The ID number {value} does not add up (its last character is a check "
                "character): a digit is probably mistyped."
            ).format(value=text)))

    prefix = text[:2]
    kind = _PERMIT_KINDS.get(prefix, KIND_RESIDENT)
    if kind == KIND_RESIDENT and not is_known_region(text[:6]):
        warnings.append(IdIssue(UNKNOWN_REGION, _(
            "The region code {code} at the start of the ID number is not in the list of current "
            "regions (it may be an old code). The number was kept."
        ).format(code=text[:6])))
    sex = SEX_MALE if text[16] in "13579" else SEX_FEMALE
    return IdNumber(
        number=text,
        original=original,
        birth_date=birth,
        sex=sex,
        kind=kind,
        upgraded_from=upgraded_from,
        errors=tuple(errors),
        warnings=tuple(warnings),
    )


def quick_check(text: str, today: dt.date) -> tuple[dt.date, str] | None:
    """(birth date, sex) of a well-formed 18-character number with nothing to report, else None.

    The common case of a large import, without building an ``IdNumber``; anything else (None)
    goes through ``parse_id_number`` for its full diagnosis.
    """
    if not _VALID_SHAPE_18(text) or CHECK_CHARS[sum(map(getitem, _WEIGHTED, text)) % 11] != text[17]:
        return None
    birth = _birth_date(text[6:14])
    if birth is None or birth.year < EARLIEST_BIRTH_YEAR or birth > today:
        return None
    if text[:2] not in _PERMIT_KINDS and not is_known_region(text[:6]):
        return None
    return birth, SEX_MALE if text[16] in "13579" else SEX_FEMALE


def normalise_id_number(value: str | int | float | None) -> str:
    """The normalised 18-character form, or "" when the number has a hard error."""
    result = parse_id_number(value)
    return result.number if result.ok else ""


def is_valid_id_number(value: str | int | float | None) -> bool:
    return parse_id_number(value).ok
