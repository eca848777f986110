"""Finding the header row the way a person would: past titles, dates and instruction rows."""

from __future__ import annotations

import pytest

from desktop.roster.importing.headers import SkippedRow, detect_header
from desktop.roster.importing.mapping import map_columns
from desktop.spreadsheets.sources import (
    ImportFileError,
    SourceSheet,
    open_source,
    read_sheet,
)
from tests.roster.importing.samples import (
    HC_TEMPLATE,
    PERSON_TEMPLATE,
    grouped_header_xlsx,
    needs_external,
)


def sheet_of(rows, merged=()):
    return SourceSheet("Sheet1", rows, list(range(1, len(rows) + 1)), list(merged))


@needs_external
def test_cortana_template_instruction_row_2_is_skipped():
    sheet = read_sheet(open_source(PERSON_TEMPLATE), "Person")
    layout = detect_header(sheet)
    assert layout.header_index == 0
    assert layout.data_start == 2  # nothing to import: the template has no residents
    assert layout.skipped == [SkippedRow(1, 2, "instruction")]
    assert len(layout.headers) == 29 and layout.headers[0] == "姓名"


@needs_external
def test_hc_owner_sheet_header_is_row_1():
    layout = detect_header(read_sheet(open_source(HC_TEMPLATE), "业主信息"))
    assert (layout.header_index, layout.data_start, layout.skipped) == (0, 1, [])


@needs_external
def test_notes_sheet_has_no_header():
    sheet = read_sheet(open_source(PERSON_TEMPLATE), "注意事项")
    with pytest.raises(ImportFileError, match="No header row found"):
        detect_header(sheet)


def test_merged_title_date_line_and_two_row_group_header(tmp_path):
    sheet = read_sheet(open_source(grouped_header_xlsx(tmp_path / "花名册.xlsx")))
    layout = detect_header(sheet)
    assert layout.header_index == 3  # the lower header row (Excel row 4)
    assert layout.data_start == 4
    assert layout.headers == ["序号", "姓名", "性别", "身份证号", "手机", "固话"]
    assert layout.skipped == [
        SkippedRow(0, 1, "title"),
        SkippedRow(1, 2, "title"),
        SkippedRow(2, 3, "group_header"),
    ]
    assert map_columns(layout.headers) == ["ignore", "name", "sex", "id_number", "phone", "phone2"]


def test_group_header_row_scoring_higher_than_its_sub_headers():
    # "姓名" merged down, "联系方式" over two phones: the upper row alone names more fields.
    rows = [
        ["姓名", "联系方式", None, "住址"],
        [None, "手机", "座机", None],
        ["张伟", "13800138000", "88001234", "1幢101"],
    ]
    merged = [(0, 0, 1, 0), (0, 1, 0, 2), (0, 3, 1, 3)]
    layout = detect_header(sheet_of(rows, merged))
    assert layout.header_index == 1 and layout.data_start == 2
    assert layout.headers == ["姓名", "手机", "座机", "住址"]
    assert layout.skipped == [SkippedRow(0, 1, "group_header")]


def test_group_header_without_merge_information_csv():
    rows = [
        ["序号", "基本信息", "", "联系方式"],
        [None, "姓名", "身份证号", "手机"],
        ["1", "张伟", "110101199003071234", "13800138000"],
    ]
    layout = detect_header(sheet_of(rows))
    assert layout.headers == ["序号", "姓名", "身份证号", "手机"]


def test_instruction_and_blank_rows_below_header_in_any_order():
    rows = [
        ["姓名", "身份证号(必填)", "性别", "出生日期"],
        ["必填", "18位，末位X大写", "男/女", "格式：YYYY-MM-DD"],
        [None, None],
        ["注：带*为必填项"],
        ["张伟", "110101199003071234", "男", "1990-03-07"],
    ]
    layout = detect_header(sheet_of(rows))
    assert layout.header_index == 0
    assert [(s.row_number, s.reason) for s in layout.skipped] == [
        (2, "instruction"), (3, "blank"), (4, "instruction")
    ]
    assert layout.data_start == 4


def test_header_notes_in_brackets_are_not_instructions():
    rows = [
        ["*姓名(必填)", "身份证号码（必填）", "联系电话(选填)"],
        ["张伟", "110101199003071234", "13800138000"],
    ]
    layout = detect_header(sheet_of(rows))
    assert layout.header_index == 0 and layout.data_start == 1


def test_data_rows_are_not_taken_for_instructions():
    rows = [
        ["姓名", "住址", "备注"],
        ["如意", "翠苑小区1幢/2单元", "低保户"],
    ]
    assert detect_header(sheet_of(rows)).data_start == 1


def test_headers_as_wide_as_the_widest_row():
    rows = [["姓名", "身份证号"], ["张伟", "110101199003071234", "多出的一列"]]
    assert detect_header(sheet_of(rows)).headers == ["姓名", "身份证号", ""]


def test_header_beyond_scan_limit_is_not_found():
    rows = [["说明"]] * 5 + [["姓名", "身份证号"]]
    assert detect_header(sheet_of(rows)).header_index == 5
    with pytest.raises(ImportFileError):
        detect_header(sheet_of(rows), max_scan=5)
