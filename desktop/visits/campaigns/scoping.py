"""What a bundle "for a visitor" means on the roster: the dwellings of that visitor's doors.

Asked through the visits feature's ``expand_scope`` while a scoped bundle picks its rows (and
when a copy takes a scope back), with the connection of that transaction: plain SQL, no ORM.
"""

from __future__ import annotations

_CHUNK = 500


def visitor_dwellings(connection, scope: dict) -> dict:
    """``{"dwellings": [...]}`` for the campaign visitors the scope names (nothing if none)."""
    visitors = list(scope.get("campaign_visitors", ()))
    dwellings: list[str] = []
    for i in range(0, len(visitors), _CHUNK):
        chunk = visitors[i:i + _CHUNK]
        marks = ",".join("?" * len(chunk))
        dwellings += [row[0] for row in connection.exec_driver_sql(
            f"SELECT DISTINCT dwelling_id FROM campaign_door WHERE visitor_id IN ({marks}) "
            "AND dwelling_id IS NOT NULL AND deleted = 0", tuple(chunk))]
    return {"dwellings": dwellings} if dwellings else {}
