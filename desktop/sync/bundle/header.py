"""The bundle's header: who made it, when, of what kind, and how its key is derived — the part
of the file readable without the passphrase."""

from __future__ import annotations

import base64
import dataclasses
import datetime as _dt
import json
from dataclasses import dataclass, field

from desktop.storage.device import DeviceIdentity
from desktop.storage.ids import uuid7
from desktop.storage.schema import HEAD_REVISION
from desktop.sync.bundle.keys import fingerprint

FORMAT_VERSION = 1
KINDS = ("full", "scoped", "delta")



@dataclass(frozen=True)
class BundleHeader:
    format: int
    bundle_id: str
    created_at: str
    schema: str
    sender_device_id: str
    sender_name: str
    sender_node: str
    signer_public: str
    recipient_device_id: str | None
    kind: str
    summary: dict = field(default_factory=dict)
    kdf: dict = field(default_factory=dict)
    payload_size: int = 0  # bytes before compression; filled in by write_bundle

    @property
    def signer_fingerprint(self) -> str:
        try:
            return fingerprint(base64.b64decode(self.signer_public, validate=True))
        except ValueError:
            return ""

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False, sort_keys=True,
                          separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | bytes) -> BundleHeader:
        """Parse a header; ``ValueError`` if it is not one (unknown extra keys are ignored)."""
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("header is not a JSON object")  # noqa: TRY004 - callers catch ValueError
        values = {}
        for f in dataclasses.fields(cls):
            if f.name not in data:
                raise ValueError(f"header has no {f.name!r}")
            values[f.name] = data[f.name]
        header = cls(**values)
        header._check_types()
        return header

    def _check_types(self) -> None:
        text = ("bundle_id", "created_at", "schema", "sender_device_id", "sender_name",
                "sender_node", "signer_public", "kind")
        bad = [name for name in text if not isinstance(getattr(self, name), str)]
        if not isinstance(self.format, int) or isinstance(self.format, bool):
            bad.append("format")
        if not isinstance(self.payload_size, int) or self.payload_size < 0:
            bad.append("payload_size")
        if self.recipient_device_id is not None and not isinstance(self.recipient_device_id,
                                                                   str):
            bad.append("recipient_device_id")
        if not isinstance(self.summary, dict):
            bad.append("summary")
        if not isinstance(self.kdf, dict):
            bad.append("kdf")
        if bad:
            raise ValueError("header fields of the wrong type: " + ", ".join(bad))

    @property
    def schema_number(self) -> int:
        """The writer's schema revision as a number ("0004" → 4); -1 if it is not a number."""
        return int(self.schema) if self.schema.isdigit() else -1


def new_header(identity: DeviceIdentity, kind: str, *, recipient_device_id: str | None = None,
               summary: dict | None = None) -> BundleHeader:
    """A header for a bundle this copy is about to write (signer and kdf filled on writing)."""
    if kind not in KINDS:
        raise ValueError(f"unknown bundle kind {kind!r}")
    now = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
    return BundleHeader(
        format=FORMAT_VERSION, bundle_id=uuid7(), created_at=now, schema=HEAD_REVISION,
        sender_device_id=identity.device_id, sender_name=identity.name,
        sender_node=identity.node, signer_public="", recipient_device_id=recipient_device_id,
        kind=kind, summary=dict(summary or {}), kdf={})


def is_newer_schema(header: BundleHeader) -> bool:
    return header.schema_number > int(HEAD_REVISION) or header.schema_number < 0
