"""The format comes from the bytes: a file that is not what its name says gets a message saying
what it really is, never "no header row found"."""

from __future__ import annotations

import zipfile

import pytest

from desktop.roster.importing.pipeline import prepare_import
from desktop.spreadsheets.sources import ImportFileError, open_source, read_sheet


def _message(path) -> str:
    with pytest.raises(ImportFileError) as raised:
        prepare_import(path)
    return raised.value.message


def _zip(path, entries: dict[str, str]):
    with zipfile.ZipFile(path, "w") as package:
        for name, text in entries.items():
            package.writestr(name, text)
    return path


def test_a_text_file_named_xlsx_is_said_not_to_be_an_excel_file(tmp_path):
    path = tmp_path / "花名册.xlsx"
    path.write_text("请于周五前上报\n联系人：王社工\n", encoding="utf-8")
    message = _message(path)
    assert message.startswith("花名册.xlsx is not an Excel workbook: it is a text file")
    assert "No header row" not in message


def test_a_text_table_named_xls_still_imports(tmp_path):
    # Many systems export tab-separated text as ".xls": that is a table, so it is read.
    path = tmp_path / "导出.xls"
    path.write_text("姓名\t民族\n王明\t回族\n", encoding="gbk")
    assert prepare_import(path).read.values["ethnicity"] == ["03"]


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("花名册.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "is a PDF document"),
    ("花名册.xls", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a picture"),
    ("花名册.xlsx", b"{\\rtf1\\ansi\\deff0 {\\fonttbl}", "is a Word document"),
    ("花名册.xls", b"Rar!\x1a\x07\x01\x00" + b"\x00" * 20, "is a compressed archive"),
    ("花名册.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
     + "WordDocument".encode("utf-16-le") + b"\x00" * 600, "is a Word document"),
])
def test_other_kinds_of_file_are_named(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    assert _message(path) == _message(path)  # the same on every try
    assert f"{name} {expected}" in _message(path)


@pytest.mark.parametrize(("entries", "expected"), [
    ({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"},
     "is a Word document"),
    ({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"},
     "is an OpenDocument spreadsheet (.ods)"),
    ({"照片/1.jpg": "not really"}, "is a ZIP archive"),
])
def test_zip_packages_that_are_not_workbooks_are_named(tmp_path, entries, expected):
    path = _zip(tmp_path / "花名册.xlsx", entries)
    assert f"花名册.xlsx {expected}" in _message(path)


def test_a_file_replaced_after_it_was_opened_is_not_read_as_the_old_format(tmp_path):
    import openpyxl

    path = tmp_path / "花名册.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["姓名", "民族"])
    book.save(path)
    source = open_source(path)
    path.write_text("姓名,民族\n王明,回\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="was changed or replaced after it was opened"):
        read_sheet(source)
