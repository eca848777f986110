"""Masking a campaign's visits for a spreadsheet that travels (the default export).

The rule is ``desktop.core.masking``'s, applied to what a visit holds:

- a question that names a person (its roster field is ``name``, or its name ends in "name")
  → 张*明; one that holds a phone (roster field ``phone``/``phone2``, or "phone", "tel",
  "mobile" in its name) → 138****5678; an ID number → 330106********1234; a birth date → its
  year only;
- every other text (free answers, the visit's note and follow-up note) keeps its words but
  loses any phone or ID number written in it (``find_numbers``), and any name of a member of
  the visited household written in it is masked like the name column;
- the address goes down to the stairwell only ("翠苑一区3幢2单元"), never the flat: a masked
  name beside the flat it lives in is no mask — anyone with the roster, or a neighbour,
  reads the person back. With ~12 flats a stairwell, a row points at a staircase, not a door.
  The household number (户号) is not exported at all.

The visitors' names stay: they are the office's own people, acting for it.
"""

from __future__ import annotations

from functools import lru_cache

from desktop.core.masking import (
    find_numbers,
    mask_found,
    mask_id_number,
    mask_name,
    mask_phone,
)
from desktop.visits.forms.model import DATE, TEXT, Question

NAME, PHONE, ID_NUMBER, BIRTH, FREE = "name", "phone", "id_number", "birth", "free"
_PHONE_WORDS = ("phone", "tel", "mobile")


def kind_of(question: Question) -> str:
    """How a question's answer is masked (one of NAME, PHONE, ID_NUMBER, BIRTH, FREE, or "" for
    an answer with nothing personal in it: a choice, a number)."""
    field, name = question.roster_field, question.name.lower()
    if field == "name" or (question.type == TEXT and name.endswith("name")):
        return NAME
    if field in ("phone", "phone2") or any(w in name for w in _PHONE_WORDS):
        return PHONE
    if field == "id_number" or "id_number" in name or "id_card" in name:
        return ID_NUMBER
    if question.type == DATE and (field == "birth_date" or "birth" in name):
        return BIRTH
    return FREE if question.type == TEXT else ""


# The shortest phone or ID number ``find_numbers`` knows has 10 digits (a landline with its
# area code): a shorter text holds none.
_SHORTEST_NUMBER = 10


@lru_cache(maxsize=4096)
def _numbers_masked(text: str) -> str:
    found = find_numbers(text)
    if not found:
        return text
    parts, last = [], 0
    for number in found:
        parts += [text[last:number.start], mask_found(number)]
        last = number.end
    return "".join(parts) + text[last:]


def mask_text(text: str, names: tuple[str, ...] = ()) -> str:
    """Free text with its phone and ID numbers masked, and the given names too."""
    if not text:
        return text
    if len(text) >= _SHORTEST_NUMBER:
        text = _numbers_masked(text)
    for name in names:
        if len(name) >= 2 and name in text:
            text = text.replace(name, mask_name(name))
    return text


def mask_answer(kind: str, value: str, names: tuple[str, ...] = ()) -> str:
    if not value or not kind:
        return value
    if kind == NAME:
        return mask_name(value)
    if kind == PHONE:  # numbers however typed; anything else keeps at most its tail
        masked = mask_text(value)
        return masked if masked != value else mask_phone(value)
    if kind == ID_NUMBER:
        return mask_id_number(value)
    if kind == BIRTH:
        return value[:4]
    return mask_text(value, names)
