"""Administrative division codes (GB/T 2260): the first six digits of an ID number.

The table ships in resources/regions/areas.csv (see its README.txt for where it came from). It
is read on first use, not at import, so starting the app costs nothing until an ID number is
checked; after that every lookup is a dict access.
"""

from __future__ import annotations

import csv
import threading
from pathlib import Path

from desktop.core.paths import resources_dir

# City-level entries that are placeholders rather than names people write in an address.
_NOT_A_PLACE_NAME = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})

_lock = threading.Lock()
_names: dict[str, str] | None = None


def areas_file() -> Path:
    return resources_dir() / "regions" / "areas.csv"


def _load() -> dict[str, str]:
    global _names
    names = _names
    if names is not None:
        return names
    with _lock:  # the UI thread and a worker may both ask first
        if _names is None:
            with areas_file().open(encoding="utf-8", newline="") as fh:
                reader = csv.reader(fh)
                next(reader, None)  # header
                _names = {row[0]: row[1] for row in reader if len(row) >= 2}
        return _names


def region_codes() -> frozenset[str]:
    """Every known six-digit code (a fresh set each call; keep it if you need it often)."""
    return frozenset(_load())


def region_names() -> frozenset[str]:
    """The names of every province, city and county-level area ("浙江省", "西湖区")."""
    return frozenset(name for name in _load().values() if name not in _NOT_A_PLACE_NAME)


def region_name(code6: str) -> str | None:
    """The name of a province, city or county-level code, e.g. "330106" → "西湖区"."""
    return _load().get(code6)


def is_known_region(code6: str) -> bool:
    return code6 in _load()


def region_full_name(code6: str) -> str | None:
    """Province + city + county as written in an address: "330106" → "浙江省杭州市西湖区".

    None when the code itself is unknown; placeholder city names such as 市辖区 are left out.
    """
    names = _load()
    own = names.get(code6)
    if own is None:
        return None
    parts = []
    province = names.get(code6[:2] + "0000")
    if province and code6[2:] != "0000":
        parts.append(province)
    city = names.get(code6[:4] + "00")
    if city and code6[4:] != "00" and city not in _NOT_A_PLACE_NAME and city != own:
        parts.append(city)
    parts.append(own)
    return "".join(parts)
