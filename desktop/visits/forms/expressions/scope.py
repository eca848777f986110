"""Where an expression finds its values: the ``Scope`` the filler implements, and
``DictScope``, a plain one over answers as the filler stores them (for tests, checks and
previews)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Protocol


class Scope(Protocol):
    def current(self) -> object:
        """"." : the question's own value."""

    def lookup(self, name: str) -> object:
        """${name}: its value (text, "" when unanswered); seen from outside its repeat, a
        list with one value per entry."""

    def position(self) -> int:
        """position(..): the 1-based entry of the current repeat."""

    def indexed(self, name: str, repeat: str, index: int) -> object:
        """indexed-repeat(${name}, ${repeat}, index): ${name} in entry ``index`` (1-based)."""

    def choice_label(self, question: str, value: str) -> str:
        """jr:choice-name(value, '${question}'): the label of that choice."""

    def today(self) -> dt.date: ...

    # Optional: ``field(name)`` answers a bare name in a choice_filter (the column ``name``
    # of the choice being filtered); without it a bare name is "".


class DictScope:
    """Answers as plain data: question name → text, and a repeat's name → a list of such
    dicts (one per entry). ``entry`` is (repeat name, 1-based index) when evaluating inside
    a repeat entry: names of that repeat's questions then mean this entry's value."""

    def __init__(self, answers: Mapping[str, object], *, value: object = "",
                 entry: tuple[str, int] | None = None, today: dt.date | None = None,
                 labels: Mapping[tuple[str, str], str] | None = None,
                 fields: Mapping[str, str] | None = None) -> None:
        self.answers = answers
        self.value = value
        self.entry = entry
        self._today = today or dt.date.today()
        self.labels = labels or {}
        self.fields = fields or {}

    def current(self) -> object:
        return self.value

    def lookup(self, name: str) -> object:
        if name in self.answers:
            return self.answers[name]
        if self.entry is not None:
            repeat, index = self.entry
            entries = self.answers.get(repeat) or []
            if 0 < index <= len(entries) and name in entries[index - 1]:
                return entries[index - 1][name]
        for value in self.answers.values():  # a question of a repeat, seen from outside
            if isinstance(value, list) and value and any(name in e for e in value):
                return [entry.get(name, "") for entry in value]
        return ""

    def position(self) -> int:
        return self.entry[1] if self.entry else 1

    def indexed(self, name: str, repeat: str, index: int) -> object:
        entries = self.answers.get(repeat) or []
        if 0 < index <= len(entries):
            return entries[index - 1].get(name, "")
        return ""

    def choice_label(self, question: str, value: str) -> str:
        return self.labels.get((question, value), "")

    def today(self) -> dt.date:
        return self._today

    def field(self, name: str) -> str:
        return self.fields.get(name, "")
