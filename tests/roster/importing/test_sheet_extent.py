"""A workbook whose cells reach far (one stray value at XFD1048576) is refused before calamine
builds its grid: calamine would ask for 512 GiB and abort the whole process."""

from __future__ import annotations

import pytest

from desktop.roster.importing.pipeline import prepare_import
from desktop.spreadsheets.sources import ImportFileError
from tests.roster.importing.hostile import (
    roster_rows,
    run_linli,
    text_cell,
    xls_with_cells,
    xlsx_with_sheet_data,
)
from tests.roster.importing.test_import_flow import office  # noqa: F401  (a fixture)


@pytest.mark.parametrize(("ref", "prefix"), [
    ("XFD1048576", ""),  # 512 GiB: SIGABRT before the fix
    ("XFD1048576", "x:"),  # the same cell with a namespace prefix (the exact walk)
    ("CV100000", ""),  # 455 MB
    ("XFD1000", ""),  # 692 MB
])
def test_a_stray_far_cell_is_refused_cleanly_in_its_own_process(office, tmp_path, ref, prefix):
    row = ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    far = f'<{prefix}row r="{row}">{text_cell(ref, "x", prefix)}</{prefix}row>'
    # The declared size lies (A1:B2): only the cells count.
    path = xlsx_with_sheet_data(tmp_path / "花名册.xlsx", roster_rows(prefix) + far, prefix)
    assert path.stat().st_size < 2000

    done = run_linli("roster", "import", str(path), "--data-dir", str(office.path.parent),
                     "--dry-run")

    assert done.returncode == 2, done.stderr
    assert "too large to import" in done.stderr
    assert f"row {int(row):,}" in done.stderr
    assert "Traceback" not in done.stderr


def test_empty_formatted_cells_far_away_do_not_count(tmp_path):
    far = '<row r="1048576"><c r="XFD1048576" s="1"/></row>'
    path = xlsx_with_sheet_data(tmp_path / "花名册.xlsx", roster_rows() + far,
                                dimension="A1:XFD1048576")
    prepared = prepare_import(path)
    assert [prepared.read.values["name"], prepared.read.values["ethnicity"]] == [
        ["王明"], ["01"]]


def test_cells_without_a_reference_are_placed_as_calamine_places_them(tmp_path):
    # No r="…": each cell follows the one before it. 3 rows of 2 cells read as written.
    rows = "".join(f"<row><c t=\"inlineStr\"><is><t>{a}</t></is></c>"
                   f"<c t=\"inlineStr\"><is><t>{b}</t></is></c></row>"
                   for a, b in (("姓名", "民族"), ("王明", "回"), ("李华", "满")))
    path = xlsx_with_sheet_data(tmp_path / "花名册.xlsx", rows)
    prepared = prepare_import(path)
    assert prepared.read.values["ethnicity"] == ["03", "11"]


def test_the_refusal_names_the_sheet_and_the_extent(tmp_path, monkeypatch):
    from desktop.spreadsheets import extent

    monkeypatch.setattr(extent, "MAX_GRID_CELLS", 10)
    rows = roster_rows() + f'<row r="6">{text_cell("B6", "x")}</row>'
    path = xlsx_with_sheet_data(tmp_path / "名单.xlsx", rows)
    with pytest.raises(ImportFileError) as raised:
        prepare_import(path)
    assert raised.value.message.startswith(
        'The sheet "花名册" in 名单.xlsx is too large to import: its cells reach row 6 and '
        "column 2.")


ROSTER_CELLS = [(0, 0, "姓名"), (0, 1, "民族"), (1, 0, "王明"), (1, 1, "回")]


@pytest.mark.parametrize("far", [
    (65535, 65535, "x"),  # 128 GiB: SIGABRT when calamine merely opens the file
    (65535, 255, 1.5),  # every cell an .xls can have: 1.2 GB
])
def test_an_xls_with_a_far_cell_is_refused_cleanly_in_its_own_process(office, tmp_path, far):
    path = xls_with_cells(tmp_path / "花名册.xls", [*ROSTER_CELLS, far])
    done = run_linli("roster", "import", str(path), "--data-dir", str(office.path.parent),
                     "--dry-run")
    assert done.returncode == 2, done.stderr
    assert "too large to import" in done.stderr and "Traceback" not in done.stderr
    assert f"row {far[0] + 1:,} and column {far[1] + 1:,}" in done.stderr


def test_a_small_xls_reads_as_before(tmp_path):
    path = xls_with_cells(tmp_path / "花名册.xls", [*ROSTER_CELLS, (1, 2, 5)])
    prepared = prepare_import(path)
    assert prepared.source.format == "xls"
    assert prepared.read.values["ethnicity"] == ["03"]


def test_an_html_table_whose_spans_build_a_huge_grid_is_refused(tmp_path):
    # 40 KB of HTML: 2,000 cells each 1,000 columns wide, over 5 rows = 10 million cells.
    row = "<tr>" + '<td colspan="1000">x</td>' * 2000 + "</tr>"
    path = tmp_path / "导出.xls"
    path.write_text("<html><table><tr><td>姓名</td><td>民族</td></tr>" + row * 5
                    + "</table></html>", encoding="utf-8")
    assert path.stat().st_size < 300_000
    with pytest.raises(ImportFileError, match="is too large to import"):
        prepare_import(path)


def test_a_csv_line_of_commas_holds_nothing_and_a_line_of_values_too_wide_is_refused(
        tmp_path):
    commas = tmp_path / "逗号.csv"
    commas.write_text("姓名,民族\n" + "," * 1_000_000 + "\n" + "王明,回\n" * 3000,
                      encoding="utf-8")
    assert len(prepare_import(commas).read) == 3000

    wide = tmp_path / "很宽.csv"
    wide.write_text("姓名,民族\n" + "x," * 1_000_000 + "\n" + "王明,回\n" * 3000,
                    encoding="utf-8")
    with pytest.raises(ImportFileError, match="column 1,000,000"):
        prepare_import(wide)


def test_an_unresolvable_sheet_part_is_measured_all_the_same(tmp_path):
    import zipfile

    far = f'<row r="1048576">{text_cell("XFD1048576", "x")}</row>'
    path = xlsx_with_sheet_data(tmp_path / "花名册.xlsx", roster_rows() + far)
    # The workbook's relationship points nowhere the scan can follow.
    broken = tmp_path / "坏.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b'Id="rId1"', b'Id="rId9"')
            target.writestr(item, data)
    from desktop.spreadsheets.extent import SheetTooLarge, check_xlsx_sheet

    with pytest.raises(SheetTooLarge):
        check_xlsx_sheet(broken.read_bytes(), "花名册", broken.name)
