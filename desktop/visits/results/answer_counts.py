"""How often each answer was given, counted fast enough for 50,000 visits.

Why this shape: a tally needs, per question, each distinct answer and how many gave it — not
each visit. So each visit's answers are counted as (question name, answer) pairs in one
C-level call (a repeat's entries into the counts of that repeat), and the tallies are made
from the distinct pairs afterwards: the per-visit work is reading the JSON and one call, not
a Python step per question.
"""

from __future__ import annotations

from collections import Counter, defaultdict

try:  # C: counts an iterable into a dict with none of Counter.update's per-call checks
    from collections import _count_elements
except ImportError:  # pragma: no cover - another Python
    def _count_elements(mapping, iterable):
        for element in iterable:
            mapping[element] = mapping.get(element, 0) + 1

from desktop.visits.forms.model import Form, Group


def repeat_children(form: Form | None) -> dict[str, tuple[str, ...]]:
    """The repeats inside each level of a form: "" (the top) → its repeats' names, each repeat
    → the repeats inside it."""
    out: dict[str, list[str]] = defaultdict(list)

    def walk(nodes, level: str) -> None:
        for node in nodes:
            if isinstance(node, Group):
                if node.repeat:
                    out[level].append(node.name)
                    out.setdefault(node.name, [])
                    walk(node.children, node.name)
                else:
                    walk(node.children, level)
    if form is not None:
        walk(form.children, "")
    return {level: tuple(names) for level, names in out.items()}


def _hashable(value) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _count(counter: dict, answers: dict) -> None:
    """Count the (name, answer) pairs of one level of one visit."""
    try:
        _count_elements(counter, answers.items())
    except TypeError:
        # A list or object where a text was expected (a repeat this version does not have):
        # the pairs before it were counted; count the texts after it.
        items = list(answers.items())
        first = next(i for i, (_name, value) in enumerate(items) if not _hashable(value))
        _count_elements(counter, (p for p in items[first + 1:] if _hashable(p[1])))


class AnswerCounts:
    """The answers of the counted visits of one form version."""

    def __init__(self, form: Form | None) -> None:
        self.repeats = repeat_children(form)
        self.visits = 0
        self.entries: Counter[str] = Counter()  # repeat → how many entries it had
        self.pairs: dict[str, dict] = defaultdict(dict)  # level → (name, answer) → n

    def add(self, answers: dict) -> None:
        self.visits += 1
        self._add("", answers)

    def _add(self, level: str, answers: dict) -> None:
        for repeat in self.repeats.get(level, ()):
            entries = answers.pop(repeat, None)
            if not isinstance(entries, list):
                continue
            nested = self.repeats.get(repeat)
            counter = self.pairs[repeat]
            for entry in entries:
                if isinstance(entry, dict):
                    self.entries[repeat] += 1
                    if nested:
                        self._add(repeat, entry)
                    else:  # the usual repeat (household members): counted right here
                        _count(counter, entry)
        _count(self.pairs[level], answers)

    def answers_by_name(self, level: str) -> dict[str, list[tuple[str, int]]]:
        """name → [(answer, how many)] at one level ("" or a repeat's name)."""
        out: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for (name, value), count in self.pairs.get(level, {}).items():
            out[name].append((value if isinstance(value, str) else str(value), count))
        return out

    def asked(self, level: str) -> int:
        return self.visits if not level else self.entries[level]
