"""Ballot codes: short digits typed at the office, with a check digit so a slip is refused.

A code is the dwelling's place in the vote's walking order, zero-padded to the width the vote
needs (at least three digits), followed by a Damm check digit. Damm's check catches every
single wrong digit and every swap of two neighbouring digits — the two slips of fast keyboard
entry — with digits only, so the numeric keypad is enough.
"""

from __future__ import annotations

# Damm's totally anti-symmetric quasigroup of order 10 (H. M. Damm, 2004).
_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)
MIN_DIGITS = 3


def _interim(digits: str) -> int:
    state = 0
    for char in digits:
        state = _DAMM[state][int(char)]
    return state


def code_width(count: int) -> int:
    """Digits before the check digit for a vote of ``count`` dwellings."""
    return max(MIN_DIGITS, len(str(max(count, 1))))


def make_code(number: int, width: int) -> str:
    body = str(number).zfill(width)
    return body + str(_interim(body))


def code_is_valid(code: str) -> bool:
    """True when ``code`` is digits whose check digit holds."""
    return len(code) > MIN_DIGITS and code.isascii() and code.isdigit() and _interim(code) == 0


def normal_code(text: str) -> str:
    """What was typed, without spaces or dashes (a code printed as "0123-4" reads the same)."""
    return "".join(ch for ch in (text or "") if not ch.isspace() and ch not in "-－")
