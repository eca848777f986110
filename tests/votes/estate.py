"""A small estate built by hand for the vote tests, with areas and owners one can add up.

翠苑一区 3幢: units 1 and 2, floors 1–3, rooms x01 and x02 (12 dwellings). Unit 1 room r has
area 80.00 + 1.25·k and unit 2 100.00 + 1.25·k (k = 0…5 in walking order), so the building's
total is 498.75 + 618.75 = 1,117.50 m². 王强 owns 3幢1单元101 and 102 (one ID number: one
head); the others each own one dwelling, an outside owner with a phone. 翠苑一区 5幢 (unit 1,
floors 1–2, 2 rooms) and 翠苑二区 3幢 (same) are other places for ballots outside the scope.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from desktop.roster.community import SetupAnswers, save_setup
from desktop.roster.models import Building, Dwelling, DwellingOwner
from desktop.roster.places import (
    create_dwellings,
    plan_dwellings,
    save_building,
    save_compound,
)
from desktop.votes.service import VoteDraft, create_vote
from tests.roster.editing_fixtures import make_id

WANG_ID = make_id("33010619700101123")
OPENS, CLOSES = dt.date(2026, 11, 1), dt.date(2026, 11, 30)
AREA_UNIT_1 = [Decimal("80.00") + Decimal("1.25") * k for k in range(6)]
AREA_UNIT_2 = [Decimal("100.00") + Decimal("1.25") * k for k in range(6)]
TOTAL_3 = sum(AREA_UNIT_1) + sum(AREA_UNIT_2)  # 1117.50


@dataclass
class Estate:
    compound_id: str
    other_compound_id: str
    building_id: str  # 翠苑一区 3幢
    building_5_id: str
    other_building_id: str  # 翠苑二区 3幢
    by_address: dict[str, str]  # "3幢1单元101" → dwelling id (翠苑一区 only); 二区 as "二区3幢…"


def _building(uow, compound_id: str, name: str, units: list[str], floors: int) -> str:
    building_id = save_building(uow, compound_id, name, floors, len(units), False)
    create_dwellings(uow, building_id, plan_dwellings(units, (1, floors), 2))
    return building_id


def build_estate(db) -> Estate:
    with db.unit_of_work("社工") as uow:
        save_setup(uow, SetupAnswers("翠苑一区社区", "", "社区办公室1", "社工"))
        compound_id = save_compound(uow, "翠苑一区", "old", "文一西路100号", "绿城物业")
        other_id = save_compound(uow, "翠苑二区", "old", "文一西路200号", "绿城物业")
        b3 = _building(uow, compound_id, "3幢", ["1", "2"], 3)
        b5 = _building(uow, compound_id, "5幢", ["1"], 2)
        b_other = _building(uow, other_id, "3幢", ["1"], 2)
    by_address: dict[str, str] = {}
    with db.unit_of_work("社工") as uow:
        session = uow.session
        rows = session.execute(
            select(Dwelling, Building.name, Building.compound_id)
            .join(Building, Building.id == Dwelling.building_id)
            .order_by(Building.name, Dwelling.unit, Dwelling.room)).all()
        index = {"1": 0, "2": 0}
        for dwelling, b_name, c_id in rows:
            address = f"{b_name}{dwelling.unit}单元{dwelling.room}"
            if c_id == other_id:
                address = "二区" + address
            by_address[address] = dwelling.id
            if dwelling.building_id == b3:
                k = index[dwelling.unit]
                index[dwelling.unit] += 1
                dwelling.exclusive_area = (AREA_UNIT_1 if dwelling.unit == "1"
                                           else AREA_UNIT_2)[k]
            else:
                dwelling.exclusive_area = Decimal("60.00")
        session.flush()
        for address, dwelling_id in by_address.items():
            if address in ("3幢1单元101", "3幢1单元102"):
                owner = DwellingOwner(dwelling_id=dwelling_id, outside_name="王强",
                                      outside_id_number=WANG_ID, outside_phone="13900000000")
            else:
                number = len(session.execute(select(DwellingOwner.id)).all()) + 1
                owner = DwellingOwner(dwelling_id=dwelling_id, outside_name=f"业主{number:02d}",
                                      outside_phone=f"139{number:08d}")
            session.add(owner)
            session.flush()
    return Estate(compound_id, other_id, b3, b5, b_other, by_address)


def open_building_vote(db, estate: Estate, item: int = 1, title: str = "3幢电梯更新",
                       exclude: dict | None = None, unit: str = "") -> str:
    with db.unit_of_work("社工") as uow:
        return create_vote(uow, VoteDraft(title=title, item=item, compound_id=estate.compound_id,
                                          opens_on=OPENS, closes_on=CLOSES,
                                          proposal="更换电梯", building_id=estate.building_id,
                                          unit=unit), exclude)
