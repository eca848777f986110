"""Masking on screen: who stands at the counter must not read a resident's full ID or phone
number over the worker's shoulder (PIPL: shown only as far as the work needs).

On a volunteer's laptop — a copy made from a scoped or minimised bundle — it is on unless
the user turns it off in Settings; on the office's own computers it is off unless turned on.
Masked values use the one rule of ``desktop.core.masking``; the full value of a resident is
one deliberate click away ("Show numbers") and stays shown for this session only.
A masked ID beside a birth date is no mask (the date is the hidden middle), so the birth
date shows its year only while the ID is masked. Qt-free.

A volunteer (``Permission.SEE_UNMASKED_IDS``) never sees a full ID number, whatever the
setting says and whatever they click: "Show" uncovers their phones only, and the birth date
stays the year. The check is here, where every screen asks, not only in a hidden button.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.core.access import UNSIGNED, Actor, Permission
from desktop.core.masking import mask_id_number, mask_phone
from desktop.sync.exchange.reading import is_volunteer_copy

MASKED_COLUMNS = frozenset({"id_number", "phone", "phone2", "birth_date"})
# What a role without SEE_UNMASKED_IDS never sees in full (the birth date is the ID's middle).
ID_COLUMNS = frozenset({"id_number", "birth_date"})


def mask_on_screen(ctx) -> bool:
    """The setting, or where it was never chosen, whether this is a volunteer's copy."""
    chosen = ctx.settings.get("mask_on_screen")
    return is_volunteer_copy(ctx.db) if chosen is None else bool(chosen)


def _mask_birth_date(value: str) -> str:
    return f"{value[:4]}-**-**" if len(value) >= 4 else value


_RULES = {"id_number": mask_id_number, "phone": mask_phone, "phone2": mask_phone,
          "birth_date": _mask_birth_date}


class ScreenMask:
    """Whether numbers are masked, and the residents whose numbers the user chose to see."""

    def __init__(self, on: bool, actor: Actor = UNSIGNED) -> None:
        self.on = on
        self.actor = actor
        self._shown: set[str] = set()

    @classmethod
    def for_context(cls, ctx) -> ScreenMask:
        return cls(mask_on_screen(ctx), ctx.db.actor)

    @property
    def ids_hidden(self) -> bool:
        """The operator may never see full ID numbers (a volunteer)."""
        return not self.actor.may(Permission.SEE_UNMASKED_IDS)

    def masks(self, resident_id: str | None) -> bool:
        return self.ids_hidden or (self.on and resident_id not in self._shown)

    def show(self, resident_ids: Iterable[str]) -> None:
        self._shown.update(resident_ids)

    def text(self, resident_id: str | None, field: str, value: str) -> str:
        """``value`` as the screen shows it: masked for ID, phone and birth-date fields."""
        if not value or field not in MASKED_COLUMNS:
            return value
        if self.ids_hidden and field in ID_COLUMNS:
            return _RULES[field](value)
        if not self.on or resident_id in self._shown:
            return value
        return _RULES[field](value)
