"""The owners' list (业主清册) through the roster import pipeline: real xlsx files written here,
with the traps real lists carry; one owner per person; problems by row; undo as a whole."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from desktop.core.errors import Cancelled, LinliError
from desktop.core.tasks import TaskContext
from desktop.roster.importing.batches import undo_import
from desktop.roster.models import Building, Compound, Dwelling, DwellingOwner, Resident
from desktop.roster.owners.import_rows import read_owner_rows
from desktop.roster.owners.importing import apply_owner_import, dry_run_owners
from desktop.roster.owners.register import register_summary
from tests.roster.editing_fixtures import ZHANG_ID, make_id, make_places, snapshot

HEADER = ["序号", "小区", "楼栋", "单元", "房号", "业主姓名", "专有部分面积（㎡）", "建筑面积",
          "联系电话", "证件号码", "未售或未交付"]
WANG_ID = make_id("33010619700101201")


def write_list(path, rows, header=HEADER, title=True):
    """An owners' list as the property company sends it: a merged title, a header row."""
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append(["翠苑一区业主清册"])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def places(db):
    found = make_places(db)  # 翠苑一区 3幢 units 1-2, rooms 101…602
    with db.unit_of_work("t") as uow:
        uow.session.add(Resident(name="张三", household_id=found.households[0],
                                 id_number=ZHANG_ID, phone="13800001111"))
    return found


def owners_by_address(db):
    with db.reading() as session:
        rows = session.execute(
            select(Building.name, Dwelling.unit, Dwelling.room, Resident.name,
                   DwellingOwner.outside_name, DwellingOwner.outside_phone,
                   DwellingOwner.outside_id_number)
            .join(Dwelling, Dwelling.id == DwellingOwner.dwelling_id)
            .join(Building, Building.id == Dwelling.building_id)
            .outerjoin(Resident, Resident.id == DwellingOwner.resident_id)
            .where(DwellingOwner.deleted.is_(False))).all()
    found: dict[str, list] = {}
    for building, unit, room, resident, name, phone, number in rows:
        key = f"{building}{unit}单元{room}"
        found.setdefault(key, []).append(
            ("resident", resident) if resident else (name, phone, number))
    return {k: sorted(v) for k, v in found.items()}


def areas(db, building="3幢"):
    with db.reading() as session:
        return {f"{u}-{r}": (fa, ea, dh) for u, r, fa, ea, dh in session.execute(
            select(Dwelling.unit, Dwelling.room, Dwelling.floor_area, Dwelling.exclusive_area,
                   Dwelling.developer_held).join(Building).where(Building.name == building))}


def test_traps_of_a_real_list(db, places, tmp_path):
    path = write_list(tmp_path / "业主清册.xlsx", [
        [1, "翠苑一区", "3幢", "1", "101", "张三", "１２０．５", 140, "13800001111", ZHANG_ID, ""],
        [2, "翠苑一区", "3幢", "1", "102", "王 　芳", "120.50㎡", "", "13900002222", "", ""],
        # the same person on another dwelling, her ID number given there
        [3, "翠苑一区", "3幢", "1", "201", "王芳", 88.8, None, "13900002222", WANG_ID, None],
        [4, "翠苑一区", "3幢", "1", "201", "王芳", 88.8, None, "13900002222", WANG_ID, None],
        # co-owners, one an outside person with only a phone
        [5, "翠苑一区", "3幢", "1", "202", "李四", "90", "", "13700003333", "", ""],
        [6, "翠苑一区", "3幢", "1", "202", "赵六", "90", "", "", "", ""],
        # the developer's unsold unit: no owner
        [7, "翠苑一区", "3幢", "2", "101", "", "75.25", "", "", "", "是"],
        # a new building: created as the roster import creates places
        [8, "翠苑一区", "9幢", "1", "501", "孙七", "66", "", "13600004444", "", "否"],
    ])
    result, plan = apply_owner_import(db, read_owner_rows(path), operator="t",
                                      file_name=str(path))
    assert [p.message for p in plan.problems if p.severity == "error"] == []
    assert result.rows_left_out == 0 and result.new_buildings == 1 and result.new_dwellings == 1
    owners = owners_by_address(db)
    assert owners["3幢1单元101"] == [("resident", "张三")]
    # spaces inside a Chinese name removed; her two rows are one person with phone and ID
    assert owners["3幢1单元102"] == [("王芳", "13900002222", WANG_ID)]
    assert owners["3幢1单元201"] == [("王芳", "13900002222", WANG_ID)]  # duplicated row: once
    assert owners["3幢1单元202"] == [("李四", "13700003333", ""), ("赵六", "", "")]
    assert "3幢2单元101" not in owners
    assert owners["9幢1单元501"] == [("孙七", "13600004444", "")]
    a = areas(db)
    assert a["1-101"] == (Decimal("140.00"), Decimal("120.50"), False)
    assert a["1-102"][1] == Decimal("120.50") and a["1-201"][1] == Decimal("88.80")
    assert a["2-101"] == (None, Decimal("75.25"), True)
    warnings = [(p.row, p.code) for p in plan.problems if p.severity == "warning"]
    assert (6, "duplicate_row") in warnings  # Excel row 6: the title is row 1
    with db.reading() as session:
        summary = register_summary(session)
    assert summary.same_person == ()
    # 张三, 王芳 (two dwellings, one head), 李四, 赵六, 孙七, the developer
    assert summary.totals.owners == 6


def test_bad_rows_are_reported_by_row_and_their_dwelling_left_out(db, places, tmp_path):
    path = write_list(tmp_path / "bad.xlsx", [
        [1, "翠苑一区", "3幢", "1", "101", "张三", "120.505", "", "", "", ""],
        [2, "翠苑一区", "3幢", "1", "102", "李四", "80", "", "", "", "可能"],
        [3, "翠苑一区", "3幢", "", "", "王五", "80", "", "", "", ""],
        [4, "翠苑一区", "3幢", "1", "201", "甲", "95", "90", "", "", ""],
        # co-owners of 202: one row good, one bad: the dwelling is left out whole
        [5, "翠苑一区", "3幢", "1", "202", "乙", "80", "", "", "", ""],
        [6, "翠苑一区", "3幢", "1", "202", "丙", "abc", "", "", "", ""],
        [7, "翠苑一区", "3幢", "1", "301", "丁", "70", "", "", "", ""],
    ])
    before = owners_by_address(db)
    result, plan = apply_owner_import(db, read_owner_rows(path), operator="t",
                                      file_name=str(path))
    errors = {(p.row, p.code) for p in plan.problems if p.severity == "error"}
    assert errors == {(3, "area"), (4, "yes_no"), (5, "no_dwelling"), (6, "area_exceeds"),
                      (8, "area"), (7, "dwelling_left_out")}
    messages = {p.row: p.message for p in plan.problems if p.severity == "error"}
    assert "120.505" in messages[3] and "two decimal places" in messages[3]
    assert "可能" in messages[4]
    assert result.rows_left_out == 6
    assert owners_by_address(db) == before | {"3幢1单元301": [("丁", "", "")]}


def test_cancel_midway_and_undo_leave_the_database_as_it_was(db, places, tmp_path):
    with db.unit_of_work("t") as uow:  # an earlier owner, replaced by the import
        dwelling = uow.session.execute(select(Dwelling).where(
            Dwelling.unit == "1", Dwelling.room == "101")).scalar_one()
        dwelling.exclusive_area = Decimal("99.99")
        uow.session.add(DwellingOwner(dwelling_id=dwelling.id, outside_name="旧业主"))
    path = write_list(tmp_path / "l.xlsx", [
        [1, "翠苑一区", "3幢", "1", "101", "张三", "120.5", "", "13800001111", "", ""],
        [2, "新小区", "1幢", "1", "101", "钱八", "60", "", "", "", "是"]])
    rows = read_owner_rows(path)
    before = snapshot(db)

    class CancelLate(TaskContext):
        def check(self):
            if self.calls == 2:
                raise Cancelled()
            self.calls += 1

    ctx = CancelLate()
    ctx.calls = 0
    with pytest.raises(Cancelled):
        apply_owner_import(db, rows, operator="t", file_name="l.xlsx", ctx=ctx)
    assert snapshot(db) == before
    result, _plan = apply_owner_import(db, rows, operator="t", file_name="l.xlsx")
    assert result.new_compounds == 1 and result.owners_removed == 1
    assert owners_by_address(db)["3幢1单元101"] == [("resident", "张三")]
    undo_import(db, result.batch_id, "t")
    assert owners_by_address(db)["3幢1单元101"] == [("旧业主", "", "")]
    assert areas(db)["1-101"][1] == Decimal("99.99")
    with db.reading() as session:
        assert session.execute(select(Compound.name).where(
            Compound.deleted.is_(False))).scalars().all() == ["翠苑一区"]


def test_a_file_that_is_no_owners_list_is_refused(db, places, tmp_path):
    path = write_list(tmp_path / "x.xlsx", [["张三", "13800001111"]],
                      header=["姓名", "联系电话"], title=False)
    with pytest.raises(LinliError) as caught:
        read_owner_rows(path)
    assert "房号" in caught.value.message


def test_group_header_merged_over_the_place_columns(db, places, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["房屋信息", None, None, "业主信息", None, "面积"])
    sheet.append(["楼栋", "单元", "房号", "业主姓名", "联系电话", "专有面积"])
    sheet.merge_cells("A1:C1")
    sheet.merge_cells("D1:E1")
    sheet.append(["3幢", "2", "602", "周九", "13500005555", "101.01"])
    book.save(tmp_path / "g.xlsx")
    rows = read_owner_rows(tmp_path / "g.xlsx")
    plan = dry_run_owners(db, rows)
    assert plan.problems == []
    (dwelling,) = plan.dwellings.values()
    assert dwelling.exclusive_area == Decimal("101.01") and dwelling.owners[0].name == "周九"


def test_cli(db, places, tmp_path, capsys):
    from desktop.cli import main

    path = write_list(tmp_path / "c.xlsx", [
        [1, "翠苑一区", "3幢", "1", "101", "张三", "120.5", "", "", "", ""],
        [2, "翠苑一区", "3幢", "1", "102", "李四", "12x", "", "", "", ""]])
    folder = str(db.path.parent)
    db.close()
    assert main(["owners", "import", str(path), "--data-dir", folder]) == 1
    out = capsys.readouterr().out
    assert "rows left out: 1" in out and "12x" in out
    missing = tmp_path / "none.xlsx"
    assert main(["owners", "import", str(missing), "--data-dir", folder]) == 2


def test_shares_phone_matches_and_an_id_under_another_name(db, places, tmp_path):
    header = ["楼栋", "单元", "房号", "业主姓名", "专有面积", "联系电话", "证件号码", "产权份额"]
    path = write_list(tmp_path / "s.xlsx", [
        # 张三 by name and phone only: the resident; with an outside co-owner, 60/40
        ["3幢", "1", "101", "张三", "100", "13800001111", "", "60%"],
        ["3幢", "1", "101", "刘一", "100", "", "", "40"],
        # shares that do not add up: the dwelling is left out
        ["3幢", "1", "102", "甲", "90", "", "", "60"],
        ["3幢", "1", "102", "乙", "90", "", "", "30"],
        # 张三's ID number under another name: kept as an outside owner, with a warning
        ["3幢", "1", "201", "张叁", "90", "", ZHANG_ID, ""],
    ], header=header, title=False)
    _result, plan = apply_owner_import(db, read_owner_rows(path), operator="t",
                                       file_name=str(path))
    with db.reading() as session:
        rows = session.execute(
            select(Dwelling.room, DwellingOwner.resident_id, DwellingOwner.outside_name,
                   DwellingOwner.share_percent)
            .join(Dwelling, Dwelling.id == DwellingOwner.dwelling_id)
            .where(DwellingOwner.deleted.is_(False))
            .order_by(Dwelling.room, DwellingOwner.share_percent.desc())).all()
    assert [(room, bool(rid), name, share) for room, rid, name, share in rows] == [
        ("101", True, "", Decimal(60)), ("101", False, "刘一", Decimal(40)),
        ("201", False, "张叁", Decimal(100))]
    codes = {(p.row, p.code) for p in plan.problems}
    assert (5, "shares_total") in codes and (4, "dwelling_left_out") in codes
    assert (6, "same_id_other_name") in codes
    with db.reading() as session:
        (warning,) = register_summary(session).same_person
    assert warning.kind == "id_number" and warning.names == ("张三", "张叁")


def test_an_inner_area_column_is_not_taken_for_the_exclusive_area(db, places, tmp_path):
    path = write_list(tmp_path / "i.xlsx", [["3幢", "1", "101", "张三", "80.5", "100"]],
                      header=["楼栋", "单元", "房号", "业主姓名", "套内面积", "建筑面积"],
                      title=False)
    rows = read_owner_rows(path)
    plan = dry_run_owners(db, rows)
    (dwelling,) = plan.dwellings.values()
    assert (dwelling.exclusive_area, dwelling.floor_area) == (None, Decimal(100))
    (warning,) = plan.problems
    assert warning.code == "area_not_read" and warning.column == "套内面积"
