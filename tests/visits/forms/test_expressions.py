"""The expression evaluator against a table of expressions and the values ODK gives them:
empty answers, text against numbers, multi-selects, repeats, dates."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from desktop.visits.forms.expressions import (
    DictScope,
    as_answer,
    as_number,
    as_text,
    evaluate,
    parse,
    references,
    truthy,
)

TODAY = dt.date(2026, 12, 6)

ANSWERS = {
    "age": "42", "empty": "", "name": "王小明", "born": "1950-03-01", "visit": "2026-12-01",
    "needs": "meals repair", "one": "meals", "zero": "0", "price": "2.5", "word": "abc",
    "members": [{"m_name": "张三", "m_age": "70"}, {"m_name": "李四", "m_age": "8"},
                {"m_name": "王五", "m_age": ""}],
    "rooms": [{"area": "12"}, {"area": "20.5"}],
}
LABELS = {("needs", "meals"): "送餐", ("one", "meals"): "送餐"}


def scope(value="", entry=None):
    return DictScope(ANSWERS, value=value, entry=entry, today=TODAY, labels=LABELS)


NAN = float("nan")

TABLE = [
    # literals, references and "."
    ("42", 42.0), ("'text'", "text"), ('"双引号"', "双引号"), ("${name}", "王小明"),
    ("${empty}", ""), ("${never_asked}", ""), ("‘curly’", "curly"),
    # empty answers: compared with a number, false; not an error
    ("${empty} > 3", False), ("${empty} < 3", False), ("${empty} = 0", False),
    ("${empty} != 0", True), ("${empty} = ''", True), ("${empty} + 1", NAN),
    ("not(${empty})", True), ("string-length(${empty}) = 0", True),
    # text against numbers: as numbers when one side is a number
    ("${age} = 42", True), ("${age} = '42'", True), ("${age} = 42.0", True),
    ("${age} = '42.0'", False), ("${age} > 9", True), ("${age} > '9'", True),
    ("${word} > 3", False), ("${word} = 'abc'", True), ("${zero} = 0", True),
    ("${zero} and true()", True), ("${price} * 2", 5.0), ("'10' > '9'", True),
    # arithmetic
    ("1 + 2 * 3", 7.0), ("(1 + 2) * 3", 9.0), ("7 div 2", 3.5), ("7 mod 3", 1.0),
    ("-7 mod 3", -1.0), ("-${age}", -42.0), ("- -3", 3.0), ("1 div 0", math.inf),
    ("-1 div 0", -math.inf), ("0 div 0", NAN), ("5 mod 0", NAN), ("10 - 2 - 3", 5.0),
    # logic
    ("true() and false()", False), ("true() or false()", True),
    ("1 = 1 and 2 > 1 or 0", True), ("not(1 = 2)", True), ("boolean('x')", True),
    ("boolean(0)", False), ("boolean-from-string('true')", True),
    ("boolean-from-string('yes')", False), ("true() = 'false'", True),
    # select_multiple / select_one
    ("selected(${needs}, 'meals')", True), ("selected(${needs}, 'repair')", True),
    ("selected(${needs}, 'meal')", False), ("selected(${empty}, 'meals')", False),
    ("selected(${one}, 'meals')", True), ("count-selected(${needs})", 2.0),
    ("count-selected(${empty})", 0.0), ("selected-at(${needs}, 1)", "repair"),
    ("selected-at(${needs}, 5)", ""), ("selected-at(${needs}, 1 div 0)", ""),
    ("substr('hello', 1, 1 div 0)", "ello"), ("substr('hello', -1 div 0)", "hello"), ("jr:choice-name(${one}, '${one}')", "送餐"),
    ("jr:choice-name('meals', '${needs}')", "送餐"),
    # if / coalesce / concat and text functions
    ("if(${age} >= 18, 'adult', 'child')", "adult"), ("if(${empty}, 1, 2)", 2.0),
    ("coalesce(${empty}, 'none')", "none"), ("coalesce(${name}, 'none')", "王小明"),
    ("concat(${name}, ' ', ${age})", "王小明 42"), ("concat()", ""),
    ("concat('n=', 1.5, ' ', 3)", "n=1.5 3"), ("string(1 = 1)", "true"),
    ("string(3 * 2)", "6"), ("string(${price} * 3)", "7.5"), ("string-length(${name})", 3.0),
    ("string-length(${word})", 3.0), ("contains(${name}, '小')", True),
    ("starts-with(${name}, '王')", True), ("ends-with(${word}, 'bc')", True),
    ("substr('hello', 1, 3)", "el"), ("substr('hello', 2)", "llo"), ("substr('hello', -2)", "lo"),
    ("substring('hello', 2, 3)", "ell"), ("substring-before('a-b', '-')", "a"),
    ("substring-after('a-b', '-')", "b"), ("normalize-space('  a   b ')", "a b"),
    ("translate('bar', 'abc', 'ABC')", "BAr"), ("join(', ', ${m_name})", "张三, 李四, 王五"),
    ("regex('13812345678', '^1[3-9][0-9]{9}$')", True),
    ("regex('1381234567', '^1[3-9][0-9]{9}$')", False), ("regex('abc', 'b')", True),
    ("regex('abc', '[')", False),
    # numbers
    ("int(3.7)", 3.0), ("int(-3.7)", -3.0), ("int('')", NAN), ("number('4.5')", 4.5),
    ("number('abc')", NAN), ("number(' 12 ')", 12.0), ("round(2.5)", 3.0), ("round(-2.5)", -3.0),
    ("round(2.675, 2)", 2.68), ("round(1234.5, -2)", 1200.0), ("abs(-3)", 3.0),
    ("pow(2, 10)", 1024.0), ("sqrt(16)", 4.0), ("sqrt(-1)", NAN), ("floor(-1.5)", -2.0),
    ("ceiling(1.2)", 2.0), ("log10(1000)", 3.0), ("exp10(2)", 100.0), ("log(0)", NAN),
    ("cos(0)", 1.0), ("atan(1) * 4", math.pi), ("atan2(1, 1) * 4", math.pi), ("pi()", math.pi),
    # repeats: count/sum/min/max over the entries, position, indexed-repeat
    ("count(${members})", 3.0), ("count(${m_name})", 3.0), ("count(${rooms})", 2.0),
    ("count(${age})", 1.0), ("count(${no_such_repeat})", 0.0), ("count-non-empty(${m_age})", 2.0), ("sum(${area})", 32.5),
    ("sum(${m_age})", NAN), ("min(${area})", 12.0), ("max(${area})", 20.5),
    ("max(${area}, 30)", 30.0), ("min(3, 1, 2)", 1.0), ("max(${m_age})", NAN),
    ("${m_age} > 60", True), ("${m_age} > 80", False), ("${m_name} = '李四'", True),
    ("indexed-repeat(${m_name}, ${members}, 2)", "李四"),
    ("indexed-repeat(${m_name}, ${members}, 9)", ""),
    ("indexed-repeat(${m_name}, ${members}, position(..))", "张三"),
    # dates: days since 1970-01-01 in arithmetic and comparisons; today() is a date
    ("today()", "2026-12-06"), ("today() - ${visit}", 5.0), ("${visit} - ${born}", 28034.0),
    ("${visit} < today()", True), ("${visit} > '2026-11-30'", True), ("${empty} < today()", False),
    ("int((today() - ${born}) div 365.25)", 76.0), ("date('2026-12-06') = today()", True),
    ("date(0)", "1970-01-01"), ("date(${visit} + 30)", "2026-12-31"),
    ("decimal-date-time('1970-01-02')", 1.0), ("decimal-date-time('1970-01-01T12:00:00')", 0.5),
    ("decimal-time('06:00')", 0.25), ("format-date(${visit}, '%Y年%n月%e日')", "2026年12月1日"),
    ("format-date(${visit}, '%d/%m/%y %b %a')", "01/12/26 Dec Tue"),
    ("format-date(${empty}, '%Y')", ""), ("date('not a date')", ""), ("once(3)", 3.0),
]


@pytest.mark.parametrize("text, expected", TABLE, ids=[row[0] for row in TABLE])
def test_the_table(text, expected):
    value = evaluate(parse(text), scope())
    if isinstance(expected, float) and math.isnan(expected):
        assert isinstance(value, float) and math.isnan(value)
    elif isinstance(expected, float):
        assert value == pytest.approx(expected)
    else:
        assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize("text, value, expected", [
    (". >= 18", "20", True), (". >= 18", "", False), (". >= 18", "9", False),
    ("count-selected(.) <= 3", "a b c", True), ("count-selected(.) <= 3", "a b c d", False),
    ("regex(., '^[0-9]{11}$')", "13800000000", True), ("string-length(.) > 1", "王五", True),
    (". <= today()", "2027-01-01", False), (". <= today()", "2026-12-06", True),
    ("string()", "x", "x"), ("string-length()", "abcd", 4.0),
])
def test_dot_is_the_questions_own_value(text, value, expected):
    assert evaluate(parse(text), scope(value=value)) == expected


def test_inside_a_repeat_entry_names_mean_this_entry_and_position_counts_from_1():
    second = scope(entry=("members", 2))
    assert evaluate(parse("position(..)"), second) == 2.0
    assert evaluate(parse("${m_name}"), second) == "李四"
    assert evaluate(parse("concat(position(..), ':', ${m_name})"), second) == "2:李四"
    assert evaluate(parse("${m_age} < 18"), second) is True


def test_a_choice_filter_reads_the_choices_columns_by_bare_name():
    expr = parse("region = ${region}")
    answers = {"region": "north"}
    assert evaluate(expr, DictScope(answers, fields={"region": "north"})) is True
    assert evaluate(expr, DictScope(answers, fields={"region": "south"})) is False
    assert references(expr) == {"region"} and expr.fields == {"region"}


def test_references_name_every_question_used():
    expr = parse("if(${a} > 1, jr:choice-name(${b}, '${c}'), indexed-repeat(${d}, ${e}, 1))")
    assert references(expr) == {"a", "b", "c", "d", "e"}
    assert references(parse("1 + 2")) == frozenset()


def test_parse_is_cached_by_text():
    assert parse("${a} = 1") is parse("${a} = 1")


@pytest.mark.parametrize("value, text, number, is_true", [
    ("", "", NAN, False), ("0", "0", 0.0, True), (0.0, "0", 0.0, False), (2.5, "2.5", 2.5, True),
    (3.0, "3", 3.0, True), (True, "true", 1.0, True), (False, "false", 0.0, False),
    (["a", "b"], "a", NAN, True), ([], "", NAN, False), (NAN, "NaN", NAN, False),
    ("2026-12-06", "2026-12-06", 20793.0, True), ("1e3", "1e3", NAN, True),
])
def test_conversions(value, text, number, is_true):
    assert as_text(value) == text
    assert truthy(value) is is_true
    assert (math.isnan(as_number(value)) and math.isnan(number)) or as_number(value) == number


def test_a_calculation_that_is_not_a_number_is_stored_empty():
    assert as_answer(evaluate(parse("${empty} + 1"), scope())) == ""
    assert as_answer(evaluate(parse("1 div 0"), scope())) == ""
    assert as_answer(evaluate(parse("${age} * 2"), scope())) == "84"
