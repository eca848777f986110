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
"""

from __future__ import annotations

import re

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
