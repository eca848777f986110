"""XLSForms made inside the tests (no public Chinese field form exists, and hostile files stay
small and generated): Chinese language columns, the logic columns, and each kind of bad
input giving a problem with its row and column instead of an exception."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from desktop.visits.forms import model
from desktop.visits.forms.problems import ERROR, WARNING
from desktop.visits.forms.xlsform import import_xlsform, report


def xlsx(survey, choices=None, settings=None) -> bytes:
    """A real .xlsx: each sheet a list of rows, the first row its header."""
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    for row in survey:
        sheet.append(row)
    for title, rows in (("choices", choices), ("settings", settings)):
        if rows is not None:
            extra = book.create_sheet(title)
            for row in rows:
                extra.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


ZH, EN = "label::中文 (zh)", "label::English (en)"
CHINESE = {
    "survey": [
        ["type", "name", ZH, EN, "hint::中文 (zh)", "required", "relevant", "constraint",
         "constraint_message::中文 (zh)", "required_message::中文 (zh)", "default",
         "read_only", "appearance", "calculation", "choice_filter", "repeat_count"],
        ["select_one yes_no", "lives_alone", "是否独居？", "Lives alone?", "请如实回答", "yes"],
        ["integer", "age", "年龄", "Age", None, "TRUE", None, ". >= 0 and . < 130",
         "年龄不对", "请填写年龄"],
        ["select_multiple needs or_other", "needs", "需要哪些帮助？", "Needs", None,
         "${age} > 60", "${lives_alone} = \u2018yes\u2019"],
        ["select_one street", "street", "街道", "Street"],
        ["select_one building", "building", "楼栋", "Building", None, None, None, None,
         None, None, None, None, "minimal", None, "street=${street}"],
        ["calculate", "is_elderly", None, None, None, None, None, None, None, None, None,
         None, None, "if(${age} >= 60, 1, 0)"],
        ["text", "note_text", "备注", "Notes", None, "no", None, None, None, None, "无", "yes"],
        ["begin_repeat", "members", "家庭成员", "Members", None, None, None, None, None, None,
         None, None, None, None, None, "3"],
        ["text", "member_name", "姓名", "Name"],
        ["end_repeat"],
        ["geopoint", "where", "位置", "Location"],
        ["start", "start"],
    ],
    "choices": [
        ["list_name", "name", ZH, EN, "street"],
        ["yes_no", "yes", "是", "Yes"], ["yes_no", "no", "否", "No"],
        ["needs", "meals", "送餐", "Meals"], ["needs", "doctor", "就医", "Doctor"],
        ["street", "s1", "东街", "East"], ["street", "s2", "西街", "West"],
        ["building", "b1", "1号楼", "No. 1", "s1"], ["building", "b2", "2号楼", "No. 2", "s2"],
    ],
    "settings": [["form_title", "form_id", "version", "default_language"],
              ["入户走访", "visit", "3", "中文 (zh)"]],
}


def test_chinese_language_columns_and_logic_columns():
    result = import_xlsform(xlsx(**CHINESE), "入户走访.xlsx")
    form = result.form
    assert form.languages[:2] == ("中文 (zh)", "English (en)")
    assert form.default_language == "中文 (zh)"
    assert model.language_for(form, "zh_Hans") == "中文 (zh)"
    assert form.title.get() == "入户走访" and form.form_id == "visit" and form.version == "3"
    alone = form.question("lives_alone")
    assert alone.type == model.SELECT_ONE and alone.choice_list == "yes_no"
    assert alone.label.get("中文 (zh)") == "是否独居？" and alone.hint.get("中文 (zh)") == "请如实回答"
    assert form.choice_list("yes_no").choice("no").label.get("中文 (zh)") == "否"
    age = form.question("age")
    assert (age.required, age.constraint) == ("yes", ". >= 0 and . < 130")
    assert age.constraint_message.get("中文 (zh)") == "年龄不对"
    assert age.required_message.get("中文 (zh)") == "请填写年龄"
    needs = form.question("needs")
    assert needs.or_other and needs.required == "${age} > 60"
    assert needs.relevant == "${lives_alone} = 'yes'"  # curly quotes straightened by pyxform
    assert form.choice_list("needs").choice("other") is not None
    assert form.question("needs_other") is None
    building = form.question("building")
    assert building.choice_filter == "street=${street}" and building.appearance == "minimal"
    assert form.choice_list("building").choice("b2").extra == {"street": "s2"}
    assert form.question("is_elderly").calculation == "if(${age} >= 60, 1, 0)"
    notes = form.question("note_text")
    assert (notes.required, notes.default, notes.read_only) == ("", "无", True)
    members = dict(form.walk())["/members"]
    assert members.repeat and members.repeat_count == "3"
    assert dict(form.walk())["/members/member_name"].row == 10
    where = form.question("where")
    assert where.type == model.UNSUPPORTED and where.row == 12
    assert [(p.row, p.column, p.severity) for p in result.problems
            if p.question == "where"] == [(12, "type", WARNING)]
    assert form.question("start").type == model.METADATA
    assert result.rows["age"] == 3

    data = report(result)
    assert data["form"]["questions"] == 10 and data["form"]["repeats"] == 1
    assert data["form"]["by_type"]["geopoint"] == 1
    row = next(q for q in data["questions"] if q["name"] == "needs")
    assert row == {"row": 4, "name": "needs", "path": "/needs", "type": "select_multiple",
                   "relevant": "${lives_alone} = 'yes'", "constraint": None,
                   "required": True, "supported": True}


def _refused(result):
    assert result.form is None
    errors = [p for p in result.problems if p.severity == ERROR]
    assert errors, result.problems
    return errors[0]


def test_a_list_missing_from_choices_names_its_row():
    data = xlsx([["type", "name", "label"], ["text", "a", "A"], ["select_one nope", "b", "B"]],
                [["list_name", "name", "label"], ["other_list", "x", "X"]])
    problem = _refused(import_xlsform(data, "f.xlsx"))
    assert (problem.row, problem.column) == (3, "type")
    assert "nope" in problem.message and "choices" in problem.message


def test_a_duplicate_name_names_the_second_row():
    data = xlsx([["type", "name", "label"], ["text", "a", "A"], ["integer", "a", "B"]])
    problem = _refused(import_xlsform(data, "f.xlsx"))
    assert (problem.row, problem.column) == (3, "name")
    assert "\u201ca\u201d" in problem.message and "twice" in problem.message


def test_an_unknown_type_is_refused_with_the_row_that_carries_it():
    data = xlsx([["type", "name", "label"], ["text", "a", "A"], ["txet", "b", "B"]])
    problem = _refused(import_xlsform(data, "f.xlsx"))
    assert (problem.row, problem.column) == (3, "type") and "txet" in problem.message


def test_other_pyxform_reasons_pass_through_verbatim_with_their_row():
    data = xlsx([["type", "name", "label"], ["begin_group", "g", "G"], ["text", "a", "A"]])
    problem = _refused(import_xlsform(data, "f.xlsx"))
    assert problem.row == 2 and "end_group" in problem.message


@pytest.mark.parametrize("data", [
    b"name,age\nZhang,70\n",  # a CSV named .xlsx
    b"",
    b"PK\x03\x04 not really a zip",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 not really an xls",
    "入户走访".encode(),
])
def test_a_file_that_is_not_a_spreadsheet_is_a_problem(data):
    result = import_xlsform(data, "问卷.xlsx")
    problem = _refused(result)
    assert "问卷.xlsx" in problem.message
    assert report(result)["form"] is None


def test_an_empty_survey_sheet_is_a_problem():
    problem = _refused(import_xlsform(xlsx([["type", "name", "label"]]), "f.xlsx"))
    assert "survey" in problem.message
    problem = _refused(import_xlsform(xlsx([]), "f.xlsx"))
    assert "survey" in problem.message


def test_a_workbook_without_a_survey_sheet_is_a_problem():
    book = Workbook()
    book.active.title = "questions"
    book.create_sheet("notes")
    out = io.BytesIO()
    book.save(out)
    problem = _refused(import_xlsform(out.getvalue(), "f.xlsx"))
    assert "survey" in problem.message


def test_a_10_mb_label_is_refused_by_row_and_column():
    data = xlsx([["type", "name", "label"], ["text", "a", "A"],
                 ["text", "b", "x" * 10_000_000]])
    problem = _refused(import_xlsform(data, "f.xlsx"))
    assert (problem.row, problem.column) == (3, "label")


def test_2000_questions_are_refused_at_the_first_over_the_limit():
    rows = [["type", "name", "label"]] + [["integer", f"q{i}", f"Q{i}"] for i in range(2000)]
    problem = _refused(import_xlsform(xlsx(rows), "f.xlsx"))
    assert (problem.row, problem.column) == (1002, "type") and "1000" in problem.message


def test_the_end_metadata_row_is_a_question_not_the_end_of_a_group():
    data = xlsx([["type", "name", "label"], ["start", "start"], ["end", "end"],
                 ["begin_group", "g", "G"], ["text", "a", "A"], ["end_group"]])
    result = import_xlsform(data, "f.xlsx")
    assert result.form.question("end").type == model.METADATA
    assert result.form.question("end").row == 3
    assert report(result)["form"]["questions"] == 3


def test_yes_no_lists_stay_selects():
    data = xlsx([["type", "name", "label"], ["select_one yes_no", "a", "A"]],
                [["list_name", "name", "label"], ["yes_no", "1", "yes"], ["yes_no", "0", "no"]])
    question = import_xlsform(data, "f.xlsx").form.question("a")
    assert question.type == model.SELECT_ONE and question.choice_list == "yes_no"


def test_a_repeat_count_expression_is_read_as_pyxform_cleans_it():
    data = xlsx([["type", "name", "label", "repeat_count"], ["text", "x", "X"],
                 ["begin_repeat", "r", "R", "if(${x} = \u2018a\u2019, 2, 1)"],
                 ["text", "y", "Y"], ["end_repeat"]])
    group = dict(import_xlsform(data, "f.xlsx").form.walk())["/r"]
    assert group.repeat_count == "if(${x} = 'a', 2, 1)"


def test_a_word_document_named_xlsx_is_a_problem():
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    problem = _refused(import_xlsform(out.getvalue(), "走访.xlsx"))
    assert "走访.xlsx" in problem.message


def test_a_reference_to_no_question_names_its_row_and_column():
    data = xlsx([["type", "name", "label", "relevant"], ["text", "a", "A"],
                 ["text", "b", "B", "${zz} = 1"]])
    problem = _refused(import_xlsform(data, "f.xlsx"))
    assert (problem.row, problem.column) == (3, "relevant")
    assert problem.message == "${zz} names no question of this form."


def test_an_entities_sheet_is_reported_and_the_questions_still_import():
    book = Workbook()
    survey = book.active
    survey.title = "survey"
    for row in (["type", "name", "label", "save_to"], ["text", "a", "A", "a_prop"]):
        survey.append(row)
    entities = book.create_sheet("entities")
    for row in (["list_name", "label"], ["people", "${a}"]):
        entities.append(row)
    out = io.BytesIO()
    book.save(out)
    result = import_xlsform(out.getvalue(), "f.xlsx")
    assert result.form.question("a").type == model.TEXT
    assert [p.severity for p in result.problems if "entities" in p.message] == [WARNING]
