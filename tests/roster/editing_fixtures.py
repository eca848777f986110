"""Places and people for the editing tests: a compound with one building and two households."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from desktop.roster.id_number import check_char
from desktop.roster.models import Dwelling, Household
from desktop.roster.places import (
    create_dwellings,
    plan_dwellings,
    save_building,
    save_compound,
)
from desktop.storage.base import Base


def make_id(first17: str) -> str:
    return first17 + check_char(first17)


ZHANG_ID = make_id("33010619800315123")  # 杭州西湖区, 1980-03-15, male
LI_ID = make_id("33010619850720124")  # 1985-07-20, female (4 is even)
BAD_CHECK = ZHANG_ID[:-1] + ("0" if ZHANG_ID[-1] != "0" else "1")


@dataclass
class Places:
    community_id: str
    compound_id: str
    building_id: str
    dwellings: list[str]
    households: list[str]


def make_places(db, operator: str = "王小红") -> Places:
    from desktop.roster.community import SetupAnswers, save_setup

    with db.unit_of_work(operator) as uow:
        community_id = save_setup(uow, SetupAnswers("翠苑一区社区", "", "社区办公室1", operator))
        compound_id = save_compound(uow, "翠苑一区", "old", "文一西路100号", "绿城物业")
        building_id = save_building(uow, compound_id, "3幢", 6, 2, False)
        result = create_dwellings(uow, building_id, plan_dwellings(["1", "2"], (1, 6), 2))
    with db.unit_of_work(operator) as uow:
        dwellings = uow.session.execute(
            select(Dwelling.id).where(Dwelling.building_id == building_id)
            .order_by(Dwelling.unit, Dwelling.room)).scalars().all()
        households = []
        for number, dwelling_id in (("000001", dwellings[0]), ("000002", dwellings[1])):
            household = Household(number=number, dwelling_id=dwelling_id)
            uow.session.add(household)
            uow.session.flush()
            households.append(household.id)
    assert result.created == 24
    return Places(community_id, compound_id, building_id, list(dwellings), households)


def snapshot(db) -> dict[str, list[str]]:
    """Every row of every table: to check "the database is exactly as it was"."""
    with db.reading() as session:
        return {name: sorted(repr(tuple(row)) for row in session.execute(select(table)))
                for name, table in Base.metadata.tables.items()}
