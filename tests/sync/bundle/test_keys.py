"""The device's signing key: made once, kept in local_state, shown as a short fingerprint."""

from __future__ import annotations

import base64
import re

from sqlalchemy import select

from desktop.storage.records import LocalState
from desktop.sync.bundle.keys import SIGNING_KEY, DeviceKeys, device_keys, fingerprint


def test_made_on_first_use_and_kept(db):
    with db.engine.begin() as conn:
        first = device_keys(conn)
    with db.engine.begin() as conn:
        again = device_keys(conn)
        stored = conn.execute(
            select(LocalState.value).where(LocalState.key == SIGNING_KEY)).scalar_one()
    assert again.public_bytes == first.public_bytes and len(first.public_bytes) == 32
    assert len(base64.b64decode(stored)) == 32
    message = b"signed here, checked there"
    first.private_key.public_key().verify(again.sign(message), message)


def test_a_rolled_back_first_use_keeps_nothing(db):
    conn = db.engine.connect()
    try:
        with conn.begin() as tx:
            made = device_keys(conn)
            tx.rollback()
    finally:
        conn.close()
    with db.engine.begin() as conn:
        assert device_keys(conn).public_bytes != made.public_bytes


def test_fingerprint_is_short_grouped_and_stable():
    keys = DeviceKeys.generate()
    assert re.fullmatch(r"[0-9a-f]{4}(-[0-9a-f]{4}){4}", keys.fingerprint)
    assert keys.fingerprint == fingerprint(keys.public_bytes)
    # SHA-256 of 32 zero bytes starts 66687aadf862bd776c8f…
    assert fingerprint(bytes(32)) == "6668-7aad-f862-bd77-6c8f"
    assert DeviceKeys.generate().fingerprint != keys.fingerprint
