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

The key derivation is scrypt (n=2**15, r=8, p=1, 32 bytes) with a random 16-byte salt; its
parameters and the cipher's name are in ``header.kdf``, so a later version can raise them and
still read this one. The signature proves which device made the file and that nothing changed
since; whether that device is trusted is for the caller to decide (``UnknownSigner``).

Large payloads stream through: zlib (level 1), AES-GCM and the file in chunks, so a bundle costs
about one payload plus one compressed copy of memory. Writing goes to a temporary file beside the
target, which is fsynced, read back and verified, and only then renamed into place (and the folder
fsynced); on any failure the temporary file is removed and an existing target is left as it was.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import hashlib
import hmac
import os
import struct
import unicodedata
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.core.tasks import TaskContext
from desktop.storage.schema import HEAD_REVISION
from desktop.sync.bundle.errors import (  # noqa: F401 (public names of the container)
    BundleError,
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
    KINDS,
    BundleHeader,
    is_newer_schema,
    new_header,
)
from desktop.sync.bundle.keys import DeviceKeys

MAGIC = b"LINLIBDL"
END_MAGIC = b"LINLIEND"
SUFFIX = ".linli"
MIN_PASSPHRASE = 8
MAX_HEADER = 16 * 1024 * 1024

SIG_LABEL = b"linli-bundle-v1 signature\x00"
AEAD_LABEL = b"linli-bundle-v1 aead key"
CHECK_LABEL = b"linli-bundle-v1 key check"
CIPHER = "AES-256-GCM"
KDF_ALGORITHM = "scrypt"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
# The most a bundle may ask for (about 1 GiB of memory): a damaged or hostile header must not be
# able to make this copy derive a key for hours.
MAX_SCRYPT_MEMORY = 1 << 30
COMPRESS_LEVEL = 1

_FIXED = struct.Struct(">8sHI")  # magic, format, header length
_LENGTH = struct.Struct(">Q")
PREFIX_SIZE = _FIXED.size  # 14
CHECK_SIZE = 16
NONCE_SIZE = 12
TAG_SIZE = 16
SIGNATURE_SIZE = 64
CHUNK = 4 * 1024 * 1024


# ---------------------------------------------------------------------------------------------
# Keys


def check_passphrase(passphrase: str) -> str:
    """The passphrase as used for keys (Unicode NFC, so the same words typed on another system
    give the same key); ``ValidationError`` if it is too short to protect personal data."""
    normal = unicodedata.normalize("NFC", passphrase)
    if len(normal) < MIN_PASSPHRASE:
        raise ValidationError(_(
            "The passphrase must have at least {count} characters."
        ).format(count=MIN_PASSPHRASE), field="passphrase")
    return normal


def _new_kdf() -> dict:
    return {"algorithm": KDF_ALGORITHM, "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
            "length": 32, "salt": base64.b64encode(os.urandom(16)).decode("ascii"),
            "cipher": CIPHER}


def _derive(kdf: dict, passphrase: str, path: Path | None) -> tuple[bytes, bytes]:
    """(AEAD key, key check) from the header's kdf parameters."""
    try:
        algorithm, cipher = kdf["algorithm"], kdf["cipher"]
        n, r, p, length = (int(kdf[k]) for k in ("n", "r", "p", "length"))
        salt = base64.b64decode(kdf["salt"], validate=True)
    except (KeyError, TypeError, ValueError) as exc:
        raise TamperedBundle(path, f"bad kdf parameters: {exc!r}") from exc
    if algorithm != KDF_ALGORITHM or cipher != CIPHER:
        raise NewerFormat(path, f"{algorithm}/{cipher}")
    if (n < 2 or n & (n - 1) or r < 1 or p < 1 or length < 16 or length > 64
            or 128 * r * n * p > MAX_SCRYPT_MEMORY or len(salt) < 8):
        raise NewerFormat(path, f"scrypt n={n} r={r} p={p} length={length}",
                          details=f"scrypt parameters out of range: n={n} r={r} p={p}")
    normal = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    master = Scrypt(salt=salt, length=length, n=n, r=r, p=p).derive(normal)

    def expand(label: bytes, size: int) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=size, salt=None, info=label).derive(master)

    return expand(AEAD_LABEL, 32), expand(CHECK_LABEL, CHECK_SIZE)


# ---------------------------------------------------------------------------------------------
# Reading


@dataclass(frozen=True)
class _Layout:
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


def _hash_range(fh: BinaryIO, end: int, ctx: TaskContext | None = None) -> bytes:
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


def _layout(fh: BinaryIO, path: Path, ctx: TaskContext | None = None) -> _Layout:
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
    _magic, _fmt, header_len = _FIXED.unpack(head)
    fixed_after_header = CHECK_SIZE + _LENGTH.size + NONCE_SIZE + TAG_SIZE + SIGNATURE_SIZE \
        + len(END_MAGIC)
    if header_len > MAX_HEADER or PREFIX_SIZE + header_len + fixed_after_header > size:
        raise _short_or_damaged(fh, size, path, f"header length {header_len}, file {size}")
    fh.seek(PREFIX_SIZE)
    header_bytes = _read_exact(fh, header_len)
    key_check = _read_exact(fh, CHECK_SIZE)
    (cipher_len,) = _LENGTH.unpack(_read_exact(fh, _LENGTH.size))
    nonce_at = PREFIX_SIZE + header_len + CHECK_SIZE + _LENGTH.size
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
        public.verify(signature, SIG_LABEL + _hash_range(fh, signature_at, ctx))
    except InvalidSignature as exc:
        raise TamperedBundle(path, "the signature does not match") from exc
    return _Layout(header, header_bytes, key_check, nonce_at, cipher_at, cipher_len,
                   signature_at, size)


def _open(path: Path) -> BinaryIO:
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
    with _open(path) as fh:
        try:
            return _layout(fh, path).header
        except (OSError, EOFError) as exc:
            raise BundleUnreadable(path, str(exc)) from exc


def _plaintext(fh: BinaryIO, layout: _Layout, passphrase: str, path: Path,
               ctx: TaskContext | None) -> Iterator[bytes]:
    """The payload in chunks; raises before the end if anything is wrong (the last chunk is only
    yielded after the tag verified, so a caller that collects everything gets nothing false)."""
    key, check = _derive(layout.header.kdf, passphrase, path)
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
    try:
        while left:
            block = _read_exact(fh, min(CHUNK, left))
            left -= len(block)
            out = inflate.decompress(decryptor.update(block))
            produced += len(out)
            if produced > limit:
                raise TamperedBundle(path, "payload longer than the header says")
            if out:
                yield out
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
    with _open(path) as fh:
        try:
            layout = _layout(fh, path, ctx)
            _check_schema(layout.header, path)
            payload = b"".join(_plaintext(fh, layout, passphrase, path, ctx))
        except (OSError, EOFError) as exc:
            raise BundleUnreadable(path, repr(exc)) from exc
    return layout.header, payload


# ---------------------------------------------------------------------------------------------
# Writing


def _fsync_dir(directory: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder for fsync; NTFS journals the rename
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_body(fh: BinaryIO, header_bytes: bytes, payload: bytes, passphrase: str,
                kdf: dict, keys: DeviceKeys, ctx: TaskContext | None,
                report: Callable[[int], None]) -> None:
    key, check = _derive(kdf, passphrase, None)
    prefix = _FIXED.pack(MAGIC, FORMAT_VERSION, len(header_bytes)) + header_bytes
    nonce = os.urandom(NONCE_SIZE)
    fh.write(prefix)
    fh.write(check)
    length_at = fh.tell()
    fh.write(_LENGTH.pack(0))
    fh.write(nonce)
    encryptor = Cipher(algorithms.AES(key), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(prefix)
    deflate = zlib.compressobj(COMPRESS_LEVEL)
    view = memoryview(payload)
    written = 0
    for start in range(0, len(view), CHUNK):
        packed = deflate.compress(view[start:start + CHUNK])
        if packed:
            written += fh.write(encryptor.update(packed))
        report(min(start + CHUNK, len(view)))
    written += fh.write(encryptor.update(deflate.flush()))
    written += fh.write(encryptor.finalize())
    written += fh.write(encryptor.tag)
    signature_at = fh.tell()
    fh.seek(length_at)
    fh.write(_LENGTH.pack(written))
    fh.flush()
    digest = _hash_range(fh, signature_at, ctx)
    fh.seek(signature_at)
    fh.write(keys.sign(SIG_LABEL + digest))
    fh.write(END_MAGIC)
    fh.flush()
    os.fsync(fh.fileno())


def write_bundle(path: Path, header: BundleHeader, payload: bytes, passphrase: str,
                 keys: DeviceKeys, ctx: TaskContext | None = None) -> BundleHeader:
    """Write ``payload`` to ``path`` as a bundle signed by ``keys``; the header as written (with
    ``signer_public``, ``kdf``, ``payload_size`` and ``format`` filled in).

    Atomic: a temporary file beside ``path`` is written and fsynced, read back from the file and
    verified (signature, passphrase, tag, payload length and CRC), then renamed over ``path``
    and the folder fsynced. On any failure before the rename (including ``Cancelled``) the
    temporary file is removed and an existing ``path`` is unchanged.
    """
    path = Path(path)
    passphrase = check_passphrase(passphrase)
    if header.kind not in KINDS:
        raise ValueError(f"unknown bundle kind {header.kind!r}")
    payload = bytes(payload) if not isinstance(payload, bytes) else payload
    header = dataclasses.replace(header, format=FORMAT_VERSION, signer_public=keys.public_b64,
                                 kdf=_new_kdf(), payload_size=len(payload))
    header_bytes = header.to_json().encode("utf-8")
    total = max(len(payload), 1)

    def report(done: int) -> None:
        if ctx is not None:
            ctx.report(done, total, _("Writing {file}").format(file=path.name))

    tmp = path.with_name(f"{path.name}.tmp{os.getpid()}-{os.urandom(3).hex()}")
    try:
        try:
            with open(tmp, "w+b") as fh:
                _write_body(fh, header_bytes, payload, passphrase, header.kdf, keys, ctx,
                            report)
            # Read it back from the file before it takes the place of anything.
            _verify_written(tmp, path, header, payload, passphrase)
            if ctx is not None:
                ctx.check()
            size = tmp.stat().st_size
            os.replace(tmp, path)
        except OSError as exc:
            raise BundleWriteError(path, str(exc)) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(path.parent)
    try:
        renamed = path.stat().st_size
    except OSError as exc:
        raise BundleWriteError(path, f"after renaming: {exc}") from exc
    if renamed != size:
        raise BundleWriteError(path, f"after renaming: {renamed} bytes, wrote {size}")
    return header


def _verify_written(tmp: Path, path: Path, header: BundleHeader, payload: bytes,
                    passphrase: str) -> None:
    """Read the new file back: signature, passphrase, tag, and the payload's length and CRC."""
    try:
        with _open(tmp) as fh:
            layout = _layout(fh, tmp)
            crc, size = 0, 0
            for chunk in _plaintext(fh, layout, passphrase, tmp, None):
                crc = zlib.crc32(chunk, crc)
                size += len(chunk)
        if layout.header != header or size != len(payload) or crc != zlib.crc32(payload):
            raise TamperedBundle(tmp, "read back differs from what was written")
    except (BundleError, EOFError) as exc:
        raise BundleWriteError(path, f"read-back failed: {exc!r}") from exc


__all__ = [
    "FORMAT_VERSION", "SUFFIX", "BundleError", "BundleHeader", "BundleUnreadable",
    "BundleWriteError", "ForgedSignature", "NewerFormat", "NewerSchema",
    "NotABundle", "TamperedBundle", "TruncatedBundle", "UnknownSigner", "WrongPassphrase",
    "check_passphrase", "is_newer_schema", "new_header", "open_bundle", "read_header",
    "write_bundle",
]
