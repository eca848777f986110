"""The built-in templates' logic as a volunteer meets it: every expression parses, the form
checks find no error, skip logic and calculations behave at the door, and each template
exports to an XLSForm that pyxform converts (for an office that sends it to a KoboToolbox
or ODK user).

Uses the expression parser, the form checks, the filler, the XLSForm writer and the form
service of the same issue as they are."""

from __future__ import annotations

import datetime as dt

import pytest
from pyxform.xls2xform import convert

from desktop.visits.forms import checks, expressions, service, xlsform
from desktop.visits.forms.filling import FormFill
from desktop.visits.forms.model import Question
from desktop.visits.forms.problems import errors
from desktop.visits.forms.reading import form_definition, form_rows
from desktop.visits.forms.templates import TEMPLATES, template

IDS = [form.form_id for form in TEMPLATES]
TODAY = dt.date(2026, 12, 6)


def _expressions(form):
    for _path, node in form.walk():
        for column in ("relevant", "constraint", "calculation", "choice_filter",
                       "repeat_count", "default"):
            if getattr(node, column, ""):
                yield node.name, column, getattr(node, column)
        if isinstance(node, Question) and node.required not in ("", "yes"):
            yield node.name, "required", node.required


@pytest.mark.parametrize("form", TEMPLATES, ids=IDS)
def test_every_expression_parses(form):
    found = list(_expressions(form))
    assert found
    for name, column, text in found:
        try:
            expressions.parse(text)
        except expressions.ExpressionError as error:  # pragma: no cover - the failure
            pytest.fail(f"{form.form_id} {name} {column}: {text!r}: {error}")


@pytest.mark.parametrize("form", TEMPLATES, ids=IDS)
def test_the_form_checks_find_no_error(form):
    problems = checks.check_form(form)
    assert errors(problems) == [], problems
    assert problems == [], "a template should not warn either"


def _fill(form_id, members=()):
    return FormFill(template(form_id), household_members=members, today=TODAY)


def test_home_visit_asks_what_help_only_when_help_is_needed():
    fill = _fill("home_visit")
    assert not fill.state("help_areas").visible and not fill.state("help_detail").visible
    fill.set_answer("needs_help", "yes")
    assert fill.state("help_areas").visible and fill.state("help_areas").required
    fill.set_answer("needs_help", "no")
    assert not fill.state("help_areas").visible
    assert not fill.state("elderly_situation").visible
    fill.set_answer("has_elderly", "yes")
    assert fill.state("elderly_situation").visible


def test_home_visit_takes_a_floor_area_in_square_metres():
    fill = _fill("home_visit")
    fill.set_answer("floor_area", "0")
    assert fill.state("floor_area").problem == "请填写大于0、不超过1000的面积"
    fill.set_answer("floor_area", "89.5")
    assert fill.state("floor_area").problem == ""
    fill.set_answer("visit_time", "18:30")
    assert fill.state("visit_time").problem == ""


def test_home_visit_asks_a_follow_up_date_only_when_a_follow_up_is_wanted():
    fill = _fill("home_visit")
    assert not fill.state("follow_up_date").visible
    fill.set_answer("follow_up_wanted", "yes")
    state = fill.state("follow_up_date")
    assert state.visible and state.required
    fill.set_answer("follow_up_date", "2026-12-01")  # before today: refused
    assert fill.state("follow_up_date").problem == "回访日期不能早于今天"
    fill.set_answer("follow_up_date", "2026-12-20")
    assert fill.state("follow_up_date").problem == ""


def test_home_visit_starts_with_one_entry_per_household_member():
    members = ({"resident_id": "r1", "name": "张建国", "phone": "13812345678"},
               {"resident_id": "r2", "name": "李秀英", "phone": ""})
    fill = _fill("home_visit", members)
    assert fill.entry_count("members") == 2
    assert [fill.state("name", i).value for i in range(2)] == ["张建国", "李秀英"]
    assert fill.state("name", 0).read_only
    assert fill.state("phone", 0).value == "13812345678"
    fill.set_answer("still_lives_here", "no", entry=1)
    assert fill.state("phone", 0).visible and not fill.state("phone", 1).visible
    fill.set_answer("phone", "1381234567", entry=0)  # a digit short
    assert "11位手机号码" in fill.state("phone", 0).problem


def test_roster_check_starts_from_the_rosters_values():
    # As the roster hands a member over: its booleans too.
    members = ({"resident_id": "r1", "name": "王淑芬", "phone": "13900001111",
                "residence_status": "separated", "moved_out": False, "deceased": False},)
    fill = _fill("roster_check", members)
    assert fill.state("residence_status", 0).value == "separated"
    assert fill.state("moved_away", 0).value == ""  # asked at the door, not "False"
    assert fill.state("hukou_address", 0).visible  # 人在户不在: where is the hukou?
    fill.set_answer("moved_away", "yes", entry=0)
    assert fill.state("moved_out_on", 0).visible
    assert not fill.state("phone", 0).visible and not fill.state("died", 0).visible
    assert not fill.state("newcomers").visible
    fill.set_answer("has_newcomers", "yes")
    assert fill.state("newcomers").visible
    fill.add_entry("newcomers")
    assert fill.state("new_name", 0).visible and fill.state("new_name", 0).required


def test_opinion_wants_a_reason_only_from_those_who_disagree():
    fill = _fill("opinion")
    assert not fill.state("reason").visible
    fill.set_answer("opinion", "abstain")
    assert fill.state("reason").visible and not fill.state("reason").required
    fill.set_answer("opinion", "disagree")
    state = fill.state("reason")
    assert state.visible and state.required
    assert state.problem == "选择“不同意”时请填写理由"
    fill.set_answer("reason", "维修资金应先公示")
    assert fill.state("reason").problem == ""
    fill.set_answer("opinion", "agree")
    assert not fill.state("reason").visible and fill.state("preferred_option").visible


@pytest.mark.parametrize(("ratings", "parking", "score"), [
    ("55555", "", "100"),  # does not park: five areas count
    ("33333", "", "60"),
    ("33333", "1", "53"),  # (15 + 1) × 20 ÷ 6 = 53.3
    ("54321", "5", "67"),  # (15 + 5) × 20 ÷ 6 = 66.7
])
def test_property_rating_scores_out_of_100(ratings, parking, score):
    fill = _fill("property_rating")
    for name, value in zip(("security", "cleaning", "greening", "repairs",
                            "customer_service"), ratings, strict=True):
        fill.set_answer(name, value)
    fill.set_answer("parks_here", "yes" if parking else "no")
    if parking:
        fill.set_answer("parking", parking)
    assert fill.state("overall_score").value == score
    assert fill.state("problems").visible == ("1" in ratings + parking
                                              or "2" in ratings + parking)


def test_property_rating_shows_no_score_until_every_area_is_rated():
    fill = _fill("property_rating")
    assert fill.state("overall_score").value == ""
    for name in ("security", "cleaning", "greening", "repairs"):
        fill.set_answer(name, "5")
    assert fill.state("overall_score").value == ""  # not "NaN", not 4 areas of 5
    fill.set_answer("customer_service", "5")
    assert fill.state("overall_score").value == "100"


def test_property_rating_ignores_parking_for_those_who_do_not_park():
    fill = _fill("property_rating")
    assert not fill.state("parking").visible
    fill.set_answer("parks_here", "yes")
    fill.set_answer("parking", "1")
    fill.set_answer("parks_here", "no")  # changed their mind: the 1 no longer counts
    for name in ("security", "cleaning", "greening", "repairs", "customer_service"):
        fill.set_answer(name, "4")
    assert fill.state("overall_score").value == "80"


@pytest.mark.parametrize("form", TEMPLATES, ids=IDS)
def test_each_template_exports_to_an_xlsform_pyxform_converts(form, tmp_path):
    path = tmp_path / f"{form.form_id}.xlsx"
    xlsform.export_xlsform(form, path)
    result = convert(str(path))  # raises on an error
    assert "简体中文 (zh-Hans)" in result.xform and "English (en)" in result.xform
    back = xlsform.import_xlsform(path.read_bytes(), path.name).form
    assert back is not None
    assert [q.name for _p, q in back.questions() if not q.name.endswith("_other")] == \
        [q.name for _p, q in form.questions()]


def test_an_office_copies_each_template_into_its_forms(db):
    with db.unit_of_work("clerk") as uow:
        for form in TEMPLATES:
            service.copy_form(uow, form, form.title.get("简体中文 (zh-Hans)") + "（2026年12月）",
                              source="template")
    rows = form_rows(db)
    assert sorted(r.title for r in rows) == sorted(
        f.title.get("简体中文 (zh-Hans)") + "（2026年12月）" for f in TEMPLATES)
    assert {r.source for r in rows} == {"template"}
    opened = form_definition(db, next(r.id for r in rows if r.title.startswith("入户走访")))
    assert opened.questions() == template("home_visit").questions()
    assert opened.languages == template("home_visit").languages
