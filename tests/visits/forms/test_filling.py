"""Filling a form: skip logic, required and constraint messages, calculations, cascades,
"other, please specify", repeats counted by an answer and prefilled from the household."""

from __future__ import annotations

import datetime as dt

from desktop.visits.forms.filling import RESIDENT_ID, FormFill
from desktop.visits.forms.model import (
    CALCULATE,
    DATE,
    INTEGER,
    PREFILL_HOUSEHOLD_MEMBERS,
    SELECT_MULTIPLE,
    SELECT_ONE,
    TEXT,
    YES_NO,
    YES_NO_LIST,
    Choice,
    ChoiceList,
    Form,
    Group,
    Question,
    Text,
    plain,
)

ZH, EN = "简体中文 (zh-Hans)", "English (en)"


def both(zh: str, en: str) -> Text:
    return Text({ZH: zh, EN: en})


def choices(name: str, *names: str, **extra) -> ChoiceList:
    return ChoiceList(name, tuple(Choice(n, plain(n), extra.get(n, {})) for n in names))


def form(*children, lists=()) -> Form:
    return Form("t", plain("T"), tuple(children),
                {cl.name: cl for cl in (choices(YES_NO_LIST, "yes", "no"), *lists)},
                languages=(ZH, EN), default_language=ZH)


def chain_form() -> Form:
    return form(
        Question("helps", YES_NO),
        Question("what", TEXT, relevant="${helps} = 'yes'"),
        Question("how_often", INTEGER, relevant="${what} != ''"),
        Group("more", children=(Question("detail", TEXT),), relevant="${how_often} > 2"))


def test_hiding_a_question_hides_what_depends_on_it():
    fill = FormFill(chain_form())
    assert not fill.state("what").visible and not fill.state("how_often").visible
    fill.set_answer("helps", "yes")
    fill.set_answer("what", "买菜")
    fill.set_answer("how_often", "3")
    assert fill.state("how_often").visible and fill.state("detail").visible
    fill.set_answer("detail", "每周三次")

    change = fill.set_answer("helps", "no")
    # "what" hidden → seen as empty → "how_often" hidden → the group and its question too.
    assert [fill.state(n).visible for n in ("what", "how_often", "more", "detail")] == \
        [False, False, False, False]
    assert {key[1] for key in change.states} >= {"what", "how_often", "more", "detail"}
    assert fill.answers == {"helps": "no"}  # hidden answers are not saved…
    fill.set_answer("helps", "yes")  # …but come back when the question shows again
    assert fill.answers == {"helps": "yes", "what": "买菜", "how_often": "3",
                            "detail": "每周三次"}


def test_a_change_recomputes_only_what_depends_on_it():
    fill = FormFill(form(Question("a", INTEGER), Question("b", INTEGER),
                         Question("total", CALCULATE, calculation="${a} + ${b}"),
                         Question("unrelated", TEXT, relevant="${b} > 0")))
    fill.set_answer("b", "5")
    change = fill.set_answer("a", "2")
    assert {key[1] for key in change.states} == {"a", "total"}  # not "b", not "unrelated"
    assert fill.state("total").value == "7"
    assert fill.answers["total"] == "7"
    assert fill.set_answer("total", "99") == fill.set_answer("total", "99")  # read-only


def test_required_and_constraint_messages_in_the_forms_language():
    age = Question("age", INTEGER, required="yes",
                   required_message=both("请填写年龄", "Please give the age"),
                   constraint=". >= 0 and . <= 120",
                   constraint_message=both("年龄应在0到120之间", "Age must be 0 to 120"))
    plain_q = Question("phone", TEXT, required="${age} >= 60", constraint="string-length(.) = 11")
    fill = FormFill(form(age, plain_q))
    assert fill.state("age").problem == "请填写年龄"
    assert fill.state("age").required and not fill.state("phone").required
    fill.set_answer("age", "130")
    assert fill.state("age").problem == "年龄应在0到120之间"
    fill.set_language(EN)
    assert fill.state("age").problem == "Age must be 0 to 120"
    fill.set_answer("age", "abc")
    assert fill.state("age").problem == "Enter a whole number, e.g. 42."
    fill.set_answer("age", "70")
    assert fill.state("age").problem == ""
    # Required only when the expression holds; the default messages when the form has none.
    assert fill.state("phone").required
    assert fill.state("phone").problem == "This question needs an answer."
    fill.set_answer("phone", "123")
    assert fill.state("phone").problem == "This answer is not allowed here."
    fill.set_answer("phone", "13812345678")
    assert fill.problems() == []


def test_cascading_choices_follow_the_answer_they_filter_on():
    regions = choices("region", "east", "west")
    districts = ChoiceList("district", (
        Choice("e1", plain("东一"), {"region": "east"}),
        Choice("e2", plain("东二"), {"region": "east"}),
        Choice("w1", plain("西一"), {"region": "west"})))
    fill = FormFill(form(Question("region", SELECT_ONE, choice_list="region"),
                         Question("district", SELECT_ONE, choice_list="district",
                                  choice_filter="region=${region}"),
                         lists=(regions, districts)))
    assert fill.state("district").choices == ()
    fill.set_answer("region", "east")
    assert [c.name for c in fill.state("district").choices] == ["e1", "e2"]
    fill.set_answer("district", "e2")
    change = fill.set_answer("region", "west")
    assert ((), "district") in change.states
    assert [c.name for c in fill.state("district").choices] == ["w1"]
    assert fill.state("district").value == ""  # e2 is no longer offered
    assert "district" not in fill.answers


def test_other_please_specify():
    fill = FormFill(form(Question("heating", SELECT_MULTIPLE, choice_list="heat", or_other=True),
                         lists=(choices("heat", "gas", "electric"),)))
    assert [c.name for c in fill.state("heating").choices] == ["gas", "electric", "other"]
    fill.set_answer("heating", "gas other")
    assert fill.state("heating").other
    fill.set_answer("heating_other", "煤炉")
    assert fill.state("heating").other_text == "煤炉"
    assert fill.answers == {"heating": "gas other", "heating_other": "煤炉"}
    fill.set_answer("heating", "gas")
    assert not fill.state("heating").other and fill.answers == {"heating": "gas"}


def test_repeat_count_sets_the_number_of_entries():
    fill = FormFill(form(
        Question("children", INTEGER),
        Group("child", repeat=True, repeat_count="${children}",
              children=(Question("age", INTEGER, required="yes"),
                        Question("n", CALCULATE, calculation="position(..)"))),
        Question("ages", CALCULATE, calculation="sum(${age})")))
    assert fill.entry_count("child") == 0
    change = fill.set_answer("children", "3")
    assert ((), "child") in change.repeats and fill.entry_count("child") == 3
    assert [fill.state("n", i).value for i in range(3)] == ["1", "2", "3"]
    fill.set_answer("age", "4", entry=0)
    fill.set_answer("age", "9", entry=2)
    assert [key for key, _m in fill.problems()] == [((("child", 1),), "age")]
    fill.set_answer("age", "0", entry=1)
    assert fill.state("ages").value == "13"
    fill.set_answer("children", "2")
    assert fill.answers["child"] == [{"age": "4", "n": "1"}, {"age": "0", "n": "2"}]


def test_household_members_prefill_one_entry_each():
    members = ({"resident_id": "r1", "name": "张三明", "relationship": "户主",
                "lives_here": False},
               {"resident_id": "r2", "name": "李小红", "relationship": "配偶"})
    fill = FormFill(form(
        Group("members", repeat=True, prefill=PREFILL_HOUSEHOLD_MEMBERS, children=(
            Question("name", TEXT, read_only=True),
            Question("lives_here", YES_NO, required="yes"),
            Question("phone", TEXT, relevant="${lives_here} = 'yes'"))),
        Question("people", CALCULATE, calculation="count(${members})"),
        Question("first", CALCULATE, calculation="indexed-repeat(${name}, ${members}, 1)")),
        household_members=members, today=dt.date(2026, 12, 6))
    assert fill.entry_count("members") == 2
    assert [fill.state("name", i).value for i in range(2)] == ["张三明", "李小红"]
    assert fill.state("people").value == "2" and fill.state("first").value == "张三明"
    assert fill.state("lives_here", 0).value == ""  # the roster's False is not an answer
    change = fill.set_answer("lives_here", "yes", entry=1)
    # Only the second member's questions were recomputed.
    assert all(key[0] in ((), (("members", 1),)) for key in change.states)
    assert fill.state("phone", 1).visible and not fill.state("phone", 0).visible
    assert fill.answers["members"][1] == {RESIDENT_ID: "r2", "name": "李小红",
                                          "lives_here": "yes"}
    fill.add_entry("members", data={"name": "王小明"})
    assert fill.state("people").value == "3"
    fill.remove_entry("members", 0)
    assert [e["name"] for e in fill.answers["members"]] == ["李小红", "王小明"]
    # A fill resumed from saved answers keeps its entries, not the roster's.
    again = FormFill(fill.form, fill.answers, household_members=members)
    assert again.entry_count("members") == 2 and again.answers == fill.answers
    emptied = FormFill(fill.form, {**fill.answers, "members": []}, household_members=members)
    assert emptied.entry_count("members") == 0  # everyone removed stays removed


def test_labels_show_the_values_they_name():
    members = ({"resident_id": "r1", "name": "张三明"},)
    fill = FormFill(form(
        Question("age", INTEGER),
        Question("says", TEXT, label=both("${age}岁，对吗？", "Aged ${age}, right?"),
                 hint=both("", "Born around ${born}")),
        Question("born", CALCULATE, calculation="2026 - ${age}"),
        Group("members", repeat=True, prefill=PREFILL_HOUSEHOLD_MEMBERS, children=(
            Question("name", TEXT),
            Question("here", YES_NO, label=both("${name}还住这里吗？",
                                                "Does ${name} still live here?"))))),
        household_members=members)
    assert fill.state("here", 0).label == "张三明还住这里吗？"
    change = fill.set_answer("age", "70")
    assert ((), "says") in change.states
    assert fill.state("says").label == "70岁，对吗？"
    fill.set_language(EN)
    assert fill.state("says").label == "Aged 70, right?"
    assert fill.state("says").hint == "Born around 1956"
    fill.set_answer("name", "张三", entry=0)
    assert fill.state("here", 0).label == "Does 张三 still live here?"


def test_defaults_fill_a_new_form_and_a_new_entry_only():
    the_form = form(Question("visited_on", DATE, default="today()"),
                    Question("city", TEXT, default="杭州"),
                    Group("people", repeat=True, children=(
                        Question("status", TEXT, default="常住"),
                        Group("phones", repeat=True, children=(
                            Question("number", TEXT),)),
                        Question("phone_count", CALCULATE, calculation="count(${number})"))))
    fill = FormFill(the_form, today=dt.date(2026, 12, 6))
    assert fill.answers == {"visited_on": "2026-12-06", "city": "杭州", "people": []}
    fill.add_entry("people")
    assert fill.answers["people"] == [{"status": "常住", "phones": [], "phone_count": "0"}]
    # A repeat inside a repeat: each person's phones are their own.
    fill.add_entry("phones", parent=(("people", 0),))
    fill.add_entry("phones", parent=(("people", 0),))
    fill.set_answer("number", "13812345678", entry=(("people", 0), ("phones", 1)))
    assert fill.state("phone_count", 0).value == "2"
    assert fill.answers["people"][0]["phones"] == [{}, {"number": "13812345678"}]
    # Resumed from saved answers: a cleared default stays cleared.
    resumed = FormFill(the_form, {"city": ""}, today=dt.date(2026, 12, 6))
    assert resumed.answers == {"people": []}


def test_a_section_named_like_the_question_inside_it():
    # Real forms (IFRC's site assessment) wrap each question in a field-list group of the
    # same name: ${permission} and the answer mean the question, the section still hides.
    fill = FormFill(form(
        Question("show", YES_NO),
        Group("permission", relevant="${show} = 'yes'", children=(
            Question("permission", YES_NO),)),
        Question("why", TEXT, relevant="${permission} = 'no'")))
    assert not fill.state("permission").visible
    fill.set_answer("show", "yes")
    fill.set_answer("permission", "no")
    assert fill.state("permission").visible and fill.state("why").visible
    assert fill.answers == {"show": "yes", "permission": "no"}
    fill.set_answer("show", "no")  # the section hides its question, and what depends on it
    assert not fill.state("permission").visible and not fill.state("why").visible


def test_a_calculation_that_is_not_a_number_is_stored_empty_not_as_nan():
    """ODK Collect stores NaN and infinities as an empty answer; so do we (a score over
    unanswered questions, a division by zero)."""
    from desktop.visits.forms.model import CALCULATE, INTEGER, Form, Question, plain

    form = Form("f", plain("f"), children=(
        Question("a", INTEGER, plain("a")),
        Question("ratio", CALCULATE, plain("ratio"), calculation="10 div ${a}"),
        Question("half", CALCULATE, plain("half"), calculation="number(${a}) div 2"),
    ))
    fill = FormFill(form)
    fill.set_answer("a", "0")
    assert fill.answers.get("ratio", "") == ""  # 10 div 0 is infinity
    fill.set_answer("a", "")
    assert fill.answers.get("half", "") == ""  # number('') is NaN
    fill.set_answer("a", "4")
    assert fill.answers["ratio"] == "2.5" and fill.answers["half"] == "2"
