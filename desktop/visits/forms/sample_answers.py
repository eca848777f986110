"""Plausible answers to any form, for the demo community's visits: every visible question
answered the way a person might, following the form's own logic (a question hidden by an
earlier answer stays empty; an answer its constraint refuses is tried again or left out).

Deterministic for a given ``random.Random``, so the demo is the same on every machine.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from typing import Any

from desktop.visits.forms.filling import FormFill
from desktop.visits.forms.model import (
    DATE,
    DECIMAL,
    INTEGER,
    OTHER,
    SELECT_MULTIPLE,
    TEXT,
    TIME,
    Form,
)

# What people say when a text box is put in front of them at the door.
_REMARKS = ("无", "楼道灯坏了，希望尽快修理", "希望小区多安排几次义诊", "外墙渗水，卧室墙皮脱落",
            "晚上广场舞声音太大", "支持，希望早点开工", "电动车乱停，消防通道被堵",
            "老人行动不便，希望有人帮忙买菜", "")
_TRIES = 4


def _candidates(fill: FormFill, question, state, rng: random.Random, today: dt.date
                ) -> list[str]:
    kind = question.type
    if question.is_select:
        names = [c.name for c in state.choices if c.name != OTHER] or \
                [c.name for c in state.choices]
        if not names:
            return []
        if kind == SELECT_MULTIPLE:
            return [" ".join(sorted(rng.sample(names, min(len(names), rng.choice((1, 1, 2))))))
                    for _ in range(_TRIES)]
        # Earlier choices are the likelier ones (the usual shape of real answers).
        weights = [len(names) - i + 1 for i in range(len(names))]
        return [rng.choices(names, weights)[0] for _ in range(_TRIES)]
    if kind == INTEGER:
        return [str(rng.choice((1, 2, 2, 3, 3, 4, 5))) for _ in range(_TRIES)] + ["1", "0"]
    if kind == DECIMAL:
        return [f"{rng.uniform(45, 120):.1f}" for _ in range(_TRIES)]
    if kind == DATE:
        return [(today - dt.timedelta(days=rng.randint(0, 20))).isoformat(),
                (today + dt.timedelta(days=rng.randint(3, 30))).isoformat()]
    if kind == TIME:
        return [f"{rng.randint(9, 19):02d}:{rng.choice((0, 15, 30, 45)):02d}"]
    if kind == TEXT:
        if question.name in ("visitor", "checked_by", "visited_by"):
            return ["志愿者"]
        if "phone" in question.name or "电话" in fill.text(question.label):
            return ["139" + "".join(rng.choice("0123456789") for _ in range(8))]
        if not state.required and rng.random() < 0.6:
            return []
        return [rng.choice([r for r in _REMARKS if r])]
    return []


def sample_answers(form: Form, rng: random.Random, *, today: dt.date,
                   household_members: Sequence[Mapping] = (), language: str | None = None,
                   known: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Answers to every visible question the person would answer, as the filler saves them;
    ``known`` gives some answers outright (the visitor's name, the date of the visit)."""
    known = known or {}
    fill = FormFill(form, language=language, household_members=household_members, today=today)
    for _path, question in form.questions():
        if not question.answerable or question.read_only:
            continue
        for entry in fill.instances(question.name):
            state = fill.state(question.name, entry)
            if state is None or not state.visible or state.value:
                continue
            wanted = [known[question.name]] if question.name in known else []
            for value in wanted + _candidates(fill, question, state, rng, today):
                fill.set_answer(question.name, value, entry)
                after = fill.state(question.name, entry)
                if not after.problem or after.missing:
                    break
                fill.set_answer(question.name, "", entry)  # refused: leave it unanswered
    return fill.answers
