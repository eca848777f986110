"""The real XLSForms (written by others, with their traps) and the built-in templates filled
from start to end: every question that shows is answered with a value of its type, the logic
runs on all of it, and nothing raises."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.visits.forms.filling import FormFill
from desktop.visits.forms.model import (
    DATE,
    DECIMAL,
    INTEGER,
    SELECT_MULTIPLE,
    TIME,
    Group,
)
from desktop.visits.forms.templates import TEMPLATES
from desktop.visits.forms.xlsform import import_xlsform
from tests.conftest import SHARED_EXTERNAL

FORMS = sorted((SHARED_EXTERNAL / "forms").glob("*.xlsx"))
MEMBERS = ({"resident_id": "r1", "name": "张三明", "relationship": "户主", "phone": "13812345678"},
           {"resident_id": "r2", "name": "李小红", "relationship": "配偶"})
SAMPLE = {INTEGER: "3", DECIMAL: "2.5", DATE: "2026-12-06", TIME: "09:30"}


def _fill_everything(form) -> FormFill:
    fill = FormFill(form, household_members=MEMBERS, today=dt.date(2026, 12, 6))
    for d in fill.plan.defs.values():
        if d.is_repeat and not d.node.repeat_count and not d.repeats \
                and fill.entry_count(d.name) == 0:
            fill.add_entry(d.name)
    answered = 0
    for path, question in form.questions():
        d = fill.plan.defs.get(question.name)
        if d is None or d.node is not question or not question.answerable \
                or question.read_only:
            continue
        for entry in fill.instances(question.name):
            state = fill.state((entry, question.name))
            if state is None or not state.visible:
                continue
            if question.is_select:
                if not state.choices:
                    continue
                value = state.choices[0].name
                if question.type == SELECT_MULTIPLE and len(state.choices) > 1:
                    value += " " + state.choices[1].name
            else:
                value = SAMPLE.get(question.type, "x")
            fill.set_answer((entry, question.name), value)
            answered += 1
    assert answered > 0
    assert isinstance(fill.answers, dict)
    return fill


# The one real form pyxform refuses (two columns headed "label") has nothing to fill; its
# refusal is tested with the import.
USABLE = [path for path in FORMS if path.stem != "onadata_enumerator_weekly"]


@pytest.mark.parametrize("path", USABLE, ids=lambda p: p.stem)
def test_each_real_form_fills_without_an_error(path):
    imported = import_xlsform(path.read_bytes(), path.name)
    assert imported.form is not None, [p.message for p in imported.problems]
    fill = _fill_everything(imported.form)
    fill.problems()  # the messages are computed for every question that shows
    again = FormFill(imported.form, fill.answers, today=dt.date(2026, 12, 6))
    assert again.answers == fill.answers  # saved answers come back as they were


@pytest.mark.parametrize("form", TEMPLATES, ids=lambda f: f.form_id)
def test_each_template_fills_and_prefills_its_household(form):
    fill = _fill_everything(form)
    prefilled = [d for d in fill.plan.defs.values()
                 if isinstance(d.node, Group) and d.node.prefill]
    for d in prefilled:
        assert fill.entry_count(d.name) == len(MEMBERS)
        assert [e.get("_resident_id") for e in fill.answers[d.name]] == ["r1", "r2"]
