"""The bundle file: a readable header, an encrypted and compressed payload, a device signature.

Layout of format 1 (integers big-endian)::

    offset  size  field
    0       8     magic            b"LINLIBDL"
    8       2     format           u16, FORMAT_VERSION
    10      4     header length    u32, H (at most MAX_HEADER)
    14      H     header           JSON, UTF-8 (BundleHeader.to_json); readable without the
                                   passphrase so ``inspect`` can show who sent what
    14+H    16    key check        HKDF(scrypt(passphrase), "key check"): a wrong passphrase is
                                   told apart from a damaged file before anything is decrypted
    30+H    8     payload length   u64, C = length of the AES-GCM ciphertext including its tag
    38+H    12    nonce            random, for AES-256-GCM
    50+H    C     ciphertext       AES-256-GCM (key HKDF(scrypt(passphrase), "aead key"),
                                   associated data = bytes 0 .. 14+H, i.e. magic to header end)
                                   of the zlib stream of the payload; the last 16 bytes are the tag
    50+H+C  64    signature        Ed25519 by the header's ``signer_public`` over
                                   SIG_LABEL + SHA-512(bytes 0 .. 50+H+C), everything before it
    114+H+C 8     end magic        b"LINLIEND"; missing means the copy was cut short

The key derivation (``passphrase``) is scrypt (n=2**15, r=8, p=1, 32 bytes) with a random
16-byte salt; its parameters and the cipher's name are in ``header.kdf``, so a later version can
raise them and still read this one. The signature proves which device made the file and that nothing changed
since; whether that device is trusted is for the caller to decide (``UnknownSigner``).

Large payloads stream through: zlib (level 1), AES-GCM and the file in chunks, so a bundle costs
about one payload plus one compressed copy of memory. This module reads; ``writing`` writes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from desktop.core.tasks import TaskContext
from desktop.storage.schema import HEAD_REVISION
from desktop.sync.bundle.errors import (  # noqa: F401 (public names of the container)
    BundleError,
    BundleTooLarge,
    BundleUnreadable,
    BundleWriteError,
    ForgedSignature,
    NewerFormat,
    NewerSchema,
    NotABundle,
    TamperedBundle,
    TruncatedBundle,
    UnknownSigner,
    WrongPassphrase,
    _name,
)
from desktop.sync.bundle.header import (
    FORMAT_VERSION,
    BundleHeader,
    is_newer_schema,
    new_header,
)
from desktop.sync.bundle.passphrase import (
    CHECK_SIZE,
    check_passphrase,
    derive_keys,
)

MAGIC = b"LINLIBDL"
END_MAGIC = b"LINLIEND"
SUFFIX = ".linli"
MAX_HEADER = 16 * 1024 * 1024

SIG_LABEL = b"linli-bundle-v1 signature\x00"
COMPRESS_LEVEL = 1

PREFIX_STRUCT = struct.Struct(">8sHI")  # magic, format, header length
LENGTH_STRUCT = struct.Struct(">Q")
PREFIX_SIZE = PREFIX_STRUCT.size  # 14
NONCE_SIZE = 12
TAG_SIZE = 16
SIGNATURE_SIZE = 64
CHUNK = 4 * 1024 * 1024
# The most a bundle may unpack to: the payload is held in memory whole. The largest office
# measured (200,000 residents) is about 130 MB, so this leaves room eight times over.
MAX_PAYLOAD = 1024 * 1024 * 1024
# Deflate cannot expand more than 1032 to 1 (zlib's technical notes); a claim beyond it is false.
MAX_DEFLATE_RATIO = 1032


# ---------------------------------------------------------------------------------------------
# Reading


@dataclass(frozen=True)
class Layout:
    header: BundleHeader
    header_bytes: bytes
    key_check: bytes
    nonce_at: int
    cipher_at: int
    cipher_len: int
    signature_at: int
    size: int

    @property
    def aad_end(self) -> int:
        return PREFIX_SIZE + len(self.header_bytes)


def _read_exact(fh: BinaryIO, size: int) -> bytes:
    data = fh.read(size)
    if len(data) != size:
        raise EOFError
    return data


def _short_or_damaged(fh: BinaryIO, size: int, path: Path, details: str) -> BundleError:
    """A file shorter than its lengths say: cut short, unless it still ends as a bundle does
    (then a length inside was damaged)."""
    if size >= len(END_MAGIC):
        fh.seek(size - len(END_MAGIC))
        if fh.read(len(END_MAGIC)) == END_MAGIC:
            return TamperedBundle(path, details)
    return TruncatedBundle(path, details)


def hash_range(fh: BinaryIO, end: int, ctx: TaskContext | None = None) -> bytes:
    digest = hashlib.sha512()
    fh.seek(0)
    left = end
    while left:
        chunk = fh.read(min(CHUNK, left))
        if not chunk:
            raise EOFError
        digest.update(chunk)
        left -= len(chunk)
        if ctx is not None:
            ctx.check()
    return digest.digest()


def read_layout(fh: BinaryIO, path: Path, ctx: TaskContext | None = None) -> Layout:
    """Check structure, magic, format and signature; the parts' positions."""
    size = os.fstat(fh.fileno()).st_size
    fh.seek(0)
    head = fh.read(PREFIX_SIZE)
    if not head:
        raise NotABundle(path, "empty file")
    if head[:len(MAGIC)] != MAGIC[:len(head)]:
        raise NotABundle(path, f"starts with {head[:len(MAGIC)]!r}")
    if len(head) < len(MAGIC) + 2:
        raise TruncatedBundle(path, f"only {size} bytes")
    (fmt,) = struct.unpack_from(">H", head, len(MAGIC))
    if fmt > FORMAT_VERSION:
        raise NewerFormat(path, fmt)
    if fmt < 1:
        raise TamperedBundle(path, f"format {fmt}")
    if len(head) < PREFIX_SIZE:
        raise TruncatedBundle(path, f"only {size} bytes")
    _magic, _fmt, header_len = PREFIX_STRUCT.unpack(head)
    fixed_after_header = CHECK_SIZE + LENGTH_STRUCT.size + NONCE_SIZE + TAG_SIZE + SIGNATURE_SIZE \
        + len(END_MAGIC)
    if header_len > MAX_HEADER or PREFIX_SIZE + header_len + fixed_after_header > size:
        raise _short_or_damaged(fh, size, path, f"header length {header_len}, file {size}")
    fh.seek(PREFIX_SIZE)
    header_bytes = _read_exact(fh, header_len)
    key_check = _read_exact(fh, CHECK_SIZE)
    (cipher_len,) = LENGTH_STRUCT.unpack(_read_exact(fh, LENGTH_STRUCT.size))
    nonce_at = PREFIX_SIZE + header_len + CHECK_SIZE + LENGTH_STRUCT.size
    cipher_at = nonce_at + NONCE_SIZE
    signature_at = cipher_at + cipher_len
    expected = signature_at + SIGNATURE_SIZE + len(END_MAGIC)
    if expected > size:
        raise _short_or_damaged(fh, size, path, f"needs {expected} bytes, file has {size}")
    if cipher_len < TAG_SIZE or expected != size:
        raise TamperedBundle(path, f"lengths say {expected} bytes, file has {size}")
    fh.seek(signature_at)
    signature = _read_exact(fh, SIGNATURE_SIZE)
    if _read_exact(fh, len(END_MAGIC)) != END_MAGIC:
        raise TamperedBundle(path, "end marker changed")
    try:
        header = BundleHeader.from_json(header_bytes.decode("utf-8"))
        public = Ed25519PublicKey.from_public_bytes(
            base64.b64decode(header.signer_public, validate=True))
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise TamperedBundle(path, f"header: {exc!r}") from exc
    if header.format != fmt:
        raise TamperedBundle(path, f"header says format {header.format}, file {fmt}")
    try:
        public.verify(signature, SIG_LABEL + hash_range(fh, signature_at, ctx))
    except InvalidSignature as exc:
        raise TamperedBundle(path, "the signature does not match") from exc
    return Layout(header, header_bytes, key_check, nonce_at, cipher_at, cipher_len,
                   signature_at, size)


def open_bundle_file(path: Path) -> BinaryIO:
    try:
        return open(path, "rb")
    except IsADirectoryError as exc:
        raise NotABundle(path, "a folder") from exc
    except OSError as exc:
        raise BundleUnreadable(path, str(exc)) from exc


def read_header(path: Path) -> BundleHeader:
    """The header of the bundle at ``path``, after checking its structure and signature (no
    passphrase needed; the signer's trust is the caller's to decide)."""
    path = Path(path)
    with open_bundle_file(path) as fh:
        try:
            return read_layout(fh, path).header
        except (OSError, EOFError) as exc:
            raise BundleUnreadable(path, str(exc)) from exc


def check_sizes(layout: Layout, path: Path) -> None:
    """The size the header claims for the payload, against the file's real size and the cap,
    before a byte is decrypted or inflated."""
    claimed = layout.header.payload_size
    body = layout.cipher_len - TAG_SIZE
    if claimed > MAX_DEFLATE_RATIO * body + 64:  # no deflate stream inflates that much
        raise TamperedBundle(path, f"header claims {claimed} bytes from a {body}-byte stream")
    if claimed > MAX_PAYLOAD:
        raise BundleTooLarge(path, claimed, MAX_PAYLOAD)


def plaintext_chunks(fh: BinaryIO, layout: Layout, passphrase: str, path: Path,
               ctx: TaskContext | None) -> Iterator[bytes]:
    """The payload in chunks; raises before the end if anything is wrong (the last chunk is only
    yielded after the tag verified, so a caller that collects everything gets nothing false)."""
    check_sizes(layout, path)
    key, check = derive_keys(layout.header.kdf, passphrase, path)
    if not hmac.compare_digest(check, layout.key_check):
        raise WrongPassphrase(path)
    fh.seek(layout.nonce_at)
    nonce = _read_exact(fh, NONCE_SIZE)
    body_len = layout.cipher_len - TAG_SIZE
    fh.seek(layout.cipher_at + body_len)
    tag = _read_exact(fh, TAG_SIZE)
    fh.seek(0)
    aad = _read_exact(fh, layout.aad_end)
    decryptor = Cipher(algorithms.AES(key), modes.GCM(nonce, tag)).decryptor()
    decryptor.authenticate_additional_data(aad)
    inflate = zlib.decompressobj()
    fh.seek(layout.cipher_at)
    left, produced, limit = body_len, 0, layout.header.payload_size

    def inflated(data: bytes) -> Iterator[bytes]:
        # Never more than CHUNK at a time, nor more than one byte past the size the header
        # claims: a small stream that inflates without end costs no memory before its refusal.
        nonlocal produced
        while data:
            out = inflate.decompress(data, min(CHUNK, limit - produced + 1))
            produced += len(out)
            if produced > limit:
                raise TamperedBundle(path, "payload longer than the header says")
            if out:
                yield out
            data = inflate.unconsumed_tail

    try:
        while left:
            block = _read_exact(fh, min(CHUNK, left))
            left -= len(block)
            yield from inflated(decryptor.update(block))
            if ctx is not None:
                ctx.report(body_len - left, body_len)
        decryptor.finalize()
        out = inflate.flush()
        produced += len(out)
        if not inflate.eof or inflate.unused_data:
            raise TamperedBundle(path, "the compressed stream is incomplete")
        if produced != limit:
            raise TamperedBundle(path, f"payload {produced} bytes, header says {limit}")
        if out:
            yield out
    except InvalidTag as exc:
        raise TamperedBundle(path, "the encrypted payload does not verify") from exc
    except zlib.error as exc:
        raise TamperedBundle(path, f"the compressed stream is damaged: {exc}") from exc


def _check_schema(header: BundleHeader, path: Path) -> None:
    if is_newer_schema(header):
        raise NewerSchema(path, header, f"bundle schema {header.schema!r}, "
                                        f"this copy {HEAD_REVISION}")


def open_bundle(path: Path, passphrase: str, *,
                ctx: TaskContext | None = None) -> tuple[BundleHeader, bytes]:
    """The header and the decompressed payload, after checking structure, signature, schema and
    passphrase. Whether the signer is trusted is the caller's to decide."""
    path = Path(path)
    with open_bundle_file(path) as fh:
        try:
            layout = read_layout(fh, path, ctx)
            _check_schema(layout.header, path)
            payload = b"".join(plaintext_chunks(fh, layout, passphrase, path, ctx))
        except (OSError, EOFError) as exc:
            raise BundleUnreadable(path, repr(exc)) from exc
    return layout.header, payload


__all__ = [
    "FORMAT_VERSION", "MAX_PAYLOAD", "SUFFIX", "BundleError", "BundleHeader",
    "BundleTooLarge", "BundleUnreadable",
    "BundleWriteError", "ForgedSignature", "NewerFormat", "NewerSchema",
    "NotABundle", "TamperedBundle", "TruncatedBundle", "UnknownSigner", "WrongPassphrase",
    "check_passphrase", "is_newer_schema", "new_header", "open_bundle", "read_header",
]
