"""Encrypted databases on real files: a data key, residents to plant, and ways to look at the
bytes on disk."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlcipher3
from sqlalchemy import insert

from desktop.roster.models import Household, Resident

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))

# The canary: an 18-digit ID number and a Chinese name that nothing else in a test database
# contains, so finding their bytes anywhere means the data lies on disk in the clear.
CANARY_ID = "330106198807150021"
CANARY_NAME = "龚雪梅"


def needles() -> list[bytes]:
    return [text.encode(encoding) for text in (CANARY_ID, CANARY_NAME)
            for encoding in ("utf-8", "utf-16-le", "utf-16-be")]


def files_with_canary(folder: Path) -> list[str]:
    """Every file under ``folder`` (database, -wal, -shm, backups, side files) that holds
    the canary's bytes in any of its encodings."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if any(needle in data for needle in needles()):
            found.append(path.name)
    return found


@pytest.fixture
def key() -> bytes:
    return KEY


def fill(db, residents: int, households: int = 0, *, canary: bool = False,
         start: int = 0) -> None:
    """``residents`` residents spread over ``households`` households (foreign keys), in one
    unit of work, numbered from ``start``; with ``canary`` the first resident is the canary."""
    with db.unit_of_work("社工") as uow:
        house_ids = [f"00000000-0000-7000-9000-{i:012d}"
                     for i in range(start, start + households)]
        if house_ids:
            stamps = uow.new_stamps(len(house_ids))
            uow.session.execute(insert(Household.__table__), [
                {"id": hid, "created_hlc": stamp, "number": str(i)}
                for i, (hid, stamp) in enumerate(zip(house_ids, stamps, strict=True))])
        stamps = uow.new_stamps(residents)
        rows = [{"id": f"00000000-0000-7000-8000-{start + i:012d}", "created_hlc": stamps[i],
                 "household_id": house_ids[i % len(house_ids)] if house_ids else None,
                 "name": f"居民{start + i}", "id_number": f"1101011990{start + i:08d}",
                 "phone": "13800000000", "hukou_address": "浙江省杭州市西湖区"}
                for i in range(residents)]
        if canary and rows:
            rows[0].update(name=CANARY_NAME, id_number=CANARY_ID)
        uow.session.execute(insert(Resident.__table__), rows)


def plain_count(path: Path, table: str = "resident") -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def encrypted_count(path: Path, key: bytes, table: str = "resident") -> int:
    con = sqlcipher3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        con.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def refuses(connect) -> bool:
    """True when reading the schema through ``connect()`` fails as "not a database"."""
    try:
        con = connect()
    except (sqlite3.DatabaseError, sqlcipher3.DatabaseError):
        return True
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except (sqlite3.DatabaseError, sqlcipher3.DatabaseError) as exc:
        return "not a database" in str(exc)
    finally:
        con.close()
    return False
