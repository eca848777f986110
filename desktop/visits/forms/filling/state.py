"""What the filler shows of each question instance, and what one change changed.

An instance is a question (or group) in one repeat entry: its ``Key`` is the entry path
(``(("members", 0),)`` for the first member, ``()`` outside repeats) and the name.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.i18n import _
from desktop.visits.forms.model import Choice

Entry = tuple[tuple[str, int], ...]
Key = tuple[Entry, str]


@dataclass(frozen=True)
class QuestionState:
    key: Key
    visible: bool  # relevant, and every group around it too
    required: bool = False
    read_only: bool = False
    value: str = ""  # the answer as the form's logic sees it: "" when hidden
    problem: str = ""  # the required or constraint message, in the form's language
    choices: tuple[Choice, ...] = ()  # a select's choices after its choice_filter
    other: bool = False  # "other, please specify" is chosen: show its text box
    other_text: str = ""
    # The label and hint in the form's language, any ${name} in them replaced by its value.
    label: str = ""
    hint: str = ""
    missing: bool = False  # the problem is only that a required answer is not given yet

    @property
    def name(self) -> str:
        return self.key[1]

    @property
    def entry(self) -> Entry:
        return self.key[0]


@dataclass(frozen=True)
class GroupState:
    key: Key
    visible: bool
    entries: int = 0  # a repeat: how many entries it has


@dataclass(frozen=True)
class Change:
    """What one change did: the instances whose state differs (for the widget to update) and
    the repeats whose entries were added or removed (their key: parent entry and name)."""

    states: tuple[Key, ...] = ()
    repeats: tuple[Key, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.states or self.repeats)


def required_message() -> str:
    return _("This question needs an answer.")


def constraint_message() -> str:
    return _("This answer is not allowed here.")


def type_message(kind: str) -> str:
    messages = {
        "integer": _("Enter a whole number, e.g. 42."),
        "decimal": _("Enter a number, e.g. 3.5."),
        "date": _("Enter a date as year-month-day, e.g. 2026-12-06."),
        "time": _("Enter a time as hours:minutes, e.g. 14:30."),
    }
    return messages[kind]
