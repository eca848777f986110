"""A masked export does not carry what undoes its masks: no birth date beside a masked ID number
(whose hidden digits are the birth date), no registered address, no free-text notes. Real
.xlsx and .csv files read back; the command line says what it left out."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest

from desktop.core.masking import mask_id_number
from desktop.roster.exporting.columns import DEFAULT_COLUMNS, EXPORT_KEYS, column_label
from desktop.roster.exporting.disclosure import LEFT_OUT, MASKED, YEAR, disclose
from desktop.roster.exporting.export import ExportError, ExportOptions, export_residents
from desktop.roster.models import Resident

from .conftest import living

SECRET_ID = "331002199811268272"
SECRET_BIRTH = dt.date(1998, 11, 26)
SECRET_NOTES = "联系人张三明 13812345678，身份证331002199811268272，1998年11月26日生"


def birth_spellings(day: dt.date) -> set[str]:
    """Every way a spreadsheet or a person writes the date (ISO, digits only, Chinese, slashes)."""
    return {day.isoformat(), day.strftime("%Y%m%d"), f"{day.year}年{day.month}月{day.day}日",
            day.strftime("%Y/%m/%d"), f"{day.year}/{day.month}/{day.day}",
            f"{day.year}-{day.month}-{day.day}", day.strftime("%Y.%m.%d")}


@pytest.fixture
def people(roster):
    """Up to 40 living residents with an ID number and a birth date, the first one the
    brief's example (331002********8272, born 1998-11-26) with notes full of personal data."""
    chosen = [p for p in living(roster) if p.id_number and p.birth_date][:40]
    with roster.unit_of_work("test") as uow:
        first = uow.session.get(Resident, chosen[0].id)
        first.id_number, first.birth_date, first.notes = SECRET_ID, SECRET_BIRTH, SECRET_NOTES
        first.hukou_address = "浙江省衢州市柯城区某某村12号"
    chosen[0].id_number, chosen[0].birth_date = SECRET_ID, SECRET_BIRTH
    return roster, chosen


def _assert_nothing_undoes_the_mask(header, rows, chosen) -> None:
    assert len(rows) == len(chosen)
    assert column_label("birth_date") not in header and "Year of birth" in header
    for name in ("hukou_address", "notes"):
        assert column_label(name) not in header
    for person, row in zip(chosen, rows):
        assert not any(isinstance(v, (dt.date, dt.datetime)) for v in row)
        text = " ".join("" if v is None else str(v) for v in row)
        assert mask_id_number(person.id_number) in text
        assert person.id_number not in text
        for spelling in birth_spellings(person.birth_date) | {person.id_number[6:14]}:
            assert spelling not in text, (spelling, row)
        year = row[header.index("Year of birth")]
        assert int(year) == person.birth_date.year
    assert "13812345678" not in str(rows) and "张三明" not in str(rows)


@pytest.mark.parametrize("columns", [DEFAULT_COLUMNS, EXPORT_KEYS])
def test_masked_xlsx_has_no_birth_date_beside_masked_ids(people, tmp_path, columns):
    db, chosen = people
    target = tmp_path / "masked.xlsx"
    summary = export_residents(db, target, ExportOptions(
        columns=columns, mask=True, resident_ids=tuple(p.id for p in chosen)))
    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    _assert_nothing_undoes_the_mask(list(rows[0]), rows[1:], chosen)
    assert summary.disclosure.shortened == ("birth_date",)
    assert "sex" in summary.disclosure.columns  # the masked ID shows the sex digit anyway


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_masked_csv_has_no_birth_date_beside_masked_ids(people, tmp_path, encoding):
    db, chosen = people
    target = tmp_path / "masked.csv"
    export_residents(db, target, ExportOptions(
        format="csv", encoding=encoding, columns=EXPORT_KEYS, mask=True,
        resident_ids=tuple(p.id for p in chosen)))
    codec = "utf-8-sig" if encoding == "utf-8-sig" else "gb18030"
    rows = list(csv.reader(io.StringIO(target.read_bytes().decode(codec), newline="")))
    _assert_nothing_undoes_the_mask(rows[0], rows[1:], chosen)


def test_unmasked_export_keeps_every_column_in_full(people, tmp_path):
    db, chosen = people
    target = tmp_path / "plain.xlsx"
    export_residents(db, target, ExportOptions(
        columns=EXPORT_KEYS, mask=False, resident_ids=(chosen[0].id,)))
    header, row = openpyxl.load_workbook(target).active.iter_rows(values_only=True)
    assert list(header) == [column_label(k) for k in EXPORT_KEYS]
    values = dict(zip(EXPORT_KEYS, row))
    assert values["id_number"] == SECRET_ID and values["notes"] == SECRET_NOTES
    assert values["birth_date"].date() == SECRET_BIRTH


def test_the_rule_for_every_column():
    masked = disclose(EXPORT_KEYS, True)
    assert {k for k in EXPORT_KEYS if masked.of(k) == MASKED} == {
        "name", "id_number", "phone", "phone2"}
    assert masked.of("birth_date") == YEAR
    assert set(masked.left_out) == {"hukou_address", "notes"}
    assert masked.of("notes") == LEFT_OUT
    printed = disclose(EXPORT_KEYS, True, printed=True)
    assert set(printed.left_out) == {"hukou_address", "notes", "id_number"}
    plain = disclose(EXPORT_KEYS, False)
    assert plain.columns == EXPORT_KEYS and not plain.left_out and not plain.shortened


def test_only_left_out_columns_is_a_clear_error(people, tmp_path):
    db, chosen = people
    with pytest.raises(ExportError, match="masked"):
        export_residents(db, tmp_path / "x.xlsx", ExportOptions(
            columns=("notes", "hukou_address"), mask=True))
    assert not (tmp_path / "x.xlsx").exists()


def test_cli_mask_says_what_it_shortened_and_left_out(people, data_dir, tmp_path, capsys):
    from desktop.cli import main

    db, chosen = people
    db.close()
    out = tmp_path / "cli.csv"
    code = main(["roster", "export", "--data-dir", str(data_dir.root), "--out", str(out),
                 "--columns", "name,id_number,birth_date,notes", "--mask"])
    assert code == 0
    said = capsys.readouterr().out
    assert "Birth dates keep only the year" in said
    assert "Left out because personal data is masked: Notes." in said
    text = out.read_text(encoding="utf-8-sig")
    assert "331002********8272" in text
    assert not any(s in text for s in birth_spellings(SECRET_BIRTH))
    assert SECRET_NOTES not in text
