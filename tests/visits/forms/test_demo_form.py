"""The XLSForm the demo community imports (resources/forms/加装电梯意愿调查.xlsx): pyxform
converts it, it carries 简体, 繁體 and English on every row, it is what its script writes,
it imports without a problem and its skip logic works."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from openpyxl import load_workbook
from pyxform.xls2xform import convert

from desktop.core.paths import resources_dir
from desktop.visits.forms import checks, xlsform
from desktop.visits.forms.filling import FormFill
from tests.visits.forms.test_templates import simplified_in, traditional_in

ROOT = Path(__file__).resolve().parents[3]
DEMO = resources_dir() / "forms" / "加装电梯意愿调查.xlsx"
LANGS = ("简体中文 (zh-Hans)", "繁體中文 (zh-Hant)", "English (en)")


def _sheet(book, name):
    rows = [[cell for cell in row] for row in book[name].iter_rows(values_only=True)]
    return rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_pyxform_converts_it_without_errors():
    result = convert(str(DEMO))  # raises PyXFormError on any error
    assert "<h:title>加装电梯意愿调查</h:title>" in result.xform
    for language in LANGS:
        assert f'lang="{language}"' in result.xform
    # Its one warning: pyxform reads "(zh-Hans)" as one unknown subtag.
    assert all("language declarations" in w for w in result.warnings), result.warnings


def test_every_row_and_choice_in_three_languages():
    book = load_workbook(DEMO, read_only=True)
    header, survey = _sheet(book, "survey")
    for column in ("label", "hint", "required_message", "constraint_message"):
        assert [f"{column}::{lang}" for lang in LANGS] == \
            [h for h in header if h.startswith(f"{column}::")]
    for number, row in enumerate(survey, start=2):
        if row["type"] in ("end_group", "calculate"):
            continue
        for column in ("label", "hint", "required_message", "constraint_message"):
            texts = [row[f"{column}::{lang}"] for lang in LANGS]
            assert all(texts) or not any(texts), f"row {number} {column}: {texts}"
        assert all(row[f"label::{lang}"] for lang in LANGS), f"row {number}"
        for column in ("label", "hint", "required_message", "constraint_message"):
            hans, hant = row[f"{column}::{LANGS[0]}"], row[f"{column}::{LANGS[1]}"]
            assert not traditional_in(hans or ""), f"row {number} {column}: {hans}"
            assert not simplified_in(hant or ""), f"row {number} {column}: {hant}"
    _header, choices = _sheet(book, "choices")
    assert all(all(c[f"label::{lang}"] for lang in LANGS) for c in choices)
    assert not any(traditional_in(c[f"label::{LANGS[0]}"]) or simplified_in(
        c[f"label::{LANGS[1]}"]) for c in choices)
    _header, settings = _sheet(book, "settings")
    assert settings == [{"form_title": "加装电梯意愿调查", "form_id": "lift_retrofit",
                         "version": "2026120601", "default_language": LANGS[0]}]
    assert any(r["relevant"] for r in survey) and any(r["constraint"] for r in survey)


def test_it_is_what_its_script_writes(tmp_path):
    spec = importlib.util.spec_from_file_location(
        "make_demo_form", ROOT / "packaging" / "make_demo_form.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    fresh = load_workbook(script.build(tmp_path / "demo.xlsx"), read_only=True)
    shipped = load_workbook(DEMO, read_only=True)
    assert fresh.sheetnames == shipped.sheetnames == ["survey", "choices", "settings"]
    for name in fresh.sheetnames:
        assert list(fresh[name].iter_rows(values_only=True)) == \
            list(shipped[name].iter_rows(values_only=True)), name


def test_the_app_imports_it_without_a_problem():
    result = xlsform.import_xlsform(DEMO.read_bytes(), DEMO.name)
    assert result.problems == [] and result.form is not None
    form = result.form
    assert form.form_id == "lift_retrofit" and form.languages == LANGS
    assert form.default_language == LANGS[0]
    summary = xlsform.report(result)["form"]
    assert (summary["questions"], summary["notes"], summary["groups"],
            summary["choice_lists"]) == (16, 1, 2, 5)
    assert form.question("share_cost").relevant.startswith("${opinion} = 'agree'")
    assert checks.check_form(form) == []


def test_its_skip_logic_at_the_door():
    form = xlsform.import_xlsform(DEMO.read_bytes(), DEMO.name).form
    fill = FormFill(form)
    fill.set_answer("role", "owner")
    fill.set_answer("opinion", "agree")
    assert fill.state("low_floor").value == ""  # no floor yet: neither low nor high
    assert not fill.state("share_cost").visible
    fill.set_answer("floor", "5")
    fill.set_answer("opinion", "agree")
    assert fill.state("share_cost").visible and not fill.state("compensation").visible
    fill.set_answer("share_cost", "depends")
    fill.set_answer("max_share", "0")
    assert fill.state("max_share").problem == "请填写1到300000之间的金额"
    # A second-floor household that disagrees: no cost share asked, its claim asked.
    fill.set_answer("floor", "2")
    fill.set_answer("opinion", "disagree")
    assert fill.state("low_floor").value == "yes"
    assert not fill.state("share_cost").visible and fill.state("compensation").visible
    fill.set_answer("concerns", "light none")
    assert fill.state("concerns").problem == "选择没有顾虑时，不能再选其他项"
    fill.set_answer("concerns", "light other")
    assert fill.state("concerns_other").visible and fill.state("concerns_other").required
    fill.set_answer("floor", "12")
    assert fill.state("floor").problem == "楼层应在1到9之间"
