"""A roster to search and query: a seeded demo community plus hand-made residents whose
answers are known exactly (shared by test_search.py and test_query.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from desktop.core.paths import DataDir
from desktop.roster.community import current_community
from desktop.roster.demo import generate_demo
from desktop.roster.id_number import check_char
from desktop.roster.models import (
    Building,
    Compound,
    Dwelling,
    Household,
    Resident,
    ResidentTag,
)
from desktop.roster.tags import builtin_tag_id
from desktop.storage.lifecycle import open_database

DEMO_RESIDENTS = 2000
SEED = 7


def id_number(region: str, born: dt.date, sequence: str) -> str:
    first17 = f"{region}{born:%Y%m%d}{sequence}"
    return first17 + check_char(first17)


def id_number_ending_in_x() -> str:
    born = dt.date(1980, 1, 1)
    for sequence in range(100, 999):
        number = id_number("330106", born, f"{sequence:03d}")
        if number.endswith("X"):
            return number
    raise AssertionError("no check character X in range")


@dataclass
class Made:
    """Ids of the hand-made places and people."""

    compound: str
    building: str
    household: str
    other_household: str
    zhang_san: str
    zeng: str
    shan: str
    moved_out: str
    deceased: str
    yuchi: str
    x_id_number: str


def _add_hand_made(db) -> Made:
    with db.reading() as session:
        community = current_community(session)
    x_number = id_number_ending_in_x()
    with db.unit_of_work("test") as uow:
        s = uow.session
        compound = Compound(community_id=community.id, name="测试苑")
        s.add(compound)
        s.flush()
        building = Building(compound_id=compound.id, name="3幢", sort_key=3)
        s.add(building)
        s.flush()
        flat = Dwelling(building_id=building.id, unit="2", floor=5, room="501")
        other = Dwelling(building_id=building.id, unit="1", floor=1, room="101")
        s.add_all([flat, other])
        s.flush()
        household = Household(dwelling_id=flat.id, number="990001")
        other_household = Household(dwelling_id=other.id, number="990002")
        s.add_all([household, other_household])
        s.flush()

        def person(name, **values):
            row = Resident(household_id=household.id, name=name, **values)
            s.add(row)
            return row

        zhang = person("张三", phone="13812345678", id_number=x_number, sex="1",
                       birth_date=dt.date(1980, 1, 1), relationship="02")
        zeng = person("曾小明", phone="13900001111", sex="1", birth_date=dt.date(1990, 6, 1))
        shan = Resident(household_id=other_household.id, name="單雄信", sex="1",
                        birth_date=dt.date(1970, 3, 3), relationship="02")
        s.add(shan)
        moved = person("张四", sex="1", moved_out=True, moved_out_on=dt.date(2024, 1, 1))
        dead = person("李五", sex="2", deceased=True, deceased_on=dt.date(2023, 1, 1))
        yuchi = person("尉迟恭", sex="1", birth_date=dt.date(1950, 2, 2))
        s.flush()
        s.add(ResidentTag(resident_id=zhang.id, tag_id=builtin_tag_id("elderly")))
        s.add(ResidentTag(resident_id=zhang.id, tag_id=builtin_tag_id("volunteer")))
        s.add(ResidentTag(resident_id=zeng.id, tag_id=builtin_tag_id("volunteer")))
    return Made(compound.id, building.id, household.id, other_household.id, zhang.id, zeng.id,
                shan.id, moved.id, dead.id, yuchi.id, x_number)


@pytest.fixture(scope="module")
def roster(tmp_path_factory):
    """(db, made): opened once per test module; tests that edit must undo or expect it."""
    root = tmp_path_factory.mktemp("roster")
    db = open_database(DataDir(root / "data").prepare(), device_name="search-test")
    generate_demo(db, residents=DEMO_RESIDENTS, seed=SEED)
    made = _add_hand_made(db)
    yield db, made
    db.close()


def test_the_hand_made_residents_are_there(roster):
    db, made = roster
    with db.reading() as session:
        names = set(session.execute(select(Resident.name)).scalars())
        assert {"张三", "曾小明", "單雄信", "张四", "李五", "尉迟恭"} <= names
        assert len(names) > 500
