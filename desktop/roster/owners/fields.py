"""The owners' list's own field set (业主清册): places, the owner, the areas, the developer's mark.

Headers are compared as the roster import compares them (``header_key``: simplified, no spaces,
no bracketed notes, so "专有面积（㎡）" is "专有面积"). Only headers that truly mean the exclusive
area map to it: 建筑面积 is the floor area, and 套内面积 (the flat's inner area, without its share
of common parts) is left to the user to map, since certificates differ on what they call
exclusive.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.i18n import N_
from desktop.roster.importing.fields import FIELD_BY_KEY, ImportField, header_key

_ROSTER = {key: FIELD_BY_KEY[key] for key in (
    "compound", "building", "unit", "room", "address", "phone", "id_number")}

OWNER_FIELDS: tuple[ImportField, ...] = (
    *_ROSTER.values(),
    ImportField("name", N_("Owner"), (
        "业主姓名", "业主", "业主名称", "产权人", "产权人姓名", "所有权人", "房屋所有权人",
        "权利人", "姓名", "owner"), "owner"),
    ImportField("exclusive_area", N_("Exclusive area (m²)"), (
        "专有部分面积", "专有面积", "专有建筑面积", "专有部分建筑面积", "exclusivearea"),
        "owner"),
    ImportField("floor_area", N_("Floor area (m²)"), (
        "建筑面积", "房屋建筑面积", "产权面积", "floorarea"), "owner"),
    ImportField("developer_held", N_("Unsold or undelivered"), (
        "未售或未交付", "未售", "未交付", "未售未交付", "开发商持有", "未出售", "developerheld",
        "unsoldorundelivered"), "owner"),
    ImportField("share", N_("Share (%)"), (
        "产权份额", "份额", "产权比例", "共有份额", "所占份额", "share"), "owner"),
    ImportField("ignore", N_("(not imported)"), (
        "序号", "编号", "备注", "入住日期", "交付日期", "no"), "ignore"),
)
OWNER_FIELD_BY_KEY = {f.key: f for f in OWNER_FIELDS}
_ALIASES = {header_key(alias): f.key for f in OWNER_FIELDS for alias in f.aliases}
# Longest first, so "专有部分面积" wins over "面积"-like shorter aliases inside a header.
_CONTAINED = sorted(((a, k) for a, k in _ALIASES.items() if len(a) >= 2),
                    key=lambda pair: -len(pair[0]))


def owner_field_for_header(header: object) -> str | None:
    key = header_key(header)
    if not key:
        return None
    if key in _ALIASES:
        return _ALIASES[key]
    return next((field for alias, field in _CONTAINED if alias in key), None)


def map_owner_columns(headers: Sequence[str]) -> list[str | None]:
    """One field key per column (or None), each field used once; exact headers first."""
    mapping: list[str | None] = [None] * len(headers)
    used: set[str] = set()
    for exact in (True, False):
        for column, header in enumerate(headers):
            if mapping[column] is not None:
                continue
            key = header_key(header)
            found = _ALIASES.get(key) if exact else owner_field_for_header(header)
            if found and (found == "ignore" or found not in used):
                mapping[column] = found
                used.add(found)
    return mapping
