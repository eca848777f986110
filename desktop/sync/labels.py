"""How the sync layer names things to people: tables, bundle kinds, conflicts, times, counts.

The source of truth for both ``linli bundle`` and the window's sync panels (which import it),
so a bundle reads the same in the terminal as on screen.
"""

from __future__ import annotations

import datetime as dt

from desktop.core.i18n import N_, _, format_datetime, format_number

TABLE_LABELS = {
    "community": N_("Community"), "grid": N_("Grids"), "compound": N_("Compounds"),
    "building": N_("Buildings"), "dwelling": N_("Dwellings"), "household": N_("Households"),
    "resident": N_("Residents"), "dwelling_owner": N_("Owners"), "tag": N_("Tags"),
    "resident_tag": N_("Residents' tags"), "notice": N_("Notices"),
    "notice_print": N_("Printed notices"),
}
KIND_LABELS = {"full": N_("Everything"), "scoped": N_("Chosen places"),
               "delta": N_("Changes only")}
CONFLICT_LABELS = {"edited_after_delete": N_("Edited after delete"),
                   "concurrent_edit": N_("Changed on both sides")}


def table_label(name: str) -> str:
    return _(TABLE_LABELS[name]) if name in TABLE_LABELS else name


def kind_label(kind: str) -> str:
    return _(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


def conflict_label(kind: str) -> str:
    return _(CONFLICT_LABELS[kind]) if kind in CONFLICT_LABELS else kind


def table_order(name: str) -> int:
    """Sort key: the tables in the order people think of them (community first)."""
    order = list(TABLE_LABELS)
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
