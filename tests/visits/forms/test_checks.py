"""check_form: what is wrong with a form is found when it is loaded, said by row, column and
question; a sound form (and every real XLSForm pyxform accepts) passes."""

from __future__ import annotations

import pytest

from desktop.core import i18n
from desktop.visits.forms import model as m
from desktop.visits.forms.checks import check_form
from desktop.visits.forms.problems import ERROR, WARNING
from tests.conftest import SHARED_EXTERNAL

CHOICES = {
    "yn": m.ChoiceList("yn", (m.Choice("yes"), m.Choice("no"))),
    "needs": m.ChoiceList("needs", (m.Choice("meals"), m.Choice("repair"), m.Choice("visits"))),
    "district": m.ChoiceList("district", (m.Choice("d1", extra={"region": "north"}),)),
}


def q(name, type_=m.TEXT, row=None, **fields):
    return m.Question(name, type_, label=m.plain(name), row=row, **fields)


def form(*children, choices=CHOICES):
    return m.Form("f", m.plain("表"), children=tuple(children), choices=choices)


def sound_form():
    return form(
        q("age", m.INTEGER, 2, constraint=". >= 0 and . < 130"),
        q("lives_alone", m.SELECT_ONE, 3, choice_list="yn", relevant="${age} >= 60"),
        q("needs", m.SELECT_MULTIPLE, 4, choice_list="needs",
          relevant="${lives_alone} = 'yes'", constraint="count-selected(.) <= 2"),
        q("phone", m.TEXT, 5, constraint="regex(., '^1[3-9][0-9]{9}$')",
          required="${lives_alone} = 'yes'"),
        q("region", m.TEXT, 6), q("district", m.SELECT_ONE, 7, choice_list="district",
                                  choice_filter="region = ${region}"),
        q("born", m.DATE, 8, constraint=". <= today()"),
        q("years", m.CALCULATE, 9, calculation="int((today() - ${born}) div 365.25)"),
        m.Group("members", row=10, repeat=True, repeat_count="${size}", children=(
            q("m_name", m.TEXT, 11),
            q("m_no", m.CALCULATE, 12, calculation="position(..)"),
        )),
        q("size", m.INTEGER, 14, default="2"),
        q("count", m.CALCULATE, 15, calculation="count(${members})"),
        q("first", m.CALCULATE, 16, calculation="indexed-repeat(${m_name}, ${members}, 1)"),
    )


def test_a_sound_form_has_no_problems():
    assert check_form(sound_form()) == []


@pytest.mark.parametrize("column, text, words", [
    ("relevant", "${age} >", "ends too early"),
    ("constraint", ". >= 0 and", "ends too early"),
    ("calculation", "foo(${age})", "no function called foo()"),
    ("required", "${age} > ＝ 3", "full-width"),
    ("choice_filter", "region = ${region", "${name}"),
    ("default", "concat(${age}", "never closed"),
])
def test_an_expression_that_does_not_parse_is_an_error_by_row_and_column(column, text, words):
    problems = check_form(form(q("age", m.INTEGER, 2), q("x", m.TEXT, 7, **{column: text})))
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.severity, problem.row, problem.column, problem.question) == (
        ERROR, 7, column, "x")
    assert words in problem.message and problem.message.startswith(f"{column} of x:")


def test_a_group_relevance_and_repeat_count_are_checked_too():
    problems = check_form(form(m.Group("g", row=3, relevant="${a} = ", repeat=True,
                                       repeat_count="${n} +", children=(q("a", row=4),))))
    assert {(p.column, p.row, p.question) for p in problems} == {
        ("relevant", 3, "g"), ("repeat_count", 3, "g")}


def test_a_reference_to_no_question_is_an_error():
    problems = check_form(form(q("age", m.INTEGER, 2),
                               q("x", m.TEXT, 3, relevant="${agee} > 3")))
    assert [(p.severity, p.row, p.column) for p in problems] == [(ERROR, 3, "relevant")]
    assert "${agee}" in problems[0].message


def test_a_circular_calculation_names_the_circle():
    problems = check_form(form(
        q("a", m.CALCULATE, 2, calculation="${b} + 1"),
        q("b", m.CALCULATE, 3, calculation="${c} * 2"),
        q("c", m.CALCULATE, 4, calculation="${a}"),
        q("d", m.CALCULATE, 5, calculation="${a}")))  # uses the circle, is not in it
    assert len(problems) == 1
    assert (problems[0].row, problems[0].column, problems[0].question) == (2, "calculation", "a")
    assert "a → b → c → a" in problems[0].message


def test_a_relevance_on_itself_is_a_circle_and_a_group_shown_by_its_own_question_a_warning():
    problems = check_form(form(
        q("x", m.TEXT, 2, relevant="${x} = ''"),
        m.Group("g", row=3, relevant="${inner} = 'yes'", children=(q("inner", row=4),))))
    found = {p.question: p for p in problems}
    assert len(problems) == 2
    assert (found["x"].severity, found["x"].row, found["x"].column) == (ERROR, 2, "relevant")
    assert "x → x" in found["x"].message
    assert (found["g"].severity, found["g"].row, found["g"].column) == (WARNING, 3, "relevant")
    assert "inner" in found["g"].message


def test_a_group_named_like_its_question_is_not_a_circle():
    # IFRC's field-list groups: security/not_fenced/not_fenced.
    checked = form(q("close", m.SELECT_ONE, 2, choice_list="yn"),
                   m.Group("not_fenced", row=3, relevant="selected(${close}, 'no')",
                           children=(q("not_fenced", m.SELECT_ONE, 4, choice_list="yn"),)))
    assert check_form(checked) == []


def test_a_regex_that_does_not_compile_is_an_error():
    problems = check_form(form(q("phone", m.TEXT, 5, constraint="regex(., '^1[3-9')")))
    assert [(p.severity, p.row, p.column) for p in problems] == [(ERROR, 5, "constraint")]
    assert "^1[3-9" in problems[0].message


def test_a_select_without_its_list_is_an_error():
    problems = check_form(form(q("fruit", m.SELECT_ONE, 6, choice_list="fruits")))
    assert [(p.severity, p.row, p.column, p.question) for p in problems] == [
        (ERROR, 6, "type", "fruit")]
    assert "fruits" in problems[0].message


def test_a_duplicate_name_in_one_scope_is_an_error_but_not_across_groups():
    problems = check_form(form(q("a", row=2), q("a", row=3),
                               m.Group("g", row=4, children=(q("b", row=5), q("b", row=6)))))
    assert [(p.row, p.column, p.question) for p in problems] == [(3, "name", "a"),
                                                                 (6, "name", "b")]
    assert "g" in problems[1].message


@pytest.mark.parametrize("type_, constraint", [
    (m.INTEGER, ". > 120 and . < 18"), (m.DECIMAL, ". < 0 and . > 0"),
    (m.TEXT, "string-length(.) > 5 and string-length(.) < 3"),
    (m.DATE, ". > today() and . < '2000-01-01'"),
    (m.SELECT_MULTIPLE, "count-selected(.) > 3"),
])
def test_a_constraint_no_answer_can_meet_is_a_warning(type_, constraint):
    problems = check_form(form(q("x", type_, 9, choice_list="needs", constraint=constraint)))
    assert [(p.severity, p.row, p.column) for p in problems] == [(WARNING, 9, "constraint")]


@pytest.mark.parametrize("type_, constraint", [
    (m.INTEGER, ". > 17"), (m.INTEGER, ". = 42"), (m.DECIMAL, ". > 0.1 and . < 0.9"),
    (m.TEXT, "string-length(.) = 11"), (m.TEXT, ". != 'none'"), (m.TEXT, "regex(., '^x{40}$')"),
    (m.DATE, ". <= today()"), (m.DATE, ". > '2030-01-01'"), (m.SELECT_MULTIPLE,
                                                             "count-selected(.) = 3"),
    (m.SELECT_MULTIPLE, "not(selected(., 'meals') and selected(., 'repair'))"),
    (m.INTEGER, ". > ${other}"),
])
def test_a_constraint_some_answer_meets_is_not_flagged(type_, constraint):
    checked = form(q("other", m.INTEGER, 2),
                   q("x", type_, 9, choice_list="needs", constraint=constraint))
    assert check_form(checked) == []


def test_messages_are_in_the_users_language():
    i18n.set_language("zh_Hans")
    problems = check_form(form(q("fruit", m.SELECT_ONE, 6, choice_list="fruits")))
    assert problems[0].message == i18n._(
        "The choice list {list} of {question} is not on the choices sheet."
    ).format(list="fruits", question="fruit")


def test_two_thousand_questions_are_checked_without_a_false_problem():
    children = [q("q0", m.INTEGER, 2, constraint=". >= 0")]
    for i in range(1, 2000):
        children.append(q(f"q{i}", m.INTEGER if i % 2 else m.SELECT_ONE, i + 2, choice_list="yn",
                          relevant=f"${{q{i - 1}}} != '' and ${{q{max(i - 7, 0)}}} < {i}",
                          constraint=f". >= {i % 5}" if i % 2 else "",
                          calculation=""))
    assert check_form(form(*children)) == []


def test_a_long_dependency_chain_is_no_circle_and_does_not_overflow():
    chain = [q("c0", m.CALCULATE, 2, calculation="1")] + [
        q(f"c{i}", m.CALCULATE, i + 2, calculation=f"${{c{i - 1}}} + 1") for i in range(1, 3000)]
    assert check_form(form(*chain)) == []
    looped = list(chain)
    looped[0] = q("c0", m.CALCULATE, 2, calculation="${c2999}")
    problems = check_form(form(*looped))
    assert len(problems) == 1 and problems[0].question == "c0"
    assert problems[0].message.count("→") == 3000


FORMS = SHARED_EXTERNAL / "forms"


def test_the_real_forms_pyxform_accepts_pass_the_checks():
    from desktop.visits.forms.xlsform import import_xlsform

    checked = 0
    for path in sorted(FORMS.glob("*.xls*")):
        result = import_xlsform(path.read_bytes(), path.name)
        if result.form is None:
            continue  # refused by pyxform (the duplicate label header)
        checked += 1
        assert [p for p in check_form(result.form) if p.severity == ERROR] == [], path.name
    assert checked == 8


def test_odk_that_linli_does_not_run_is_a_warning_and_said_once_for_unsupported_questions():
    lookup = "jr:itext(instance('seclass')/root/item[name = ${a}]/itext_id)"
    problems = check_form(form(
        q("a", m.TEXT, 2), q("shown", m.TEXT, 3, calculation=lookup),
        q("marked", m.UNSUPPORTED, 4, calculation=lookup, unsupported_reason="instance()")))
    assert [(p.severity, p.row, p.column) for p in problems] == [(WARNING, 3, "calculation")]
    assert "jr:itext() is not supported" in problems[0].message


def test_a_bare_word_is_a_warning_but_odks_false_and_null_are_not():
    problems = check_form(form(q("a", m.TEXT, 1), q("d", m.TEXT, 2, relevant="${a} = yes"),
                               q("b", m.TEXT, 3, relevant="FALSE"),
                               q("c", m.CALCULATE, 4, calculation="if(${a} = '', null, 1)")))
    assert [(p.severity, p.row, p.column) for p in problems] == [(WARNING, 2, "relevant")]
    assert "${yes}" in problems[0].message and "'yes'" in problems[0].message
