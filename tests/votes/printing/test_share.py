"""The cost-share table: 700,000.00 yuan over the worked example's building by exclusive area,
each share within a cent of the exact one, the shares and the totals row equal to the amount
exactly, in the PDF and the .xlsx; a bad amount or a dwelling with no area refused with a
message and nothing written."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import openpyxl
import pytest

from desktop.core.errors import ValidationError
from desktop.roster.owners.service import AreasDraft, set_areas
from desktop.votes.export import export_share
from desktop.votes.printing.share import parse_amount, render_share_table, share_table
from tests.votes.printing.conftest import pdf_text, squeeze
from tests.votes.printing.worked import DEVELOPER, DWELLINGS

AMOUNT = Decimal("700000.00")


def _table(db, example, amount="700000", unit=""):
    with db.reading() as session:
        return share_table(session, amount, example.compound_id, example.building_id, unit)


def test_the_shares_add_up_to_the_amount_exactly(example, db):
    table = _table(db, example)
    assert len(table.rows) == 12
    assert table.total_share == AMOUNT
    total_area = sum(Decimal(a) for _u, _r, a, _o in DWELLINGS)
    assert table.total_area == total_area
    for row in table.rows:
        exact = Fraction(AMOUNT) * Fraction(row.area) / Fraction(total_area)
        assert abs(Fraction(row.share) - exact) < Fraction(1, 100)
        assert row.share == row.share.quantize(Decimal("0.01"))


def test_one_unit_only(example, db):
    table = _table(db, example, "123456.78", unit="2")
    assert [row.address for row in table.rows] == [f"3幢2单元{r}" for r in
                                                   ("101", "102", "201", "202", "301", "302")]
    assert table.total_share == Decimal("123456.78")
    assert table.scope == "翠苑一区3幢2单元"


def test_the_xlsx_has_a_share_per_dwelling_and_a_totals_row(example, db, tmp_path):
    table = _table(db, example)
    path = tmp_path / "share.xlsx"
    done = export_share(table, path)
    assert done.rows == 12
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("No.", "Address", "Owner", "Exclusive area (m²)", "Share of area",
                       "Share (yuan)")
    body, total = rows[1:-1], rows[-1]
    assert len(body) == 12
    assert sum(Decimal(str(r[5])) for r in body) == AMOUNT
    assert total[1] == "Total" and Decimal(str(total[5])) == AMOUNT
    assert body[0][1:3] == ("3幢1单元101", "王建国")
    assert body[5][2] == "Developer (unsold or undelivered)"


def test_the_pdf_masks_names_but_not_the_developer(example, db, tmp_path):
    table = _table(db, example)
    text = squeeze(pdf_text(render_share_table(table), tmp_path))
    assert "王建国" not in text and "王*国" in text
    assert text.count("Developer(unsoldorundelivered)") == 2
    assert "1138.28100.00%700,000.00" in text and "Total" in text
    assert "Amounttoshare:700,000.00yuan" in text
    staff = squeeze(pdf_text(render_share_table(table, masked=False), tmp_path))
    assert "王建国" in staff and "Internaluseonly" in staff


@pytest.mark.parametrize("amount", ["", "abc", "0", "-5", "700000.001", "1e12", "NaN"])
def test_a_bad_amount_is_refused(amount):
    with pytest.raises(ValidationError) as caught:
        parse_amount(amount)
    assert caught.value.field == "amount"


def test_amounts_as_people_type_them():
    assert parse_amount("700,000.00") == AMOUNT
    assert parse_amount("７０００００") == AMOUNT
    assert parse_amount("¥700000元") == AMOUNT


def test_a_dwelling_with_no_area_is_named_and_refuses_the_table(example, db):
    with db.unit_of_work("王小红") as uow:
        set_areas(uow, example.dwellings[("2", "202")], AreasDraft(exclusive_area=None))
    with pytest.raises(ValidationError, match="3幢2单元202") as caught:
        _table(db, example)
    assert caught.value.field == "area"
    assert DEVELOPER  # the developer's flats have areas: they share the cost too
