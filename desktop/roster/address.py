"""Dwelling addresses: the shorthand people type ("3-2-501") and the form they read ("3幢2单元501").

Offices write building–unit–room as "3-2-501" or "3栋2单元501室" and say "3号楼501" when a
building has one stairwell. ``parse_shorthand`` turns all of these into an ``AddressKey`` the
search index looks up; ``building_number`` reads the number out of a building's name ("3幢",
"5号楼", "12栋") so both sides agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DASHES = "-－—–_/"
_BUILDING_WORDS = "幢栋棟號号楼樓座"
_UNIT_WORDS = "单元單"
_ROOM_WORDS = "室号號"

# 3-2-501 · 3-501 · 3-2 (building–unit when the second part is short)
_DASHED = re.compile(rf"(\d+)[{_DASHES}](\d+)(?:[{_DASHES}](\d+))?")
# 3栋2单元501室 · 3号楼2单元 · 3幢501 · 3栋 (each part optional after the building)
_WORDED = re.compile(
    rf"(\d+)[{_BUILDING_WORDS}]+"
    rf"(?:(\d+)[{_UNIT_WORDS}]+)?"
    rf"(?:(\d+)[{_ROOM_WORDS}]?)?"
)
_FIRST_NUMBER = re.compile(r"\d+")
# A unit number is short; three or more digits after the building is a room ("3-501").
_MAX_UNIT_DIGITS = 2
# Longer groups are a phone number typed with dashes ("0571-8888-1234"), not an address.
_MAX_BUILDING_DIGITS = 3
_MAX_ROOM_DIGITS = 5


@dataclass(frozen=True)
class AddressKey:
    """What was typed: the building number, and the unit and room when given."""

    building: str
    unit: str | None = None
    room: str | None = None


def parse_shorthand(text: str) -> AddressKey | None:
    """The address a search text means, or None when it is not an address."""
    compact = "".join(text.split())
    match = _DASHED.fullmatch(compact)
    if match:
        building, second, third = match.groups()
        if len(building) > _MAX_BUILDING_DIGITS or len(third or second) > _MAX_ROOM_DIGITS:
            return None
        if third is not None:
            if len(second) > _MAX_UNIT_DIGITS:
                return None
            return AddressKey(_number(building), _number(second), _number(third))
        if len(second) > _MAX_UNIT_DIGITS:
            return AddressKey(_number(building), None, _number(second))
        return AddressKey(_number(building), _number(second), None)
    match = _WORDED.fullmatch(compact)
    if match:
        building, unit, room = match.groups()
        return AddressKey(_number(building), _number(unit), _number(room))
    return None


def building_number(name: str, sort_key: int | None = None) -> str:
    """The number people use for a building: the first number in its name, else its sort key."""
    match = _FIRST_NUMBER.search(name)
    if match:
        return _number(match.group())
    return str(sort_key) if sort_key else name


def format_address(building_name: str | None, unit: str | None, room: str | None) -> str:
    """"3幢2单元501" — as the roster shows it; "" for a resident with no dwelling."""
    if not building_name and not room:
        return ""
    unit_part = f"{unit}单元" if unit else ""
    return f"{building_name or ''}{unit_part}{room or ''}"


def _number(digits: str | None) -> str | None:
    # "03" and "3" are the same building; "0501" the same room as "501".
    if digits is None:
        return None
    return digits.lstrip("0") or "0"


def natural_key(text: str | None) -> tuple:
    """A sort key reading the numbers in a text as numbers ("2单元" before "10单元")."""
    parts = re.split(r"(\d+)", text or "")
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts if p)


def floor_of(floor: int | None, room: str | None) -> int:
    """A dwelling's floor: as recorded, else read from a room number like "501" (0 if neither)."""
    if floor is not None:
        return floor
    digits = re.match(r"\d+", room or "")
    return int(digits.group()) // 100 if digits and len(digits.group()) >= 3 else 0


def walking_key(unit: str | None, floor: int | None, room: str | None) -> tuple:
    """The order a visitor walks a building in: stairwell (unit), then floor, then room."""
    return (natural_key(unit), floor_of(floor, room), natural_key(room))
