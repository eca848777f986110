"""This device's signing key: an Ed25519 key made on first use and kept in ``local_state``.

Bundles are signed with it; the receiving copy shows the key's fingerprint so people can compare
it on both screens before trusting a new device. The key never leaves this database (it is not
synced and is not in any bundle); a restored backup keeps it, a fresh database makes a new one.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)
from sqlalchemy import Connection, select

from desktop.storage.device import _write
from desktop.storage.records import LocalState

SIGNING_KEY = "signing_key"


def fingerprint(public_bytes: bytes) -> str:
    """SHA-256 of the raw public key, first 20 hex digits in groups of four: ``1a2b-3c4d-…``."""
    digest = hashlib.sha256(public_bytes).hexdigest()[:20]
    return "-".join(digest[i:i + 4] for i in range(0, 20, 4))


def public_raw(private_key: Ed25519PrivateKey) -> bytes:
    return private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


@dataclass(frozen=True)
class DeviceKeys:
    private_key: Ed25519PrivateKey
    public_bytes: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_bytes)

    @property
    def public_b64(self) -> str:
        return base64.b64encode(self.public_bytes).decode("ascii")

    def sign(self, message: bytes) -> bytes:
        return self.private_key.sign(message)

    @classmethod
    def from_private(cls, private_key: Ed25519PrivateKey) -> DeviceKeys:
        return cls(private_key, public_raw(private_key))

    @classmethod
    def generate(cls) -> DeviceKeys:
        return cls.from_private(Ed25519PrivateKey.generate())


def device_keys(conn: Connection) -> DeviceKeys:
    """This device's signing keys, made and saved (in ``conn``'s transaction) on first use."""
    stored = conn.execute(
        select(LocalState.value).where(LocalState.key == SIGNING_KEY)).scalar_one_or_none()
    if stored is not None:
        raw = base64.b64decode(stored, validate=True)
        return DeviceKeys.from_private(Ed25519PrivateKey.from_private_bytes(raw))
    keys = DeviceKeys.generate()
    raw = keys.private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    _write(conn, SIGNING_KEY, base64.b64encode(raw).decode("ascii"))
    return keys
