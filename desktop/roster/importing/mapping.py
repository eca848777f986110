"""Which field each column fills: guessed from its header, or recalled from an earlier import.

Guessing: an exact alias first, then the longest alias inside the header ("联系电话1",
"身份证号码18位"). Aliases are ``fields.FIELDS`` plus every field label in every shipped
language, so a file our own export wrote in any UI language maps back without help.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from desktop.core.i18n import translations_in_every_language
from desktop.roster.importing.fields import FIELD_BY_KEY, FIELDS, header_key

log = logging.getLogger(__name__)

IGNORE = "ignore"
# A second column for a field already taken goes to its companion field, if that is free.
_SECOND_COLUMN = {"phone": "phone2"}
# Single characters ("室", "栋") only match a whole header: inside longer headers they mislead
# ("室外车位数" is not a room).
_MIN_CONTAINED_ALIAS = 2
MAX_REMEMBERED = 50


@functools.cache
def field_aliases() -> dict[str, str]:
    """header_key → field key: the aliases in FIELDS, then each label in every language."""
    aliases: dict[str, str] = {}
    for f in FIELDS:
        for alias in f.aliases:
            aliases.setdefault(header_key(alias), f.key)
    for f in FIELDS:
        if f.kind == IGNORE:
            continue  # our export never writes "(not imported)"
        for text in translations_in_every_language(f.label):
            key = header_key(text)
            if key:
                # setdefault: a hand-written alias wins over a translation that collides with it.
                aliases.setdefault(key, f.key)
    return aliases


@functools.cache
def _contained_aliases() -> tuple[tuple[str, str], ...]:
    """(alias, field) longest first, so "联系电话" wins over "电话" inside "联系电话1"."""
    pairs = [(a, f) for a, f in field_aliases().items() if len(a) >= _MIN_CONTAINED_ALIAS]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def exact_field(header: object) -> str | None:
    return field_aliases().get(header_key(header))


def contained_field(header: object) -> str | None:
    key = header_key(header)
    if not key:
        return None
    for alias, field_key in _contained_aliases():
        if alias in key:
            return field_key
    return None


def field_for_header(header: object) -> str | None:
    """The field a header names on its own (no regard to other columns)."""
    return exact_field(header) or contained_field(header)


def map_columns(headers: Sequence[str]) -> list[str | None]:
    """One field key per column, or None; each field except "ignore" is used at most once."""
    mapping: list[str | None] = [None] * len(headers)
    used: set[str] = set()

    def assign(column: int, field_key: str | None) -> None:
        if field_key is None:
            return
        if field_key != IGNORE and field_key in used:
            field_key = _SECOND_COLUMN.get(field_key)
            if field_key is None or field_key in used:
                return
        mapping[column] = field_key
        used.add(field_key)

    # Exact names first, so "户籍小区/建筑" (containing 小区) cannot take the compound field
    # from an exact "现住小区/建筑" further right.
    for column, header in enumerate(headers):
        assign(column, exact_field(header))
    for column, header in enumerate(headers):
        if mapping[column] is None:
            assign(column, contained_field(header))
    return mapping


class MappingMemory:
    """Mappings the user confirmed, per header set, kept in a small JSON file beside the database.

    The file is a convenience: a damaged or unreadable one counts as empty, and a failed write is
    logged, never raised.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def recall(self, headers: Sequence[str]) -> list[str | None] | None:
        wanted = _header_set(headers)
        for entry in self._entries():
            if entry["headers"] == wanted:
                return list(entry["mapping"])
        return None

    def remember(self, headers: Sequence[str], mapping: Sequence[str | None]) -> None:
        if len(headers) != len(mapping):
            raise ValueError("one field (or None) per header")
        wanted = _header_set(headers)
        entries = [e for e in self._entries() if e["headers"] != wanted]
        entries.append({"headers": wanted, "mapping": list(mapping), "saved": time.time()})
        self._write(entries[-MAX_REMEMBERED:])  # the file keeps the order: oldest first

    def _entries(self) -> list[dict]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable import mappings %s: %r", self.path, exc)
            return []
        entries = data.get("entries") if isinstance(data, dict) else None
        if not isinstance(entries, list):
            return []
        return [e for e in entries if _valid_entry(e)]

    def _write(self, entries: list[dict]) -> None:
        payload = json.dumps({"version": 1, "entries": entries}, ensure_ascii=False, indent=1)
        tmp = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=self.path.parent, prefix=".import-mappings-",
                suffix=".tmp", delete=False,
            ) as fh:
                tmp = fh.name
                fh.write(payload)
            # Replace in one step: a crash mid-write leaves the old file, never half a file.
            os.replace(tmp, self.path)
        except OSError as exc:
            log.warning("cannot save import mappings to %s: %r", self.path, exc)
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)


def _header_set(headers: Sequence[str]) -> list[str]:
    # Compared as header keys, so "姓名 " and "姓名" or 繁/简 spellings count as the same set.
    return [header_key(h) for h in headers]


def _valid_entry(entry: object) -> bool:
    if not isinstance(entry, dict):
        return False
    headers, mapping = entry.get("headers"), entry.get("mapping")
    return (
        isinstance(headers, list)
        and isinstance(mapping, list)
        and len(headers) == len(mapping)
        and all(isinstance(h, str) for h in headers)
        # A field this version does not know (a file from a newer version) voids the entry.
        and all(m is None or m in FIELD_BY_KEY for m in mapping)
    )
