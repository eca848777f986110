"""The real XLSForms in shared/external/forms (written by others, with their traps) imported
through pyxform: counts as the README gives them, questions and logic equal to what pyxform
itself reads from the same file, unsupported parts reported by row, and the one file pyxform
refuses refused with its reason and row."""

from __future__ import annotations

import warnings

import pytest

from desktop.visits.forms import model
from desktop.visits.forms.problems import ERROR, WARNING
from desktop.visits.forms.xlsform import import_xlsform, report
from tests.conftest import SHARED_EXTERNAL

FORMS = SHARED_EXTERNAL / "forms"
pytestmark = pytest.mark.skipif(not FORMS.is_dir(), reason="shared/external is not here")

# file → (questions, notes, groups, repeats) by the README's counting rule; None = not given.
COUNTS = {
    "pyxform_UCL_Biomass_Plot_Form.xlsx": (62, 3, 3, 5),
    "pyxform_xlsform_spec_test.xlsx": (34, 12, 4, 1),
    "odk-central-frontend_socio-economic-survey-v20240515.xlsx": (17, None, None, 1),
    "odk-central-frontend_whova_form.xlsx": (514, 16, 31, 0),
    "odk-central-frontend_ifrc-distribution-site-assessment-v1.xlsx": (94, None, 38, None),
    "odk-central-frontend_all-question-types-v2024091201-3.xlsx": (82, None, None, None),
    "onadata_select_one_choices_test.xlsx": (282, 27, 35, 0),
    "onadata_transportation.xlsx": (3, None, None, None),
}


def _import(name):
    return import_xlsform((FORMS / name).read_bytes(), name)


def _pyxform_json(name):
    from pyxform.xls2json import workbook_to_json
    from pyxform.xls2json_backends import get_xlsform

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return workbook_to_json(get_xlsform((FORMS / name).read_bytes()))


def _pyxform_nodes(data, path=""):
    for child in data.get("children", ()):
        child_path = f"{path}/{child['name']}"
        yield child_path, child
        yield from _pyxform_nodes(child, child_path)


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_real_form_imports_with_the_readme_counts(name):
    result = _import(name)
    assert result.form is not None, result.problems
    counts = report(result)["form"]
    expected = dict(zip(("questions", "notes", "groups", "repeats"), COUNTS[name]))
    for key, value in expected.items():
        if value is not None:
            assert counts[key] == value, (key, counts)
    if name == "onadata_select_one_choices_test.xlsx":
        # 3 of the 27 notes have no name (rows 39, 61, 281): pyxform names them after
        # their row, and they keep it.
        assert counts["notes"] == 27
        assert {q.row for q in _nameless_notes(result.form)} == {39, 61, 281}
        assert sum(q.or_other for _p, q in result.form.questions()) == 21
        assert counts["by_type"]["decimal"] == 124 and counts["by_type"]["select_one"] == 61
    elif expected["notes"] is not None:
        assert counts["notes"] == expected["notes"]
    assert not [p for p in result.problems if p.column == "name"]  # no row left out


def _nameless_notes(form):
    return [q for _p, q in form.questions() if q.name.startswith("generated_note_name_")]


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_questions_and_logic_match_what_pyxform_reads(name):
    form = _import(name).form
    ours = {path: node for path, node in form.walk()}
    theirs = dict(_pyxform_nodes(_pyxform_json(name)))
    for path, node in ours.items():
        source = theirs[path]  # every node of ours is one pyxform has, at the same path
        bind = source.get("bind") or {}
        assert node.relevant == bind.get("relevant", ""), path
        if isinstance(node, model.Question):
            assert node.constraint == bind.get("constraint", ""), path
            assert node.calculation == bind.get("calculate", ""), path
    # What pyxform has and we do not are only its own inventions.
    invented = {path for path in theirs if path not in ours}
    for path in invented:
        last = path.rsplit("/", 1)[1]
        assert path.startswith("/meta") or last.endswith(("_other", "_count")) \
            or last.startswith("reserved_name_for_field_list_labels_"), path


def test_unsupported_questions_are_kept_and_reported_by_row():
    result = _import("odk-central-frontend_all-question-types-v2024091201-3.xlsx")
    unsupported = [q for _p, q in result.form.questions() if q.type == model.UNSUPPORTED]
    reported = {(p.row, p.question) for p in result.problems
                if p.severity == WARNING and p.column == "type"}
    assert unsupported and all(q.unsupported_reason and q.source_type for q in unsupported)
    assert {(q.row, q.name) for q in unsupported} <= reported
    by_source = {q.source_type.split()[0] for q in unsupported}
    assert {"geopoint", "image", "audio", "video", "file", "barcode", "range", "rank",
            "trigger"} <= by_source


def test_ucl_files_lists_double_space_and_curly_quotes():
    result = _import("pyxform_UCL_Biomass_Plot_Form.xlsx")
    form = result.form
    from_file = [q for _p, q in form.questions() if "select_one_from_file" in q.source_type]
    assert len(from_file) == 8 and all(q.type == model.UNSUPPORTED for q in from_file)
    district = form.question("district_id")
    assert district.source_type == "select_one_from_file  UCL_districts.csv"
    warned = {p.row for p in result.problems if p.question == "district_id"}
    assert warned == {district.row}
    relevants = [node.relevant for _p, node in form.walk() if node.relevant]
    assert relevants and not any("\u2018" in r or "\u2019" in r for r in relevants)
    stems = next(node for _p, node in form.walk() if node.name == "stems")
    assert stems.repeat and stems.repeat_count == "${stem_count}"
    assert form.languages == ("Swahili (sw)", "English (en)")
    assert form.default_language == "Swahili (sw)"


def test_ole2_workbook_under_an_xlsx_name_is_read_by_its_bytes():
    result = _import("odk-central-frontend_ifrc-distribution-site-assessment-v1.xlsx")
    assert result.form is not None
    # The field-list group and the question inside it share a name: both keep their rows.
    nodes = dict(result.form.walk())
    group = nodes["/site_ownership/permission"]
    question = nodes["/site_ownership/permission/permission"]
    assert isinstance(group, model.Group) and group.appearance == "field-list"
    assert (group.row, question.row) == (23, 24)
    assert result.rows["permission"] == 24  # the question's row, not its group's


def test_cascade_filters_and_choice_columns_kept():
    form = _import("odk-central-frontend_socio-economic-survey-v20240515.xlsx").form
    district = form.question("district")
    assert district.choice_filter == "region=${region}"
    assert form.choice_list("district").choices[0].extra["region"] == "Sindh"
    assert form.languages == ("English (en)", "French (fr)")


def test_or_other_keeps_the_select_and_the_other_choice_not_the_invented_text():
    form = _import("onadata_select_one_choices_test.xlsx").form
    q = form.question("c35cerS")
    assert q.or_other and q.type == model.SELECT_MULTIPLE
    assert form.choice_list(q.choice_list).choice("other") is not None
    assert form.question("c35cerS_other") is None


def test_duplicate_label_headers_are_refused_with_pyxforms_reason_and_row():
    result = _import("onadata_enumerator_weekly.xlsx")
    assert result.form is None
    (problem,) = result.problems
    assert problem.severity == ERROR and problem.row == 1 and problem.column == "label"
    assert "label" in problem.message
    data = report(result)
    assert data["form"] is None and data["problems"][0]["row"] == 1


def test_report_shape_for_a_real_form():
    data = report(_import("pyxform_UCL_Biomass_Plot_Form.xlsx"))
    assert set(data["form"]["by_type"]) == {"text", "integer", "decimal", "select_one",
                                            "select_multiple", "date", "geopoint",
                                            "calculate", "other"}
    assert sum(data["form"]["by_type"].values()) == data["form"]["questions"]
    assert len(data["questions"]) == data["form"]["questions"]
    first = data["questions"][0]
    assert set(first) == {"row", "name", "path", "type", "relevant", "constraint",
                          "required", "supported"}
    health = next(q for q in data["questions"] if q["name"] == "health_id") \
        if any(q["name"] == "health_id" for q in data["questions"]) else None
    assert health is None or health["required"] is True
