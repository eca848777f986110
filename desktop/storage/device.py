"""This copy's identity: a device id made once, its incarnation, and the clock's high-water mark.

All three live in ``local_state`` (never synced). A restored backup would rewind the clock and
could reissue stamps already sent elsewhere; restoring therefore starts a new incarnation, which
changes the node part of every later stamp.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert

from desktop.storage.hlc import HybridClock, node_id
from desktop.storage.records import LocalState

DEVICE_ID = "device_id"
INCARNATION = "incarnation"
DEVICE_NAME = "device_name"
CLOCK = "clock"


@dataclass(frozen=True)
class DeviceIdentity:
    device_id: str
    incarnation: int
    name: str

    @property
    def node(self) -> str:
        return node_id(self.device_id, self.incarnation)


def _read(conn: Connection) -> dict[str, str]:
    return dict(conn.execute(select(LocalState.key, LocalState.value)).all())


def _write(conn: Connection, key: str, value: str) -> None:
    stmt = insert(LocalState).values(key=key, value=value)
    conn.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": value}))


def load_identity(conn: Connection, default_name: str = "") -> tuple[DeviceIdentity, str | None]:
    """The device identity (created on first use) and the last stamp this copy issued."""
    state = _read(conn)
    if DEVICE_ID not in state:
        state[DEVICE_ID] = os.urandom(8).hex()
        state[INCARNATION] = "1"
        state[DEVICE_NAME] = default_name
        for key in (DEVICE_ID, INCARNATION, DEVICE_NAME):
            _write(conn, key, state[key])
    identity = DeviceIdentity(state[DEVICE_ID], int(state[INCARNATION]), state[DEVICE_NAME])
    return identity, state.get(CLOCK)


def new_incarnation(conn: Connection) -> int:
    """Start a new incarnation (after restoring a backup); returns its number."""
    state = _read(conn)
    number = int(state.get(INCARNATION, "1")) + 1
    _write(conn, INCARNATION, str(number))
    return number


def device_name(conn: Connection) -> str:
    """The device's name as stored now (it may have been renamed since the database opened)."""
    return _read(conn).get(DEVICE_NAME, "")


def rename_device(conn: Connection, name: str) -> None:
    _write(conn, DEVICE_NAME, name)


def save_clock(conn: Connection, clock: HybridClock) -> None:
    _write(conn, CLOCK, str(clock.last))
