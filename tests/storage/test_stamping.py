"""Every write to every synced table is stamped in the same transaction — or refused."""

from __future__ import annotations

import base64
import datetime as dt
import json
from decimal import Decimal

import pytest
from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    String,
    Text,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from desktop.storage.base import Hundredths
from desktop.storage.records import BOOKKEEPING_COLUMNS, FieldStamp, synced_tables
from desktop.storage.stamping import UnstampedWriteError

SYNCED = synced_tables()


def _value(column, variant: int):
    """A plausible value of the column's type; variant 1 differs from variant 0."""
    t = column.type
    if column.foreign_keys:
        return None
    if isinstance(t, Hundredths):
        return Decimal("88.50") + variant
    if isinstance(t, Boolean):
        return bool(variant)
    if isinstance(t, Integer):
        return 6 + variant
    if isinstance(t, DateTime):
        return dt.datetime(2026, 1, 1, 9, variant)
    if isinstance(t, Date):
        return dt.date(1960, 1, 1 + variant)
    if isinstance(t, LargeBinary):
        return b"%PDF-" + bytes([variant])
    if isinstance(t, (String, Text)):
        length = getattr(t, "length", None) or 20
        return (f"{variant}改" * 20)[: min(length, 6)]
    raise AssertionError(f"no test value for {column}")


def _make(cls, session, variant=0):
    """A row of ``cls`` with every non-bookkeeping column set; parents created as needed."""
    obj = cls()
    for column in cls.__table__.columns:
        if column.name in BOOKKEEPING_COLUMNS:
            continue
        if column.foreign_keys:
            target = next(iter(column.foreign_keys)).column.table.name
            if target == cls.__tablename__ or column.nullable:
                continue
            setattr(obj, column.key, _make(SYNCED[target], session).id)
            continue
        setattr(obj, column.key, _value(column, variant))
    obj.deleted = False
    session.add(obj)
    session.flush()
    return obj


def test_there_are_synced_tables_to_check():
    assert {"community", "compound", "building", "dwelling", "household", "resident", "tag",
            "resident_tag", "dwelling_owner", "grid"} <= set(SYNCED)


@pytest.mark.parametrize("table", sorted(SYNCED))
def test_creating_a_row_stamps_it_with_operator_and_clock(db, table):
    cls = SYNCED[table]
    with db.unit_of_work("王社工") as uow:
        obj = _make(cls, uow.session)
    assert table in uow.changes.created and obj.id in uow.changes.created[table]
    with db.reading() as s:
        row = s.get(cls, obj.id)
        assert row.created_by == "王社工"
        assert row.created_hlc.endswith(db.identity.node)


@pytest.mark.parametrize("table", sorted(SYNCED))
def test_editing_every_field_stamps_each_field_with_its_new_value(db, table):
    cls = SYNCED[table]
    with db.unit_of_work("a") as uow:
        obj = _make(cls, uow.session)
    created = obj.created_hlc
    data_columns = [
        c for c in cls.__table__.columns
        if c.name not in BOOKKEEPING_COLUMNS and not c.foreign_keys
    ]
    with db.unit_of_work("李志愿者") as uow:
        row = uow.session.get(cls, obj.id)
        for column in data_columns:
            setattr(row, column.key, _value(column, 1))
    assert obj.id in uow.changes.updated.get(table, ()) or obj.id in uow.changes.deleted.get(
        table, ()
    )
    with db.reading() as s:
        stamps = {f.field: f for f in s.execute(
            select(FieldStamp).where(FieldStamp.row_id == obj.id)).scalars()}
        fresh = s.get(cls, obj.id)
        assert set(stamps) == {c.name for c in data_columns}
        for column in data_columns:
            stamp = stamps[column.name]
            assert stamp.operator == "李志愿者" and stamp.table_name == table
            assert stamp.hlc > created
            stored = getattr(fresh, column.key)
            assert stored == _value(column, 1)
            expected = stored.isoformat() if isinstance(stored, dt.date) else (
                str(stored) if isinstance(stored, Decimal) else stored)
            if isinstance(stored, bytes):
                expected = {"base64": base64.b64encode(stored).decode("ascii")}
            assert json.loads(stamp.value) == expected


def test_a_failed_unit_of_work_leaves_neither_data_nor_stamps(db):
    from desktop.roster.models import Community

    with db.unit_of_work("a") as uow:
        community = Community(name="原名")
        uow.session.add(community)
    with pytest.raises(RuntimeError):
        with db.unit_of_work("b") as uow:
            uow.session.get(Community, community.id).name = "新名"
            uow.session.flush()
            raise RuntimeError("power cut half-way")
    with db.reading() as s:
        assert s.get(Community, community.id).name == "原名"
        assert s.execute(select(FieldStamp)).all() == []


@pytest.mark.parametrize("table", sorted(SYNCED))
def test_writes_that_would_skip_stamps_are_refused(db, table):
    cls = SYNCED[table]
    with db.unit_of_work("a") as uow:
        obj = _make(cls, uow.session)
    with pytest.raises(UnstampedWriteError):
        with db.unit_of_work("a") as uow:
            uow.session.execute(update(cls).values(deleted=True))
    with pytest.raises(UnstampedWriteError):
        with db.unit_of_work("a") as uow:
            uow.session.execute(delete(cls))
    with pytest.raises(UnstampedWriteError):
        with db.engine.begin() as conn:
            conn.execute(update(cls.__table__).values(deleted=True))
    with pytest.raises(UnstampedWriteError):
        with db.engine.begin() as conn:
            conn.execute(delete(cls.__table__))
    with pytest.raises(UnstampedWriteError):
        with db.unit_of_work("a") as uow:
            uow.session.delete(uow.session.get(cls, obj.id))
    with db.reading() as s:
        assert s.get(cls, obj.id).deleted is False


def test_bulk_inserts_without_a_creation_stamp_are_refused_by_the_schema(db):
    from desktop.roster.models import Community

    with pytest.raises(IntegrityError):
        with db.unit_of_work("a") as uow:
            uow.session.execute(insert(Community.__table__), [
                dict(id="x", name="n", subdistrict="", region_code="", issuing_body="",
                     address="", phone="", created_by="", deleted=False)])


def test_writes_outside_a_unit_of_work_are_refused(db):
    from desktop.roster.models import Community

    with db.reading() as s:
        s.add(Community(name="偷偷写"))
        with pytest.raises(UnstampedWriteError):
            s.flush()


def test_deleting_is_a_stamped_tombstone(db):
    from desktop.roster.models import Resident

    with db.unit_of_work("a") as uow:
        person = Resident(name="张三")
        uow.session.add(person)
    with db.unit_of_work("b") as uow:
        uow.session.get(Resident, person.id).deleted = True
    assert person.id in uow.changes.deleted["resident"]
    with db.reading() as s:
        stamp = s.execute(select(FieldStamp).where(FieldStamp.field == "deleted")).scalar_one()
        assert stamp.value == "true" and stamp.operator == "b"


def test_a_stamp_keeps_the_value_it_replaced(db):
    from desktop.roster.models import Resident

    with db.unit_of_work("a") as uow:
        person = Resident(name="张三", phone="13800001111")
        uow.session.add(person)
    with db.unit_of_work("b") as uow:
        uow.session.get(Resident, person.id).phone = "13900002222"
    with db.reading() as s:
        stamp = s.execute(select(FieldStamp).where(FieldStamp.field == "phone")).scalar_one()
        assert (stamp.old_value, stamp.value) == ('"13800001111"', '"13900002222"')
