"""Replicas as real SQLite files, and the moves of an exchange between them."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from desktop.core.paths import DataDir
from desktop.roster.models import (
    Building,
    Community,
    Compound,
    Dwelling,
    DwellingOwner,
    Grid,
    Household,
    Resident,
    ResidentTag,
    Tag,
)
from desktop.storage.lifecycle import open_database
from desktop.sync.exchange import (
    apply_payload,
    build_payload,
    decode_payload,
    encode_payload,
)
from desktop.sync.exchange.tables import data_columns, ordered_tables

_counter = itertools.count()


def new_replica(root, name: str):
    return open_database(DataDir(root / f"{name}-{next(_counter)}").prepare(), device_name=name)


@pytest.fixture
def replicas(tmp_path):
    opened = []

    def make(name: str = "pc"):
        db = new_replica(tmp_path, name)
        opened.append(db)
        return db

    yield make
    for db in opened:
        db.close()


def export(db, **kwargs) -> bytes:
    with db.reading() as session:
        return encode_payload(build_payload(session, db.identity, db.clock, **kwargs))


def deliver(db, data: bytes, bundle_id: str = ""):
    with db.unit_of_work("sync") as uow:
        return apply_payload(uow, decode_payload(data), header_bundle_id=bundle_id)


def snapshot(db) -> dict:
    """Every synced row as stored, and the effective stamp of every changed field."""
    out = {}
    with db.engine.connect() as conn:
        for table in ordered_tables():
            names = ", ".join(f'"{c}"' for c in ("id", "created_hlc", "created_by",
                                                   *data_columns(table)))
            out[table.name] = sorted(conn.exec_driver_sql(f'SELECT {names} FROM "{table.name}"'))
        out["stamps"] = sorted(conn.exec_driver_sql(
            "SELECT table_name, row_id, field, max(hlc) FROM field_stamp "
            "GROUP BY row_id, field"))
    return out


def seed(db, residents: int = 4, buildings: int = 2) -> dict:
    """A small roster: one community, a grid, a compound, buildings with one dwelling and one
    household each, residents spread over them, a tag and an owner."""
    with db.unit_of_work("seed") as uow:
        s = uow.session
        community = Community(name="翠苑一区")
        s.add(community)
        s.flush()
        grid = Grid(community_id=community.id, name="一网格")
        s.add(grid)
        s.flush()
        compound = Compound(community_id=community.id, grid_id=grid.id, name="翠苑")
        s.add(compound)
        s.flush()
        ids = {"community": community.id, "grid": grid.id, "compound": compound.id,
               "buildings": [], "dwellings": [], "households": [], "residents": []}
        for b in range(buildings):
            building = Building(compound_id=compound.id, name=f"{b + 1}幢")
            s.add(building)
            s.flush()
            dwelling = Dwelling(building_id=building.id, room=f"{b + 1}01")
            s.add(dwelling)
            s.flush()
            household = Household(dwelling_id=dwelling.id, number=f"H{b}")
            s.add(household)
            s.flush()
            ids["buildings"].append(building.id)
            ids["dwellings"].append(dwelling.id)
            ids["households"].append(household.id)
        tag = Tag(name="志愿者")
        s.add(tag)
        s.flush()
        ids["tag"] = tag.id
        for r in range(residents):
            resident = Resident(household_id=ids["households"][r % buildings], name=f"居民{r}",
                                id_number=f"33010619600101{r:04d}", birth_date=dt.date(1960, 1, 1))
            s.add(resident)
            s.flush()
            ids["residents"].append(resident.id)
        s.add(ResidentTag(resident_id=ids["residents"][0], tag_id=tag.id))
        s.add(DwellingOwner(dwelling_id=ids["dwellings"][0], resident_id=ids["residents"][0]))
        s.add(DwellingOwner(dwelling_id=ids["dwellings"][-1], outside_name="王某",
                            outside_id_number="330106196001010000"))
    return ids


def edit(db, model, row_id, operator="clerk", **values):
    with db.unit_of_work(operator) as uow:
        row = uow.session.get(model, row_id)
        for key, value in values.items():
            setattr(row, key, value)
