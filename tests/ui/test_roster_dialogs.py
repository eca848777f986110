"""The roster's edit dialogs as a user drives them: typing, duplicates, moving out, undo."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from sqlalchemy import func, select

from desktop.roster.editing import ResidentDraft, save_resident
from desktop.roster.models import Dwelling, Resident
from desktop.ui.roster.dialogs import (
    BulkDwellingsDialog,
    HouseholdDialog,
    ResidentDialog,
)
from desktop.ui.widgets.form import get_date
from tests.roster.editing_fixtures import BAD_CHECK, LI_ID, ZHANG_ID, make_places


@pytest.fixture
def places(ctx):
    ctx.settings.set("operator", "王小红")
    return make_places(ctx.db)


def _add(ctx, household_id, name="张三", id_number=ZHANG_ID, phone="13800138000") -> str:
    with ctx.db.unit_of_work("王小红") as uow:
        return save_resident(uow, ResidentDraft(name=name, id_number=id_number, phone=phone,
                                                relationship="02"), household_id)


def _dialog(qtbot, ctx, runner, **kw) -> ResidentDialog:
    dialog = ResidentDialog(ctx, runner, **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_bad_id_shows_the_checksum_message_and_disables_save(qtbot, ctx, runner, places):
    dialog = _dialog(qtbot, ctx, runner, household_id=places.households[0])
    dialog.edits["name"].setText("张三")
    qtbot.keyClicks(dialog.edits["id_number"], BAD_CHECK)
    problem = dialog.grids["id_number"].problems["id_number"]
    qtbot.waitUntil(lambda: problem.isVisible())
    assert "does not add up" in problem.text()
    assert not dialog.save_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter does not save a form with errors
    assert dialog.saved_id is None and dialog.isVisible()
    with ctx.db.reading() as s:
        assert s.execute(select(func.count()).select_from(Resident)).scalar_one() == 0


def test_a_valid_id_fills_birth_date_and_sex_and_enter_saves(qtbot, ctx, runner, places):
    dialog = _dialog(qtbot, ctx, runner, household_id=places.households[0])
    dialog.edits["name"].setText("李四")
    qtbot.keyClicks(dialog.edits["id_number"], LI_ID)
    qtbot.waitUntil(lambda: dialog.edits["sex"].currentData() == "2")
    assert get_date(dialog.edits["birth_date"]) == dt.date(1985, 7, 20)
    qtbot.keyClicks(dialog.edits["phone"], "139 0013 9000")
    qtbot.waitUntil(lambda: dialog.check is not None and dialog.check.phone == "13900139000")
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.edits["phone"], Qt.Key.Key_Return)
    with ctx.db.reading() as s:
        person = s.get(Resident, dialog.saved_id)
        assert (person.name, person.sex, person.birth_date, person.phone) == (
            "李四", "2", dt.date(1985, 7, 20), "13900139000")
        assert person.household_id == places.households[0]
    assert dialog.saved_id in dialog.changes.created["resident"]
    assert ctx.undo.undo_label == "Add 李四"


def test_a_bad_phone_is_flagged_under_the_field(qtbot, ctx, runner, places):
    dialog = _dialog(qtbot, ctx, runner, household_id=places.households[0])
    dialog.edits["name"].setText("李四")
    qtbot.keyClicks(dialog.edits["phone"], "1380013")
    problem = dialog.grids["phone"].problems["phone"]
    qtbot.waitUntil(lambda: problem.isVisible())
    assert problem.property("level") == "error" and not dialog.save_button.isEnabled()


def test_the_duplicate_panel_offers_to_move_that_person_here(qtbot, ctx, runner, places):
    first = _add(ctx, places.households[0])
    dialog = _dialog(qtbot, ctx, runner, household_id=places.households[1])
    dialog.edits["name"].setText("张叁")
    qtbot.keyClicks(dialog.edits["id_number"], ZHANG_ID)
    qtbot.waitUntil(lambda: dialog.duplicates.isVisible())
    assert "张三" in dialog.duplicates.message.text()
    assert "翠苑一区3幢1单元101" in dialog.duplicates.message.text()
    assert dialog.duplicates.move_button.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter does not make a twin
    assert dialog.isVisible() and dialog.saved_id is None
    dialog.set_draft(ResidentDraft(name="张叁", id_number=ZHANG_ID, relationship="10"))
    dialog.validate()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.duplicates.move_button, Qt.MouseButton.LeftButton)
    assert dialog.saved_id == first
    with ctx.db.reading() as s:
        assert s.execute(select(func.count()).select_from(Resident)).scalar_one() == 1
        person = s.get(Resident, first)
        assert (person.household_id, person.relationship) == (places.households[1], "10")
    assert ctx.undo.undo_label == "Move 张三"


def test_save_anyway_makes_a_second_record(qtbot, ctx, runner, places):
    _add(ctx, places.households[0])
    dialog = _dialog(qtbot, ctx, runner, household_id=places.households[1])
    dialog.edits["name"].setText("张叁")
    dialog.edits["id_number"].setText(ZHANG_ID)
    dialog.validate()
    qtbot.mouseClick(dialog.duplicates.save_anyway_button, Qt.MouseButton.LeftButton)
    assert runner.wait_idle(10)  # the write runs on the database lane
    assert dialog.saved_id is not None
    with ctx.db.reading() as s:
        assert s.execute(select(func.count()).select_from(Resident)).scalar_one() == 2


def test_marking_moved_out(qtbot, ctx, runner, places):
    rid = _add(ctx, places.households[0])
    dialog = _dialog(qtbot, ctx, runner, resident_id=rid)
    assert not dialog.status.isVisible()
    qtbot.mouseClick(dialog.moved_out_button, Qt.MouseButton.LeftButton)
    ask = dialog.child_dialog
    ask.date_edit.setDate(QDate(2026, 1, 5))
    with qtbot.waitSignal(dialog.changed):
        ask.accept()
    with ctx.db.reading() as s:
        person = s.get(Resident, rid)
        assert person.moved_out and person.moved_out_on == dt.date(2026, 1, 5)
        assert not person.deleted
    assert dialog.status.isVisible() and "2026" in dialog.status.text()
    assert not dialog.moved_out_button.isEnabled()
    qtbot.mouseClick(dialog.reactivate_button, Qt.MouseButton.LeftButton)
    assert runner.wait_idle(10)
    with ctx.db.reading() as s:
        assert not s.get(Resident, rid).moved_out


def test_ctrl_z_restores_the_old_value(qtbot, ctx, runner, places):
    rid = _add(ctx, places.households[0])
    dialog = _dialog(qtbot, ctx, runner, resident_id=rid)
    dialog.edits["phone"].clear()
    qtbot.keyClicks(dialog.edits["phone"], "13900139000")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with ctx.db.reading() as s:
        assert s.get(Resident, rid).phone == "13900139000"
    assert ctx.undo.undo_label == "Edit 张三"
    changes = ctx.undo.undo(ctx.db, ctx.operator)
    assert rid in changes.updated["resident"]
    with ctx.db.reading() as s:
        assert s.get(Resident, rid).phone == "13800138000"


def test_move_to_another_household_with_the_picker(qtbot, ctx, runner, places):
    rid = _add(ctx, places.households[0])
    dialog = _dialog(qtbot, ctx, runner, resident_id=rid)
    qtbot.mouseClick(dialog.move_button, Qt.MouseButton.LeftButton)
    picker = dialog.child_dialog
    qtbot.keyClicks(picker.search, "000002")
    qtbot.waitUntil(lambda: picker.results.count() == 1 and picker.ok_button.isEnabled())
    assert picker.results.count() == 1
    with qtbot.waitSignal(dialog.changed):
        qtbot.keyClick(picker, Qt.Key.Key_Return)
    with ctx.db.reading() as s:
        assert s.get(Resident, rid).household_id == places.households[1]
    assert "3幢1单元102" in dialog.where.text()


def test_escape_cancels_without_saving(qtbot, ctx, runner, places):
    dialog = _dialog(qtbot, ctx, runner, household_id=places.households[0])
    dialog.edits["name"].setText("王五")
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    with ctx.db.reading() as s:
        assert s.execute(select(func.count()).select_from(Resident)).scalar_one() == 0


def test_household_view_shows_members_and_history(qtbot, ctx, runner, places):
    rid = _add(ctx, places.households[0])
    _add(ctx, places.households[0], "李四", LI_ID, "")
    dialog = HouseholdDialog(ctx, runner, places.households[0])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.members.rowCount() == 2
    assert "翠苑一区3幢1单元101" in dialog.address_label.text()
    history = [dialog.history_table.item(r, 2).text()
               for r in range(dialog.history_table.rowCount())]
    assert "张三: added to the roster" in history
    assert dialog.history_table.item(0, 1).text() == "王小红"
    dialog.members.selectRow(0)
    member = dialog.edit_member()
    assert member.resident_id == rid
    member.edits["phone"].setText("13700137000")
    with qtbot.waitSignal(dialog.changed):
        member.accept()
    assert dialog.history_table.item(0, 2).text() == "张三: Phone: 13800138000 → 13700137000"
    added = dialog.add_member()
    assert added.household_id == places.households[0] and added.resident_id is None
    added.reject()


def test_bulk_dwellings_preview_and_create(qtbot, ctx, runner, places):
    dialog = BulkDwellingsDialog(ctx, runner, places.building_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.units.setText("1-3")
    dialog.last_floor.setValue(26)
    dialog.rooms.setValue(4)
    dialog.update_preview()
    text = dialog.preview.text()
    assert "288 dwellings" in text and "1单元101" in text and "3单元2604" in text
    assert "24 already exist" in text
    dialog.pattern.setText("{floor}")
    dialog.update_preview()
    assert not dialog.save_button.isEnabled()
    assert dialog.form.problems["pattern"].isVisible()
    dialog.pattern.setText("{floor}{room:02d}")
    dialog.update_preview()
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.accept()
    assert (dialog.result.created, dialog.result.skipped) == (288, 24)
    with ctx.db.reading() as s:
        assert s.execute(select(func.count()).select_from(Dwelling)).scalar_one() == 312
    ctx.undo.undo(ctx.db, ctx.operator)
    with ctx.db.reading() as s:
        assert s.execute(select(func.count()).select_from(Dwelling).where(
            Dwelling.deleted.is_(False))).scalar_one() == 24


def test_compound_and_building_dialogs(qtbot, ctx, runner, places):
    from desktop.roster.models import Building, Compound
    from desktop.ui.roster.dialogs import BuildingDialog, CompoundDialog

    compound = CompoundDialog(ctx, runner)
    qtbot.addWidget(compound)
    compound.show()
    compound.accept()  # no name: refused, message under the field
    assert runner.wait_idle(10)
    assert compound.form.problems["name"].isVisible() and compound.saved_id is None
    compound.name.setText("翠苑二区")
    with qtbot.waitSignal(compound.accepted):
        qtbot.keyClick(compound.name, Qt.Key.Key_Return)
    building = BuildingDialog(ctx, runner, compound.saved_id)
    qtbot.addWidget(building)
    building.show()
    building.name.setText("5号楼")
    building.floors.setValue(26)
    building.units.setValue(3)
    building.has_lift.setChecked(True)
    building.accept()
    assert runner.wait_idle(10)
    with ctx.db.reading() as s:
        assert s.get(Compound, compound.saved_id).name == "翠苑二区"
        row = s.get(Building, building.saved_id)
        assert (row.name, row.floors, row.units, row.has_lift) == ("5号楼", 26, 3, True)
    edit = BuildingDialog(ctx, runner, compound.saved_id, building.saved_id)
    qtbot.addWidget(edit)
    assert edit.name.text() == "5号楼" and edit.floors.value() == 26


def _mnemonics(widget) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    letters = []
    for child in widget.findChildren(QLabel) + widget.findChildren(QAbstractButton):
        text = child.text()
        index = text.find("&")
        if index >= 0 and index + 1 < len(text) and text[index + 1] != "&":
            letters.append(text[index + 1].lower())
    return letters


def test_mnemonics_are_unique_in_each_dialog(qtbot, ctx, runner, places):
    rid = _add(ctx, places.households[0])
    for dialog in (ResidentDialog(ctx, runner, resident_id=rid),
                   ResidentDialog(ctx, runner, household_id=places.households[1]),
                   HouseholdDialog(ctx, runner, places.households[0]),
                   BulkDwellingsDialog(ctx, runner, places.building_id)):
        qtbot.addWidget(dialog)
        letters = _mnemonics(dialog)
        assert len(letters) == len(set(letters)), (type(dialog).__name__, sorted(letters))


def test_open_that_person_shows_the_existing_record(qtbot, ctx, runner, places):
    first = _add(ctx, places.households[0])
    dialog = _dialog(qtbot, ctx, runner, household_id=places.households[1])
    dialog.edits["name"].setText("张叁")
    dialog.edits["id_number"].setText(ZHANG_ID)
    dialog.validate()
    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(dialog.duplicates.open_button, Qt.MouseButton.LeftButton)
    other = dialog.child_dialog  # deletes itself when closed
    assert other.resident_id == first and other.edits["name"].text() == "张三"
    assert not other.duplicates.isVisible()  # the person is not a duplicate of themself
    other.reject()


def test_an_unknown_region_is_an_amber_warning_that_does_not_block(qtbot, ctx, runner, places):
    dialog = _dialog(qtbot, ctx, runner, household_id=places.households[0])
    dialog.edits["name"].setText("赵六")
    qtbot.keyClicks(dialog.edits["id_number"], "330103198506151234")
    problem = dialog.grids["id_number"].problems["id_number"]
    qtbot.waitUntil(lambda: problem.isVisible())
    assert problem.property("level") == "warning" and "region code" in problem.text()
    assert dialog.save_button.isEnabled()
    assert get_date(dialog.edits["birth_date"]) == dt.date(1985, 6, 15)


def test_tab_goes_down_the_left_column_then_the_right(qtbot, ctx, runner, places):
    from PySide6.QtWidgets import QApplication

    dialog = _dialog(qtbot, ctx, runner, household_id=places.households[0])
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isActiveWindow())
    dialog.edits["name"].setFocus()
    seen = []
    for _ in range(len(dialog.edits) - 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        while widget is not None and widget.objectName() not in dialog.edits:
            widget = widget.parentWidget()  # the line edit inside a date edit
        seen.append(widget.objectName() if widget is not None else None)
    assert seen == list(dialog.edits)[1:]
