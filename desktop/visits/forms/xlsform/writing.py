"""Writing a form back out as an XLSForm workbook (.xlsx) that pyxform converts: survey,
choices and settings sheets, a ``label::<language>`` column per language the form carries."""

from __future__ import annotations

from pathlib import Path

from desktop.core.i18n import _

from .. import model

# Linli's own survey columns: pyxform carries unknown columns through without a warning and
# leaves them out of the XForm, so a form keeps them on a trip through Excel or Kobo.
ROSTER_FIELD_COLUMN = "linli_roster_field"  # the roster field a question checks
PREFILL_COLUMN = "linli_prefill"  # a repeat filled with the household's members

# Survey columns in the order XLSForm users expect them; text columns get one per language.
_TEXT_COLUMNS = ("label", "hint", "required_message", "constraint_message")


def export_xlsform(form: model.Form, path: Path) -> None:
    from openpyxl import Workbook

    languages = _languages(form)
    book = Workbook()
    survey = book.active
    survey.title = "survey"
    rows = list(_survey_rows(form.children))
    columns = _columns(rows, languages)
    _append(survey, columns)
    for row in rows:
        _append(survey, [row.get(column, "") or None for column in columns])

    choices = book.create_sheet("choices")
    lists = _with_yes_no(form, languages)
    extra = list(dict.fromkeys(key for cl in lists.values() for c in cl.choices
                               for key in c.extra))
    label_columns = [_column("label", lang) for lang in languages]
    _append(choices, ["list_name", "name", *label_columns, *extra])
    for choice_list in lists.values():
        for choice in choice_list.choices:
            _append(choices, [choice_list.name, choice.name,
                            *[choice.label.by_language.get(lang) or None for lang in languages],
                            *[choice.extra.get(key) or None for key in extra]])

    settings = book.create_sheet("settings")
    values = {"form_title": form.title.get(form.default_language or None),
              "form_id": form.form_id, "version": form.version,
              "default_language": form.default_language, **form.settings}
    values = {key: value for key, value in values.items() if value}
    _append(settings, list(values))
    _append(settings, list(values.values()))
    book.save(path)


def _append(sheet, values) -> None:
    """One row of text cells. openpyxl stores a text starting with "=" as a formula, which
    comes back empty (no cached value): a label like "=1 means yes" must stay text."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"


def _with_yes_no(form: model.Form, languages: list[str]) -> dict[str, model.ChoiceList]:
    """The form's lists, with the yes/no list its yes/no questions use should it lack one:
    a select_one of a missing list is a file pyxform refuses."""
    lists = dict(form.choices)
    if model.YES_NO_LIST not in lists and any(
            q.type == model.YES_NO and q.choice_list in ("", model.YES_NO_LIST)
            for _p, q in form.questions()):
        lists[model.YES_NO_LIST] = model.ChoiceList(model.YES_NO_LIST, tuple(
            model.Choice(name, model.Text(dict.fromkeys(languages, label)))
            for name, label in (("yes", _("Yes")), ("no", _("No")))))
    return lists


def _languages(form: model.Form) -> list[str]:
    seen = dict.fromkeys(form.languages)
    for _path, node in form.walk():
        for name in _TEXT_COLUMNS:
            text = getattr(node, name, None)
            if text is not None:
                seen.update(dict.fromkeys(text.by_language))
    # The unsuffixed column first: pyxform reads a row's cells in column order, and a plain
    # "label" after "label::chinese" would replace the translations instead of joining them.
    return sorted(seen, key=lambda language: language != "default") or ["default"]


def _column(name: str, language: str) -> str:
    # Unsuffixed columns are pyxform's "default" language.
    return name if language == "default" else f"{name}::{language}"


def _columns(rows: list[dict[str, str]], languages: list[str]) -> list[str]:
    used = dict.fromkeys(key for row in rows for key in row)
    ordered = ["type", "name"]
    for name in _TEXT_COLUMNS:
        ordered += [_column(name, lang) for lang in languages if _column(name, lang) in used]
    ordered += [key for key in used if key not in ordered]
    return ordered


def _survey_rows(nodes):
    for node in nodes:
        if isinstance(node, model.Group):
            kind = "repeat" if node.repeat else "group"
            yield {"type": f"begin_{kind}", "name": node.name, **_texts("label", node.label),
                   "relevant": node.relevant, "appearance": node.appearance,
                   "repeat_count": node.repeat_count, PREFILL_COLUMN: node.prefill}
            yield from _survey_rows(node.children)
            yield {"type": f"end_{kind}"}
        else:
            yield _question_row(node)


def _question_row(q: model.Question) -> dict[str, str]:
    row = {"type": _type(q), "name": q.name, "relevant": q.relevant,
           "required": q.required, "constraint": q.constraint, "calculation": q.calculation,
           "default": q.default, "read_only": "yes" if q.read_only else "",
           "choice_filter": q.choice_filter, "appearance": q.appearance,
           "parameters": " ".join(f"{k}={v}" for k, v in q.parameters.items()),
           ROSTER_FIELD_COLUMN: q.roster_field}
    for name in _TEXT_COLUMNS:
        row.update(_texts(name, getattr(q, name)))
    if not (q.label or q.hint) and q.type not in (model.CALCULATE, model.METADATA):
        # pyxform refuses a shown question with neither; an XLSForm's image-only note
        # (its media columns are not kept) gets its name as the label.
        row["label"] = q.name
    return row


def _type(q: model.Question) -> str:
    if q.source_type and q.type in (model.UNSUPPORTED, model.METADATA):
        return q.source_type  # given back as written: "geopoint", "select_one_from_file x.csv"
    if q.type in (model.SELECT_ONE, model.SELECT_MULTIPLE, model.YES_NO):
        kind = "select_multiple" if q.type == model.SELECT_MULTIPLE else "select_one"
        return f"{kind} {q.choice_list or model.YES_NO_LIST}" + (" or_other" if q.or_other
                                                                 else "")
    return q.type


def _texts(name: str, text: model.Text) -> dict[str, str]:
    return {_column(name, lang): value for lang, value in text.by_language.items() if value}
