"""Sharing a cost by exclusive area to the cent (民法典第283条), worked by hand."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from desktop.core.errors import ValidationError
from desktop.votes.sharing import share_cost


def _amounts(shares):
    return [s.amount for s in shares]


def test_seven_hundred_thousand_over_six_buildings_worked_by_hand():
    # Six lift buildings of 12 floors, two flats a floor: x01 is 90 m², x02 is 120 m².
    # Total 6 × 12 × (90 + 120) = 15,120 m²; 70,000,000 fen / 15,120 m² = 125,000/27 fen a m².
    #   a 90 m² flat:  90 × 70,000,000 / 15,120 = 416,666⅔ fen  → 4,166.66, remainder ⅔
    #   a 120 m² flat: 120 × 70,000,000 / 15,120 = 555,555 5/9 fen → 5,555.55, remainder 5/9
    # Rounded down: 72 × 416,666 + 72 × 555,555 = 69,999,912 fen, so 88 fen are left over.
    # Largest remainders first: all 72 flats of 90 m² (⅔ > 5/9) get one more fen, and the 16
    # left go to the first 16 flats of 120 m² in the list's order: building 1's twelve and
    # building 2's 102, 202, 302, 402.
    parts = [(f"{b}幢{floor}0{room}", Decimal("90.00") if room == 1 else Decimal("120.00"))
             for b in range(1, 7) for floor in range(1, 13) for room in (1, 2)]
    shares = share_cost(Decimal("700000.00"), parts)
    by_key = {s.key: s.amount for s in shares}
    assert sum(s.amount for s in shares) == Decimal("700000.00")
    assert {by_key[k] for k, area in parts if area == 90} == {Decimal("4166.67")}
    plus_one = [k for k, area in parts if area == 120 and by_key[k] == Decimal("5555.56")]
    assert plus_one == [f"1幢{f}02" for f in range(1, 13)] + ["2幢102", "2幢202", "2幢302",
                                                              "2幢402"]
    assert sum(1 for k, area in parts if area == 120 and by_key[k] == Decimal("5555.55")) == 56
    assert shares[0].exact == Fraction(12500, 3)  # 4,166.666… yuan
    assert [s.key for s in shares] == [k for k, _ in parts]  # the table keeps the order


def test_one_cent_over_three_equal_dwellings_goes_to_the_first():
    parts = [("1-101", Decimal("80.00")), ("1-102", Decimal("80.00")), ("1-103", Decimal("80.00"))]
    assert _amounts(share_cost(Decimal("0.01"), parts)) == [Decimal("0.01"), Decimal("0.00"),
                                                            Decimal("0.00")]
    assert _amounts(share_cost(Decimal("0.02"), parts)) == [Decimal("0.01"), Decimal("0.01"),
                                                            Decimal("0.00")]


def test_the_left_over_cent_goes_to_the_largest_remainder_not_the_first():
    # ⅓ fen and ⅔ fen: the second flat's dropped fraction is larger.
    shares = share_cost(Decimal("0.01"), [("a", Decimal(40)), ("b", Decimal(80))])
    assert _amounts(shares) == [Decimal("0.00"), Decimal("0.01")]


def test_exact_cases_need_no_rounding():
    assert _amounts(share_cost(Decimal("300.00"), [("a", Decimal(100)), ("b", Decimal(200))])
                    ) == [Decimal("100.00"), Decimal("200.00")]
    # 1,000 yuan over 200 m² is 5 yuan a square metre.
    assert _amounts(share_cost(1000, [("a", Decimal("88.50")), ("b", Decimal("111.50"))])) == [
        Decimal("442.50"), Decimal("557.50")]
    assert _amounts(share_cost("700000", [("a", Decimal("95.20"))])) == [Decimal("700000.00")]
    # A dwelling with a zero area (a bike store on the register) pays nothing.
    assert _amounts(share_cost(Decimal(10), [("a", Decimal(0)), ("b", Decimal(1))])) == [
        Decimal("0.00"), Decimal("10.00")]


@pytest.mark.parametrize("amount", [Decimal(0), Decimal("-5.00"), "0.00", -1])
def test_a_non_positive_amount_is_refused(amount):
    with pytest.raises(ValidationError) as refused:
        share_cost(amount, [("a", Decimal(90))])
    assert refused.value.field == "amount" and "more than zero" in refused.value.message


@pytest.mark.parametrize("amount", [Decimal("0.001"), "700000.005"])
def test_an_amount_finer_than_a_cent_is_refused(amount):
    with pytest.raises(ValidationError) as refused:
        share_cost(amount, [("a", Decimal(90))])
    assert refused.value.field == "amount" and "two decimal places" in refused.value.message


@pytest.mark.parametrize("amount", ["seven hundred", "", Decimal("NaN"), Decimal("Infinity")])
def test_an_amount_that_is_no_number_is_refused(amount):
    with pytest.raises(ValidationError) as refused:
        share_cost(amount, [("a", Decimal(90))])
    assert refused.value.field == "amount"


def test_a_float_amount_or_area_is_a_programming_error():
    with pytest.raises(TypeError):
        share_cost(0.1, [("a", Decimal(90))])
    with pytest.raises(TypeError):
        share_cost(Decimal(1), [("a", 90.5)])


@pytest.mark.parametrize("parts", [[], [("a", Decimal(0)), ("b", Decimal("0.00"))]])
def test_a_zero_total_area_is_refused(parts):
    with pytest.raises(ValidationError) as refused:
        share_cost(Decimal(100), parts)
    assert refused.value.field == "area" and "no exclusive area" in refused.value.message


def test_a_negative_or_missing_area_is_refused_naming_the_dwelling():
    with pytest.raises(ValidationError) as refused:
        share_cost(Decimal(100), [("3幢2单元501", Decimal(90)), ("3幢2单元502",
                                                                   Decimal(-90))])
    assert refused.value.field == "area" and "3幢2单元502" in refused.value.message
    with pytest.raises(ValidationError) as refused:
        share_cost(Decimal(100), [("3幢2单元501", None)])
    assert refused.value.field == "area" and "3幢2单元501" in refused.value.message


def test_a_dwelling_listed_twice_is_refused():
    with pytest.raises(ValueError):
        share_cost(Decimal(100), [("a", Decimal(90)), ("a", Decimal(90))])
