"""A CSV is read in one encoding: a UTF-8 row inside a GBK file is never stored as mojibake
(王明 → 鐜嬫槑); the file is refused naming the lines, and the roster is unchanged."""

from __future__ import annotations

import pytest

from desktop.roster.importing.pipeline import prepare_import
from desktop.spreadsheets.sources import ImportFileError
from tests.roster.importing.hostile import run_linli
from tests.roster.importing.test_import_flow import office, residents  # noqa: F401


def _mixed(path):
    gbk = "姓名,民族\r\n李华,汉族\r\n赵云,回族\r\n".encode("gbk")
    utf8 = "王明,满族\r\n".encode()
    path.write_bytes(gbk + utf8 + "孙丽,汉\r\n".encode("gbk"))
    return path


def test_a_utf8_row_in_a_gbk_file_is_refused_naming_its_line(tmp_path):
    path = _mixed(tmp_path / "花名册.csv")
    with pytest.raises(ImportFileError) as raised:
        prepare_import(path)
    assert raised.value.message.startswith(
        "花名册.csv mixes two text encodings: line 4 is UTF-8, the rest is GBK.")


def test_choosing_gbk_does_not_let_the_utf8_row_through(tmp_path):
    path = _mixed(tmp_path / "花名册.csv")
    with pytest.raises(ImportFileError, match="line 4 is UTF-8"):
        prepare_import(path, encoding="gbk")


def test_gbk_rows_in_a_utf8_file_are_the_ones_named(tmp_path):
    path = tmp_path / "花名册.csv"
    path.write_bytes("姓名,民族\n王明,满族\n李华,汉\n".encode() + "赵云,回\n".encode("gbk")
                     + "孙丽,汉\n".encode())
    with pytest.raises(ImportFileError, match="line 4 is GBK, the rest is UTF-8"):
        prepare_import(path)


def test_the_command_line_import_stores_nothing_garbled(office, tmp_path):
    path = _mixed(tmp_path / "花名册.csv")
    done = run_linli("roster", "import", str(path), "--data-dir", str(office.path.parent))
    assert done.returncode == 2
    assert "mixes two text encodings" in done.stderr
    assert residents(office) == {}


def test_plain_gbk_and_utf8_files_still_import(tmp_path):
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes("姓名,民族\r\n王明,满族\r\n".encode("gbk"))
    utf8 = tmp_path / "utf8.csv"
    utf8.write_bytes("姓名,民族\r\n王明,满族\r\n".encode())
    assert prepare_import(gbk).read.values["name"] == ["王明"]
    assert prepare_import(utf8).read.values["name"] == ["王明"]


@pytest.mark.parametrize("label", ["gb2312", "iso-8859-1", "windows-1252"])
def test_a_utf8_web_page_with_a_wrong_charset_label_is_read_as_utf8(tmp_path, label):
    page = (f'<html><head><meta charset="{label}"></head><body><table>'
            "<tr><td>姓名</td><td>民族</td></tr><tr><td>王明</td><td>满族</td></tr>"
            "</table></body></html>")
    path = tmp_path / "导出.xls"
    path.write_bytes(page.encode())
    assert prepare_import(path).read.values["name"] == ["王明"]


def test_a_gbk_web_page_labelled_gbk_still_reads(tmp_path):
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            "</head><body><table><tr><td>姓名</td><td>民族</td></tr>"
            "<tr><td>王明</td><td>满族</td></tr></table></body></html>")
    path = tmp_path / "导出.xls"
    path.write_bytes(page.encode("gbk"))
    assert prepare_import(path).read.values["name"] == ["王明"]
