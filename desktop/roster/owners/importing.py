"""Writing an owners' list: one unit of work, all or nothing, recorded as an import batch so
the roster's import history undoes it as a whole (owners it added removed, owners it replaced
and areas it changed given back their earlier values).

Missing compounds, buildings and dwellings are created as the roster import creates them; the
owners of each dwelling the file names become exactly the file's (rows for a person already
recorded are kept, others tombstoned); an area the file leaves blank is left as it was.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from desktop.core.memory import cyclic_gc_paused
from desktop.core.tasks import TaskContext
from desktop.roster.importing.apply import community_id
from desktop.roster.importing.models import ImportBatch
from desktop.roster.models import Building, Compound, Dwelling
from desktop.roster.owners.import_plan import OwnerImportPlan, plan_owner_import
from desktop.roster.owners.import_rows import OwnerRows
from desktop.roster.owners.service import replace_owners
from desktop.storage.database import Database, UnitOfWork

POLICY = "owners"  # how the batch is told apart from a roster import


@dataclass(frozen=True)
class OwnerImportResult:
    batch_id: str
    dwellings: int  # dwellings whose owners or areas the file gave
    owners_added: int
    owners_removed: int  # earlier owners the file replaced
    areas_changed: int  # dwellings whose areas or developer mark changed
    new_compounds: int
    new_buildings: int
    new_dwellings: int
    rows_left_out: int


def dry_run_owners(db: Database, rows: OwnerRows) -> OwnerImportPlan:
    with db.reading() as session:
        return plan_owner_import(session, rows)


def apply_owner_import(db: Database, rows: OwnerRows, *, operator: str, file_name: str,
                       ctx: TaskContext | None = None) -> tuple[OwnerImportResult,
                                                                 OwnerImportPlan]:
    ctx = ctx or TaskContext()
    with cyclic_gc_paused(), db.unit_of_work(operator) as uow:
        first_stamp = uow.new_stamp()
        plan = plan_owner_import(uow.session, rows)
        ctx.check()
        ids = _create_places(uow, plan, db.path.parent)
        added = removed = changed = 0
        for done, dwelling_plan in enumerate(plan.dwellings.values()):
            if done % 500 == 0:
                ctx.check()
                ctx.report(done, len(plan.dwellings))
            dwelling = uow.session.get(Dwelling, ids.get(dwelling_plan.key, dwelling_plan.key))
            changed += _set_areas(dwelling, dwelling_plan)
            if dwelling_plan.owners or dwelling_plan.developer_held:
                counts = replace_owners(uow.session, dwelling.id, [
                    _Owner(o.resident_id, o.name, o.phone, o.id_number, o.share)
                    for o in dwelling_plan.owners])
                added += counts["added"]
                removed += counts["removed"]
        uow.session.flush()  # the stamps of the changes are taken now, before the last one
        batch = ImportBatch(
            file_name=Path(file_name).name, sheet=rows.sheet.name, policy=POLICY,
            operator=operator, imported_at=dt.datetime.now().replace(microsecond=0),
            node=db.clock.node, first_stamp=first_stamp, last_stamp=uow.new_stamp(),
            created=added, updated=changed, unchanged=0, skipped=plan.errors)
        uow.session.add(batch)
        ctx.check()
    new = plan.new_places
    return OwnerImportResult(batch.id, len(plan.dwellings), added, removed, changed,
                             len(new.compounds), len(new.buildings), len(new.dwellings),
                             plan.errors), plan


@dataclass(frozen=True)
class _Owner:
    resident_id: str | None
    name: str
    phone: str
    id_number: str
    share: object


def _set_areas(dwelling: Dwelling, plan) -> int:
    changed = False
    for key in ("floor_area", "exclusive_area", "developer_held"):
        value = getattr(plan, key)
        if value is not None and getattr(dwelling, key) != value:
            setattr(dwelling, key, value)
            changed = True
    return int(changed)


def _create_places(uow: UnitOfWork, plan: OwnerImportPlan, folder: Path) -> dict[str, str]:
    """The compounds, buildings and dwellings the plan found missing; plan key → new id."""
    new = plan.new_places
    session = uow.session
    ids: dict[str, str] = {}
    if new.compounds:
        community = community_id(session, folder)
        for key, name in new.compounds.items():
            compound = Compound(community_id=community, name=name)
            session.add(compound)
            session.flush()
            ids[f"new:{key}"] = compound.id
    for n, ((compound, number), name) in enumerate(sorted(new.buildings.items())):
        building = Building(compound_id=ids.get(compound, compound), name=name,
                            sort_key=int(number) if number.isdigit() else 1000 + n)
        session.add(building)
        session.flush()
        ids[f"new:{compound}|{number}"] = building.id
    for building, unit, room in sorted(new.dwellings):
        dwelling = Dwelling(building_id=ids.get(building, building), unit=unit, room=room,
                            floor=int(room) // 100 if room.isdigit() and len(room) >= 3
                            else None)
        session.add(dwelling)
        session.flush()
        ids[f"new:{building}|{unit}|{room}"] = dwelling.id
    return ids
