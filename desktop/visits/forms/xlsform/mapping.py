"""pyxform's JSON of a form → our model, with the spreadsheet row of every question.

pyxform's JSON carries no row numbers, and it holds nodes the file does not (the `meta`
group, the `<name>_other` text of an or_other select, a `<repeat>_count` calculation). So
the JSON is walked in order alongside the survey sheet's rows: a node is matched to the next
row of the same name; a node without one is pyxform's invention and is left out, so counts
follow what the person wrote."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from desktop.core.i18n import _

from .. import model
from ..problems import WARNING, Problem
from . import types
from .writing import PREFILL_COLUMN, ROSTER_FIELD_COLUMN

_TRUE = frozenset({"yes", "true", "true()"})
_FALSE = frozenset({"", "no", "false", "false()"})


_GENERATED_NOTE = "generated_note_name_"


class _Rows:
    """The survey sheet's rows with a cursor: row index 0 is spreadsheet row 2."""

    def __init__(self, survey: Sequence[Mapping[str, str]]):
        self.rows = survey
        self.cursor = 0
        self.taken: set[int] = set()

    def take(self, name: str) -> tuple[int | None, Mapping[str, str]]:
        if name.startswith(_GENERATED_NOTE):
            # pyxform names a nameless note after its row; the name holds the row.
            number = name[len(_GENERATED_NOTE):]
            index = int(number) - 2 if number.isdigit() else -1
            if 0 <= index < len(self.rows) and not self.rows[index].get("name"):
                self.cursor = max(self.cursor, index + 1)
                self.taken.add(index)
                return index + 2, self.rows[index]
        for index in range(self.cursor, len(self.rows)):
            row = self.rows[index]
            if row.get("name") == name and not types.is_end(row.get("type")):
                self.cursor = index + 1
                self.taken.add(index)
                return index + 2, row
        return None, {}


def to_form(data: Mapping[str, Any], survey: Sequence[Mapping[str, str]],
            settings: Mapping[str, str]) -> tuple[model.Form, list[Problem], dict[str, int]]:
    """The form, the problems seen on the way (unsupported questions) and name → row."""
    state = _State(data.get("choices") or {})
    rows = _Rows(survey)
    children = state.nodes(data.get("children", ()), rows)
    for index, row in enumerate(survey):
        # A typed row pyxform left out of its form: said row by row, never dropped silently.
        if row.get("type") and index not in rows.taken and not types.is_end(row["type"]):
            state.problems.append(Problem(
                _("This row is not part of the form pyxform reads; check its type and name."),
                WARNING, index + 2, "name"))
    title = data.get("label") if isinstance(data.get("label"), dict) else data.get("title")
    default_language = data.get("default_language") or ""
    form = model.Form(
        form_id=str(data.get("id_string") or data.get("name") or ""),
        title=state.text(title),
        children=tuple(children),
        choices={name: _choice_list(name, items, state) for name, items in
                 (data.get("choices") or {}).items()},
        version=str(data.get("version") or ""),
        languages=tuple(state.languages),
        default_language="" if default_language == "default" else default_language,
        settings={key: str(value) for key, value in settings.items()
                  if key not in _SETTINGS_IN_MODEL and value is not None},
    )
    return form, state.problems, state.rows


# Settings the model holds in its own fields; the rest is kept to give back on export.
_SETTINGS_IN_MODEL = frozenset({"form_title", "form_id", "id_string", "version",
                                "default_language"})


class _State:
    def __init__(self, choices: Mapping[str, Any]):
        self.choices = choices
        self.languages: dict[str, None] = {}
        self.problems: list[Problem] = []
        self.rows: dict[str, int] = {}
        self.group_rows: set[str] = set()
        self.invented: dict[str, Mapping[str, Any]] = {}

    def text(self, value: Any) -> model.Text:
        """pyxform gives a plain string (no language columns) or language → string."""
        if isinstance(value, dict):
            texts = {str(k): str(v) for k, v in value.items() if isinstance(v, str)}
            self.languages.update(dict.fromkeys(texts))
            return model.Text(texts)
        return model.plain(value) if isinstance(value, str) else model.Text()

    def nodes(self, items: Sequence[Mapping[str, Any]], rows: _Rows) -> list[model.Node]:
        out = []
        for item in items:
            row, source = rows.take(item.get("name", ""))
            if row is None:  # pyxform's own node (meta, <name>_other, <repeat>_count)
                self.invented[item.get("name", "")] = item
                continue
            kind = item.get("type", "")
            if kind in types.GROUPS:
                out.append(self.group(item, row, source, rows))
            else:
                out.append(self.question(item, row, source))
        return out

    def group(self, item, row, source, rows) -> model.Group:
        bind, control = item.get("bind") or {}, item.get("control") or {}
        group = model.Group(
            name=item["name"], label=self.text(item.get("label")),
            children=(), repeat=types.GROUPS[item["type"]],
            relevant=bind.get("relevant", ""), appearance=control.get("appearance", ""),
            repeat_count=self.repeat_count(item, source),
            prefill=str(item.get(PREFILL_COLUMN, "")), row=row)
        if group.name not in self.rows:
            self.rows[group.name] = row
            self.group_rows.add(group.name)
        if item["type"] == "loop":
            # formhub's "begin loop over <list>": pyxform repeats the body once per choice;
            # we keep the body once as a section and say so.
            self.problems.append(Problem(
                _("\u201cbegin loop\u201d is shown as one section, not once per choice."),
                WARNING, row, "type", group.name))
        children = self.nodes(item.get("children", ()), rows)
        return replace(group, children=tuple(children))

    def repeat_count(self, item: Mapping[str, Any], source: Mapping[str, str]) -> str:
        """As written for a fixed count ("3"). pyxform moves anything but a plain ${name}
        into a `<repeat>_count` calculation of its own; its text there is the cleaned one
        (curly quotes straightened)."""
        if item.get("type") != "repeat":
            return ""
        written = str(source.get("repeat_count", "")).strip()
        count = str((item.get("control") or {}).get("jr:count", written))
        invented = self.invented.get(count[2:-1]) if count.startswith("${") else None
        if written.isdigit() or not count:
            return written
        return (invented.get("bind") or {}).get("calculate", written) if invented else count

    def question(self, item, row, source) -> model.Question:
        bind, control = item.get("bind") or {}, item.get("control") or {}
        json_type = item.get("type", "")
        source_type = str(source.get("type", json_type)).strip()
        itemset = str(item.get("itemset") or "")
        kind, reason = _kind(json_type, source_type, itemset)
        expressions = (bind.get("calculate", ""), item.get("choice_filter", ""),
                       str(item.get("default", "")), bind.get("relevant", ""),
                       bind.get("constraint", ""))
        if kind != model.UNSUPPORTED and any("instance(" in e for e in expressions if e):
            kind, reason = model.UNSUPPORTED, types.instance_reason()
        required = str(bind.get("required", "")).strip()
        question = model.Question(
            name=item["name"], type=kind, label=self.text(item.get("label")),
            hint=self.text(item.get("hint")),
            required="yes" if required.lower() in _TRUE else
            "" if required.lower() in _FALSE else required,
            required_message=self.text(bind.get("jr:requiredMsg")),
            relevant=bind.get("relevant", ""), constraint=bind.get("constraint", ""),
            constraint_message=self.text(bind.get("jr:constraintMsg")),
            calculation=bind.get("calculate", ""), default=str(item.get("default", "")),
            read_only=str(bind.get("readonly", "")).lower() in _TRUE,
            choice_list=str(item.get("list_name") or ("" if types.from_file(itemset)
                                                      else itemset)),
            choice_filter=item.get("choice_filter", ""),
            or_other=types.has_or_other(source_type),
            appearance=control.get("appearance", ""), source_type=source_type, row=row,
            unsupported_reason=reason, roster_field=str(item.get(ROSTER_FIELD_COLUMN, "")),
            parameters=_parameters(item.get("parameters")))
        if question.name not in self.rows or question.name in self.group_rows:
            self.rows[question.name] = row  # a question's row wins over its group's
            self.group_rows.discard(question.name)
        if kind == model.UNSUPPORTED:
            self.problems.append(Problem(
                _("\u201c{name}\u201d ({type}) is kept but cannot be filled in: {reason}")
                .format(name=question.name, type=source_type, reason=reason),
                WARNING, row, "type", question.name))
        return question


def _kind(json_type: str, source_type: str, itemset: str) -> tuple[str, str]:
    if json_type in types.SUPPORTED and not types.from_file(itemset) \
            and "from_file" not in source_type and "external" not in source_type:
        return types.SUPPORTED[json_type], ""
    if json_type.lower() in types.METADATA:
        return model.METADATA, ""
    return model.UNSUPPORTED, types.unsupported_reason(json_type, source_type, itemset)


def _choice_list(name: str, items: Sequence[Mapping[str, Any]], state: _State) -> model.ChoiceList:
    return model.ChoiceList(name, tuple(
        model.Choice(str(item.get("name", "")), state.text(item.get("label")),
                     {k: str(v) for k, v in item.items()
                      if k not in ("name", "label") and isinstance(v, str | int | float)})
        for item in items))


def _parameters(value: Any) -> dict[str, str]:
    """pyxform gives parsed parameters as a dict, or the text as written for some types."""
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}
    pairs = (part.split("=", 1) for part in str(value or "").replace(";", " ").split())
    return {k.strip(): v.strip() for k, v in (p for p in pairs if len(p) == 2)}

