"""The built-in form templates: whole in 简体, 繁體 and English, stored and read back
unchanged, names an XLSForm accepts, logic that refers only to what exists, roster fields
that exist — and, where the expression, check and filling modules are present, logic that
parses, passes the form checks and behaves as an office expects at the door."""

from __future__ import annotations

import json
import re

import opencc
import pytest
from pyxform.parsing.expression import is_xml_tag

from desktop.roster import codes
from desktop.roster.models import Resident
from desktop.visits.forms.model import (
    CALCULATE,
    DATE,
    DECIMAL,
    INTEGER,
    NOTE,
    PREFILL_HOUSEHOLD_MEMBERS,
    SELECT_MULTIPLE,
    SELECT_ONE,
    TEXT,
    TIME,
    YES_NO,
    YES_NO_LIST,
    Group,
    Question,
    Text,
    from_data,
    to_data,
)
from desktop.visits.forms.templates import TEMPLATES, template
from desktop.visits.forms.templates._build import EN, LANGUAGES, ZH_HANS, ZH_HANT

IDS = [form.form_id for form in TEMPLATES]
EXPRESSION_COLUMNS = ("relevant", "constraint", "calculation", "choice_filter",
                      "repeat_count", "default")
_TO_TRADITIONAL = opencc.OpenCC("s2t")
_TO_SIMPLIFIED = opencc.OpenCC("t2s")
# Simplified forms that are also proper traditional ones in Taiwan and Hong Kong usage
# (鄰里, 占/佔, 台), which s2t would change anyway.
_BOTH_SCRIPTS = frozenset("里占台")


def simplified_in(text: str) -> str:
    """The characters of a 繁體 text that are simplified forms (converted badly or not at
    all): those that s2t would change and t2s would keep."""
    return "".join(c for c in text if c not in _BOTH_SCRIPTS
                   and _TO_TRADITIONAL.convert(c) != c and _TO_SIMPLIFIED.convert(c) == c)


def traditional_in(text: str) -> str:
    return "".join(c for c in text if _TO_SIMPLIFIED.convert(c) != c)


def _texts(form):
    """(where, Text) for every text a person reads in the form."""
    yield "title", form.title
    for path, node in form.walk():
        yield f"{path} label", node.label
        if isinstance(node, Question):
            for column in ("hint", "required_message", "constraint_message"):
                yield f"{path} {column}", getattr(node, column)
    for choice_list in form.choices.values():
        for choice in choice_list.choices:
            yield f"choice {choice_list.name}/{choice.name}", choice.label


def _expressions(form):
    for _path, node in form.walk():
        for column in EXPRESSION_COLUMNS:
            if getattr(node, column, ""):
                yield node, column, getattr(node, column)
        if isinstance(node, Question) and node.required not in ("", "yes"):
            yield node, "required", node.required


def test_the_four_templates_by_their_form_id():
    assert IDS == ["home_visit", "roster_check", "opinion", "property_rating"]
    assert template("opinion").title.get(ZH_HANS) == "意见征集"
    assert template("property_rating").title.get(ZH_HANT) == "物業服務滿意度評量"
    with pytest.raises(KeyError, match="home_visit"):
        template("no_such_form")


@pytest.mark.parametrize("form", TEMPLATES, ids=IDS)
def test_stored_and_read_back_unchanged(form):
    data = to_data(form)
    assert from_data(data) == form
    # As a form version stores it: JSON text.
    assert from_data(json.loads(json.dumps(data, ensure_ascii=False))) == form


@pytest.mark.parametrize("form", TEMPLATES, ids=IDS)
def test_every_text_in_three_languages_simplified_first(form):
    assert form.languages == LANGUAGES == (ZH_HANS, ZH_HANT, EN)
    assert form.default_language == ZH_HANS
    texts = list(_texts(form))
    for where, text in texts:
        if where.endswith("label") or where.startswith(("title", "choice")):
            assert text, f"{where} has no text"
        if text:
            assert set(text.by_language) == set(LANGUAGES), where
            assert all(v.strip() for v in text.by_language.values()), where
    for where, text in texts:
        if text:
            hant, hans = text.by_language[ZH_HANT], text.by_language[ZH_HANS]
            assert not simplified_in(hant), f"{where}: 简体 in 繁體 {hant!r}"
            assert not traditional_in(hans), f"{where}: 繁體 in 简体 {hans!r}"
            assert not re.search(r"[\u4e00-\u9fff]", text.by_language[EN]), where
    # 繁體 is written for its readers, not the 简体 text copied.
    written = [t for _w, t in texts if t]
    differ = sum(t.by_language[ZH_HANT] != t.by_language[ZH_HANS] for t in written)
    assert differ > len(written) // 2


@pytest.mark.parametrize("form", TEMPLATES, ids=IDS)
def test_names_unique_and_valid_for_xlsform(form):
    names = [node.name for _path, node in form.walk()]
    assert len(names) == len(set(names)), "a name used twice"
    for name in names:
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) and is_xml_tag(name), name
    for choice_list in form.choices.values():
        assert is_xml_tag(choice_list.name)
        choice_names = [c.name for c in choice_list.choices]
        assert choice_names and len(choice_names) == len(set(choice_names)), choice_list.name
        # A select_multiple answer is its names separated by spaces.
        assert all(n and not re.search(r"\s", n) for n in choice_names), choice_list.name
    for _path, question in form.questions():
        if question.is_select:
            assert question.choice_list in form.choices, question.name
            # "other" is the or_other choice: a list of its own must not hold it too.
            assert "other" not in [c.name for c in form.choices[question.choice_list].choices]
        if question.type == YES_NO:
            assert question.choice_list == YES_NO_LIST
    used = {q.choice_list for _p, q in form.questions() if q.is_select}
    assert used == set(form.choices), "a choice list no question uses"


@pytest.mark.parametrize("form", TEMPLATES, ids=IDS)
def test_logic_refers_to_questions_and_choices_that_exist(form):
    questions = {q.name: q for _p, q in form.questions()}
    groups = {n.name for _p, n in form.walk() if isinstance(n, Group)}
    for node, column, text in _expressions(form):
        for ref in re.findall(r"\$\{([^}]*)\}", text):
            assert ref in questions or ref in groups, f"{node.name} {column}: ${{{ref}}}"
        # ${x} = 'name', ${x} != 'name', selected(${x}, 'name'), selected(., 'name')
        compared = re.findall(r"\$\{(\w+)\}\s*!?=\s*'([^']*)'", text)
        compared += re.findall(r"selected\(\$\{(\w+)\},\s*'([^']*)'\)", text)
        compared += [(node.name, c) for c in re.findall(r"selected\(\.,\s*'([^']*)'\)", text)]
        for name, choice in compared:
            if choice == "":
                continue
            wanted = questions[name]
            assert wanted.is_select, f"{node.name} {column}: {name} is not a select"
            names = [c.name for c in form.choices[wanted.choice_list].choices]
            assert choice in names or (choice == "other" and wanted.or_other), \
                f"{node.name} {column}: {choice!r} is not a choice of {name}"
    for _path, node in form.walk():
        for text in node.label.by_language.values():
            for ref in re.findall(r"\$\{([^}]*)\}", text):
                assert ref in questions, f"{node.name} label: ${{{ref}}}"


@pytest.mark.parametrize("form", TEMPLATES, ids=IDS)
def test_roster_fields_are_the_rosters_own(form):
    columns = set(Resident.__table__.columns.keys())
    code_tables = {"residence_status": codes.RESIDENCE_STATUSES, "sex": codes.SEXES}
    for _path, question in form.questions():
        if not question.roster_field:
            continue
        assert question.roster_field in columns, question.name
        if question.roster_field in code_tables and question.is_select:
            names = {c.name for c in form.choices[question.choice_list].choices}
            assert names <= set(code_tables[question.roster_field]), question.name
    # In the repeat prefilled from the roster a question is filled by its name, so the
    # questions that show a roster field carry the field's name; a yes/no checking one of the
    # roster's booleans must not (True/False is no answer, and it is to be asked).
    for _path, node in form.walk():
        if isinstance(node, Group) and node.prefill == PREFILL_HOUSEHOLD_MEMBERS:
            assert node.repeat
            linked = [q for q in node.children if isinstance(q, Question) and q.roster_field]
            assert any(q.name == "name" for q in linked)
            assert all((q.name == q.roster_field) == (q.type != YES_NO) for q in linked), \
                [q.name for q in linked]


def test_roster_check_names_the_field_of_each_check():
    form = template("roster_check")
    fields = {q.name: q.roster_field for _p, q in form.questions()}
    assert fields["phone"] == "phone" and fields["residence_status"] == "residence_status"
    assert fields["moved_away"] == "moved_out" and fields["died"] == "deceased"
    assert fields["new_phone"] == "phone"
    labels = {c.name: c.label.get(ZH_HANS)
              for c in form.choices["residence_status"].choices}
    assert labels["separated"].startswith("人户分离") and "户在人不在" in labels["registered_only"]


def test_between_them_the_templates_show_every_kind_of_question():
    # An office copies a template to learn how a kind of question is written.
    used = {q.type for form in TEMPLATES for _p, q in form.questions()}
    assert used == {TEXT, INTEGER, DECIMAL, DATE, TIME, SELECT_ONE, SELECT_MULTIPLE, YES_NO,
                    NOTE, CALCULATE}
    assert any(q.or_other for form in TEMPLATES for _p, q in form.questions()
               if q.type == SELECT_MULTIPLE)


def test_home_visit_has_one_entry_per_household_member():
    members = next(n for _p, n in template("home_visit").walk() if n.name == "members")
    assert members.repeat and members.prefill == PREFILL_HOUSEHOLD_MEMBERS
    assert [c.name for c in members.children][:3] == ["name", "still_lives_here", "phone"]


def test_every_template_text_is_form_content_not_an_app_string():
    # The templates are edited by offices like any form: their texts are Text values in the
    # three languages, not msgids (no _() in the template modules).
    import inspect

    from desktop.visits.forms import templates
    from desktop.visits.forms.templates import (
        _build,
        home_visit,
        opinion,
        property_rating,
        roster_check,
    )

    for module in (templates, _build, home_visit, opinion, property_rating, roster_check):
        assert "import _" not in inspect.getsource(module)
    assert isinstance(template("home_visit").title, Text)
