"""A bundle written by the first version of the format, kept so every later version proves it
still reads format 1. Never regenerate it to make a test pass: a later version must read it as
it is. (``python -m tests.sync.bundle.test_golden`` wrote it once.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.storage.device import DeviceIdentity
from desktop.sync.bundle.container import (
    BundleHeader,
    TamperedBundle,
    WrongPassphrase,
    new_header,
    open_bundle,
    read_header,
)
from desktop.sync.bundle.keys import DeviceKeys
from desktop.sync.bundle.writing import write_bundle

GOLDEN = Path(__file__).resolve().parents[2] / "data" / "bundles" / "v1-sample.linli"
PASSPHRASE = "linli-test-passphrase"
PAYLOAD = '{"hello": "邻里"}'.encode()
SENDER = DeviceIdentity("0123456789abcdef", 1, "测试电脑 test-pc")


def test_format_1_sample_still_opens():
    header, payload = open_bundle(GOLDEN, PASSPHRASE)
    assert payload == PAYLOAD
    assert header.format == 1 and header.schema == "0004" and header.kind == "full"
    assert header.sender_device_id == SENDER.device_id and header.sender_name == SENDER.name
    assert header.sender_node == SENDER.node and header.recipient_device_id is None
    assert header.summary == {"counts": {"hello": 1}, "scope": "样例 sample"}
    assert header.kdf["algorithm"] == "scrypt" and header.payload_size == len(PAYLOAD)
    assert read_header(GOLDEN) == header
    assert header.signer_fingerprint.count("-") == 4


def test_format_1_sample_still_refuses_a_wrong_passphrase_and_damage(tmp_path):
    with pytest.raises(WrongPassphrase):
        open_bundle(GOLDEN, PASSPHRASE.upper())
    damaged = bytearray(GOLDEN.read_bytes())
    damaged[-80] ^= 0x10  # inside the signature
    copy = tmp_path / GOLDEN.name
    copy.write_bytes(bytes(damaged))
    with pytest.raises(TamperedBundle):
        open_bundle(copy, PASSPHRASE)


def write_golden(path: Path = GOLDEN) -> BundleHeader:
    header = new_header(SENDER, "full", summary={"counts": {"hello": 1}, "scope": "样例 sample"})
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_bundle(path, header, PAYLOAD, PASSPHRASE, DeviceKeys.generate())


if __name__ == "__main__":
    if GOLDEN.exists():
        raise SystemExit(f"{GOLDEN} exists; it is kept as it is on purpose")
    print(write_golden())
