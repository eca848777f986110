"""Files for the importer tests: the real ones in shared/external, and variants derived from them
here (the task README asks for variants to be made inside tests, never copied into the project)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SHARED_EXTERNAL

needs_external = pytest.mark.skipif(
    not SHARED_EXTERNAL.is_dir(), reason="the real files in shared/external are not here"
)

PERSON_TEMPLATE = SHARED_EXTERNAL / "cortana-grid_person_import_template.xlsx"
PERSON_EXPORT = SHARED_EXTERNAL / "cortana-grid_person_export_sample.xlsx"
HC_TEMPLATE = SHARED_EXTERNAL / "microcommunity_hc_import_template.xlsx"


def export_sample_rows() -> list[list[str]]:
    """The cortana person export (header + its one row) as text, read with openpyxl."""
    import openpyxl

    workbook = openpyxl.load_workbook(PERSON_EXPORT, read_only=True)
    try:
        return [
            ["" if v is None else str(v) for v in row]
            for row in workbook.worksheets[0].iter_rows(values_only=True)
        ]
    finally:
        workbook.close()


def write_csv(path: Path, rows: list[list[str]], encoding: str, delimiter: str = ",") -> Path:
    import csv

    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return path


def grouped_header_xlsx(path: Path) -> Path:
    """A roster as offices lay it out: a merged title, a date line, two header rows with merged
    group headers ("基本信息", "联系方式") and "序号" merged down, then residents."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "花名册"
    sheet.append(["翠苑一区居民花名册"])
    sheet.merge_cells("A1:F1")
    sheet.append(["制表日期：2025年3月1日"])
    sheet.append(["序号", "基本信息", None, None, "联系方式", None])
    sheet.append([None, "姓名", "性别", "身份证号", "手机", "固话"])
    sheet.merge_cells("A3:A4")
    sheet.merge_cells("B3:D3")
    sheet.merge_cells("E3:F3")
    sheet.append([1, "张伟", "男", "110101199003071234", "13800138000", "0571-88001234"])
    sheet.append([2, "李娜", "女", "11010119920815202X", "13900139000", None])
    workbook.save(path)
    return path
