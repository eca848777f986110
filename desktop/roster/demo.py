"""A demo community: realistic, deterministic, and large enough to feel the real thing.

``generate_demo`` fills an empty database with one community — grids and micro-grids,
compounds of every kind, buildings, dwellings, households and residents with valid ID
numbers, tags and owners — drawn from ``random.Random(seed)``: the same seed gives the same
names, ID numbers and content (only the record keys and clock stamps differ between runs).

It writes in one unit of work with bulk inserts (storage.bulk_insert: the ORM's per-object
bookkeeping is ten times slower at this size), so 200,000 residents take under 20 s on a small
office PC, and Cancel — or any error — leaves the database exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass

from sqlalchemy import insert

from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.core.memory import cyclic_gc_paused
from desktop.core.tasks import TaskContext
from desktop.roster import demo_names as names
from desktop.roster.demo_people import PeopleMaker
from desktop.roster.demo_places import (
    BuildingPlan,
    CompoundPlan,
    PlaceMaker,
    dwellings_of,
)
from desktop.roster.demo_residents import HouseholdFiller
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
)
from desktop.roster.tags import ensure_builtin_tags
from desktop.storage.bulk_insert import BulkInserter
from desktop.storage.bulk_load import large_page_cache
from desktop.storage.database import Database, UnitOfWork
from desktop.storage.ids import uuid7

# Parents before children: every flush writes the tables in this order, so foreign keys hold.
TABLE_ORDER = (Grid, Compound, Building, Dwelling, Household, Resident, ResidentTag,
               DwellingOwner)
INSERT_CHUNK = 5000  # rows per executemany: big enough to be fast, small enough to cancel
FLUSH_EVERY = 20000  # residents buffered before the buffers are written
# Measured over large demos: residents per household (the compositions in demo_people), and
# the share of empty dwellings; used to size each compound to what is still needed.
MEAN_HOUSEHOLD_SIZE = 2.5
MEAN_VACANCY = 0.08
GRID_DWELLINGS = 450  # a grid worker looks after about this many households
MAX_RESIDENTS = 1_000_000
DWELLING_ADDRESS_PREFIX = "浙江省杭州市西湖区" + names.SUBDISTRICT


@dataclass(frozen=True)
class DemoSummary:
    communities: int = 0
    grids: int = 0
    compounds: int = 0
    buildings: int = 0
    dwellings: int = 0
    households: int = 0
    residents: int = 0
    vacant_dwellings: int = 0
    owners: int = 0
    resident_tags: int = 0


def generate_demo(
    db: Database,
    residents: int = 8000,
    seed: int = 2026,
    ctx: TaskContext | None = None,
    operator: str = "演示数据",
    *,
    today: dt.date | None = None,
) -> DemoSummary:
    """Create a demo community of exactly ``residents`` people in one transaction.

    ``today`` is the date ages are counted from (the current date by default); pass it to
    get identical people on different days.
    """
    if not 1 <= residents <= MAX_RESIDENTS:
        raise ValidationError(
            _("A demo community has from 1 to {most} residents.").format(most=MAX_RESIDENTS),
            field="residents",
        )
    ctx = ctx or TaskContext()
    # The rows are plain dicts with no reference cycles (see desktop.core.memory).
    with cyclic_gc_paused(), db.unit_of_work(operator) as uow, large_page_cache(uow):
        summary = _Generator(uow, random.Random(seed), today or dt.date.today(), ctx,
                             residents).run()
        ctx.check()  # a Cancel pressed during the last write still rolls everything back
    return summary


class _Generator:
    def __init__(self, uow: UnitOfWork, rng: random.Random, today: dt.date, ctx: TaskContext,
                 residents: int) -> None:
        self.uow = uow
        self.rng = rng
        self.ctx = ctx
        self.total = residents
        self.remaining = residents
        self.operator = uow.operator
        self.people = PeopleMaker(rng, today)
        self.places = PlaceMaker(rng)
        self.buffers: dict[str, list[dict]] = {m.__tablename__: [] for m in TABLE_ORDER}
        self.counts = {m.__tablename__: 0 for m in (Community, *TABLE_ORDER)}
        self.vacant = 0
        self.grid: dict | None = None
        self.grid_number = 0
        self.grid_dwellings = 0
        self.grid_micro = 0
        self.household_number = 0
        self.community_id = ""
        self.filler: HouseholdFiller
        self.inserter = BulkInserter()

    # -- rows -------------------------------------------------------------------------------

    def _meta(self, **values) -> dict:
        """A row of a synced table: a fresh key, its own creation stamp, who made it."""
        row = {"id": uuid7(), "created_hlc": self.uow.new_stamp(),
               "created_by": self.operator, "deleted": False}
        row.update(values)
        return row

    def _row(self, table: str, **values) -> dict:
        row = self._meta(**values)
        self.buffers[table].append(row)
        return row

    def _flush(self) -> None:
        connection = self.uow.session.connection()
        created = self.uow.changes.created
        for model in TABLE_ORDER:
            table = model.__tablename__
            rows = self.buffers[table]
            for start in range(0, len(rows), INSERT_CHUNK):
                self.ctx.check()
                self.inserter.insert(connection, model.__table__,
                                     rows[start:start + INSERT_CHUNK])
            # Core inserts bypass the stamping hook: tell the change set, as the ORM would.
            created.setdefault(table, set()).update(row["id"] for row in rows)
            self.counts[table] += len(rows)
            rows.clear()

    def _report(self) -> None:
        done = self.total - self.remaining
        self.ctx.report(done, self.total, _("Creating demo residents: {done} of {total}").format(
            done=done, total=self.total))

    # -- the community ----------------------------------------------------------------------

    def run(self) -> DemoSummary:
        self.ctx.report(0, self.total, _("Creating the demo community…"))
        self._community_and_tags()
        while self.remaining > 0:
            self.ctx.check()
            # Size the next compound to what is still needed, so the last one is not a
            # half-empty estate that would skew the vacancy rate.
            wanted = math.ceil(self.remaining / MEAN_HOUSEHOLD_SIZE / (1 - MEAN_VACANCY))
            self._compound(self.places.compound(max(wanted, 1)))
            if len(self.buffers["resident"]) >= FLUSH_EVERY:
                self._flush()
            self._report()
        self._flush()
        self._report()
        counts = self.counts
        return DemoSummary(
            communities=counts["community"],
            grids=counts["grid"],
            compounds=counts["compound"],
            buildings=counts["building"],
            dwellings=counts["dwelling"],
            households=counts["household"],
            residents=counts["resident"],
            vacant_dwellings=self.vacant,
            owners=counts["dwelling_owner"],
            resident_tags=counts["resident_tag"],
        )

    def _community_and_tags(self) -> None:
        session = self.uow.session
        community = self._meta(
            name=names.COMMUNITY_NAME, subdistrict=names.SUBDISTRICT,
            region_code=names.COMMUNITY_REGION, issuing_body=names.ISSUING_BODY,
            address=names.COMMUNITY_ADDRESS, phone=names.COMMUNITY_PHONE,
        )
        session.execute(insert(Community.__table__), [community])
        self.uow.changes.add("created", "community", community["id"])
        self.counts["community"] = 1
        self.community_id = community["id"]
        # The built-in groups, with the ids every device gives them. They are ORM rows: flush
        # them now, before Core inserts tag assignments that refer to them.
        tag_ids = ensure_builtin_tags(self.uow)
        session.flush()
        self.filler = HouseholdFiller(self.people, tag_ids, self.operator, uuid7,
                                      self.uow.new_stamp)

    def _grid_for(self, dwellings: int) -> dict:
        """The grid a new building joins: a new one once the current one is full."""
        if self.grid is None or self.grid_dwellings >= GRID_DWELLINGS:
            self.grid_number += 1
            worker_name = self.people.surname() + self.people.given_name(
                "2" if self.rng.random() < 0.7 else "1", self.rng.randint(1975, 1998))
            self.grid = self._row(
                "grid", community_id=self.community_id, parent_id=None,
                name=f"第{self.grid_number}网格", grid_worker=worker_name,
                grid_worker_phone=self.people.phone(),
            )
            self.grid_dwellings = 0
            self.grid_micro = 0
        self.grid_dwellings += dwellings
        return self.grid

    def _compound(self, plan: CompoundPlan) -> None:
        compound = self._row(
            "compound", community_id=self.community_id, grid_id=None, name=plan.name,
            kind=plan.kind, address=plan.address, property_company=plan.property_company,
            built_year=plan.built_year,
        )
        address = f"{DWELLING_ADDRESS_PREFIX}{plan.address}{plan.name}"
        for building in plan.buildings:
            self.ctx.check()
            grid = self._grid_for(building.dwellings)
            if compound["grid_id"] is None:
                compound["grid_id"] = grid["id"]
            self._building(compound, plan, building, grid, address)
            self._report()

    def _building(self, compound: dict, plan: CompoundPlan, building: BuildingPlan,
                  grid: dict, address: str) -> None:
        self.grid_micro += 1
        micro = self._row(
            "grid", community_id=self.community_id, parent_id=grid["id"],
            name=f"{grid['name']}{self.grid_micro}号微网格", grid_worker="",
            grid_worker_phone="",
        )
        row = self._row(
            "building", compound_id=compound["id"], grid_id=micro["id"], name=building.name,
            sort_key=building.sort_key, floors=building.floors, units=building.units,
            has_lift=building.has_lift, built_year=building.built_year, building_captain="",
        )
        building_id = row["id"]
        rng = self.rng
        people = self.people
        filler = self.filler
        buffers = self.buffers
        residents, tags, owners = buffers["resident"], buffers["resident_tag"], \
            buffers["dwelling_owner"]
        captains: list[dict] = []
        prefix = f"{address}{building.name}"
        for unit, floor, room, area, exclusive in dwellings_of(building):
            dwelling = self._row(
                "dwelling", building_id=building_id, unit=unit, floor=floor, room=room,
                floor_area=area, exclusive_area=exclusive, usage="residential", developer_held=False,
            )
            if self.remaining <= 0 or rng.random() < plan.vacancy:
                self.vacant += 1
                filler.owner_rows(dwelling["id"], None, None, None, owners)
                continue
            composition = people.composition(plan.kind)
            members = people.members(composition)[: self.remaining]
            self.household_number += 1
            household = self._row(
                "household", dwelling_id=dwelling["id"],
                number=f"{self.household_number:06d}",
                notes="租住" if composition == "renters" else "",
            )
            head, spouse = filler.household_rows(
                composition, members, household["id"], f"{prefix}{unit}单元{room}室",
                residents, tags,
            )
            self.remaining -= len(members)
            filler.owner_rows(dwelling["id"], composition, head, spouse, owners)
            if head["relationship"] == "02" and 40 <= people.age(head["birth_date"]) <= 72 \
                    and head["residence_status"] == "permanent":
                captains.append(head)
        if captains and rng.random() < 0.8:
            # A resident volunteer looks after the building and doubles as micro-grid worker.
            captain = rng.choice(captains)
            row["building_captain"] = captain["name"]
            micro["grid_worker"] = captain["name"]
            micro["grid_worker_phone"] = captain["phone"]
