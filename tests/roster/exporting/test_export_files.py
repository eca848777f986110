"""Exported files read back with openpyxl and python-calamine."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from desktop.core.errors import Cancelled
from desktop.core.masking import mask_id_number, mask_name, mask_phone
from desktop.core.tasks import TaskContext
from desktop.roster.exporting.columns import DEFAULT_COLUMNS, EXPORT_KEYS, column_label
from desktop.roster.exporting.export import ExportError, ExportOptions, export_residents
from desktop.roster.models import Resident
from desktop.roster.views import ResidentFilter, SortSpec

from .conftest import living, sheet_rows


def test_xlsx_text_ids_styled_frozen_header(roster, tmp_path):
    target = tmp_path / "roster.xlsx"
    summary = export_residents(roster, target, ExportOptions(mask=False))
    people = living(roster)
    assert summary.rows == len(people) > 200
    book = openpyxl.load_workbook(target)
    ws = book.active
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:O{summary.rows + 1}"
    header = [c.value for c in ws[1]]
    assert header == [column_label(k) for k in DEFAULT_COLUMNS]
    assert all(c.font.b for c in ws[1])
    assert ws["A1"].fill.fgColor.rgb == "FFDDEBF7"
    by_id = {p.id_number: p for p in people if p.id_number}
    id_col, phone_col, birth_col = (DEFAULT_COLUMNS.index(k) for k in
                                    ("id_number", "phone", "birth_date"))
    checked = 0
    for row in ws.iter_rows(min_row=2, values_only=True):
        if row[id_col]:
            assert isinstance(row[id_col], str) and "E+" not in row[id_col]
            person = by_id[row[id_col]]
            assert row[0] == person.name
            if person.phone:
                assert row[phone_col] == person.phone and isinstance(row[phone_col], str)
            if person.birth_date:
                assert row[birth_col].date() == person.birth_date
            checked += 1
    assert checked > 200
    assert ws.cell(2, birth_col + 1).number_format == "yyyy\\-mm\\-dd"
    # calamine (the import's reader) sees the same text and real dates
    rows = sheet_rows(target)
    assert rows[0] == header
    assert all(isinstance(r[id_col], str) for r in rows[1:] if r[id_col])
    assert any(isinstance(r[birth_col], dt.date) for r in rows[1:])


def test_mask_applies_the_one_rule(roster, tmp_path):
    target = tmp_path / "masked.xlsx"
    columns = ("name", "id_number", "phone", "phone2", "hukou_address", "compound")
    export_residents(roster, target, ExportOptions(columns=columns, mask=True))
    rows = sheet_rows(target)[1:]
    people = sorted(living(roster), key=lambda p: p.name)
    names = {mask_name(p.name) for p in people}
    ids = {mask_id_number(p.id_number) for p in people if p.id_number}
    phones = {mask_phone(p.phone) for p in people if p.phone}
    assert all(r[0] in names for r in rows)
    assert {r[1] for r in rows if r[1]} <= ids
    assert {r[2] for r in rows if r[2]} <= phones
    assert all("*" in r[1] for r in rows if r[1])
    header = sheet_rows(target)[0]  # the registered address is left out altogether
    assert header == [column_label(k) for k in columns if k != "hukou_address"]
    plain = {p.name for p in people if len(p.name) > 1}
    assert not any(r[0] in plain for r in rows)


def _second_compound(db) -> None:
    """A compound named with characters sheet names forbid, and a resident with no home."""
    from desktop.roster.models import Building, Community, Compound, Dwelling, Household

    with db.unit_of_work("test") as uow:
        s = uow.session
        community = s.query(Community).first()
        compound = Compound(community_id=community.id, name="新苑/二期:东区")
        s.add(compound)
        s.flush()
        building = Building(compound_id=compound.id, name="1幢")
        s.add(building)
        s.flush()
        dwelling = Dwelling(building_id=building.id, unit="1", room="101")
        s.add(dwelling)
        s.flush()
        household = Household(dwelling_id=dwelling.id, number="H1")
        s.add(household)
        s.flush()
        s.add(Resident(household_id=household.id, name="李新"))
        s.add(Resident(household_id=None, name="王无家"))


def test_sheet_per_compound(roster, tmp_path):
    _second_compound(roster)
    target = tmp_path / "by-compound.xlsx"
    summary = export_residents(roster, target, ExportOptions(sheet_per_compound=True,
                                                             columns=("name", "compound")))
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == list(summary.sheets)
    assert len(book.sheetnames) >= 2
    total = 0
    for ws in book.worksheets:
        assert ws.freeze_panes == "A2"
        values = {r[1] for r in ws.iter_rows(min_row=2, values_only=True)}
        assert len(values) == 1
        assert ws.title == (values.pop() or "No address").replace("/", "_").replace(":", "_")
        total += ws.max_row - 1
    assert total == summary.rows
    assert {"新苑_二期_东区", "No address"} <= set(book.sheetnames)


def test_sheet_names_are_valid_and_unique():
    from desktop.spreadsheets.xlsx import safe_sheet_name

    taken: set[str] = set()
    assert safe_sheet_name("a/b:c*d?[e]\\", taken) == "a_b_c_d__e__"
    long = "翠" * 40
    first, second = safe_sheet_name(long, taken), safe_sheet_name(long, taken)
    assert len(first) == len(second) == 31 and first != second
    assert safe_sheet_name("A_B_C_D__E__", taken) == "A_B_C_D__E__ (2)"


def test_csv_utf8_bom_and_round_values(roster, tmp_path):
    target = tmp_path / "roster.csv"
    summary = export_residents(roster, target, ExportOptions(format="csv", mask=False))
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert len(lines) == summary.rows + 1
    assert lines[0].split(",") == [column_label(k) for k in DEFAULT_COLUMNS]
    assert any(line.split(",")[3].count("-") == 2 for line in lines[1:])  # ISO dates


def test_gbk_csv_holds_rare_characters(roster, tmp_path):
    with roster.unit_of_work("test") as uow:
        person = uow.session.query(Resident).filter(Resident.deleted.is_(False),
                                                    Resident.moved_out.is_(False),
                                                    Resident.deceased.is_(False)).first()
        person.name = "𠮷大明"
        chosen = person.id
    target = tmp_path / "gbk.csv"
    export_residents(roster, target, ExportOptions(format="csv", encoding="gbk", mask=False,
                                                   resident_ids=(chosen,)))
    data = target.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    text = data.decode("gb18030")
    assert "𠮷大明" in text
    assert column_label("name") in text.splitlines()[0]


def test_selection_keeps_its_order_and_skips_unknown_ids(roster, tmp_path):
    people = living(roster)[:5]
    ids = tuple(reversed([p.id for p in people])) + ("no-such-id",)
    target = tmp_path / "sel.xlsx"
    summary = export_residents(roster, target, ExportOptions(columns=("name", "id_number"),
                                                             mask=False, resident_ids=ids))
    assert summary.rows == 5
    rows = sheet_rows(target)[1:]
    assert [r[0] for r in rows] == [p.name for p in reversed(people)]


def test_filter_and_sort(roster, tmp_path):
    target = tmp_path / "women.csv"
    options = ExportOptions(format="csv", columns=("name", "sex"), mask=False,
                            filter=ResidentFilter(sex="2"), sort=SortSpec("name"))
    summary = export_residents(roster, target, options)
    lines = target.read_text(encoding="utf-8-sig").splitlines()[1:]
    assert len(lines) == summary.rows == sum(1 for p in living(roster) if p.sex == "2")
    assert {line.split(",")[1] for line in lines} == {"Female"}
    names = [line.split(",")[0] for line in lines]
    assert names == sorted(names)


def test_every_column_exports(roster, tmp_path):
    target = tmp_path / "all.xlsx"
    options = ExportOptions(columns=EXPORT_KEYS, mask=False,
                            filter=ResidentFilter(include_inactive=True))
    summary = export_residents(roster, target, options)
    rows = sheet_rows(target)
    assert rows[0] == [column_label(k) for k in EXPORT_KEYS]
    assert len(rows) == summary.rows + 1
    status = rows[0].index("Status")
    assert {r[status] for r in rows[1:]} >= {"Living here"}
    age = rows[0].index("Age")
    assert all(isinstance(r[age], (int, float)) for r in rows[1:] if r[age] != "")


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_cancel_leaves_no_file_and_the_old_one_untouched(roster, tmp_path, fmt):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / f"old.{fmt}"
    target.write_bytes(b"the old file")
    ctx = TaskContext()
    calls = []

    def progress(done, total, message):
        calls.append(done)
        if done > 0:
            ctx.cancel()

    ctx.on_progress = progress
    ctx.min_interval = 0
    from desktop.roster.exporting import export as export_module

    old = export_module.REPORT_EVERY
    export_module.REPORT_EVERY = 10
    try:
        with pytest.raises(Cancelled):
            export_residents(roster, target, ExportOptions(format=fmt), ctx)
    finally:
        export_module.REPORT_EVERY = old
    assert target.read_bytes() == b"the old file"
    assert [p.name for p in folder.iterdir()] == [target.name]


def test_unwritable_folder_is_a_clear_error(roster, tmp_path, monkeypatch):
    import tempfile

    def refused(*args, **kwargs):  # what a read-only folder does (tests may run as root)
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(ExportError) as caught:
        export_residents(roster, tmp_path / "x.xlsx", ExportOptions())
    assert "x.xlsx" in caught.value.message and "read-only" in caught.value.message


def test_disk_full_is_a_clear_error(roster, tmp_path, monkeypatch):
    import errno

    from desktop.spreadsheets import xlsx

    def full(self):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(xlsx.XlsxWriter, "close", full)
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ExportError, match="disk is full"):
        export_residents(roster, folder / "x.xlsx", ExportOptions())
    assert list(folder.iterdir()) == []


def test_missing_folder_and_folder_target(roster, tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        export_residents(roster, tmp_path / "nope" / "x.xlsx", ExportOptions())
    with pytest.raises(ExportError, match="is a folder"):
        export_residents(roster, tmp_path, ExportOptions())


def test_failed_replace_keeps_the_target(roster, tmp_path, monkeypatch):
    import os

    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "open-in-excel.xlsx"
    target.write_bytes(b"open")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError, match="open in another program"):
        export_residents(roster, target, ExportOptions())
    assert target.read_bytes() == b"open"
    assert [p.name for p in folder.iterdir()] == [target.name]
