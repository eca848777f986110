"""The bundle file: round trip, and a specific refusal for every way a file can be wrong."""

from __future__ import annotations

import base64
import json
import os
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import Cancelled, ValidationError
from desktop.core.tasks import TaskContext
from desktop.storage.device import DeviceIdentity
from desktop.storage.schema import HEAD_REVISION
from desktop.sync.bundle import writing
from desktop.sync.bundle.container import (
    END_MAGIC,
    FORMAT_VERSION,
    MAGIC,
    SIG_LABEL,
    BundleError,
    BundleHeader,
    BundleUnreadable,
    BundleWriteError,
    NewerFormat,
    NewerSchema,
    NotABundle,
    TamperedBundle,
    TruncatedBundle,
    UnknownSigner,
    WrongPassphrase,
    is_newer_schema,
    new_header,
    open_bundle,
    read_header,
)
from desktop.sync.bundle.keys import DeviceKeys
from desktop.sync.bundle.passphrase import new_kdf
from desktop.sync.bundle.writing import write_bundle

PASSPHRASE = "correct horse 邻里"
PAYLOAD = json.dumps({"resident": [{"name": "张三", "phone": "13800001111"}] * 20},
                     ensure_ascii=False).encode("utf-8")

# ---------------------------------------------------------------------------------------------
# Helpers


@pytest.fixture(scope="module")
def keys() -> DeviceKeys:
    return DeviceKeys.generate()


def header(**changes) -> BundleHeader:
    base = new_header(DeviceIdentity("a1b2c3d4e5f60718", 2, "社区办公室 PC"), "scoped",
                      recipient_device_id="ffeeddccbbaa0099",
                      summary={"counts": {"resident": 20}, "scope": "3号楼"})
    return BundleHeader(**{**base.__dict__, **changes})


@pytest.fixture(scope="module")
def sample(tmp_path_factory, keys) -> tuple[Path, BundleHeader, bytes]:
    """One bundle written once per module (scrypt is deliberately slow); tests copy its bytes."""
    path = tmp_path_factory.mktemp("sample") / "sample.linli"
    written = write_bundle(path, header(), PAYLOAD, PASSPHRASE, keys)
    return path, written, path.read_bytes()


def parts(data: bytes) -> dict[str, tuple[int, int]]:
    """Each part of a format-1 file as (start, end)."""
    (header_len,) = struct.unpack_from(">I", data, 10)
    at = 14 + header_len
    (cipher_len,) = struct.unpack_from(">Q", data, at + 16)
    bounds, start = {}, 0
    for name, size in [("magic", 8), ("format", 2), ("header length", 4),
                       ("header", header_len), ("key check", 16), ("payload length", 8),
                       ("nonce", 12), ("ciphertext", cipher_len), ("signature", 64),
                       ("end magic", 8)]:
        bounds[name] = (start, start + size)
        start += size
    assert start == len(data)
    return bounds


PARTS = ["magic", "format", "header length", "header", "key check", "payload length", "nonce",
         "ciphertext", "signature", "end magic"]


def resign(data: bytes, signer: DeviceKeys, header_json: dict | None = None) -> bytes:
    """``data`` with its header replaced (optional) and signed again by ``signer``."""
    bounds = parts(data)
    if header_json is not None:
        new = json.dumps(header_json, ensure_ascii=False).encode("utf-8")
        data = data[:10] + struct.pack(">I", len(new)) + new + data[bounds["header"][1]:]
        bounds = parts(data)
    body = data[:bounds["signature"][0]]
    import hashlib

    signature = signer.sign(SIG_LABEL + hashlib.sha512(body).digest())
    return body + signature + END_MAGIC


def put(tmp_path: Path, data: bytes, name: str = "copy.linli") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------------------------------------
# Round trip


def test_round_trip_keeps_payload_and_header(sample, keys):
    path, written, _data = sample
    got_header, payload = open_bundle(path, PASSPHRASE)
    assert payload == PAYLOAD
    assert got_header == written
    assert written.format == FORMAT_VERSION and written.schema == HEAD_REVISION
    assert written.kind == "scoped" and written.recipient_device_id == "ffeeddccbbaa0099"
    assert written.sender_name == "社区办公室 PC" and written.sender_node.startswith("a1b2")
    assert written.summary == {"counts": {"resident": 20}, "scope": "3号楼"}
    assert written.signer_fingerprint == keys.fingerprint
    assert written.kdf["algorithm"] == "scrypt" and written.kdf["n"] == 2**15
    assert written.payload_size == len(PAYLOAD)
    assert BundleHeader.from_json(written.to_json()) == written


def test_header_is_readable_without_the_passphrase(sample):
    path, written, data = sample
    assert read_header(path) == written
    # …and stored as plain UTF-8, so a person could even read it in a text editor.
    assert "社区办公室 PC".encode() in data[:parts(data)["header"][1]]
    assert b"13800001111" not in data  # the payload is not


def test_empty_and_large_payloads(tmp_path, keys):
    path = tmp_path / "empty.linli"
    write_bundle(path, header(kind="full"), b"", PASSPHRASE, keys)
    assert open_bundle(path, PASSPHRASE)[1] == b""

    big = os.urandom(1024) * 12 * 1024 + b"tail"  # 12 MiB + 4: several chunks
    reports = []
    ctx = TaskContext(on_progress=lambda done, total, msg: reports.append((done, total)),
                      min_interval=0)
    write_bundle(path, header(kind="full"), big, PASSPHRASE, keys, ctx)
    assert reports and reports[-1][0] == reports[-1][1] == len(big)
    assert open_bundle(path, PASSPHRASE, ctx=TaskContext())[1] == big


def test_each_bundle_is_encrypted_afresh(tmp_path, keys):
    one, two = tmp_path / "1.linli", tmp_path / "2.linli"
    a = write_bundle(one, header(), PAYLOAD, PASSPHRASE, keys)
    b = write_bundle(two, header(), PAYLOAD, PASSPHRASE, keys)
    assert a.kdf["salt"] != b.kdf["salt"]
    assert parts(one.read_bytes())["ciphertext"] and \
        one.read_bytes()[-200:] != two.read_bytes()[-200:]


def test_the_passphrase_is_compared_in_one_unicode_form(tmp_path, keys):
    path = tmp_path / "nfc.linli"
    write_bundle(path, header(), PAYLOAD, "cafe\u0301 au lait", keys)  # decomposed é
    assert open_bundle(path, "caf\u00e9 au lait")[1] == PAYLOAD  # composed é


@pytest.mark.parametrize("short", ["", "1234567", "邻里邻里邻里"])
def test_a_short_passphrase_is_refused(tmp_path, keys, short):
    with pytest.raises(ValidationError) as info:
        write_bundle(tmp_path / "x.linli", header(), PAYLOAD, short, keys)
    assert info.value.field == "passphrase" and "8" in info.value.message
    assert not list(tmp_path.iterdir())


# ---------------------------------------------------------------------------------------------
# Refusals


def test_wrong_passphrase(sample):
    path, _written, _data = sample
    with pytest.raises(WrongPassphrase) as info:
        open_bundle(path, "correct horse 邻居")
    assert path.name in info.value.message


def test_truncation_at_every_byte_is_told_as_truncation(sample, tmp_path):
    """Every possible cut: the refusal is "cut short" (or "not a bundle" for an empty file),
    never anything else and never a crash; both with and without the passphrase."""
    _path, _written, data = sample
    bounds = parts(data)
    seen_parts = set()
    for cut in range(len(data)):
        path = put(tmp_path, data[:cut])
        expected = NotABundle if cut == 0 else TruncatedBundle
        with pytest.raises(BundleError) as info:
            read_header(path)
        assert type(info.value) is expected, (cut, info.value.details)
        with pytest.raises(BundleError) as info:
            open_bundle(path, PASSPHRASE)
        assert type(info.value) is expected, (cut, info.value.details)
        seen_parts |= {name for name, (a, b) in bounds.items() if a <= cut < b}
    assert seen_parts == set(PARTS)


@pytest.mark.parametrize("part", PARTS)
@pytest.mark.parametrize("where", ["first", "middle", "last"])
def test_truncation_inside_each_part(sample, tmp_path, part, where):
    _path, _written, data = sample
    start, end = parts(data)[part]
    cut = {"first": start, "middle": (start + end) // 2, "last": end - 1}[where]
    path = put(tmp_path, data[:cut])
    with pytest.raises((TruncatedBundle, NotABundle)) as info:
        open_bundle(path, PASSPHRASE)
    assert isinstance(info.value, NotABundle) == (cut == 0)
    assert path.name in info.value.message


EXPECTED_ON_FLIP = {
    "magic": NotABundle,
    "format": NewerFormat,  # 0x0001 with a byte flipped reads as 0x..fe / 0xff01: newer
    "header length": TamperedBundle,
    "header": TamperedBundle,
    "key check": TamperedBundle,  # the signature covers it: damage, not a wrong passphrase
    "payload length": TamperedBundle,
    "nonce": TamperedBundle,
    "ciphertext": TamperedBundle,
    "signature": TamperedBundle,
    "end magic": TamperedBundle,
}


@pytest.mark.parametrize("part", PARTS)
@pytest.mark.parametrize("where", ["first", "middle", "last"])
def test_a_flipped_byte_in_each_part(sample, tmp_path, part, where):
    _path, _written, data = sample
    start, end = parts(data)[part]
    at = {"first": start, "middle": (start + end) // 2, "last": end - 1}[where]
    damaged = bytearray(data)
    damaged[at] ^= 0xFF
    path = put(tmp_path, bytes(damaged))
    for call in (lambda: read_header(path), lambda: open_bundle(path, PASSPHRASE)):
        with pytest.raises(BundleError) as info:
            call()
        assert type(info.value) is EXPECTED_ON_FLIP[part], info.value.details


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(at=st.integers(min_value=0), bit=st.integers(min_value=0, max_value=7))
def test_any_flipped_bit_is_refused_specifically(sample, tmp_path, at, bit):
    _path, _written, data = sample
    damaged = bytearray(data)
    damaged[at % len(data)] ^= 1 << bit
    path = put(tmp_path, bytes(damaged))
    with pytest.raises((NotABundle, NewerFormat, TamperedBundle)):
        open_bundle(path, PASSPHRASE)


def test_a_newer_format_is_refused_before_anything_else(sample, tmp_path):
    _path, _written, data = sample
    newer = MAGIC + struct.pack(">H", FORMAT_VERSION + 1) + b"whatever format 2 looks like"
    for blob in (newer, data[:8] + struct.pack(">H", 2) + data[10:]):
        path = put(tmp_path, blob)
        with pytest.raises(NewerFormat) as info:
            read_header(path)
        assert "newer version" in info.value.message and "update" in info.value.message
        with pytest.raises(NewerFormat):
            open_bundle(path, PASSPHRASE)


def test_a_newer_schema_is_refused_on_opening(tmp_path, keys):
    path = tmp_path / "newer.linli"
    write_bundle(path, header(schema=f"{int(HEAD_REVISION) + 1:04d}"), PAYLOAD, PASSPHRASE,
                 keys)
    assert read_header(path).schema == f"{int(HEAD_REVISION) + 1:04d}"  # inspect still works
    with pytest.raises(NewerSchema) as info:
        open_bundle(path, PASSPHRASE)
    assert "newer version" in info.value.message
    assert is_newer_schema(header(schema=f"{int(HEAD_REVISION) + 1:04d}"))
    assert not is_newer_schema(header(schema="0001"))
    assert not is_newer_schema(header(schema=HEAD_REVISION))
    assert is_newer_schema(header(schema="zzzz"))  # not a revision this version knows


def test_an_unknown_key_derivation_is_a_newer_format(sample, tmp_path, keys):
    _path, written, data = sample
    fields = json.loads(written.to_json())
    fields["kdf"]["algorithm"] = "argon2id"
    path = put(tmp_path, resign(data, keys, fields))
    assert read_header(path).kdf["algorithm"] == "argon2id"
    with pytest.raises(NewerFormat):
        open_bundle(path, PASSPHRASE)
    fields["kdf"].update(algorithm="scrypt", n=2**30)  # would need 128 GiB: refused, not tried
    with pytest.raises(NewerFormat):
        open_bundle(put(tmp_path, resign(data, keys, fields)), PASSPHRASE)


@pytest.mark.parametrize("text", ["[]", "{}", "not json", "[" * 100_000, '{"format": 1}'])
def test_a_signed_header_that_is_not_a_header_is_damage(sample, tmp_path, keys, text):
    _path, _written, data = sample
    bounds = parts(data)
    new = text.encode()
    blob = data[:10] + struct.pack(">I", len(new)) + new + data[bounds["header"][1]:]
    with pytest.raises(TamperedBundle):
        read_header(put(tmp_path, resign(blob, keys)))


def test_a_header_re_signed_by_another_key(sample, tmp_path):
    """Someone swaps the signer for their own key and signs again: the signature now checks,
    but the fingerprint is theirs (the exchange layer refuses it as an unknown signer), and
    without re-encrypting, the payload no longer opens (the header is the cipher's AAD)."""
    _path, written, data = sample
    forger = DeviceKeys.generate()
    fields = json.loads(written.to_json())
    fields["signer_public"] = forger.public_b64
    path = put(tmp_path, resign(data, forger, fields))
    forged = read_header(path)
    assert forged.signer_fingerprint == forger.fingerprint != written.signer_fingerprint
    with pytest.raises(TamperedBundle):
        open_bundle(path, PASSPHRASE)
    # The signature alone, replaced by another key's, does not verify against the header's key.
    with pytest.raises(TamperedBundle):
        read_header(put(tmp_path, resign(data, forger)))


def test_a_re_encrypted_copy_opens_only_with_the_passphrase_and_shows_its_signer(sample,
                                                                                  tmp_path):
    path, written, _data = sample
    forger = DeviceKeys.generate()
    got, payload = open_bundle(path, PASSPHRASE)
    copy = tmp_path / "copy.linli"
    rewritten = write_bundle(copy, got, payload, PASSPHRASE, forger)
    assert open_bundle(copy, PASSPHRASE)[1] == PAYLOAD
    with pytest.raises(WrongPassphrase):
        open_bundle(copy, PASSPHRASE + "x")
    assert rewritten.sender_name == written.sender_name  # a name proves nothing…
    assert rewritten.signer_fingerprint != written.signer_fingerprint  # …the fingerprint does
    error = UnknownSigner(rewritten, copy)
    assert rewritten.sender_name in error.message
    assert rewritten.signer_fingerprint in error.message and copy.name in error.message
    assert rewritten.signer_fingerprint in UnknownSigner(rewritten).message


def test_cipher_failure_with_the_right_passphrase_is_damage(sample, tmp_path, keys):
    """The signer's own key over a broken ciphertext (e.g. damaged in memory before signing)."""
    _path, _written, data = sample
    start, end = parts(data)["ciphertext"]
    damaged = bytearray(data)
    damaged[(start + end) // 2] ^= 0x01
    path = put(tmp_path, resign(bytes(damaged), keys))
    read_header(path)  # the signature is good
    with pytest.raises(TamperedBundle):
        open_bundle(path, PASSPHRASE)


def _write_raw(path, keys, header_, deflated: bytes) -> None:
    """A correctly encrypted and signed bundle whose plaintext is ``deflated`` as given."""

    class Fake:
        def compress(self, _data):
            return b""

        def flush(self):
            return deflated

    real = writing.zlib.compressobj
    writing.zlib.compressobj = lambda *_a: Fake()
    try:
        full = BundleHeader(**{**header_.__dict__, "signer_public": keys.public_b64,
                               "kdf": new_kdf(), "payload_size": len(PAYLOAD)})
        with open(path, "w+b") as fh:
            writing._write_body(fh, full.to_json().encode(), PAYLOAD, PASSPHRASE, full.kdf,
                                  keys, None, lambda _done: None)
    finally:
        writing.zlib.compressobj = real


@pytest.mark.parametrize("deflated", [
    b"not a zlib stream at all",
    zlib.compress(PAYLOAD)[:-6],  # stream cut short
    zlib.compress(PAYLOAD) + b"trailing",  # extra bytes
    zlib.compress(PAYLOAD + b"more"),  # longer than the header says
    zlib.compress(PAYLOAD[:-1]),  # shorter than the header says
], ids=["garbage", "cut", "trailing", "longer", "shorter"])
def test_a_bad_compressed_stream_is_damage(tmp_path, keys, deflated):
    path = tmp_path / "raw.linli"
    _write_raw(path, keys, header(), deflated)
    read_header(path)
    with pytest.raises(TamperedBundle):
        open_bundle(path, PASSPHRASE)


def test_the_raw_writer_makes_good_bundles_when_the_stream_is_good(tmp_path, keys):
    path = tmp_path / "raw.linli"
    _write_raw(path, keys, header(), zlib.compress(PAYLOAD))
    assert open_bundle(path, PASSPHRASE)[1] == PAYLOAD


def _png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))


@pytest.mark.parametrize("kind", ["xlsx", "png", "empty", "text", "one byte", "long text",
                                  "folder"])
def test_other_files_are_not_bundles(tmp_path, kind):
    path = tmp_path / f"thing.{kind.replace(' ', '')}"
    if kind == "xlsx":
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("[Content_Types].xml", "<Types/>")
            zf.writestr("xl/workbook.xml", "<workbook/>")
    elif kind == "png":
        path.write_bytes(_png())
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "text":
        path.write_text("姓名,电话\n张三,13800001111\n", encoding="utf-8")
    elif kind == "one byte":
        path.write_bytes(b"X")
    elif kind == "long text":
        path.write_bytes(b"LINLI desk notes " * 100)  # starts like the magic, then differs
    else:
        path.mkdir()
    for call in (lambda: read_header(path), lambda: open_bundle(path, PASSPHRASE)):
        with pytest.raises(NotABundle) as info:
            call()
        assert path.name in info.value.message


def test_a_missing_file_is_unreadable(tmp_path):
    with pytest.raises(BundleUnreadable) as info:
        read_header(tmp_path / "gone.linli")
    assert "gone.linli" in info.value.message


# ---------------------------------------------------------------------------------------------
# Atomic writing


def _leftovers(directory: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name not in keep)


def test_cancel_in_the_middle_leaves_the_old_file(tmp_path, keys):
    target = tmp_path / "out.linli"
    target.write_bytes(b"the previous bundle")
    ctx = TaskContext(min_interval=0)
    ctx.on_progress = lambda done, total, msg: ctx.cancel()
    with pytest.raises(Cancelled):
        write_bundle(target, header(), os.urandom(1024) * 10 * 1024, PASSPHRASE, keys, ctx)
    assert target.read_bytes() == b"the previous bundle"
    assert _leftovers(tmp_path, {"out.linli"}) == []


@pytest.mark.parametrize("failing", ["fsync", "replace", "write"])
def test_a_failing_write_leaves_the_old_file(tmp_path, keys, monkeypatch, failing):
    target = tmp_path / "out.linli"
    target.write_bytes(b"the previous bundle")

    def boom(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    if failing == "write":
        real = writing._write_body

        def half(fh, *args):
            fh.write(b"LINLIBDL partial")
            boom()

        monkeypatch.setattr(writing, "_write_body", half)
        assert real
    else:
        monkeypatch.setattr(writing.os, failing, boom)
    with pytest.raises(BundleWriteError) as info:
        write_bundle(target, header(), PAYLOAD, PASSPHRASE, keys)
    assert "out.linli" in info.value.message and "No space" in info.value.details
    assert target.read_bytes() == b"the previous bundle"
    assert _leftovers(tmp_path, {"out.linli"}) == []


def test_a_bad_read_back_leaves_the_old_file(tmp_path, keys, monkeypatch):
    target = tmp_path / "out.linli"
    target.write_bytes(b"the previous bundle")
    real = writing._write_body

    def corrupting(fh, *args):
        real(fh, *args)
        fh.seek(-100, os.SEEK_END)
        fh.write(b"\x00")  # as if the disk kept something else than was written

    monkeypatch.setattr(writing, "_write_body", corrupting)
    with pytest.raises(BundleWriteError) as info:
        write_bundle(target, header(), PAYLOAD, PASSPHRASE, keys)
    assert "read-back" in info.value.details
    assert target.read_bytes() == b"the previous bundle"
    assert _leftovers(tmp_path, {"out.linli"}) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="needs permissions that apply (not root, not Windows)")
def test_a_read_only_folder_is_a_clear_write_error(tmp_path, keys):
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "out.linli").write_bytes(b"the previous bundle")
    folder.chmod(0o500)
    try:
        with pytest.raises(BundleWriteError):
            write_bundle(folder / "out.linli", header(), PAYLOAD, PASSPHRASE, keys)
        assert (folder / "out.linli").read_bytes() == b"the previous bundle"
        assert _leftovers(folder, {"out.linli"}) == []
    finally:
        folder.chmod(0o700)


def test_a_folder_that_cannot_hold_the_file_is_a_clear_write_error(tmp_path, keys):
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("a file, not a folder")
    with pytest.raises(BundleWriteError) as info:
        write_bundle(not_a_folder / "out.linli", header(), PAYLOAD, PASSPHRASE, keys)
    assert "out.linli" in info.value.message
    assert _leftovers(tmp_path, {"notes.txt"}) == []


def test_overwriting_an_existing_bundle(tmp_path, keys):
    target = tmp_path / "out.linli"
    write_bundle(target, header(), b"first", PASSPHRASE, keys)
    write_bundle(target, header(), b"second", PASSPHRASE, keys)
    assert open_bundle(target, PASSPHRASE)[1] == b"second"
    assert _leftovers(tmp_path, {"out.linli"}) == []


# ---------------------------------------------------------------------------------------------
# Messages


def test_every_refusal_names_the_file(sample):
    path, written, _data = sample
    for error in (NotABundle(path), NewerFormat(path, 2), NewerSchema(path, written),
                  TruncatedBundle(path), WrongPassphrase(path), TamperedBundle(path),
                  UnknownSigner(written, path), BundleUnreadable(path), BundleWriteError(path)):
        assert path.name in error.message, type(error).__name__
        assert isinstance(error, BundleError)
    messages = {type(e).__name__: e.message for e in (
        NotABundle(path), NewerFormat(path, 2), TruncatedBundle(path), WrongPassphrase(path),
        TamperedBundle(path))}
    assert len(set(messages.values())) == len(messages)  # each specific


def test_refusals_are_translated():
    from desktop.core.i18n import set_language

    set_language("zh_Hans")
    path = Path("x.linli")
    for error_type in (NotABundle, TruncatedBundle, WrongPassphrase, TamperedBundle):
        english = {
            NotABundle: "x.linli is not a Linli Desk bundle.",
        }.get(error_type)
        message = error_type(path).message
        assert not message.isascii(), message
        assert message != english


def test_signer_public_that_is_not_base64_gives_no_fingerprint():
    assert header(signer_public="!!!").signer_fingerprint == ""
    assert header(signer_public=base64.b64encode(b"k" * 32).decode()).signer_fingerprint
