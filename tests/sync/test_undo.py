"""Undo writes the old values back as a new stamped change; redo puts the edit back."""

from __future__ import annotations

from sqlalchemy import select

from desktop.roster.models import Household, Resident
from desktop.storage.records import FieldStamp
from desktop.sync.undo import UndoEntry, UndoStack


def test_undo_and_redo_of_an_edit(db):
    stack = UndoStack()
    with db.unit_of_work("a") as uow:
        person = Resident(name="张三", phone="13800001111")
        uow.session.add(person)
    with db.unit_of_work("a") as uow:
        row = uow.session.get(Resident, person.id)
        row.phone = "13900002222"
        row.name = "张叁"
    stack.push(UndoEntry.from_unit_of_work("Edit 张三", uow))
    assert stack.undo_label == "Edit 张三" and stack.redo_label is None

    changes = stack.undo(db, "a")
    assert person.id in changes.updated["resident"]
    with db.reading() as s:
        row = s.get(Resident, person.id)
        assert (row.name, row.phone) == ("张三", "13800001111")
        # The undo is itself a stamped change that will sync.
        values = s.execute(select(FieldStamp.value).where(
            FieldStamp.row_id == person.id, FieldStamp.field == "phone")
            .order_by(FieldStamp.hlc)).scalars().all()
        assert values == ['"13900002222"', '"13800001111"']
    assert stack.undo_label is None and stack.redo_label == "Edit 张三"

    stack.redo(db, "a")
    with db.reading() as s:
        assert s.get(Resident, person.id).phone == "13900002222"


def test_undoing_a_creation_tombstones_the_new_rows(db):
    stack = UndoStack()
    with db.unit_of_work("a") as uow:
        home = Household(number="H1")
        uow.session.add(home)
        uow.session.flush()
        uow.session.add(Resident(name="李四", household_id=home.id))
    stack.push(UndoEntry.from_unit_of_work("Add household", uow))
    stack.undo(db, "a")
    with db.reading() as s:
        assert s.execute(select(Resident.deleted)).scalars().all() == [True]
        assert s.execute(select(Household.deleted)).scalars().all() == [True]
    stack.redo(db, "a")
    with db.reading() as s:
        assert s.execute(select(Resident.deleted)).scalars().all() == [False]


def test_a_new_edit_clears_redo_and_empty_actions_are_not_recorded(db):
    stack = UndoStack()
    with db.unit_of_work("a") as uow:
        person = Resident(name="王五")
        uow.session.add(person)
    stack.push(UndoEntry.from_unit_of_work("Add", uow))
    stack.undo(db, "a")
    with db.unit_of_work("a") as uow:
        uow.session.get(Resident, person.id).name = "王五"  # no real change
    stack.push(UndoEntry.from_unit_of_work("Nothing", uow))
    assert stack.redo_label == "Add"
    with db.unit_of_work("a") as uow:
        uow.session.add(Resident(name="赵六"))
    stack.push(UndoEntry.from_unit_of_work("Add 赵六", uow))
    assert stack.redo_label is None and stack.undo_label == "Add 赵六"
