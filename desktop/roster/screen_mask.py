"""Masking on screen: who stands at the counter must not read a resident's full ID or phone
number over the worker's shoulder (PIPL: shown only as far as the work needs).

On a volunteer's laptop — a copy made from a scoped or minimised bundle — it is on unless
the user turns it off in Settings; on the office's own computers it is off unless turned on.
Masked values use the one rule of ``desktop.core.masking``; the full value of a resident is
one deliberate click away ("Show numbers") and stays shown for this session only.
A masked ID beside a birth date is no mask (the date is the hidden middle), so the birth
date shows its year only while the ID is masked. Qt-free.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.core.masking import mask_id_number, mask_phone
from desktop.sync.exchange.reading import is_volunteer_copy

MASKED_COLUMNS = frozenset({"id_number", "phone", "phone2", "birth_date"})


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

    def __init__(self, on: bool) -> None:
        self.on = on
        self._shown: set[str] = set()

    @classmethod
    def for_context(cls, ctx) -> ScreenMask:
        return cls(mask_on_screen(ctx))

    def masks(self, resident_id: str | None) -> bool:
        return self.on and resident_id not in self._shown

    def show(self, resident_ids: Iterable[str]) -> None:
        self._shown.update(resident_ids)

    def text(self, resident_id: str | None, field: str, value: str) -> str:
        """``value`` as the screen shows it: masked for ID, phone and birth-date fields."""
        if not value or field not in MASKED_COLUMNS or not self.masks(resident_id):
            return value
        return _RULES[field](value)
