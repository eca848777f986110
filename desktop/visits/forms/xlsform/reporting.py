"""The JSON report of ``linli form import --report``: the form's counts, every question with
its row and logic, and the problems.

Counting follows the rule of the XLSForm test forms' README: a question is every typed survey
row that is not a group/repeat begin or end and not a note (calculate and metadata rows
count); fields pyxform invents (an or_other's text) are not in the model, so never counted."""

from __future__ import annotations

from typing import Any

from .. import model

_BY_TYPE = ("text", "integer", "decimal", "select_one", "select_multiple", "date",
            "geopoint", "calculate", "other")


def report(result) -> dict[str, Any]:
    form = result.form
    return {
        "form": _summary(form) if form is not None else None,
        "questions": [_question(path, q) for path, q in form.questions()
                      if q.type != model.NOTE] if form is not None else [],
        "problems": [problem.as_report() for problem in result.problems],
    }


def category(question: model.Question) -> str:
    """The report's type of a question: ours where the filler supports it, else the first
    word of the type as written ("geopoint", "select_one_from_file", "start")."""
    if question.type in (model.UNSUPPORTED, model.METADATA):
        return (question.source_type.split() or [question.type])[0]
    return question.type


def _summary(form: model.Form) -> dict[str, Any]:
    by_type = dict.fromkeys(_BY_TYPE, 0)
    questions = notes = groups = repeats = 0
    for _path, node in form.walk():
        if isinstance(node, model.Group):
            repeats += node.repeat
            groups += not node.repeat
        elif node.type == model.NOTE:
            notes += 1
        else:
            questions += 1
            kind = category(node)
            by_type[kind if kind in by_type else "other"] += 1
    return {
        "title": form.title.get(form.default_language or None),
        "version": form.version, "languages": list(form.languages),
        "questions": questions, "notes": notes, "by_type": by_type,
        "groups": groups, "repeats": repeats, "choice_lists": len(form.choices),
    }


def _question(path: str, question: model.Question) -> dict[str, Any]:
    return {
        "row": question.row, "name": question.name, "path": path,
        "type": category(question), "relevant": question.relevant or None,
        "constraint": question.constraint or None, "required": bool(question.required),
        "supported": question.type != model.UNSUPPORTED,
    }
