"""Compression bombs: a small bundle that claims, or produces, a huge payload is refused before
it costs memory — whoever signed it (the signer is trusted only later)."""

from __future__ import annotations

import dataclasses
import tracemalloc

import pytest

from desktop.storage.device import DeviceIdentity
from desktop.sync.bundle import container, writing
from desktop.sync.bundle.container import (
    BundleTooLarge,
    TamperedBundle,
    new_header,
    open_bundle,
)
from desktop.sync.bundle.keys import DeviceKeys
from desktop.sync.bundle.passphrase import new_kdf

PASSPHRASE = "炸弹-bomb-test"
MB = 1024 * 1024


@pytest.fixture(scope="module")
def keys() -> DeviceKeys:
    return DeviceKeys.generate()


def forge(path, keys, payload: bytes, claimed: int):
    """A correctly signed and encrypted bundle whose header claims ``claimed`` bytes."""
    kdf = new_kdf()
    header = dataclasses.replace(
        new_header(DeviceIdentity("a1b2c3d4e5f60718", 2, "某人的电脑"), "full"),
        signer_public=keys.public_b64, kdf=kdf, payload_size=claimed)
    with open(path, "w+b") as fh:
        writing._write_body(fh, header.to_json().encode("utf-8"), payload, PASSPHRASE, kdf,
                            keys, None, lambda _done: None)
    return path


def test_a_stream_inflating_far_past_its_claim_is_refused_in_bounded_memory(tmp_path, keys):
    zeros = bytes(200 * MB)  # deflates to about 200 KB
    path = forge(tmp_path / "bomb.linli", keys, zeros, claimed=1000)
    del zeros
    assert path.stat().st_size < MB
    tracemalloc.start()
    try:
        with pytest.raises(TamperedBundle):
            open_bundle(path, PASSPHRASE)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * MB


def test_a_claim_no_deflate_stream_can_hold_is_refused_before_the_passphrase(tmp_path, keys):
    path = forge(tmp_path / "claims.linli", keys, b'{"x": 1}', claimed=10**12)
    # Checked before the key is even derived: the wrong passphrase is not what it reports.
    with pytest.raises(TamperedBundle):
        open_bundle(path, "not the passphrase")


def test_a_payload_over_the_cap_is_refused_unopened_with_a_message(tmp_path, keys, monkeypatch):
    payload = b"0123456789" * 500
    path = forge(tmp_path / "big.linli", keys, payload, claimed=len(payload))
    monkeypatch.setattr(container, "MAX_PAYLOAD", 1000)
    with pytest.raises(BundleTooLarge) as refused:
        open_bundle(path, "not the passphrase")
    assert "big.linli" in refused.value.message


def test_an_honest_bundle_at_deflates_best_ratio_still_opens(tmp_path, keys):
    zeros = bytes(20 * MB)
    path = forge(tmp_path / "zeros.linli", keys, zeros, claimed=len(zeros))
    _header, payload = open_bundle(path, PASSPHRASE)
    assert payload == zeros
