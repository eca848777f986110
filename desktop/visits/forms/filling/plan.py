"""What depends on what in a form: every question and group once (a ``Def``), its parsed
expressions, the names they reference, and one order in which to recompute them.

Built once per form; the fill recomputes only the closure of what a change reaches, in this
order, so a 200-question form answers within a frame. A circular calculation (which
``checks`` reports when the form is loaded) must not hang the filler: the order breaks the
circle at an arbitrary point and each node is still computed once per change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.visits.forms import expressions
from desktop.visits.forms.model import Form, Group, Node, Question

# The expressions a node may carry, by the model's field names.
QUESTION_EXPRESSIONS = ("relevant", "required", "constraint", "calculation", "choice_filter")
GROUP_EXPRESSIONS = ("relevant", "repeat_count")
# ${name} inside a label or hint ("Is ${name} still living here?"): shown with its value.
LABEL_REFERENCE = re.compile(r"\$\{\s*([^}\s]+)\s*\}")
ALWAYS = frozenset({"yes", "true", "true()"})
NEVER = frozenset({"", "no", "false", "false()"})


@dataclass
class Def:
    name: str
    node: Node
    parent: str | None  # the enclosing group's name
    repeats: tuple[str, ...]  # enclosing repeats, outermost first (a repeat excludes itself)
    exprs: dict[str, expressions.Expr] = field(default_factory=dict)
    refs: frozenset[str] = frozenset()
    order: int = 0
    # indexed-repeat() reads other entries of a repeat: such a node is recomputed in every
    # entry, not only in the one that changed.
    cross_entry: bool = False
    shows_values: bool = False  # its label or hint has ${name}s in it

    @property
    def is_group(self) -> bool:
        return isinstance(self.node, Group)

    @property
    def is_repeat(self) -> bool:
        return isinstance(self.node, Group) and self.node.repeat


def _parse(text: str) -> expressions.Expr | None:
    try:
        return expressions.parse(text)
    except expressions.ExpressionError:
        return None  # reported by checks when the form is loaded; the filler ignores it


def _expressions(node: Node) -> dict[str, expressions.Expr]:
    out: dict[str, expressions.Expr] = {}
    names = GROUP_EXPRESSIONS if isinstance(node, Group) else QUESTION_EXPRESSIONS
    for name in names:
        text = (getattr(node, name, "") or "").strip()
        if name == "required" and text.lower() in ALWAYS | NEVER:
            continue
        if name == "repeat_count" and text.isdigit():
            continue  # a plain number needs no evaluation
        if text:
            parsed = _parse(text)
            if parsed is not None:
                out[name] = parsed
    return out


def _label_references(node: Node) -> frozenset[str]:
    texts = [*node.label.by_language.values()]
    if isinstance(node, Question):
        texts += node.hint.by_language.values()
    return frozenset(name for text in texts for name in LABEL_REFERENCE.findall(text or ""))


class Plan:
    """The form's nodes by name, who depends on whom, and the recompute order."""

    def __init__(self, form: Form) -> None:
        self.form = form
        self.defs: dict[str, Def] = {}
        self.children: dict[str | None, list[str]] = {}
        self.keys: dict[int, str] = {}  # id(node) → its name here (see ``key_for``)
        self._questions = {n.name for _path, n in form.walk() if isinstance(n, Question)}
        self._collect(form.children, None, ())
        self.dependants: dict[str, set[str]] = {name: set() for name in self.defs}
        for d in self.defs.values():
            for ref in d.refs:
                if ref in self.dependants and ref != d.name:
                    self.dependants[ref].add(d.name)
            if d.parent is not None:
                self.dependants[d.parent].add(d.name)
        self.order = self._order()
        for position, name in enumerate(self.order):
            self.defs[name].order = position
        self._closures: dict[frozenset[str], list[str]] = {}

    def _collect(self, nodes, parent: str | None, repeats: tuple[str, ...]) -> None:
        for node in nodes:
            key = node.name
            if isinstance(node, Group) and not node.repeat and key in self._questions:
                # A section named like the question inside it (real forms do this: a
                # field-list group "permission" around the question "permission"): ${…}
                # and the answers mean the question, so the section takes another key
                # ("/" cannot be part of an XLSForm name).
                key = f"{key}/"
            if key in self.defs:  # a duplicate name: checks report it; the first is used
                if isinstance(node, Group):
                    inner = (*repeats, node.name) if node.repeat else repeats
                    self._collect(node.children, key if not node.repeat else parent, inner)
                continue
            exprs = _expressions(node)
            shown = _label_references(node)
            refs = frozenset().union(shown, *(expressions.references(e)
                                              for e in exprs.values()))
            cross = any("indexed-repeat" in (getattr(node, n, "") or "")
                        for n in (*QUESTION_EXPRESSIONS, *GROUP_EXPRESSIONS))
            self.defs[key] = Def(key, node, parent, repeats, exprs, refs,
                                 cross_entry=cross, shows_values=bool(shown))
            self.keys[id(node)] = key
            self.children.setdefault(parent, []).append(key)
            if isinstance(node, Group):
                inner = (*repeats, node.name) if node.repeat else repeats
                self._collect(node.children, key, inner)

    def key_for(self, node: Node) -> str | None:
        """The name the fill knows ``node`` by (None for a duplicate it does not use)."""
        return self.keys.get(id(node))

    def _order(self) -> list[str]:
        """Depth-first topological order over "is needed by"; form order among equals."""
        needs: dict[str, list[str]] = {name: [] for name in self.defs}
        for name, users in self.dependants.items():
            for user in users:
                needs[user].append(name)
        order: list[str] = []
        state: dict[str, int] = {}  # 1 visiting, 2 done
        for start in self.defs:
            if start in state:
                continue
            stack = [(start, iter(needs[start]))]
            state[start] = 1
            while stack:
                name, pending = stack[-1]
                nxt = next((n for n in pending if n not in state), None)
                if nxt is None:
                    stack.pop()
                    state[name] = 2
                    order.append(name)
                else:  # a node still being visited is a circle: skipped, not followed
                    state[nxt] = 1
                    stack.append((nxt, iter(needs[nxt])))
        return order

    def closure(self, names: frozenset[str]) -> list[str]:
        """``names`` and everything that depends on them, directly or not, in order."""
        cached = self._closures.get(names)
        if cached is not None:
            return cached
        seen = {n for n in names if n in self.defs}
        todo = list(seen)
        while todo:
            for user in self.dependants[todo.pop()]:
                if user not in seen:
                    seen.add(user)
                    todo.append(user)
        result = sorted(seen, key=lambda n: self.defs[n].order)
        if len(self._closures) < 4096:
            self._closures[names] = result
        return result

    def descendants(self, group: str) -> list[str]:
        out: list[str] = []
        for child in self.children.get(group, ()):
            out.append(child)
            out += self.descendants(child)
        return out

    def question(self, name: str) -> Question | None:
        d = self.defs.get(name)
        return d.node if d is not None and isinstance(d.node, Question) else None
