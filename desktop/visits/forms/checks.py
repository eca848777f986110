"""The checks a form passes before use, so a mistake is found when the form is loaded, by
question and column, never at a resident's door: every expression parses and names questions
that exist, no calculation or relevance goes round in a circle, regex patterns compile,
selects have their choice list, names are unique where they must be, and a constraint that no
answer can meet is flagged.

Fast on big forms: parsing is cached by text and the circle search is linear.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator

from desktop.core.i18n import _
from desktop.visits.forms import model as m
from desktop.visits.forms.expressions import (
    DictScope,
    Expr,
    ExpressionError,
    evaluate,
    parse,
    truthy,
)
from desktop.visits.forms.expressions import tree as t
from desktop.visits.forms.expressions.functions import compiled_pattern
from desktop.visits.forms.expressions.values import text_date
from desktop.visits.forms.problems import ERROR, WARNING, Problem

_NOT_EXPRESSIONS = frozenset({"", "yes", "no", "true", "false", "true()", "false()"})
_DYNAMIC_DEFAULT = re.compile(r"\$\{|[\w:-]+\s*\(|^\s*\.\s*$")
_INTEGER = re.compile(r"\s*\d+\s*")


def check_form(form: m.Form) -> list[Problem]:
    problems: list[Problem] = []
    problems += _duplicate_names(form.children, "")
    names = {node.name for _path, node in form.walk()}
    parsed: dict[str, dict[str, Expr]] = {}  # node name → column → expression
    for path, node, column, text in expressions(form):
        try:
            expr = parse(text)
        except ExpressionError as error:
            if error.unsupported and getattr(node, "type", "") == m.UNSUPPORTED:
                continue  # the importer has said the question cannot be filled in
            problems.append(_problem(node, column, _(
                "{column} of {question}: {message}"
            ).format(column=column, question=node.name, message=error.message),
                WARNING if error.unsupported else ERROR))
            continue
        parsed.setdefault(path, {})[column] = expr
        problems += _expression_problems(form, node, column, expr, names)
    for _path, question in form.questions():
        if question.type in (m.SELECT_ONE, m.SELECT_MULTIPLE) and \
                question.choice_list not in form.choices:
            problems.append(_problem(question, "type", _(
                "The choice list {list} of {question} is not on the choices sheet."
            ).format(list=question.choice_list or "?", question=question.name)))
    problems += _circles(form, parsed)
    problems += _impossible_constraints(form, parsed)
    return problems


def expressions(form: m.Form) -> Iterator[tuple[str, m.Node, str, str]]:
    """Every expression of the form: (path, question or group, column, text)."""
    for path, node in form.walk():
        if node.relevant.strip():
            yield path, node, "relevant", node.relevant
        if isinstance(node, m.Group):
            if node.repeat_count.strip() and not _INTEGER.fullmatch(node.repeat_count):
                yield path, node, "repeat_count", node.repeat_count
            continue
        if node.constraint.strip():
            yield path, node, "constraint", node.constraint
        if node.calculation.strip():
            yield path, node, "calculation", node.calculation
        if node.required.strip().lower() not in _NOT_EXPRESSIONS:
            yield path, node, "required", node.required
        if node.choice_filter.strip():
            yield path, node, "choice_filter", node.choice_filter
        if node.default.strip() and _DYNAMIC_DEFAULT.search(node.default):
            yield path, node, "default", node.default


def _problem(node: m.Node, column: str, message: str, severity: str = ERROR) -> Problem:
    return Problem(message, severity, node.row, column, node.name)


def _duplicate_names(nodes: tuple[m.Node, ...], scope: str) -> list[Problem]:
    problems, seen = [], set()
    for node in nodes:
        if node.name in seen:
            problems.append(_problem(node, "name", _(
                "The name {name} is used twice in {scope}; each question needs its own name."
            ).format(name=node.name, scope=scope or _("the form"))))
        seen.add(node.name)
        if isinstance(node, m.Group):
            problems += _duplicate_names(node.children, node.name)
    return problems


def _expression_problems(form: m.Form, node: m.Node, column: str, expr: Expr,
                         names: set[str]) -> list[Problem]:
    problems = []
    for name in sorted(expr.refs - names):
        problems.append(_problem(node, column, _(
            "{column} of {question} refers to {reference}, which is not a question of this "
            "form."
        ).format(column=column, question=node.name, reference=f"${{{name}}}")))
    if column == "choice_filter":
        known = {"name", "label"}
        choice_list = form.choices.get(getattr(node, "choice_list", ""))
        for choice in choice_list.choices if choice_list else ():
            known.update(choice.extra)
        fields = expr.fields - known if choice_list and choice_list.choices else set()
    else:  # a bare FALSE or null is ODK's way to say "never" / "empty": it reads as ""
        fields = {f for f in expr.fields if f.lower() not in ("false", "null")}
    for name in sorted(fields):
        problems.append(_problem(node, column, _(
            "{column} of {question}: {name} is read as an empty value. For the question, "
            "write {reference}; for the text, write {text}."
        ).format(column=column, question=node.name, name=name, reference=f"${{{name}}}",
                 text=f"'{name}'"), WARNING))
    for node_ in t.walk(expr.root):
        if isinstance(node_, t.Call) and node_.name == "regex" and \
                isinstance(node_.args[1], t.String) and \
                compiled_pattern(node_.args[1].value) is None:
            problems.append(_problem(node, column, _(
                "{column} of {question}: the pattern {pattern} of regex() is not a valid "
                "regular expression."
            ).format(column=column, question=node.name, pattern=node_.args[1].value)))
    return problems


# -- circles: a uses b uses a ----------------------------------------------------------------

def _circles(form: m.Form, parsed: dict[str, dict[str, Expr]]) -> list[Problem]:
    """A value (calculation) or a visibility (relevant, also a group's, which its questions
    inherit) that depends on itself through ${…}s can never be worked out. Nodes are kept by
    path: a field-list group may carry the name of the question inside it."""
    nodes = dict(form.walk())
    groups = {node.name: path for path, node in reversed(nodes.items())
              if isinstance(node, m.Group)}
    questions = {node.name: path for path, node in reversed(nodes.items())
                 if isinstance(node, m.Question)}
    by_name = {**groups, **questions}  # ${name} means the question when a group shares it
    graph: dict[str, list[tuple[str, str]]] = {}  # path → (path it uses, through column)
    for path in nodes:
        mine = parsed.get(path, {})
        edges = [(by_name[ref], column) for column in ("calculation", "relevant")
                 if column in mine for ref in sorted(mine[column].refs) if ref in by_name]
        parts = path.split("/")
        edges += [(group, _INHERITED) for group in
                  ("/".join(parts[:i]) for i in range(2, len(parts)))
                  if "relevant" in parsed.get(group, {})]
        graph[path] = edges
    problems = []
    for component in _strongly_connected(graph):
        first = component[0]
        if len(component) == 1 and not any(ref == first for ref, _c in graph[first]):
            continue
        circle, column = _circle_through(graph, first, set(component))
        names = " → ".join(nodes[p].name for p in circle)
        inherited = [a for a, b in itertools.pairwise(circle)
                     if not any(r == b and c != _INHERITED for r, c in graph[a])]
        if inherited:
            # A group shown only by an answer inside it: legal in ODK, but once the group
            # hides itself that answer cannot be changed any more. Said, not refused.
            group = circle[circle.index(inherited[0]) + 1]
            problems.append(_problem(nodes[group], "relevant", _(
                "{circle}: the group {group} is shown only by an answer inside it; once it "
                "hides itself, that answer cannot be changed."
            ).format(circle=names, group=nodes[group].name), WARNING))
            continue
        problems.append(_problem(nodes[first], column, _(
            "Circular logic: {circle}. A calculation or a relevance cannot depend on itself."
        ).format(circle=names)))
    return problems


_INHERITED = "group"  # the edge from a question to the group whose relevance it inherits


def _strongly_connected(graph: dict[str, list[tuple[str, str]]]) -> list[list[str]]:
    """Tarjan's algorithm without recursion (2,000 questions would pass Python's limit);
    each component in form order."""
    order = {name: i for i, name in enumerate(graph)}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in graph:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            name, i = work.pop()
            if i == 0:
                index[name] = low[name] = len(index)
                stack.append(name)
                on_stack.add(name)
            edges = graph[name]
            if i < len(edges):
                work.append((name, i + 1))
                nxt = edges[i][0]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[name] = min(low[name], index[nxt])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[name])
            if low[name] == index[name]:
                component = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    component.append(top)
                    if top == name:
                        break
                found.append(sorted(component, key=order.__getitem__))
    return found


def _circle_through(graph, start: str, members: set[str]) -> tuple[list[str], str]:
    """The shortest circle from ``start`` back to it inside its component, and the column of
    ``start`` it leaves through."""
    came_from: dict[str, str] = {}
    queue, seen = [start], {start}
    while queue:
        name = queue.pop(0)
        for ref, _column in graph[name]:
            if ref == start:
                back = [name]
                while back[-1] != start:
                    back.append(came_from[back[-1]])
                circle = [*reversed(back), start]
                column = next(c for r, c in graph[start] if r == circle[1])
                return circle, column
            if ref in members and ref not in seen:
                seen.add(ref)
                came_from[ref] = name
                queue.append(ref)
    return [start, start], "calculation"


def _impossible_constraints(form: m.Form, parsed: dict[str, dict[str, Expr]]) -> list[Problem]:
    problems = []
    for path, question in form.questions():
        expr = parsed.get(path, {}).get("constraint")
        if expr is not None and never_met(form, question, expr):
            problems.append(_problem(question, "constraint", _(
                "The constraint of {question} ({constraint}) looks impossible to meet: no "
                "answer tried passes it."
            ).format(question=question.name, constraint=question.constraint), WARNING))
    return problems


# -- a constraint no answer meets -----------------------------------------------------------

def never_met(form: m.Form, question: m.Question, expr: Expr) -> bool:
    """Whether no sample answer of the question's type passes the constraint. Samples come
    from the type and from the constraint's own numbers and texts (``. > 17`` tries 16, 17,
    18). Only constraints about the answer alone are judged: one that uses other questions,
    or a regex (no sample can be made to match it), is given the benefit of the doubt."""
    if expr.refs or "regex" in expr.functions:
        return False
    samples = _samples(form, question, expr)
    if not samples:
        return False
    today = dt.date.today()
    for sample in samples:
        try:
            if truthy(evaluate(expr, DictScope({}, value=sample, today=today))):
                return False
        except (ArithmeticError, ValueError, TypeError):  # cannot tell: do not warn
            return False
    return True


def _samples(form: m.Form, question: m.Question, expr: Expr) -> list[str]:
    numbers, texts = set(), set()
    for node in t.walk(expr.root):
        if isinstance(node, t.Number):
            numbers.update((node.value - 1, node.value, node.value + 1))
        elif isinstance(node, t.String):
            texts.add(node.value)
    kind = question.type
    if kind in (m.INTEGER, m.DECIMAL):
        values = numbers | {0.0, 1.0, -1.0, 10.0, 100.0, 1000.0, 1e6}
        if kind == m.DECIMAL:
            values |= {v + 0.5 for v in values} | {v - 0.5 for v in values}
        return [_number(v, kind == m.INTEGER) for v in sorted(values)]
    if kind == m.TEXT:
        lengths = {int(n) for n in numbers if 0 < n <= 200}
        return sorted(texts | {"a", "abc", "0", "1", "123", "yes", "Ab1"}
                      | {"1" * n for n in lengths} | {"a" * n for n in lengths}
                      | {_number(n, False) for n in numbers} | {x + "1" for x in texts}) or []
    if kind == m.DATE:
        today = dt.date.today()
        days = (0, 1, -1, 30, -30, 365, -365, -3650, -18250, -36500)
        dates = {(today + dt.timedelta(days=d)).isoformat() for d in days}
        for text in texts:  # '2030-01-01' in the constraint: that day and either side
            day = text_date(text)
            if day is not None:
                dates.update((day + dt.timedelta(days=d)).isoformat() for d in (-1, 0, 1))
        return sorted(dates)
    if kind == m.TIME:
        return sorted(texts | {"00:00", "06:00", "08:30", "12:00", "18:00", "23:59"})
    if kind in (m.SELECT_ONE, m.YES_NO, m.SELECT_MULTIPLE):
        names = [c.name for c in form.choice_list(question.choice_list).choices]
        if kind != m.SELECT_MULTIPLE:
            return names
        few = names[:10]
        return names + [f"{a} {b}" for i, a in enumerate(few) for b in few[i + 1:]] + \
            [" ".join(names)]
    return []


def _number(value: float, whole: bool) -> str:
    if whole:
        return str(int(value))
    return str(int(value)) if value == int(value) else repr(value)
