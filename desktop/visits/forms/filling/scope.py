"""What an expression sees from one question instance (the expressions' ``Scope``).

``${name}`` is looked up from where the question stands: in its own repeat entry, a question
of the same entry is one value; a question inside a repeat seen from outside is a list with one
value per entry (for ``count()``, ``sum()``…).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from desktop.visits.forms.filling.state import Entry
from desktop.visits.forms.model import Choice

if TYPE_CHECKING:
    from desktop.visits.forms.filling.engine import FormFill


class InstanceScope:
    __slots__ = ("entry", "fill", "name", "own")

    def __init__(self, fill: FormFill, entry: Entry, name: str) -> None:
        self.fill, self.entry, self.name = fill, entry, name
        self.own: str | None = None  # the value a constraint checks, before it is kept

    def current(self) -> object:
        return self.own if self.own is not None else self.fill.value((self.entry, self.name))

    def lookup(self, name: str) -> object:
        if name == self.name and self.own is not None:
            return self.own
        return self.fill.lookup(self.entry, name)

    def position(self) -> int:
        return self.entry[-1][1] + 1 if self.entry else 1

    def indexed(self, name: str, repeat: str, index: int) -> object:
        return self.fill.indexed(self.entry, name, repeat, int(index))

    def choice_label(self, question: str, value: str) -> str:
        return self.fill.choice_label(question, value)

    def today(self) -> dt.date:
        return self.fill.today


class ChoiceScope(InstanceScope):
    """A choice_filter is evaluated once per choice: its bare names (``region``, ``name``)
    are the choice's columns; ``${…}`` are the form's questions."""

    __slots__ = ("choice",)

    def __init__(self, fill: FormFill, entry: Entry, name: str, choice: Choice) -> None:
        super().__init__(fill, entry, name)
        self.choice = choice

    def field(self, name: str) -> object:
        if name == "name":
            return self.choice.name
        if name.startswith("label"):
            return self.fill.text(self.choice.label)
        return self.choice.extra.get(name, "")
