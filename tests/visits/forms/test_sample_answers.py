"""The demo's answers follow each form's own logic: nothing hidden is answered, nothing
required is missing, no constraint is broken, and the same seed gives the same answers."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from desktop.core.paths import resources_dir
from desktop.visits.forms.demo import DEMO_XLSFORM
from desktop.visits.forms.filling import FormFill
from desktop.visits.forms.sample_answers import sample_answers
from desktop.visits.forms.templates import TEMPLATES
from desktop.visits.forms.xlsform import import_xlsform

TODAY = dt.date(2026, 12, 6)
MEMBERS = [{"resident_id": "r1", "name": "王建国", "relationship": "02"},
           {"resident_id": "r2", "name": "李秀英", "relationship": "10"}]


def _forms():
    path = resources_dir() / "forms" / DEMO_XLSFORM
    return [*TEMPLATES, import_xlsform(path.read_bytes(), path.name).form]


@pytest.mark.parametrize("form", _forms(), ids=lambda f: f.form_id)
@pytest.mark.parametrize("seed", range(6))
def test_sample_answers_pass_the_forms_own_checks(form, seed):
    answers = sample_answers(form, random.Random(seed), today=TODAY, household_members=MEMBERS,
                             known={"visitor": "王芳"})
    assert answers
    assert FormFill(form, answers, today=TODAY, household_members=MEMBERS).problems() == []


def test_the_same_seed_gives_the_same_answers_and_known_ones_are_kept():
    form = TEMPLATES[0]
    first = sample_answers(form, random.Random(7), today=TODAY, known={"visitor": "王芳"})
    again = sample_answers(form, random.Random(7), today=TODAY, known={"visitor": "王芳"})
    assert first == again
    assert first["visitor"] == "王芳"
