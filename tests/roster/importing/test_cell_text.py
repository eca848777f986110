"""Text cells: invisible control characters are removed with a warning naming the cell;
formula-looking text in names, addresses and notes is kept but reported."""

from __future__ import annotations

from tests.roster.importing.hostile import text_cell, xlsx_with_sheet_data
from tests.roster.importing.samples import write_csv
from tests.roster.importing.test_import_flow import (  # noqa: F401  (office is a fixture)
    import_file,
    office,
    residents,
)


def _rows(*rows: list[str]) -> str:
    out = []
    for number, row in enumerate(rows, start=1):
        cells = "".join(text_cell(f"{'ABCD'[i]}{number}", v) for i, v in enumerate(row))
        out.append(f'<row r="{number}">{cells}</row>')
    return "".join(out)


def test_control_characters_are_removed_and_each_cell_is_named(office, tmp_path):
    # _x0000_ and &#x1; are how a workbook stores NUL and SOH; calamine gives them back.
    sheet = _rows(["姓名", "民族", "备注", "联系电话"],
                  ["王_x0000_明", "回", "a_x0001_b", "13800138000"],
                  ["李\u200b华", "满\u200d", "\u202e右到左", "138\ufeff00138001"],
                  ["赵云", "汉", "普通备注", "13800138002"])
    path = xlsx_with_sheet_data(tmp_path / "花名册.xlsx", sheet, dimension="A1:D4")
    _prepared, plan, result = import_file(office, path)

    assert result.created == 3 and result.errors == 0
    found = residents(office)
    assert set(found) == {"王明", "李华", "赵云"}
    assert (found["王明"].notes, found["李华"].notes) == ("ab", "右到左")
    assert found["李华"].ethnicity == "11"
    assert found["李华"].phone == "13800138001"
    cleaned = {(p.row, p.column) for p in plan.problems if p.code == "control_characters"}
    assert cleaned == {(2, "姓名"), (2, "备注"), (3, "姓名"), (3, "民族"), (3, "备注"),
                       (3, "联系电话")}
    assert all(p.severity == "warning" for p in plan.problems)


def test_a_header_with_an_invisible_character_still_maps():
    from desktop.roster.importing.mapping import map_columns

    assert map_columns(["姓\u200b名", "民族\ufeff"]) == ["name", "ethnicity"]


def test_formula_looking_text_is_kept_and_reported_but_numbers_are_not(office, tmp_path):
    path = write_csv(tmp_path / "花名册.csv", [
        ["姓名", "联系电话", "备注", "工作单位"],
        ["=cmd|' /C calc'!A0", "+86 138 0013 8000", "-", "街道办"],
        ["+1+cmd|' /C calc'!A0", "13800138000", "-5", "-2+3+cmd|' /C calc'!A0"],
        ["@SUM(1+1)+cmd|' /C calc'!A0", "", "\t=1+1", ""],
        ["王明", "", "一切正常", "+社区"],
    ], "utf-8")
    _prepared, plan, result = import_file(office, path)

    assert result.created == 4
    assert set(residents(office)) == {"=cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0",
                                      "@SUM(1+1)+cmd|' /C calc'!A0", "王明"}
    flagged = {(p.row, p.column) for p in plan.problems if p.code == "formula_like"}
    assert flagged == {(2, "姓名"), (3, "姓名"), (3, "工作单位"), (4, "姓名"), (4, "备注"),
                       (5, "工作单位")}
