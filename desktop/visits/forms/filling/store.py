"""The answers as the person gave them (plain data, kept even while a question is hidden, so
that un-hiding it brings its answer back), and the household members a repeat starts from."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

from desktop.visits.forms.filling.state import Entry

RESIDENT_ID = "_resident_id"  # in a prefilled entry: the roster's resident it is about
CONFIRMED = "_confirmed"  # "yes" once the volunteer has confirmed a prefilled entry


class Store:
    def __init__(self, answers: Mapping[str, Any] | None) -> None:
        self.data: dict[str, Any] = copy.deepcopy(dict(answers or {}))

    def entry(self, entry: Entry, create: bool = False) -> dict[str, Any] | None:
        here: dict[str, Any] | None = self.data
        for repeat, index in entry:
            entries = here.get(repeat)
            if not isinstance(entries, list):
                if not create:
                    return None
                entries = here[repeat] = []
            while create and len(entries) <= index:
                entries.append({})
            if index >= len(entries) or not isinstance(entries[index], dict):
                return None
            here = entries[index]
        return here

    def get(self, entry: Entry, name: str) -> str:
        here = self.entry(entry)
        value = here.get(name, "") if here is not None else ""
        return value if isinstance(value, str) else str(value)

    def set(self, entry: Entry, name: str, value: str) -> None:
        self.entry(entry, create=True)[name] = value

    def entries(self, parent: Entry, repeat: str) -> list[dict[str, Any]]:
        here = self.entry(parent)
        found = here.get(repeat) if here is not None else None
        return found if isinstance(found, list) else []

    def ensure(self, parent: Entry, repeat: str, count: int) -> list[int]:
        """At least ``count`` entries; the indexes of those added."""
        here = self.entry(parent, create=True)
        entries = here.setdefault(repeat, [])
        added = list(range(len(entries), count))
        entries.extend({} for _ in added)
        return added

    def add(self, parent: Entry, repeat: str, data: Mapping[str, str] | None = None) -> int:
        entries = self.entry(parent, create=True).setdefault(repeat, [])
        entries.append(dict(data or {}))
        return len(entries) - 1

    def remove(self, parent: Entry, repeat: str, index: int) -> bool:
        entries = self.entries(parent, repeat)
        if 0 <= index < len(entries):
            del entries[index]
            return True
        return False


def member_entry(member: Mapping[str, Any], names: Sequence[str]) -> dict[str, str]:
    """A prefilled entry: the member's fields that name a question of the repeat, and the
    resident it is about."""
    # Text and numbers only: a roster's True/False is not an answer (a yes/no question takes
    # "yes"/"no", and one that checks the roster is to be asked, not assumed).
    entry = {name: str(member[name]) for name in names
             if isinstance(member.get(name), (str, int, float))
             and not isinstance(member.get(name), bool) and member.get(name) != ""}
    if member.get("resident_id") not in (None, ""):
        entry[RESIDENT_ID] = str(member["resident_id"])
    return entry
