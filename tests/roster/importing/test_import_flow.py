"""Importing real and derived files into a real database: what lands, what is reported by row,
and that a cancelled or failed import leaves the database file exactly as it was."""

from __future__ import annotations

import hashlib
import json

import pytest
from sqlalchemy import select

from desktop.core.errors import Cancelled
from desktop.core.tasks import TaskContext
from desktop.roster.id_number import check_char
from desktop.roster.importing.apply import apply_import
from desktop.roster.importing.batches import recent_batches, undo_import
from desktop.roster.importing.pipeline import dry_run, prepare_import
from desktop.roster.importing.report import write_errors_workbook
from desktop.roster.models import Building, Compound, Dwelling, Household, Resident
from tests.roster.importing.samples import HC_TEMPLATE, PERSON_EXPORT, needs_external


def valid_id(prefix17: str) -> str:
    return prefix17 + check_char(prefix17)


ID_A = valid_id("33010619900307123")  # born 1990-03-07
ID_B = valid_id("33010619851111456")
ID_C = valid_id("33010619700101789")


@pytest.fixture
def office(db):
    from desktop.roster.community import SetupAnswers, save_setup

    with db.unit_of_work("setup") as uow:
        save_setup(uow, SetupAnswers("翠苑一区社区", "翠苑一区社区居民委员会", "test-pc", "王社工"))
    return db


def residents(db) -> dict[str, Resident]:
    with db.reading() as session:
        rows = session.execute(select(Resident).where(Resident.deleted.is_(False))).scalars()
        found = {r.name: r for r in rows}
        session.expunge_all()
    return found


def import_file(db, path, policy="update", **kwargs):
    prepared = prepare_import(path, **kwargs)
    plans = []
    result = apply_import(db, prepared.read, policy, operator="王社工", file_name=str(path),
                          on_plan=plans.append)
    return prepared, plans[0], result


def by_row(plan) -> dict[int, list[tuple[str, str, str]]]:
    found: dict[int, list] = {}
    for p in plan.problems:
        found.setdefault(p.row, []).append((p.severity, p.code, p.column))
    return found


def file_digest(db) -> str:
    db.close()  # checkpoints the WAL into the file
    return hashlib.sha256(db.path.read_bytes()).hexdigest()


def office_xlsx(path, rows, title=True):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "花名册"
    if title:
        sheet.append(["翠苑一区居民花名册（2026年11月）"])
        sheet.merge_cells("A1:G1")
    sheet.append(["序号", "姓名", "身份证号", "联系电话", "现住地址", "与户主关系", "人员类别"])
    for n, row in enumerate(rows, 1):
        sheet.append([n, *row])
    book.save(path)
    return path


@needs_external
def test_cortana_export_sample_imports_its_person_with_the_fused_address(office):
    _prepared, plan, result = import_file(office, PERSON_EXPORT)
    assert (result.created, result.errors) == (1, 0)
    person = residents(office)["刘强"]
    assert person.id_number == "310101199210207890"
    assert person.sex == "1"
    with office.reading() as session:
        compound, building, room = session.execute(
            select(Compound.name, Building.name, Dwelling.room)
            .join(Building, Building.compound_id == Compound.id)
            .join(Dwelling, Dwelling.building_id == Building.id)
            .join(Household, Household.dwelling_id == Dwelling.id)
            .where(Household.id == person.household_id)).one()
    assert (compound, building, room) == ("测试小区1", "1座", "201")  # "1座201"


@needs_external
def test_microcommunity_owners_sharing_one_id_number_are_reported_by_row(office, tmp_path):
    prepared, plan, result = import_file(office, HC_TEMPLATE)
    assert prepared.sheet.name == "业主信息"  # the first sheet (楼栋单元) names no people
    assert (result.created, result.errors) == (1, 4)
    problems = by_row(plan)
    for row in (3, 4, 5, 6):
        assert ("error", "duplicate_in_file", "身份证号") in problems[row]
    # 手机号 is an integer cell in the real file: read as text, with a warning
    assert ("warning", "number_cell", "手机号") in problems[2]
    assert residents(office)["吴学文"].phone == "18999999999"
    # the rows not imported go to a workbook with the reason, which imports back
    target = tmp_path / "errors.xlsx"
    assert write_errors_workbook(target, plan, prepared.sheet.rows) == 4
    again = prepare_import(target)
    assert len(again.read) == 4
    assert again.read.mapping[-1] is None  # the reason column is not imported
    import openpyxl

    sheet = openpyxl.load_workbook(target).active
    assert sheet.cell(2, 2).value == "张三1"
    assert "row 2" in sheet.cell(2, sheet.max_column).value


def test_every_problem_is_reported_at_the_row_and_column_the_user_sees(office, tmp_path):
    path = office_xlsx(tmp_path / "roster.xlsx", [
        ["张伟", ID_A, "13812345678", "翠苑一区3幢2单元501室", "户主", "党员、独居老人"],
        ["李娜", ID_A[:-1] + ("0" if ID_A[-1] != "0" else "1"), "", "翠苑一区3幢2单元501室",
         "配偶", ""],  # bad checksum
        ["王芳", 3.30106199003071e17, "", "12-1-302", "", ""],  # float-mangled ID cell
        ["赵磊", ID_B[:17], "", "翠苑一区5号楼1单元1101", "", ""],  # truncated ID
        ["钱敏", "330106199002301234", "", "翠苑一区1座201", "", ""],  # 30 February
        ["孙强", ID_C, 13900001111.0, "翠苑一区1座201", "户主", ""],  # phone as a number
        ["周杰", "３３０１０６" + ID_B[6:], "", "翠苑一区1座202", "", ""],  # full-width digits
        [None, None, None, None, None, None],  # blank
        ["合计", None, None, None, None, None],  # totals
        ["吴静", ID_C, "", "翠苑一区1座203", "", ""],  # same ID as 孙强
    ])
    prepared = prepare_import(path)
    assert prepared.layout.header_index == 1  # the merged title row above was skipped
    plan = dry_run(office, prepared.read, "update")
    problems = by_row(plan)
    assert problems[4] == [("error", "checksum", "身份证号")]
    assert ("error", "float_mangled", "身份证号") in problems[5]
    assert problems[6] == [("error", "length", "身份证号")]
    assert problems[7] == [("error", "impossible_date", "身份证号")]
    assert problems[8] == [("warning", "number_cell", "联系电话")]
    assert ("warning", "full_width", "身份证号") in problems[9]
    assert problems[11] == [("warning", "totals_row", "")]
    assert problems[12] == [("error", "duplicate_in_file", "身份证号")]
    assert 10 not in problems  # the blank row is passed over silently
    assert plan.count("create") == 3 and plan.errors == 5
    # a dry run writes nothing
    assert residents(office) == {}


def test_policies_add_update_and_skip(office, tmp_path):
    first = office_xlsx(tmp_path / "a.xlsx", [
        ["张伟", ID_A, "13812345678", "翠苑一区3幢2单元501室", "户主", "党员"],
        ["李娜", ID_B, "", "翠苑一区3幢2单元501室", "配偶", ""],
    ])
    _p, _plan, result = import_file(office, first, policy="add")
    assert result.created == 2
    household = residents(office)["张伟"].household_id
    assert residents(office)["李娜"].household_id == household  # one flat, one household
    changed = office_xlsx(tmp_path / "b.xlsx", [
        ["张伟", ID_A, "13900000000", "翠苑一区3幢2单元501室", "户主", "党员"],
        ["李娜", ID_B, "", "翠苑一区3幢2单元501室", "配偶", ""],
        ["张小明", ID_C, "", "翠苑一区3幢2单元501室", "子", ""],
    ])
    prepared = prepare_import(changed)
    add_plan = dry_run(office, prepared.read, "add")
    assert add_plan.errors == 2 and add_plan.count("create") == 1  # IDs already on the roster
    skip_plan = dry_run(office, prepared.read, "skip")
    assert (skip_plan.count("skip"), skip_plan.count("create")) == (2, 1)
    _p, plan, result = import_file(office, changed, policy="update")
    assert (result.created, result.updated, result.unchanged) == (1, 1, 1)
    assert plan.updates[0] == {"phone": ("13812345678", "13900000000")}
    assert residents(office)["张伟"].phone == "13900000000"
    assert residents(office)["张小明"].household_id == household


def test_an_import_is_undone_as_a_whole(office, tmp_path):
    first = office_xlsx(tmp_path / "a.xlsx", [["张伟", ID_A, "13812345678", "翠苑一区3幢501",
                                                "户主", ""]])
    import_file(office, first)
    second = office_xlsx(tmp_path / "b.xlsx", [
        ["张伟", ID_A, "13900000000", "翠苑一区3幢501", "户主", ""],
        ["李娜", ID_B, "", "翠苑一区7幢101", "", "低保户"],
    ])
    _p, _plan, result = import_file(office, second)
    assert (result.created, result.updated) == (1, 1)
    with office.reading() as session:
        batches = recent_batches(session)
    assert [b.id for b in batches][0] == result.batch_id
    summary = undo_import(office, result.batch_id, "王社工")
    assert summary.restored == 1 and summary.removed >= 4  # resident, tag, flat, building…
    people = residents(office)
    assert set(people) == {"张伟"} and people["张伟"].phone == "13812345678"
    with office.reading() as session:
        buildings = session.execute(select(Building.name).where(
            Building.deleted.is_(False))).scalars().all()
    assert buildings == ["3幢"]


def big_rows(count: int) -> list[list[str]]:
    """``count`` distinct residents: enough that the import rebuilds the roster's indexes."""
    return [[f"居民{n}", valid_id(f"3301061990{n % 12 + 1:02d}{n % 28 + 1:02d}{n % 1000:03d}"),
             "", f"翠苑一区{n % 9 + 1}幢{n % 3 + 1}单元{n % 30 + 101}室", "", ""]
            for n in range(count)]


def schema(db) -> list[tuple]:
    with db.engine.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name").fetchall()


def test_a_large_import_leaves_the_schema_and_its_indexes_as_they_were(office, tmp_path):
    before = schema(office)
    path = office_xlsx(tmp_path / "big.xlsx", big_rows(12000))
    _prepared, _plan, result = import_file(office, path)
    assert result.created == 12000
    assert schema(office) == before
    with office.engine.connect() as conn:
        plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN SELECT id FROM resident "
                                    "WHERE name = '居民11999'").fetchall()
        found = conn.exec_driver_sql("SELECT count(*) FROM resident WHERE name = '居民11999'")
        assert found.scalar() == 1
    assert "ix_resident_name" in " ".join(str(row) for row in plan)


def test_a_cancelled_import_leaves_the_database_file_byte_identical(office, tmp_path):
    path = office_xlsx(tmp_path / "big.xlsx", big_rows(12000))
    prepared = prepare_import(path)
    before = file_digest(office)
    from desktop.storage.lifecycle import open_database

    db = open_database(office_data_dir(office), device_name="test-pc")
    task = TaskContext()
    reports = []

    def cancel_after_first_chunk(done, total, message=""):
        reports.append(done)
        if done >= 5000:
            task.cancel()

    task.report = cancel_after_first_chunk
    with pytest.raises(Cancelled):
        apply_import(db, prepared.read, "update", operator="x", file_name="big.xlsx", ctx=task)
    assert reports and max(reports) >= 5000  # it was cancelled while writing
    assert file_digest(db) == before


SMALL_WITH_A_BAD_THIRD_ROW = [
    ["张伟", ID_A, "", "翠苑一区3幢501", "", ""], ["李娜", ID_B, "", "翠苑一区3幢502", "", ""],
    ["坏", ID_C, "", "翠苑一区3幢503", "", ""]]


@pytest.mark.parametrize("rows, refused", [
    (SMALL_WITH_A_BAD_THIRD_ROW, "坏"),
    # Late in a large import, after the indexes were set aside for the bulk insert.
    (big_rows(12000), "居民11990"),
], ids=["small", "large"])
def test_a_failed_import_leaves_the_database_file_byte_identical(office, tmp_path, rows,
                                                                 refused):
    # A real failure inside SQLite half-way through: a trigger refuses one resident.
    with office.engine.begin() as conn:
        conn.exec_driver_sql(
            f"CREATE TRIGGER refuse AFTER INSERT ON resident WHEN NEW.name = '{refused}' "
            "BEGIN SELECT RAISE(ABORT, 'disk trouble'); END")
    path = office_xlsx(tmp_path / "a.xlsx", rows)
    prepared = prepare_import(path)
    before = file_digest(office)
    from desktop.storage.lifecycle import open_database

    db = open_database(office_data_dir(office), device_name="test-pc")
    with pytest.raises(Exception, match="disk trouble"):
        apply_import(db, prepared.read, "update", operator="x", file_name="a.xlsx")
    assert file_digest(db) == before


def office_data_dir(db):
    from desktop.core.paths import DataDir

    return DataDir(db.path.parent, db_name=db.path.name)


def test_cli_writes_the_json_report_with_excel_row_numbers(office, tmp_path, capsys):
    from desktop.cli import main

    path = office_xlsx(tmp_path / "a.xlsx", [
        ["张伟", ID_A, "13812345678", "翠苑一区3幢501", "户主", ""],
        ["李娜", "330106199003071230", "", "翠苑一区3幢502", "", ""]])
    report = tmp_path / "report.json"
    folder = str(office.path.parent)
    office.close()
    code = main(["roster", "import", str(path), "--data-dir", folder, "--policy", "add",
                 "--dry-run", "--report", str(report)])
    assert code == 1  # a row has errors
    data = json.loads(report.read_text(encoding="utf-8"))
    assert (data["created"], data["updated"], data["unchanged"], data["skipped"]) == (1, 0, 0, 0)
    assert data["problems"] == [{"row": 4, "column": "身份证号", "severity": "error",
                                 "code": "checksum", "message": data["problems"][0]["message"]}]
    assert "does not add up" in data["problems"][0]["message"]
    # --dry-run changed nothing; then the real import with a column mapped by hand
    code = main(["roster", "import", str(path), "--data-dir", folder, "--map", "联系电话=phone2"])
    assert code == 1
    from desktop.core.paths import DataDir
    from desktop.storage.lifecycle import open_database

    db = open_database(DataDir(office.path.parent), device_name="test-pc")
    try:
        people = residents(db)
    finally:
        db.close()
    assert set(people) == {"张伟"} and people["张伟"].phone2 == "13812345678"


def _html_xls(path, rows):
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    html = ('<html><head><meta charset="gbk"></head><body><table>'
            '<tr><td colspan="4">翠苑一区居民名单</td></tr>' + cells + "</table></body></html>")
    path.write_bytes(html.encode("gbk"))
    return path


@needs_external
@pytest.mark.parametrize("variant", ["gbk_csv", "bom_csv", "html_xls"])
def test_variants_of_the_real_export_sample_import_the_same(office, tmp_path, variant):
    from tests.roster.importing.samples import export_sample_rows, write_csv

    rows = export_sample_rows()
    rows.append(["钱敏", "女", "310101199210207891", "1座202", "测试小区1", "网格1", ""])  # bad
    if variant == "html_xls":
        path = _html_xls(tmp_path / "人员导出.xls", rows)
    else:
        encoding = "gbk" if variant == "gbk_csv" else "utf-8-sig"
        path = write_csv(tmp_path / "人员导出.csv", rows, encoding)
    _prepared, plan, result = import_file(office, path)
    assert (result.created, result.errors) == (1, 1)
    assert residents(office)["刘强"].id_number == "310101199210207890"
    expected_row = 4 if variant == "html_xls" else 3  # the HTML table has a title row first
    assert by_row(plan)[expected_row] == [("error", "checksum", "身份证号")]


def test_a_merged_group_header_sheet_imports_its_residents(office, tmp_path):
    import openpyxl

    from tests.roster.importing.samples import grouped_header_xlsx

    path = grouped_header_xlsx(tmp_path / "g.xlsx")
    book = openpyxl.load_workbook(path)
    book.active["D5"], book.active["D6"] = ID_A, ID_B  # the sample's own IDs do not add up
    book.save(path)
    prepared, plan, result = import_file(office, path)
    assert prepared.mapping[:6] == ["ignore", "name", "sex", "id_number", "phone", "phone2"]
    assert result.created == 2
    assert residents(office)["张伟"].phone2 == "0571-88001234"
    assert plan.problems == [] or all(p.severity == "warning" for p in plan.problems)


def test_cancel_while_the_workbook_is_being_parsed_stops_the_read(tmp_path):
    from desktop.roster.importing.pipeline import load_sheet

    rows = [[f"居民{n}", ID_A, "", f"翠苑一区{n % 9 + 1}幢101", "", ""] for n in range(3000)]
    path = office_xlsx(tmp_path / "big.xlsx", rows)
    task = TaskContext()
    messages = []

    def cancel_at_once(done, total, message=""):
        messages.append(message)
        task.cancel()

    task.on_progress = cancel_at_once
    with pytest.raises(Cancelled):
        load_sheet(path, ctx=task)
    assert messages and "big.xlsx" in messages[0]  # cancelled while "Reading big.xlsx…"
