"""The page's use of the meetings' words (``desktop.meetings.labels``, one place for the page,
the minutes, the export and the tracker): combo boxes filled with them."""

from __future__ import annotations

from desktop.meetings.labels import ATTENDANCE, KINDS, PARTIES, RULES, STATUSES, label

__all__ = ["ATTENDANCE", "KINDS", "PARTIES", "RULES", "STATUSES", "choose", "fill_combo", "name"]

def name(table: dict[str, str], code: str | None) -> str:
    return label(table, code)


def fill_combo(combo, table: dict[str, str], codes=None) -> None:
    for code in codes or table:
        combo.addItem(name(table, code), code)


def choose(combo, code: str | None) -> None:
    index = combo.findData(code)
    combo.setCurrentIndex(max(0, index))
