"""ID numbers (GB 11643): what an office worker sees when they type or import one.

The vectors were computed by hand from the rules (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2,
check characters "10X98765432"); 11010519491231002X and 440524188001010014 are the examples
printed in the standard itself. ``_reference_check`` recomputes them the slow, obvious way so
the vectors cannot drift with the code under test.
"""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.roster import id_number as idn
from desktop.roster.id_number import parse_id_number

TODAY = dt.date(2026, 5, 1)
STANDARD_FEMALE = "11010519491231002X"  # 北京朝阳, 1949-12-31, sequence 002 (even: female)
STANDARD_MALE = "440524188001010014"  # 汕头潮阳 (a code since abolished), 1880-01-01, male
UNKNOWN_REGION = "330103198506151234"  # 杭州下城区: merged away in 2021, real people carry it
LEAP_DAY = "110105200002290021"


def _reference_check(first17: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = 0
    for digit, weight in zip(first17, weights):
        total += int(digit) * weight
    return "10X98765432"[total % 11]


@pytest.mark.parametrize("number", [STANDARD_FEMALE, STANDARD_MALE, UNKNOWN_REGION, LEAP_DAY,
                                    "810000199408230021", "820000199001010037",
                                    "830000198808080041"])
def test_vectors_are_valid_by_the_rule_itself(number):
    assert _reference_check(number[:17]) == number[17]
    assert idn.check_char(number[:17]) == number[17]


def test_valid_number_with_x_gives_birth_date_and_sex():
    result = parse_id_number(STANDARD_FEMALE, today=TODAY)
    assert result.ok
    assert result.number == STANDARD_FEMALE
    assert result.birth_date == dt.date(1949, 12, 31)
    assert result.sex == "2"
    assert result.kind == idn.KIND_RESIDENT
    assert result.errors == () and result.warnings == ()


def test_odd_sequence_is_male():
    result = parse_id_number(STANDARD_MALE, today=TODAY)
    assert result.ok
    assert result.sex == "1"
    assert result.birth_date == dt.date(1880, 1, 1)


@pytest.mark.parametrize("typed", ["11010519491231002x", " 110105 19491231 002X\t",
                                   "１１０１０５１９４９１２３１００２Ｘ", "'11010519491231002X",
                                   "110105\u300019491231002ｘ"])
def test_typing_variants_normalise_to_the_same_number(typed):
    result = parse_id_number(typed, today=TODAY)
    assert result.ok, result.errors
    assert result.number == STANDARD_FEMALE
    assert result.original == typed  # what the user gave is kept for the record


def test_legacy_15_digit_number_is_upgraded_and_kept():
    result = parse_id_number("110105491231002", today=TODAY)
    assert result.ok
    assert result.number == STANDARD_FEMALE  # "19" inserted, check character computed
    assert result.upgraded_from == "110105491231002"
    assert result.birth_date == dt.date(1949, 12, 31)
    assert result.sex == "2"
    assert idn.upgrade_15("110105491231002") == STANDARD_FEMALE


def test_an_18_digit_number_is_not_marked_as_upgraded():
    assert parse_id_number(STANDARD_FEMALE, today=TODAY).upgraded_from == ""


def test_legacy_number_with_impossible_date_is_an_error():
    result = parse_id_number("110105990230001", today=TODAY)
    assert not result.ok
    assert result.error_codes() == (idn.IMPOSSIBLE_DATE,)


@pytest.mark.parametrize("number", ["110105199902300015",  # 30 February 1999
                                    "110105199913010019",  # month 13
                                    "110105187001010016"])  # nobody alive was born in 1870
def test_impossible_birth_date_is_an_error(number):
    number = number[:17] + _reference_check(number[:17])  # only the date is wrong
    result = parse_id_number(number, today=TODAY)
    assert not result.ok
    assert result.error_codes() == (idn.IMPOSSIBLE_DATE,)
    assert result.birth_date is None
    assert number[6:10] in result.errors[0].message


def test_future_birth_date_is_an_error():
    result = parse_id_number("320106203001010015", today=TODAY)
    assert result.error_codes() == (idn.FUTURE_DATE,)
    assert "2030-01-01" in result.errors[0].message
    # The same number is fine once that day has come.
    assert parse_id_number("320106203001010015", today=dt.date(2030, 1, 1)).ok


def test_wrong_check_character_is_an_error():
    result = parse_id_number("110105194912310021", today=TODAY)
    assert not result.ok
    assert result.error_codes() == (idn.CHECKSUM,)
    assert "110105194912310021" in result.errors[0].message


@pytest.mark.parametrize("value", ["1101051949123100", "11010519491231002X1", "1234"])
def test_wrong_length_is_an_error_that_says_the_length(value):
    result = parse_id_number(value, today=TODAY)
    assert result.error_codes() == (idn.LENGTH,)
    assert str(len(value)) in result.errors[0].message
    assert result.number == ""


@pytest.mark.parametrize("value,shown", [("11010519491231002Y", "Y"),
                                         ("110105-19491231-002X", "-"),
                                         ("11010519491231O02X", "O")])
def test_bad_characters_are_named(value, shown):
    result = parse_id_number(value, today=TODAY)
    assert result.error_codes() == (idn.CHARACTERS,)
    assert shown in result.errors[0].message


def test_x_in_the_middle_is_a_character_error():
    result = parse_id_number("1101051949X231002X", today=TODAY)
    assert result.error_codes() == (idn.CHARACTERS,)


@pytest.mark.parametrize("value", [None, "", "   ", "\u3000"])
def test_empty(value):
    result = parse_id_number(value, today=TODAY)
    assert result.error_codes() == (idn.EMPTY,)
    assert not result.ok


@pytest.mark.parametrize("value", ["1.10105E+17", "1.10105194912310E+17", "1.10105e17",
                                   "110105194912310000.0", 1.1010519491231002e17])
def test_spreadsheet_float_is_rejected_with_advice(value):
    result = parse_id_number(value, today=TODAY)
    assert result.error_codes() == (idn.FLOAT_MANGLED,)
    assert "text" in result.errors[0].message  # tells the user to format the column as text


def test_trailing_zeros_that_break_the_checksum_point_at_the_spreadsheet():
    # 110105194912310003 is valid; Excel keeps 15 significant digits and writes …000.
    result = parse_id_number("110105194912310000", today=TODAY)
    assert result.error_codes() == (idn.FLOAT_MANGLED,)


def test_an_integer_cell_is_read_exactly():
    assert parse_id_number(440524188001010014, today=TODAY).number == STANDARD_MALE


def test_unknown_region_is_only_a_warning():
    result = parse_id_number(UNKNOWN_REGION, today=TODAY)
    assert result.ok
    assert result.warning_codes() == (idn.UNKNOWN_REGION,)
    assert "330103" in result.warnings[0].message
    assert result.number == UNKNOWN_REGION


@pytest.mark.parametrize("number,kind,sex", [("810000199408230021", idn.KIND_HK, "2"),
                                             ("820000199001010037", idn.KIND_MACAU, "1"),
                                             ("830000198808080041", idn.KIND_TAIWAN, "2")])
def test_residence_permits_are_valid_and_say_what_they_are(number, kind, sex):
    result = parse_id_number(number, today=TODAY)
    assert result.ok
    assert result.kind == kind
    assert result.warnings == ()  # 81/82/83 are not "unknown regions"
    assert result.sex == sex
    assert kind in idn.KINDS


def test_leap_day_birth_and_age():
    result = parse_id_number(LEAP_DAY, today=TODAY)
    assert result.birth_date == dt.date(2000, 2, 29)
    assert result.age(dt.date(2001, 2, 28)) == 0
    assert result.age(dt.date(2001, 3, 1)) == 1
    assert result.age(dt.date(2026, 2, 28)) == 25


@pytest.mark.parametrize("on,age", [(dt.date(2026, 12, 30), 76), (dt.date(2026, 12, 31), 77),
                                    (dt.date(1949, 12, 31), 0)])
def test_age_on_a_date(on, age):
    assert parse_id_number(STANDARD_FEMALE, today=TODAY).age(on) == age


def test_convenience_functions():
    assert idn.normalise_id_number("11010519491231002x") == STANDARD_FEMALE
    assert idn.normalise_id_number("110105194912310021") == ""
    assert idn.is_valid_id_number(UNKNOWN_REGION)
    assert not idn.is_valid_id_number("1.10105E+17")


def test_messages_are_translated(monkeypatch):
    seen = []
    monkeypatch.setattr(idn, "_", lambda text: seen.append(text) or "«" + text + "»")
    result = parse_id_number("110105194912310021", today=TODAY)
    assert result.errors[0].message.startswith("«")
    assert any("{value}" in text for text in seen)  # named placeholders, filled after _()


def test_fast_enough_for_a_large_import():
    import time

    numbers = [STANDARD_FEMALE, STANDARD_MALE, UNKNOWN_REGION, LEAP_DAY] * 5000
    parse_id_number(STANDARD_FEMALE)  # the region table loads on first use
    start = time.perf_counter()
    for number in numbers:
        parse_id_number(number, today=TODAY)
    per_number = (time.perf_counter() - start) / len(numbers)
    # ~7 µs on the project's 2-core reference machine; 100k rows must stay around a second.
    assert per_number < 50e-6
