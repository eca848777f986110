"""Where a row's resident lives: compound, building, unit and room, from one address or columns.

Offices write "翠苑一区3幢2单元501室", "12-1-302", "5号楼1单元1101", "1座201", often after the
province, city, district and street ("浙江省杭州市西湖区翠苑街道翠苑一区3幢…"). The building,
unit and room are read from the end of the text; what comes before is the compound, with the
administrative prefix removed. Separate 小区 / 楼栋 / 单元 / 房号 columns fill what the address
leaves open (and win over it where both are given).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from desktop.roster.address import building_number
from desktop.roster.importing.values import cell_text
from desktop.roster.regions import region_names

_DASHES = "-－—–_/"
_BUILDING_WORDS = "幢栋棟號号楼樓座"
_UNIT_WORDS = "单元單"
_ROOM_WORDS = "室号號户戶"

# The building–unit–room tail at the end of an address.
_TAIL = re.compile(
    rf"(?P<building>\d+(?:[{_BUILDING_WORDS}]+)?)[{_DASHES}]?"
    rf"(?:(?P<unit>\d+)(?:[{_UNIT_WORDS}]+|[{_DASHES}]))?"
    rf"(?P<room>\d+)[{_ROOM_WORDS}]?$"
)
# Only a building ("3幢") or a unit and room ("2单元501室") at the end.
_BUILDING_ONLY = re.compile(rf"(?P<building>\d+[{_BUILDING_WORDS}]+)$")
_UNIT_ROOM = re.compile(rf"(?:(?P<unit>\d+)[{_UNIT_WORDS}]+)?(?P<room>\d+)[{_ROOM_WORDS}]?$")
# What may stand before a compound's name in an address and is removed: a street office,
# town or community ("翠苑街道", "xx社区居委会") and a road with its number ("文一路123号");
# province, city and county names are taken from the region table (desktop.roster.regions).
_ADMIN_PREFIX = re.compile(
    r"^(?:[^街]{2,6}街道(?:办事处)?|[^镇]{1,6}镇|[^乡]{1,6}乡"
    r"|[^社]{2,8}社区(?:居委会|居民委员会)?|[^路街巷道]{1,8}(?:路|街|巷|大道)\d+号(?![楼院]))"
)
_FULL_WIDTH = str.maketrans({chr(0xFF10 + d): str(d) for d in range(10)})


@dataclass(frozen=True, slots=True)
class PlaceKey:
    """A dwelling as a row names it. ``building`` is the name as written ("3幢"), or "" when
    only a number was given ("12-1-302"): then ``building_no`` finds or names the building."""

    compound: str
    building: str
    building_no: str
    unit: str
    room: str

    @property
    def has_dwelling(self) -> bool:
        return bool(self.room)


def _number(digits: str) -> str:
    return digits.lstrip("0") or "0"


@lru_cache(maxsize=4096)  # an import has a few dozen distinct prefixes over 100,000 rows
def _strip_admin(text: str) -> str:
    regions = _region_prefix()
    while True:
        match = regions.match(text) or _ADMIN_PREFIX.match(text)
        if not match or match.end() == len(text):
            return text
        text = text[match.end():]


@lru_cache(maxsize=1)
def _region_prefix() -> re.Pattern:
    names = sorted(region_names(), key=len, reverse=True)
    return re.compile("|".join(re.escape(name) for name in names if len(name) >= 2))


def parse_address(text: str) -> PlaceKey | None:
    """The places an address names, or None when no room can be read from it."""
    compact = "".join(text.split()).translate(_FULL_WIDTH)
    if not compact:
        return None
    match = _TAIL.search(compact)
    if match and (match.group("unit") or not match.group("building").isdigit()
                  or compact[match.start("room") - 1:match.start("room")] in _DASHES):
        building = match.group("building")
        number = _number(re.match(r"\d+", building).group())
        return PlaceKey(
            compound=_strip_admin(compact[: match.start()]).rstrip(_DASHES),
            building="" if building.isdigit() else building,
            building_no=number,
            unit=_number(match.group("unit")) if match.group("unit") else "",
            room=match.group("room"),
        )
    match = _UNIT_ROOM.search(compact)
    if match and match.group("unit"):  # "1单元101室": a unit and room, no building
        return PlaceKey(_strip_admin(compact[: match.start()]), "", "",
                        _number(match.group("unit")), match.group("room"))
    return None


def _part(value: object, words: str) -> str:
    text = "".join(cell_text(value).split()).translate(_FULL_WIDTH)
    return text.rstrip(words)


def place_of(address: object, compound: object, building: object, unit: object,
             room: object) -> PlaceKey | None:
    """The dwelling named by a row's address and place columns (None: no room anywhere).

    Separate columns win over what the address says; a room column may hold "2单元501室".
    """
    parsed = parse_address(cell_text(address)) if address not in (None, "") else None
    compound_text = cell_text(compound)
    building_text = "".join(cell_text(building).split()).translate(_FULL_WIDTH)
    unit_text = _part(unit, _UNIT_WORDS)
    room_text = _part(room, _ROOM_WORDS)
    if room_text and not room_text.isdigit():
        inner = parse_address(room_text)
        if inner is not None:
            parsed = inner if parsed is None else parsed
            room_text = inner.room
            unit_text = unit_text or inner.unit
            building_text = building_text or inner.building or inner.building_no
    if parsed is None and not room_text:
        return None
    if parsed is None:
        parsed = PlaceKey("", "", "", "", "")
    if building_text:
        number = building_number(building_text)
        name = "" if building_text.isdigit() else building_text
    else:
        number, name = parsed.building_no, parsed.building
    return PlaceKey(
        compound=compound_text or parsed.compound,
        building=name,
        building_no=number,
        unit=_number(unit_text) if unit_text.isdigit() else (unit_text or parsed.unit),
        room=room_text or parsed.room,
    )


def building_only(text: str) -> str | None:
    match = _BUILDING_ONLY.search("".join(text.split()))
    return match.group("building") if match else None
