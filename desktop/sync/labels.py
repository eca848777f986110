"""How the sync layer names things to people: tables, bundle kinds, conflicts, times, counts.

The source of truth for both ``linli bundle`` and the window's sync panels (which import it),
so a bundle reads the same in the terminal as on screen. Tables and their fields are named as
their features declare them (``desktop.core.features``), in the features' declared order.
"""

from __future__ import annotations

import datetime as dt

from desktop.core.features import declared_tables, synced_table
from desktop.core.i18n import N_, _, format_datetime, format_number

KIND_LABELS = {"full": N_("Everything"), "scoped": N_("Chosen places"),
               "delta": N_("Changes only")}
CONFLICT_LABELS = {"edited_after_delete": N_("Edited after delete"),
                   "concurrent_edit": N_("Changed on both sides")}


def table_label(name: str) -> str:
    declared = synced_table(name)
    return _(declared.label) if declared is not None and declared.label else name


def field_label(table: str, field: str) -> str:
    """A field as its feature names it where it does, else the column's name."""
    declared = synced_table(table)
    label = declared.field_labels.get(field) if declared is not None else None
    if label:
        return _(label)
    if field == "deleted":
        return _("Deleted")
    return field


def kind_label(kind: str) -> str:
    return _(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


def conflict_label(kind: str) -> str:
    return _(CONFLICT_LABELS[kind]) if kind in CONFLICT_LABELS else kind


def table_order(name: str) -> int:
    """Sort key: the tables in the order their features declare them (the order people think
    of them: the community first)."""
    order = [t.name for t in declared_tables()]
    return order.index(name) if name in order else len(order)


def counts_text(counts: dict[str, int]) -> str:
    """``Residents 120, Households 40, …`` in the tables' order; "" for nothing."""
    items = sorted(((k, v) for k, v in counts.items() if v), key=lambda kv: table_order(kv[0]))
    return _(", ").join(_("{table} {count}").format(table=table_label(k),
                                                    count=format_number(v)) for k, v in items)


def local_moment(moment: dt.datetime | str | None) -> dt.datetime | None:
    """A stored time (aware, or ISO text as in a bundle header) as local wall-clock time."""
    if moment is None or moment == "":
        return None
    if isinstance(moment, str):
        try:
            moment = dt.datetime.fromisoformat(moment)
        except ValueError:
            return None
    if moment.tzinfo is not None:
        moment = moment.astimezone().replace(tzinfo=None)
    return moment


def when_long(moment: dt.datetime | str | None) -> str:
    """Local time in the language's own way ("2026年12月6日 08:20:55"); "" for none."""
    local = local_moment(moment)
    if local is None:
        return moment if isinstance(moment, str) else ""
    return format_datetime(local)
