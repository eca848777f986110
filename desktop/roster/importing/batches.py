"""The imports made on this device, and undoing one as a whole.

Undo is not a rollback (the import may already have travelled in a bundle): rows the import
created are tombstoned and fields it changed get their old values back, each as a new stamped
change that syncs like any edit. A field edited again after the import keeps that later edit.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Date, and_, func, select, update

from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.roster.importing.models import ImportBatch
from desktop.roster.models import (
    Building,
    Compound,
    Dwelling,
    DwellingOwner,
    Household,
    Resident,
    ResidentTag,
    Tag,
)
from desktop.storage.base import Hundredths
from desktop.storage.changes import ChangeSet
from desktop.storage.database import Database
from desktop.storage.records import FieldStamp
from desktop.storage.stamping import STAMPED_OPTION

# Children first: a tombstoned place never holds a live row the import made. Owners come
# from the owners' list import (desktop.roster.owners), recorded as a batch too.
_IMPORTED_TABLES = (DwellingOwner, ResidentTag, Resident, Household, Dwelling, Building,
                    Compound, Tag)


@dataclass(frozen=True)
class BatchInfo:
    id: str
    file_name: str
    sheet: str
    imported_at: dt.datetime
    operator: str
    created: int
    updated: int
    undone_at: dt.datetime | None


@dataclass(frozen=True)
class UndoSummary:
    removed: int  # rows the import created, now tombstoned
    restored: int  # fields given back their value from before the import
    kept: int  # fields edited again since the import, left as they are
    changes: ChangeSet


def recent_batches(session, limit: int = 20) -> list[BatchInfo]:
    rows = session.execute(
        select(ImportBatch).order_by(ImportBatch.imported_at.desc(), ImportBatch.id.desc())
        .limit(limit)).scalars()
    return [BatchInfo(b.id, b.file_name, b.sheet, b.imported_at, b.operator, b.created,
                      b.updated, b.undone_at) for b in rows]


def _in_batch(column, batch: ImportBatch):
    # The batch's stamps: between its first and last, made by this device's node then.
    return and_(column.between(batch.first_stamp, batch.last_stamp),
                column.like(f"%-{batch.node}"))


def _decode(model, key: str, text: str | None):
    if text is None:
        return None
    value = json.loads(text)
    column_type = model.__table__.c[key].type
    if value is not None and isinstance(column_type, Date):
        return dt.date.fromisoformat(value)
    if value is not None and isinstance(column_type, Hundredths):
        return Decimal(value)
    return value


def undo_import(db: Database, batch_id: str, operator: str) -> UndoSummary:
    """Undo one import as a whole, in one transaction."""
    with db.unit_of_work(operator) as uow:
        session = uow.session
        batch = session.get(ImportBatch, batch_id)
        if batch is None:
            raise ValidationError(_("This import is not in the history."), field="batch")
        if batch.undone_at is not None:
            raise ValidationError(_("This import was already undone."), field="batch")
        restored = kept = 0
        models = {m.__tablename__: m for m in _IMPORTED_TABLES}
        stamps = session.execute(
            select(FieldStamp).where(_in_batch(FieldStamp.hlc, batch),
                                     FieldStamp.table_name.in_(models))
            .order_by(FieldStamp.hlc.desc())).scalars().all()
        for stamp in stamps:
            model = models[stamp.table_name]
            newest = session.execute(
                select(func.max(FieldStamp.hlc)).where(FieldStamp.row_id == stamp.row_id,
                                                        FieldStamp.field == stamp.field)
            ).scalar()
            if newest != stamp.hlc or stamp.old_value is None:
                kept += 1
                continue
            row = session.get(model, stamp.row_id)
            key = model.__table__.c[stamp.field].key
            setattr(row, key, _decode(model, key, stamp.old_value))
            restored += 1
        session.flush()
        removed = 0
        connection = session.connection()
        for model in _IMPORTED_TABLES:
            table = model.__table__
            condition = and_(_in_batch(table.c.created_hlc, batch), table.c.deleted.is_(False))
            if model is Tag:  # built-in tags have one id everywhere; other rows share them
                condition = and_(condition, table.c.code.is_(None))
            ids = list(connection.execute(
                update(table).where(condition)
                .values(deleted=True).returning(table.c.id)
                .execution_options(**{STAMPED_OPTION: True})).scalars())
            if not ids:
                continue
            hlcs = uow.new_stamps(len(ids))
            connection.execute(FieldStamp.__table__.insert(), [
                {"row_id": row_id, "field": "deleted", "hlc": hlc, "table_name": table.name,
                 "operator": operator, "value": "true", "old_value": "false"}
                for row_id, hlc in zip(ids, hlcs, strict=True)])
            uow.changes.deleted.setdefault(table.name, set()).update(ids)
            removed += len(ids)
        batch.undone_at = dt.datetime.now().replace(microsecond=0)
        batch.undone_by = operator
    return UndoSummary(removed, restored, kept, uow.changes)
