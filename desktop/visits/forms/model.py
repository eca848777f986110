"""A survey form (问卷) as plain data: questions in order, with groups (sections) and repeats,
choice lists, and texts in each language the form carries.

The same model comes from the form builder, from an XLSForm (``xlsform/``) and from the
built-in templates, is stored as JSON in a form version (``to_data`` / ``from_data``) and is
what the filler shows. Expressions (relevant, constraint, calculation, required when it is
conditional, choice_filter, repeat_count, default) are kept as the XLSForm text; they are
parsed and checked by ``expressions`` and ``checks``, never run through Python's ``eval``.

Qt-free and free of SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

# The question types the filler supports. Anything else an XLSForm brings (geopoint, image,
# audio, range…) is kept as UNSUPPORTED with its original type, shown and reported, never
# dropped.
TEXT, INTEGER, DECIMAL, DATE, TIME = "text", "integer", "decimal", "date", "time"
SELECT_ONE, SELECT_MULTIPLE, YES_NO = "select_one", "select_multiple", "yes_no"
NOTE, CALCULATE, METADATA, UNSUPPORTED = "note", "calculate", "metadata", "unsupported"
QUESTION_TYPES = (TEXT, INTEGER, DECIMAL, DATE, TIME, SELECT_ONE, SELECT_MULTIPLE, YES_NO,
                  NOTE, CALCULATE, METADATA, UNSUPPORTED)
SELECTS = frozenset({SELECT_ONE, SELECT_MULTIPLE, YES_NO})

# The choice list a yes/no question uses; it always exists in a form that has one.
YES_NO_LIST = "yes_no"
OTHER = "other"  # the choice name of "other, please specify" (XLSForm's or_other)

# A repeat filled with one entry per member of the visited household (prefilled from the
# roster, so a volunteer confirms people instead of typing them).
PREFILL_HOUSEHOLD_MEMBERS = "household_members"


@dataclass(frozen=True)
class Text:
    """A text in each language a form carries: language → text. The language keys are the
    form's own (XLSForm's "English (en)", "中文 (zh)", or "default" for unsuffixed columns)."""

    by_language: Mapping[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return any(self.by_language.values())

    def get(self, language: str | None = None, fallbacks: tuple[str, ...] = ()) -> str:
        """The text in ``language``, else in the first fallback that has one, else any."""
        for key in (language, *fallbacks):
            if key is not None and self.by_language.get(key):
                return self.by_language[key]
        return next((text for text in self.by_language.values() if text), "")


def plain(text: str, language: str = "default") -> Text:
    return Text({language: text}) if text else Text()


@dataclass(frozen=True)
class Choice:
    name: str
    label: Text = field(default_factory=Text)
    # Other columns of the choices sheet (a cascade's "region"), read by choice_filter.
    extra: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ChoiceList:
    name: str
    choices: tuple[Choice, ...] = ()

    def choice(self, name: str) -> Choice | None:
        return next((c for c in self.choices if c.name == name), None)


@dataclass(frozen=True)
class Question:
    name: str
    type: str
    label: Text = field(default_factory=Text)
    hint: Text = field(default_factory=Text)
    # "" (not required), "yes" (always) or an expression (required when it is true).
    required: str = ""
    required_message: Text = field(default_factory=Text)
    relevant: str = ""
    constraint: str = ""
    constraint_message: Text = field(default_factory=Text)
    calculation: str = ""
    default: str = ""
    read_only: bool = False
    choice_list: str = ""  # the list of a select
    choice_filter: str = ""  # cascading choices: an expression per choice
    or_other: bool = False  # "other, please specify" adds a text box
    appearance: str = ""
    # Where it came from: the type as written ("select_one_from_file  regions.csv", "geopoint")
    # and the spreadsheet row (header = 1), for messages and for exporting it back.
    source_type: str = ""
    row: int | None = None
    # Why the filler cannot show it (an UNSUPPORTED question), in the user's language.
    unsupported_reason: str = ""
    # The roster field a check-the-roster question confirms ("phone", "residence_status").
    roster_field: str = ""
    parameters: Mapping[str, str] = field(default_factory=dict)

    kind = "question"

    @property
    def is_select(self) -> bool:
        return self.type in SELECTS

    @property
    def answerable(self) -> bool:
        """Whether a person answers it (not a note, a calculation or a metadata field)."""
        return self.type not in (NOTE, CALCULATE, METADATA, UNSUPPORTED)


@dataclass(frozen=True)
class Group:
    """A section (``repeat`` False) or a repeat: entries of the same questions."""

    name: str
    label: Text = field(default_factory=Text)
    children: tuple[Question | Group, ...] = ()
    repeat: bool = False
    relevant: str = ""
    appearance: str = ""
    repeat_count: str = ""  # an expression or a number; "" lets the person add entries
    prefill: str = ""  # PREFILL_HOUSEHOLD_MEMBERS for one entry per household member
    row: int | None = None

    kind = "group"


Node = Question | Group


@dataclass(frozen=True)
class Form:
    form_id: str  # XLSForm's id_string: stays the same across versions
    title: Text
    children: tuple[Node, ...] = ()
    choices: Mapping[str, ChoiceList] = field(default_factory=dict)
    version: str = ""
    languages: tuple[str, ...] = ()
    default_language: str = ""
    # Settings we keep only to give them back on export (instance_name, style…).
    settings: Mapping[str, str] = field(default_factory=dict)

    def walk(self) -> Iterator[tuple[str, Node]]:
        """Every node in order with its path ("/household/members/name")."""
        yield from _walk(self.children, "")

    def questions(self) -> list[tuple[str, Question]]:
        return [(path, node) for path, node in self.walk() if isinstance(node, Question)]

    def question(self, name: str) -> Question | None:
        return next((q for _path, q in self.questions() if q.name == name), None)

    def choice_list(self, name: str) -> ChoiceList:
        return self.choices.get(name) or ChoiceList(name)


def _walk(nodes: tuple[Node, ...], prefix: str) -> Iterator[tuple[str, Node]]:
    for node in nodes:
        path = f"{prefix}/{node.name}"
        yield path, node
        if isinstance(node, Group):
            yield from _walk(node.children, path)


def language_fallbacks(form: Form) -> tuple[str, ...]:
    """The order to look for a text when the wanted language has none."""
    ordered = [form.default_language, *form.languages, "default"]
    return tuple(dict.fromkeys(lang for lang in ordered if lang))


# -- to and from JSON-ready data (a form version's stored definition) ----------------------

def to_data(form: Form) -> dict[str, Any]:
    return {
        "form_id": form.form_id, "title": dict(form.title.by_language),
        "version": form.version, "languages": list(form.languages),
        "default_language": form.default_language, "settings": dict(form.settings),
        "choices": [{"name": cl.name, "choices": [
            {"name": c.name, "label": dict(c.label.by_language), "extra": dict(c.extra)}
            for c in cl.choices]} for cl in form.choices.values()],
        "children": [_node_data(node) for node in form.children],
    }


def _node_data(node: Node) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": node.kind}
    for f in fields(node):
        value = getattr(node, f.name)
        if f.name == "children":
            value = [_node_data(child) for child in value]
        elif isinstance(value, Text):
            value = dict(value.by_language)
        elif isinstance(value, Mapping):
            value = dict(value)
        if value not in ("", None, False, {}, []):
            out[f.name] = value
    return out


def from_data(data: Mapping[str, Any]) -> Form:
    choices = {
        cl["name"]: ChoiceList(cl["name"], tuple(
            Choice(c["name"], Text(c.get("label", {})), c.get("extra", {}))
            for c in cl.get("choices", ())))
        for cl in data.get("choices", ())}
    return Form(
        form_id=data.get("form_id", ""), title=Text(data.get("title", {})),
        children=tuple(_node_from(node) for node in data.get("children", ())),
        choices=choices, version=data.get("version", ""),
        languages=tuple(data.get("languages", ())),
        default_language=data.get("default_language", ""),
        settings=data.get("settings", {}))


def _node_from(data: Mapping[str, Any]) -> Node:
    cls = Group if data.get("kind") == "group" else Question
    values: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        if f.name == "children":
            value = tuple(_node_from(child) for child in value)
        elif f.name in _TEXTS:
            value = Text(value)
        values[f.name] = value
    return cls(**values)


_TEXTS = frozenset({"label", "hint", "required_message", "constraint_message"})


def with_children(node: Group | Form, children: tuple[Node, ...]) -> Group | Form:
    return replace(node, children=children)


# The app's languages and the names forms give them ("中文 (zh)", "English (en)", "chinese").
_LANGUAGE_NAMES = {
    "zh_Hans": ("zh-hans", "zh-cn", "zh_hans", "zh", "chinese", "中文", "简体中文", "简体"),
    "zh_Hant": ("zh-hant", "zh-tw", "zh-hk", "zh_hant", "繁體中文", "繁体中文", "繁體", "zh",
                "chinese", "中文"),
    "en": ("en", "english"),
}


def language_for(form: Form, app_language: str) -> str | None:
    """The form's language to show in the app's language: the one whose code in brackets
    ("English (en)") or whose name matches, else None (the form's default is used)."""
    return language_among(form.languages, app_language)


def language_among(languages: tuple[str, ...], app_language: str) -> str | None:
    wanted = _LANGUAGE_NAMES.get(app_language, (app_language.lower(),))
    for name in wanted:  # in order of preference: zh-Hant before a plain zh
        for language in languages:
            lowered = language.lower()
            code = lowered.rsplit("(", 1)[1].rstrip(") ") if "(" in lowered else ""
            if name in (code, lowered.split(" (")[0].strip()):
                return language
    return None


# The language a form made in the app carries for each app language (XLSForm's "name (code)"
# form, so an exported form says its languages the way ODK and KoboToolbox expect).
FORM_LANGUAGES = {"zh_Hans": "简体中文 (zh-Hans)", "zh_Hant": "繁體中文 (zh-Hant)",
                  "en": "English (en)"}
