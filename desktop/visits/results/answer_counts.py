"""How often each answer was given, counted fast enough for 50,000 visits.

Why this shape: a tally needs, per question, each distinct answer and how many gave it — not
each visit. So each visit's answers go into a ``Counter`` of (question name, answer) pairs in
one C-level ``update`` (a repeat's entries into the counter of that repeat), and the tallies
are made from the distinct pairs afterwards: the per-visit work is reading the JSON and one
update, not a Python step per question.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from desktop.visits.forms.model import Form, Group

_BATCH = 200_000  # pairs gathered before they are counted


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


class AnswerCounts:
    """The answers of the counted visits of one form version."""

    def __init__(self, form: Form | None) -> None:
        self.repeats = repeat_children(form)
        self.visits = 0
        self.entries: Counter[str] = Counter()  # repeat → how many entries it had
        self.pairs: dict[str, Counter] = defaultdict(Counter)  # level → (name, answer) → n
        self._pending: dict[str, list] = defaultdict(list)  # pairs not yet counted

    def add(self, answers: dict) -> None:
        self.visits += 1
        self._add("", answers)
        if len(self._pending[""]) > _BATCH:
            self._flush()

    def _flush(self) -> None:
        # One Counter.update over many pairs: its per-call checks cost more than the counting.
        for level, pending in self._pending.items():
            try:
                self.pairs[level].update(pending)
            except TypeError:  # a list or object where a text was expected: the texts only
                self.pairs[level].update(p for p in pending if isinstance(p[1], (str, int)))
            pending.clear()

    def _add(self, level: str, answers: dict) -> None:
        for repeat in self.repeats.get(level, ()):
            entries = answers.pop(repeat, None)
            if not isinstance(entries, list):
                continue
            for entry in entries:
                if isinstance(entry, dict):
                    self.entries[repeat] += 1
                    self._add(repeat, entry)
        self._pending[level].extend(answers.items())

    def answers_by_name(self, level: str) -> dict[str, list[tuple[str, int]]]:
        """name → [(answer, how many)] at one level ("" or a repeat's name)."""
        self._flush()
        out: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for (name, value), count in self.pairs.get(level, Counter()).items():
            out[name].append((value if isinstance(value, str) else str(value), count))
        return out

    def asked(self, level: str) -> int:
        return self.visits if not level else self.entries[level]
