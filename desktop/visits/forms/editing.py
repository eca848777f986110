"""What the form builder does to a form, as plain functions on the model (Qt-free, tested
without a window): add, move, duplicate and remove questions and sections, choices from a
pasted column, and the "show only when ‹question› is ‹answer›" condition written as (and read
back from) the XLSForm expression, which stays editable for XLSForm users.

Nodes are found by name: names are unique in a form (``checks`` refuses a form where not).
"""

from __future__ import annotations

import re
from dataclasses import replace

from desktop.visits.forms.model import (
    SELECT_MULTIPLE,
    SELECTS,
    YES_NO,
    YES_NO_LIST,
    Choice,
    ChoiceList,
    Form,
    Group,
    Node,
    Question,
    Text,
)

_NAME = re.compile(r"[^0-9A-Za-z_]+")


def _children(node: Form | Group) -> tuple[Node, ...]:
    return node.children


def _map(nodes: tuple[Node, ...], fn) -> tuple[Node, ...]:
    """``fn(siblings) -> siblings`` applied to every sibling tuple, depth first."""
    out = []
    for node in nodes:
        if isinstance(node, Group):
            node = replace(node, children=_map(node.children, fn))
        out.append(node)
    return fn(tuple(out))


def names(form: Form) -> set[str]:
    return {node.name for _path, node in form.walk()}


def free_name(form: Form, wanted: str) -> str:
    """``wanted`` made a valid XLSForm name not yet used in the form (q, q_2, q_3…)."""
    base = _NAME.sub("_", wanted).strip("_") or "q"
    if base[0].isdigit():
        base = f"q_{base}"
    taken, name, n = names(form), base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    return name


def find(form: Form, name: str) -> Node | None:
    return next((node for _path, node in form.walk() if node.name == name), None)


def insert_after(form: Form, after: str | None, node: Node) -> Form:
    """``node`` after the node called ``after`` (among its siblings), or at the end."""
    if after is None or find(form, after) is None:
        return replace(form, children=(*form.children, node))

    def put(siblings):
        out = []
        for sibling in siblings:
            out.append(sibling)
            if sibling.name == after:
                out.append(node)
        return tuple(out)

    return replace(form, children=_map(form.children, put))


def replace_node(form: Form, name: str, node: Node) -> Form:
    return replace(form, children=_map(form.children, lambda siblings: tuple(
        node if sibling.name == name else sibling for sibling in siblings)))


def remove(form: Form, name: str) -> Form:
    return replace(form, children=_map(form.children, lambda siblings: tuple(
        sibling for sibling in siblings if sibling.name != name)))


def move(form: Form, name: str, delta: int) -> Form:
    """One place up (-1) or down (+1) among its siblings; at an end it stays."""
    def shift(siblings):
        order = list(siblings)
        for i, sibling in enumerate(order):
            if sibling.name == name:
                j = i + delta
                if 0 <= j < len(order):
                    order[i], order[j] = order[j], order[i]
                break
        return tuple(order)

    return replace(form, children=_map(form.children, shift))


def duplicate(form: Form, name: str) -> tuple[Form, str]:
    """A copy right after the original, under a new name; returns the form and that name."""
    node = find(form, name)
    if node is None:
        return form, name
    copy_name = free_name(form, name)
    return insert_after(form, name, replace(node, name=copy_name, row=None)), copy_name


def choices_from_text(text: str, language: str, existing: ChoiceList | None = None,
                      list_name: str = "") -> ChoiceList:
    """A choice list from lines (a column pasted from Excel: one answer per line, blank lines
    and repeats dropped). An answer already in the list keeps its name and other languages;
    a new one gets a name from its position (1, 2, 3…), which XLSForm accepts and sorts."""
    known = {c.label.get(language): c for c in existing.choices} if existing else {}
    used = {c.name for c in existing.choices} if existing else set()
    out, seen = [], set()
    for line in text.splitlines():
        label = line.strip().strip("\t").strip()
        if not label or label in seen:
            continue
        seen.add(label)
        if label in known:
            out.append(known[label])
            continue
        n = len(out) + 1
        while str(n) in used:
            n += 1
        used.add(str(n))
        out.append(Choice(str(n), Text({language: label})))
    return ChoiceList(list_name or (existing.name if existing else ""), tuple(out))


def choices_text(choices: ChoiceList, language: str, fallbacks: tuple[str, ...] = ()) -> str:
    return "\n".join(c.label.get(language, fallbacks) for c in choices.choices)


def with_choice_list(form: Form, choices: ChoiceList) -> Form:
    lists = dict(form.choices)
    lists[choices.name] = choices
    return replace(form, choices=lists)


def yes_no_list(language: str, yes: str, no: str) -> ChoiceList:
    return ChoiceList(YES_NO_LIST, (Choice("yes", Text({language: yes})),
                                    Choice("no", Text({language: no}))))


# -- "show only when ‹question› is ‹answer›" -----------------------------------------------

IS, IS_NOT = "is", "is_not"


def condition(question: Question, op: str, value: str) -> str:
    """The expression of a condition on ``question``'s answer: ``${q} = 'x'`` for one answer
    or a number, ``selected(${q}, 'x')`` for a multi-select, each negated for "is not"."""
    ref = f"${{{question.name}}}"
    quoted = "'" + value.replace("'", "") + "'"
    if question.type == SELECT_MULTIPLE:
        text = f"selected({ref}, {quoted})"
        return f"not({text})" if op == IS_NOT else text
    if question.type not in SELECTS and _is_number(value):
        quoted = value
    return f"{ref} {'!=' if op == IS_NOT else '='} {quoted}"


_SIMPLE = re.compile(r"^\s*\$\{(?P<name>\w+)\}\s*(?P<op>!?=)\s*(?P<value>'[^']*'|\"[^\"]*\"|"
                     r"-?\d+(?:\.\d+)?)\s*$")
_SELECTED = re.compile(r"^\s*(?P<neg>not\(\s*)?selected\(\s*\$\{(?P<name>\w+)\}\s*,\s*"
                       r"(?P<value>'[^']*'|\"[^\"]*\")\s*\)\s*(?(neg)\))\s*$")


def read_condition(expression: str) -> tuple[str, str, str] | None:
    """(question name, IS or IS_NOT, answer) when the expression is one the menus can show;
    None for anything else (the expression is then edited as text)."""
    found = _SIMPLE.match(expression)
    if found:
        op = IS_NOT if found["op"] == "!=" else IS
        return found["name"], op, found["value"].strip("'\"")
    found = _SELECTED.match(expression)
    if found:
        return found["name"], IS_NOT if found["neg"] else IS, found["value"].strip("'\"")
    return None


def _is_number(value: str) -> bool:
    return re.fullmatch(r"-?\d+(?:\.\d+)?", value.strip()) is not None


def question_choices(form: Form, question: Question) -> ChoiceList:
    if question.type == YES_NO and question.choice_list == "":
        return form.choice_list(YES_NO_LIST)
    return form.choice_list(question.choice_list)
