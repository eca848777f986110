"""Writing an import: one unit of work, all or nothing, recorded as a batch that can be undone.

New places, households, residents and tags are written with bulk inserts (the ORM's per-object
bookkeeping would take most of a 100,000-row import), each row with its own creation stamp, as
the ORM hook would give it. Updates of matched residents go through the ORM so every changed
field gets its stamp and old value. The plan is made again inside the transaction, so what is
written is decided on the roster as it is at that moment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Table, select

from desktop.core.errors import DataDirError
from desktop.core.i18n import _
from desktop.core.memory import cyclic_gc_paused
from desktop.core.tasks import TaskContext
from desktop.roster.importing.models import ImportBatch
from desktop.roster.importing.plan import (
    CREATE,
    RESIDENT_FIELDS,
    UPDATE,
    ImportPlan,
    plan_import,
)
from desktop.roster.importing.roster_index import name_key
from desktop.roster.importing.rows import ReadRows
from desktop.roster.models import (
    Building,
    Community,
    Compound,
    Dwelling,
    Household,
    Resident,
    ResidentTag,
    Tag,
)
from desktop.roster.tags import builtin_tag_id, ensure_builtin_tags
from desktop.storage.base import scalar_default
from desktop.storage.bulk_insert import BulkInserter
from desktop.storage.bulk_load import indexes_rebuilt_after, large_page_cache
from desktop.storage.database import Database, UnitOfWork
from desktop.storage.folders import not_set_up_message
from desktop.storage.ids import uuid7_many

CHUNK = 5000  # rows per executemany: Cancel is checked between chunks
# What a new resident holds for a coded field the file leaves empty, does not have, or writes
# in a word we do not know: blank (sex "0" is the standard's own code for "not known"), never
# the model's default for a new person typed in by hand (汉族, 群众, 常住), which would put a
# guess on the roster as if the file had said so.
BLANK_CODES = {"sex": "0", "relationship": "", "residence_status": "", "ethnicity": "",
               "political_status": ""}
_BLOCK = 4096  # keys and stamps made at a time


@dataclass(frozen=True)
class ImportResult:
    batch_id: str
    created: int
    updated: int
    unchanged: int
    skipped: int
    errors: int
    new_compounds: int
    new_buildings: int
    new_dwellings: int
    new_households: int


class _Writer:
    """Inserts new rows column-wise, each with a fresh key and creation stamp, in chunks
    between which Cancel is checked and progress reported."""

    def __init__(self, uow: UnitOfWork, ctx: TaskContext, total: int) -> None:
        self.uow = uow
        self.ctx = ctx
        self.total = max(total, 1)
        self.done = 0
        self.inserter = BulkInserter()

    def insert(self, table: Table, columns: dict[str, object], count: int,
               progress: bool = True) -> list[str]:
        """Insert ``count`` rows (each column a list, or one value for all); returns the keys."""
        if count == 0:
            return []
        keys = uuid7_many(count)
        values = {column.key: scalar_default(column) for column in table.columns}
        values.update(columns)
        values.update(id=keys, created_hlc=self.uow.new_stamps(count),
                      created_by=self.uow.operator, deleted=False)
        connection = self.uow.session.connection()
        for start in range(0, count, CHUNK):
            self.ctx.check()
            stop = min(start + CHUNK, count)
            chunk = {k: v[start:stop] if isinstance(v, list) else v for k, v in values.items()}
            self.inserter.insert_columns(connection, table, chunk, stop - start)
            if progress:
                self.done += stop - start
                self.ctx.report(min(self.done, self.total), self.total,
                                _("Importing: {done} of {total} rows written").format(
                                    done=min(self.done, self.total), total=self.total))
        # Core inserts bypass the stamping hook: tell the change set, as the ORM would.
        self.uow.changes.created.setdefault(table.name, set()).update(keys)
        return keys


def apply_import(db: Database, read: ReadRows, policy: str, *, operator: str, file_name: str,
                 sheet: str = "", ctx: TaskContext | None = None,
                 on_plan: Callable[[ImportPlan], None] | None = None) -> ImportResult:
    """Import ``read`` under ``policy`` in one transaction; Cancel or any error changes nothing."""
    ctx = ctx or TaskContext()
    with cyclic_gc_paused(), db.unit_of_work(operator) as uow, large_page_cache(uow):
        first_stamp = uow.new_stamp()
        plan = plan_import(uow.session, read, policy, ctx)
        if on_plan is not None:
            on_plan(plan)
        ctx.check()
        new = plan.new_places
        writer = _Writer(uow, ctx, plan.count(CREATE) + len(new.compounds) + len(new.buildings)
                         + len(new.dwellings) + new.households + len(new.tags))

        def saving() -> None:  # before each index is built again: a step of the save
            ctx.check()
            ctx.report(1, 1, _("Saving…"))

        with indexes_rebuilt_after(uow.session.connection(), _incoming(plan), saving):
            created_ids = _create(uow, writer, plan, db.path.parent)
        _update(uow, plan, created_ids)
        ctx.check()
        uow.session.flush()  # the updates' stamps are taken now, before the last stamp
        batch = ImportBatch(
            file_name=Path(file_name).name, sheet=sheet, policy=policy, operator=operator,
            imported_at=dt.datetime.now().replace(microsecond=0),
            node=db.clock.node, first_stamp=first_stamp, last_stamp=uow.new_stamp(),
            created=plan.count(CREATE), updated=plan.count(UPDATE),
            unchanged=plan.count("unchanged"), skipped=plan.count("skip"))
        uow.session.add(batch)
        ctx.check()  # a Cancel pressed during the last write still rolls everything back
        ctx.report(1, 1, _("Saving…"))  # the commit is one step that cannot report
    new = plan.new_places
    return ImportResult(batch.id, batch.created, batch.updated, batch.unchanged, batch.skipped,
                        plan.errors, len(new.compounds), len(new.buildings), len(new.dwellings),
                        new.households)


def _create(uow: UnitOfWork, writer: _Writer, plan: ImportPlan,
            folder: Path) -> dict[str, str]:
    """Insert the new places, households, tags and residents; returns plan key → new id."""
    read = plan.read
    resolved = plan.resolved
    new = plan.new_places
    ids: dict[str, str] = {}

    def created(table: Table, refs: list[str], columns: dict[str, object]) -> None:
        ids.update(zip(refs, writer.insert(table, columns, len(refs)), strict=True))

    compounds = list(new.compounds.items())
    created(Compound.__table__, [f"new:{key}" for key, _name in compounds],
            {"community_id": community_id(uow.session, folder),
             "name": [name for _key, name in compounds]})
    buildings = sorted(new.buildings.items())
    created(Building.__table__, [f"new:{compound}|{number}" for (compound, number), _n in buildings],
            {"compound_id": [ids.get(compound, compound) for (compound, _no), _n in buildings],
             "name": [name for _key, name in buildings],
             "sort_key": [int(no) if no.isdigit() else 1000 + n
                          for n, ((_c, no), _name) in enumerate(buildings)]})
    dwellings = sorted(new.dwellings)
    created(Dwelling.__table__, [f"new:{b}|{unit}|{room}" for b, unit, room in dwellings],
            {"building_id": [ids.get(b, b) for b, _unit, _room in dwellings],
             "unit": [unit for _b, unit, _room in dwellings],
             "room": [room for _b, _unit, room in dwellings],
             "floor": [int(room) // 100 if room.isdigit() and len(room) >= 3 else None
                       for _b, _unit, room in dwellings]})
    tags = list(new.tags.items())
    created(Tag.__table__, [f"new:{key}" for key, _name in tags],
            {"name": [name for _key, name in tags]})
    if read.tags is not None:
        ensure_builtin_tags(uow)
        uow.session.flush()  # the inserts below refer to them

    positions = [pos for pos, action in enumerate(plan.actions) if action in (CREATE, UPDATE)]
    numbers = read.values.get("household_number")
    households: dict[str, tuple[str | None, str]] = {}  # plan key → (dwelling, number)
    for pos in positions:
        place = resolved[pos]
        if (place is not None and place.household and place.household.startswith("new:")
                and place.household not in households):
            dwelling = ids.get(place.dwelling, place.dwelling) if place.dwelling else None
            households[place.household] = (dwelling, (numbers[pos] or "") if numbers else "")
    created(Household.__table__, list(households),
            {"dwelling_id": [dwelling for dwelling, _number in households.values()],
             "number": [number for _dwelling, number in households.values()]})

    creates = [pos for pos in positions if plan.actions[pos] == CREATE]
    columns: dict[str, object] = {}
    for key in RESIDENT_FIELDS:
        if key in read.values:
            fallback = BLANK_CODES.get(key, scalar_default(Resident.__table__.c[key]))
            column = read.values[key]
            columns[key] = [fallback if (v := column[pos]) is None else v for pos in creates]
        elif key in BLANK_CODES:
            columns[key] = BLANK_CODES[key]
    household_refs = [resolved[pos].household if resolved[pos] else None for pos in creates]
    columns["household_id"] = [ids.get(ref, ref) if ref else None for ref in household_refs]
    resident_ids = writer.insert(Resident.__table__, columns, len(creates))
    if read.tags is not None:
        tagged_residents, tag_ids = [], []
        for rid, pos in zip(resident_ids, creates, strict=True):
            builtin, other = read.tags[pos]
            for tag_id in _tag_ids(builtin, other, ids, plan):
                tagged_residents.append(rid)
                tag_ids.append(tag_id)
        writer.insert(ResidentTag.__table__, {"resident_id": tagged_residents,
                                              "tag_id": tag_ids}, len(tag_ids))
    return ids


def _incoming(plan: ImportPlan) -> dict[str, int]:
    """How many rows each large table is about to receive."""
    new = plan.new_places
    creates = plan.count(CREATE)
    tags = plan.read.tags
    links = 0 if tags is None else sum(
        len(tags[pos][0]) + len(tags[pos][1])
        for pos, action in enumerate(plan.actions) if action == CREATE)
    return {Resident.__tablename__: creates, Household.__tablename__: new.households,
            Dwelling.__tablename__: len(new.dwellings), ResidentTag.__tablename__: links}


def community_id(session, folder: Path) -> str:
    """The community new compounds belong to; a folder whose setup was never done (residents
    from a bundle but no community, or none at all) is refused with the next step."""
    found = session.execute(
        select(Community.id).where(Community.deleted.is_(False)).limit(1)).scalar()
    if found is None:
        raise DataDirError(not_set_up_message(folder))
    return found


def _tag_ids(builtin: list[str], other: list[str], ids: dict[str, str], plan: ImportPlan):
    for code in builtin:
        yield builtin_tag_id(code)
    for name in other:
        key = name_key(name)
        yield ids.get(f"new:{key}") or plan.existing_tags[key]


def _update(uow: UnitOfWork, plan: ImportPlan, ids: dict[str, str]) -> None:
    session = uow.session
    for pos, changed in plan.updates.items():
        resident = session.get(Resident, plan.matches[pos])
        for key, (_old, new) in changed.items():
            if key == "tags":
                for tag_id in new:
                    session.add(ResidentTag(resident_id=resident.id,
                                            tag_id=ids.get(tag_id, tag_id)))
            elif key == "household_id":
                resident.household_id = ids.get(new, new)
            else:
                setattr(resident, key, new)
