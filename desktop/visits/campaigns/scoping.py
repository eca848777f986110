"""What a bundle "for a visitor" means on the roster: the households living at that visitor's
doors.

Asked through the visits feature's ``expand_scope`` while a scoped bundle picks its rows (and
when a copy takes a scope back), with the connection of that transaction: plain SQL, no ORM.

Households, not dwellings, are what the scope names: the roster's rules then add their
residents and tags, and the dwellings (with their buildings and compounds) travel because the
doors and households point at them. A chosen dwelling would also bring its owners — and an
owner living elsewhere, perhaps at another visitor's door, with that household — which no one
needs at the door. Every household living in a door's dwelling goes (a door of a campaign of
every dwelling names one of them; the visitor meets them all).
"""

from __future__ import annotations

_CHUNK = 500


def visitor_households(connection, scope: dict) -> dict:
    """``{"households": [...]}`` for the campaign visitors the scope names (nothing if none)."""
    visitors = list(scope.get("campaign_visitors", ()))
    households: list[str] = []
    for i in range(0, len(visitors), _CHUNK):
        chunk = visitors[i:i + _CHUNK]
        marks = ",".join("?" * len(chunk))
        households += [row[0] for row in connection.exec_driver_sql(
            "SELECT h.id FROM household h WHERE h.dwelling_id IN (SELECT dwelling_id FROM "
            f"campaign_door WHERE visitor_id IN ({marks}) AND deleted = 0) "
            "UNION SELECT household_id FROM campaign_door "
            f"WHERE visitor_id IN ({marks}) AND deleted = 0 AND household_id IS NOT NULL",
            (*chunk, *chunk))]
    return {"households": households} if households else {}
