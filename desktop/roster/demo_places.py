"""The demo community's places: compounds of each kind, their buildings and dwellings.

Plain functions over a seeded ``random.Random``: the same seed draws the same places. They
return small specs (tuples and lists) and leave ids, stamps and database rows to demo.py.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from decimal import Decimal

from desktop.roster import demo_names as names

# Kinds of compound drawn after the first few, by weight (a Hangzhou urban community).
KIND_WEIGHTS = (("commercial", 40), ("old", 22), ("resettlement", 12), ("affordable", 8),
                ("reformed", 10), ("work_unit", 5), ("self_built", 3))
# The first compounds always cover the common kinds, so even a small demo shows each of them.
FIRST_KINDS = ("old", "commercial", "reformed", "resettlement", "affordable")

# Dwellings in one compound of each kind (low, high).
COMPOUND_SIZE = {
    "commercial": (400, 1400), "old": (300, 800), "resettlement": (600, 1500),
    "affordable": (400, 1000), "reformed": (80, 300), "work_unit": (100, 350),
    "self_built": (40, 120),
}
BUILT_YEARS = {
    "commercial": (2000, 2022), "old": (1980, 1999), "resettlement": (2005, 2020),
    "affordable": (2010, 2022), "reformed": (1985, 1998), "work_unit": (1965, 1992),
    "self_built": (1985, 2010),
}
# Share of dwellings nobody lives in: new commercial flats bought as investments stand empty
# more often than old walk-ups.
VACANCY = {
    "commercial": 0.10, "old": 0.05, "resettlement": 0.08, "affordable": 0.06,
    "reformed": 0.05, "work_unit": 0.05, "self_built": 0.04,
}


@dataclass(frozen=True)
class BuildingType:
    floors: tuple[int, int]
    units: tuple[int, int]
    per_floor: tuple[int, int]
    has_lift: bool
    area: tuple[int, int]  # floor area in m², low–high
    exclusive: tuple[float, float]  # exclusive share of the floor area (the rest is 公摊)


WALKUP = BuildingType((5, 7), (2, 4), (2, 2), False, (45, 78), (0.86, 0.92))
TOWER = BuildingType((18, 33), (1, 3), (2, 4), True, (89, 145), (0.74, 0.80))
MIDRISE = BuildingType((11, 17), (2, 3), (2, 2), True, (80, 130), (0.78, 0.84))
GARDEN = BuildingType((6, 9), (2, 2), (2, 2), True, (120, 180), (0.82, 0.88))
AFFORDABLE_TOWER = BuildingType((18, 30), (1, 2), (4, 8), True, (40, 70), (0.72, 0.78))
SELF_BUILT = BuildingType((3, 5), (1, 1), (1, 3), False, (60, 140), (0.88, 0.94))

BUILDING_TYPES = {
    "commercial": ((TOWER, 55), (MIDRISE, 30), (GARDEN, 15)),
    "old": ((WALKUP, 1),),
    "reformed": ((WALKUP, 1),),
    "work_unit": ((WALKUP, 1),),
    "resettlement": ((MIDRISE, 60), (TOWER, 40)),
    "affordable": ((AFFORDABLE_TOWER, 1),),
    "self_built": ((SELF_BUILT, 1),),
}

_CENT = Decimal("0.01")
_CHINESE_DIGITS = "〇一二三四五六七八九"  # later phases of an estate: 二期, 三期 …


@dataclass
class BuildingPlan:
    name: str
    sort_key: int
    floors: int
    units: int
    per_floor: int
    has_lift: bool
    built_year: int
    # Per position on a floor: (floor area, exclusive area); every floor repeats the layout.
    layouts: list[tuple[Decimal, Decimal]]

    @property
    def dwellings(self) -> int:
        return self.floors * self.units * self.per_floor


@dataclass
class CompoundPlan:
    name: str
    kind: str
    address: str
    property_company: str
    built_year: int
    vacancy: float
    buildings: list[BuildingPlan]

    @property
    def dwellings(self) -> int:
        return sum(b.dwellings for b in self.buildings)


def _weighted(rng: random.Random, pairs) -> object:
    values = [v for v, _w in pairs]
    weights = [w for _v, w in pairs]
    return rng.choices(values, weights)[0]


class PlaceMaker:
    """Draws compounds one after another, each sized to what is still needed."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.count = 0
        self._used_names: set[str] = set()
        self._used_addresses: set[str] = set()

    def next_kind(self) -> str:
        if self.count < len(FIRST_KINDS):
            return FIRST_KINDS[self.count]
        return _weighted(self.rng, KIND_WEIGHTS)

    def compound(self, dwellings_wanted: int) -> CompoundPlan:
        """The next compound, with about ``dwellings_wanted`` dwellings or its kind's usual
        size, whichever is smaller — but never leaving a sliver for one more tiny compound."""
        rng = self.rng
        kind = self.next_kind()
        self.count += 1
        low, high = COMPOUND_SIZE[kind]
        target = rng.randint(low, high)
        if dwellings_wanted - target < low * 0.5:
            target = dwellings_wanted
        built_year = rng.randint(*BUILT_YEARS[kind])
        numbering = "号楼" if kind in ("commercial", "affordable") and rng.random() < 0.4 else "幢"
        if kind == "self_built":
            numbering = "号"
        buildings: list[BuildingPlan] = []
        total = 0
        while total < target:
            btype = _weighted(rng, BUILDING_TYPES[kind])
            plan = self._building(btype, len(buildings) + 1, numbering, built_year)
            missing = target - total
            if plan.dwellings > missing and buildings:
                # The last building only as tall as needed (at least a walk-up's height).
                per_storey = plan.units * plan.per_floor
                plan.floors = max(min(plan.floors, math.ceil(missing / per_storey)),
                                  min(plan.floors, 5))
            buildings.append(plan)
            total += plan.dwellings
        return CompoundPlan(
            name=self._name(kind),
            kind=kind,
            address=self._address(),
            property_company=self._property_company(kind),
            built_year=built_year,
            vacancy=VACANCY[kind],
            buildings=buildings,
        )

    def _building(self, btype: BuildingType, number: int, numbering: str,
                  built_year: int) -> BuildingPlan:
        rng = self.rng
        floors = rng.randint(*btype.floors)
        if btype is WALKUP:
            floors = 6 if rng.random() < 0.7 else floors  # the classic six-storey walk-up
        per_floor = rng.randint(*btype.per_floor)
        layouts = []
        for _ in range(per_floor):
            area = Decimal(rng.randint(btype.area[0] * 100, btype.area[1] * 100)) / 100
            share = Decimal(str(round(rng.uniform(*btype.exclusive), 3)))
            layouts.append((area.quantize(_CENT), (area * share).quantize(_CENT)))
        return BuildingPlan(
            name=f"{number}{numbering}",
            sort_key=number,
            floors=floors,
            units=rng.randint(*btype.units),
            per_floor=per_floor,
            has_lift=btype.has_lift,
            built_year=built_year + (rng.randint(0, 3) if rng.random() < 0.2 else 0),
            layouts=layouts,
        )

    def _name(self, kind: str) -> str:
        rng = self.rng
        prefixes = names.COMPOUND_PREFIXES[kind]
        suffixes = names.COMPOUND_SUFFIXES[kind]
        for _ in range(20):
            name = rng.choice(prefixes) + rng.choice(suffixes)
            if name not in self._used_names:
                break
        # A large sub-district runs out of pairs: later phases of an estate get 二期, 三期 …
        base, phase = name, 1
        while name in self._used_names:
            phase += 1
            name = f"{base}{_CHINESE_DIGITS[phase % 10] if phase < 10 else phase}期"
        self._used_names.add(name)
        return name

    def _address(self) -> str:
        rng = self.rng
        while True:
            address = f"{rng.choice(names.ROADS)}{rng.randint(1, 120) * 2}号"
            if address not in self._used_addresses:
                self._used_addresses.add(address)
                return address

    def _property_company(self, kind: str) -> str:
        rng = self.rng
        if kind in ("old", "reformed", "work_unit") and rng.random() < 0.6:
            return names.QUASI_PROPERTY if rng.random() < 0.7 else ""
        if kind == "self_built":
            return ""
        return f"杭州{rng.choice(names.PROPERTY_COMPANY_WORDS)}物业管理有限公司"



def dwellings_of(building: BuildingPlan):
    """(unit, floor, room, floor_area, exclusive_area) for each dwelling, stairwell by
    stairwell and floor by floor, the order a visitor walks them."""
    for unit in range(1, building.units + 1):
        unit_text = str(unit)
        for floor in range(1, building.floors + 1):
            for position, (area, exclusive) in enumerate(building.layouts, start=1):
                yield unit_text, floor, f"{floor}{position:02d}", area, exclusive
