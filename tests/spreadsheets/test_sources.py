"""Reading files as a user hands them over: real workbooks, CSVs in the encodings Chinese Excel
writes, an HTML table named .xls, and files that are broken."""

from __future__ import annotations

import datetime
import zipfile

import pytest

from desktop.core.errors import Cancelled
from desktop.core.tasks import TaskContext
from desktop.spreadsheets.sources import ImportFileError, open_source, read_sheet
from tests.roster.importing.samples import (
    HC_TEMPLATE,
    PERSON_EXPORT,
    PERSON_TEMPLATE,
    export_sample_rows,
    grouped_header_xlsx,
    needs_external,
    write_csv,
)


@needs_external
def test_cortana_person_template_reads_header_and_instruction_row():
    source = open_source(PERSON_TEMPLATE)
    assert (source.format, source.encoding, source.sheets) == ("xlsx", None, ("Person", "注意事项"))
    sheet = read_sheet(source)
    assert sheet.name == "Person"
    assert len(sheet.rows) == 2 and len(sheet.rows[0]) == 29
    assert sheet.rows[0][:3] == ["姓名", "与其他人员关系", "身份证号"]
    assert sheet.rows[1][2] == "必填，18位身份证号"
    assert sheet.row_numbers == [1, 2]


@needs_external
def test_hc_sheets_drop_trailing_empty_rows_and_keep_numbers_as_read():
    source = open_source(HC_TEMPLATE)
    assert source.sheets == ("楼栋单元", "业主信息", "房屋信息", "车位信息")
    owners = read_sheet(source, "业主信息")
    assert owners.rows[0] == ["业主编号", "业主名称", "性别", "年龄", "手机号", "身份证号"]
    assert len(owners.rows) == 6  # header + five owners, none of the formatted empty rows
    assert owners.row_numbers == [1, 2, 3, 4, 5, 6]
    first = owners.rows[1]
    # Excel stored the phone as a number: it comes back as a float, for validation to flag.
    assert first[4] == 18999999999.0 and isinstance(first[4], float)
    assert first[5] == "632126199109162011"
    parking = read_sheet(source, "车位信息")
    assert parking.rows[1][5] is None  # an empty cell is None, not ""


@needs_external
def test_workbook_detected_by_content_not_extension(tmp_path):
    renamed = tmp_path / "人员导出.xls"  # an xlsx someone renamed
    renamed.write_bytes(PERSON_EXPORT.read_bytes())
    source = open_source(renamed)
    assert source.format == "xlsx"
    assert read_sheet(source).rows[1][0] == "刘强"


def test_xlsx_merged_ranges_dates_and_row_numbers(tmp_path):
    import openpyxl

    path = grouped_header_xlsx(tmp_path / "花名册.xlsx")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    sheet["G5"] = datetime.date(1990, 3, 7)
    sheet["A20"].number_format = "0.00"  # formatted, empty: must not become rows
    workbook.save(path)

    read = read_sheet(open_source(path))
    assert read.rows[0][0] == "翠苑一区居民花名册"
    assert read.rows[0][1] is None
    assert read.rows[4][6] == datetime.date(1990, 3, 7)
    assert read.rows[4][0] == 1.0  # xlsx numbers are floats
    assert len(read.rows) == 6 and read.row_numbers == [1, 2, 3, 4, 5, 6]
    assert set(read.merged) == {(0, 0, 0, 5), (2, 0, 3, 0), (2, 1, 2, 3), (2, 4, 2, 5)}


def test_xlsx_leading_empty_rows_keep_excel_row_numbers(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active["B3"] = "姓名"
    workbook.active["C3"] = "身份证号"
    workbook.active["B4"] = "张伟"
    path = tmp_path / "offset.xlsx"
    workbook.save(path)
    read = read_sheet(open_source(path))
    assert read.rows[2][1:] == ["姓名", "身份证号"]
    assert read.row_numbers[2] == 3  # the row Excel shows
    assert read.rows[0] == [None, None, None]


@needs_external
@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("gbk", "gb18030"), ("utf-8-sig", "utf-8-sig"), ("utf-8", "utf-8")],
)
def test_csv_encodings_detected(tmp_path, encoding, expected):
    rows = export_sample_rows()
    if encoding == "utf-8-sig":
        rows[1][0] = "𠮷强"  # outside GBK: only a Unicode file can carry it
    path = write_csv(tmp_path / "人员导出.csv", rows, encoding)
    source = open_source(path)
    assert (source.format, source.encoding, source.sheets) == ("csv", expected, ("人员导出",))
    sheet = read_sheet(source)
    assert sheet.rows[0][0] == "姓名"  # no BOM left in the first header
    assert sheet.rows[1][:3] == [rows[1][0], "男", "310101199210207890"]
    assert sheet.row_numbers == [1, 2]


@needs_external
def test_csv_users_encoding_choice_wins(tmp_path):
    path = write_csv(tmp_path / "gbk.csv", export_sample_rows(), "gbk")
    assert open_source(path, encoding="GBK").encoding == "gb18030"
    with pytest.raises(ImportFileError, match="gbk.csv cannot be read as utf-8"):
        open_source(path, encoding="utf-8")


def test_csv_tab_and_semicolon_delimiters(tmp_path):
    rows = [["姓名", "身份证号", "住址"], ["张伟", "110101199003071234", "1幢,2单元"]]
    for delimiter in ("\t", ";"):
        path = write_csv(tmp_path / "d.csv", rows, "utf-8", delimiter)
        assert read_sheet(open_source(path)).rows == rows


def test_csv_multiline_field_row_numbers_follow_lines(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text(
        '姓名,备注\r\n张伟,"独居\r\n需每周探访"\r\n李娜,\r\n\r\n王芳,低保\r\n', encoding="utf-8"
    )
    sheet = read_sheet(open_source(path))
    assert sheet.rows[1] == ["张伟", "独居\r\n需每周探访"]
    assert sheet.rows[2] == ["李娜", None]
    assert sheet.rows[3] == []  # a blank line stays, so numbers keep matching the file
    assert sheet.rows[4] == ["王芳", "低保"]
    assert sheet.row_numbers == [1, 2, 4, 5, 6]


def test_undecodable_text_names_the_file(tmp_path):
    path = tmp_path / "乱码.csv"
    path.write_bytes(b"\xff\xfe\xfd\x81\x30" * 3 + b"\x00\x01")
    with pytest.raises(ImportFileError, match="乱码.csv"):
        read_sheet(open_source(path))


def test_html_table_saved_as_xls(tmp_path):
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        "</head><body><table border=1>"
        '<tr><td colspan="3">翠苑一区  居民花名册</td></tr>'
        "<tr><th>姓名</th><th>身份证号</th><th rowspan=2>备注</th></tr>"
        "<tr><td>张&nbsp;伟</td><td>110101199003071234</td></tr>"
        "<tr><td>李娜</td><td></td><td>独居<br>老人</td></tr>"
        "</table></body></html>"
    )
    path = tmp_path / "居民.xls"
    path.write_bytes(page.encode("gb18030"))
    source = open_source(path)
    assert (source.format, source.encoding, source.sheets) == ("html", "gb18030", ("居民",))
    sheet = read_sheet(source)
    assert sheet.rows == [
        ["翠苑一区 居民花名册", None, None],
        ["姓名", "身份证号", "备注"],
        ["张 伟", "110101199003071234", None],
        ["李娜", None, "独居 老人"],
    ]
    assert sheet.row_numbers == [1, 2, 3, 4]
    assert sheet.merged == [(0, 0, 0, 2), (1, 2, 2, 2)]


def test_html_without_charset_uses_detection_and_each_table_is_a_sheet(tmp_path):
    page = "<table><tr><td>说明</td></tr></table>\n<TABLE><tr><td>姓名<td>性别</tr></TABLE>"
    path = tmp_path / "two.xls"
    path.write_bytes("\ufeff".encode() + page.encode("utf-8"))
    source = open_source(path)
    assert (source.encoding, source.sheets) == ("utf-8-sig", ("two", "two (2)"))
    assert read_sheet(source, "two (2)").rows == [["姓名", "性别"]]


@pytest.mark.parametrize("content", [b"", b"  \r\n\t"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "空白.xlsx"
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match="空白.xlsx is empty"):
        open_source(path)


def test_missing_file(tmp_path):
    with pytest.raises(ImportFileError, match="不存在.csv"):
        open_source(tmp_path / "不存在.csv")


def test_damaged_zip(tmp_path):
    good = grouped_header_xlsx(tmp_path / "good.xlsx").read_bytes()
    path = tmp_path / "损坏.xlsx"
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(ImportFileError, match="损坏.xlsx is damaged"):
        open_source(path)


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "hello")
    with pytest.raises(ImportFileError, match="photos.xlsx"):
        open_source(path)


def test_encrypted_workbook_asks_to_remove_the_password(tmp_path):
    # What Excel writes when a workbook has an opening password: an OLE2 container holding an
    # "EncryptionInfo" stream instead of a zip. Only the markers matter to the reader.
    path = tmp_path / "加密.xlsx"
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le")
        + b"\x00" * 1024
    )
    with pytest.raises(ImportFileError, match="加密.xlsx is protected with a password"):
        open_source(path)


def test_nonexistent_sheet_named_in_message(tmp_path):
    source = open_source(grouped_header_xlsx(tmp_path / "花名册.xlsx"))
    with pytest.raises(ImportFileError, match='"Sheet9" is not in 花名册.xlsx'):
        read_sheet(source, "Sheet9")


def test_cancel_stops_a_long_csv(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("姓名,身份证号\n" + "张伟,110101199003071234\n" * 12000, encoding="utf-8")
    ctx = TaskContext()
    ctx.cancel()
    with pytest.raises(Cancelled):
        read_sheet(open_source(path), ctx=ctx)
    assert len(read_sheet(open_source(path)).rows) == 12001


def test_excel_unicode_text_is_utf16_tab_separated(tmp_path):
    path = tmp_path / "unicode.txt"
    path.write_bytes("姓名\t身份证号\r\n𠮷强\t110101199003071234\r\n".encode("utf-16"))
    source = open_source(path)
    assert (source.format, source.encoding) == ("csv", "utf-16")
    assert read_sheet(source).rows == [["姓名", "身份证号"], ["𠮷强", "110101199003071234"]]


def test_binary_junk_is_refused_not_read_as_text(tmp_path):
    path = tmp_path / "picture.xls"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(ImportFileError, match="picture.xls"):
        open_source(path)
