"""The plain data a bundle carries, and its JSON encoding.

Per synced table: the column names, the rows as arrays ``[id, created_hlc, created_by,
values…]`` (values as SQLite stores them: dates as ISO text, Hundredths as integer hundredths,
booleans 0/1; bytes as ``{"base64": …}``), and the newest stamp of every field changed since
the row was created, ``[row_id, field, hlc, operator]`` — the row carries that stamp's value.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any

import orjson

from desktop.core.errors import LinliError
from desktop.core.i18n import _

FORMAT = 1


class DamagedPayload(LinliError):
    """The bundle's content is not what a Linli Desk bundle holds."""


@dataclass
class TableData:
    columns: list[str]  # after id, created_hlc, created_by
    rows: list[list] = field(default_factory=list)
    stamps: list[list] = field(default_factory=list)


@dataclass
class Payload:
    sender: dict  # {device_id, node, name}
    seen: dict[str, str]  # the sender's version vector
    tables: dict[str, TableData]
    scope: dict | None = None  # {grids, compounds, buildings}: lists of ids
    minimised: list[str] = field(default_factory=list)  # "table.field" left out entirely
    # "table.field" → row ids whose value the sender itself never received
    unknown: dict[str, list[str]] = field(default_factory=dict)
    withdraw: list[dict] = field(default_factory=list)  # scopes the receiver must drop
    partial: bool = False  # the sender holds only a scope: its vector speaks for that only
    schema: str = ""
    format: int = FORMAT

    def counts(self) -> dict[str, int]:
        return {name: len(t.rows) for name, t in self.tables.items()}


def _default(value: Any):
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode("ascii")}
    raise TypeError(f"cannot encode {type(value).__name__}")


def encode_payload(payload: Payload) -> bytes:
    doc = {
        "format": payload.format, "schema": payload.schema, "sender": payload.sender,
        "seen": payload.seen, "scope": payload.scope, "minimised": payload.minimised,
        "unknown": payload.unknown, "withdraw": payload.withdraw, "partial": payload.partial,
        "tables": {name: {"columns": t.columns, "rows": t.rows, "stamps": t.stamps}
                   for name, t in payload.tables.items()},
    }
    # orjson: the same JSON, about seven times faster than json.dumps on 130 MB of rows.
    return orjson.dumps(doc, default=_default, option=orjson.OPT_NON_STR_KEYS)


def _damaged(why: str) -> DamagedPayload:
    return DamagedPayload(_("The bundle's content is damaged or not from Linli Desk."), why)


def _check(condition: bool, why: str) -> None:
    if not condition:
        raise _damaged(why)


def _strings(value, why: str) -> list[str]:
    _check(isinstance(value, list) and all(isinstance(v, str) for v in value), why)
    return value


def _scope(value, why: str) -> dict | None:
    if value is None:
        return None
    _check(isinstance(value, dict), why)
    return {key: _strings(value.get(key, []), why) for key in ("grids", "compounds", "buildings")}


def decode_payload(data: bytes) -> Payload:
    try:
        doc = orjson.loads(data)
    except (orjson.JSONDecodeError, ValueError) as exc:
        raise _damaged(f"not JSON: {exc}") from exc
    _check(isinstance(doc, dict), "not an object")
    _check(doc.get("format") == FORMAT, f"format {doc.get('format')!r}")
    sender = doc.get("sender")
    _check(isinstance(sender, dict) and all(isinstance(sender.get(k), str)
                                            for k in ("device_id", "node", "name")), "sender")
    seen = doc.get("seen")
    _check(isinstance(seen, dict) and all(isinstance(k, str) and isinstance(v, str)
                                          for k, v in seen.items()), "seen")
    unknown = doc.get("unknown", {})
    _check(isinstance(unknown, dict), "unknown")
    withdraw = doc.get("withdraw", [])
    _check(isinstance(withdraw, list), "withdraw")
    tables = {}
    raw_tables = doc.get("tables")
    _check(isinstance(raw_tables, dict), "tables")
    for name, raw in raw_tables.items():
        _check(isinstance(raw, dict), f"table {name}")
        columns = _strings(raw.get("columns"), f"columns of {name}")
        rows, stamps = raw.get("rows"), raw.get("stamps")
        _check(isinstance(rows, list) and isinstance(stamps, list), f"rows of {name}")
        width = 3 + len(columns)
        # Whole-column checks (set comprehensions run near C speed on 600,000 rows).
        _check({type(row) for row in rows} <= {list}, f"a row of {name}")
        _check({len(row) for row in rows} <= {width}, f"a row of {name}")
        # id, created_hlc and created_by: text in every row (one pass over the three).
        _check({type(v) for row in rows for v in row[:3]} <= {str}, f"a row of {name}")
        _check({type(stamp) for stamp in stamps} <= {list}, f"a stamp of {name}")
        _check({len(stamp) for stamp in stamps} <= {4}, f"a stamp of {name}")
        _check({type(v) for stamp in stamps for v in stamp} <= {str}, f"a stamp of {name}")
        tables[name] = TableData(columns, rows, stamps)
    return Payload(
        sender=sender, seen=seen, tables=tables,
        scope=_scope(doc.get("scope"), "scope"),
        minimised=_strings(doc.get("minimised", []), "minimised"),
        unknown={k: _strings(v, "unknown") for k, v in unknown.items()},
        withdraw=[_scope(w, "withdraw") for w in withdraw],
        partial=doc.get("partial") is True,
        schema=doc.get("schema", "") if isinstance(doc.get("schema", ""), str) else "",
    )
