"""Writing a bundle (the layout is in ``container``): to a temporary file beside the target,
fsynced, read back and fully verified, and only then renamed into place (and the folder
fsynced). On any failure the temporary file is removed and an existing target is left as it
was."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from desktop.core.files import fsync_folder
from desktop.core.i18n import _
from desktop.core.tasks import TaskContext
from desktop.sync.bundle.container import (
    CHUNK,
    COMPRESS_LEVEL,
    END_MAGIC,
    LENGTH_STRUCT,
    MAGIC,
    MAX_PAYLOAD,
    NONCE_SIZE,
    PREFIX_STRUCT,
    SIG_LABEL,
    hash_range,
    open_bundle_file,
    plaintext_chunks,
    read_layout,
)
from desktop.sync.bundle.errors import (
    BundleError,
    BundleTooLarge,
    BundleWriteError,
    TamperedBundle,
)
from desktop.sync.bundle.header import FORMAT_VERSION, KINDS, BundleHeader
from desktop.sync.bundle.keys import DeviceKeys
from desktop.sync.bundle.passphrase import check_passphrase, derive_keys, new_kdf


def _write_body(fh: BinaryIO, header_bytes: bytes, payload: bytes, passphrase: str,
                kdf: dict, keys: DeviceKeys, ctx: TaskContext | None,
                report: Callable[[int], None]) -> None:
    key, check = derive_keys(kdf, passphrase, None)
    prefix = PREFIX_STRUCT.pack(MAGIC, FORMAT_VERSION, len(header_bytes)) + header_bytes
    nonce = os.urandom(NONCE_SIZE)
    fh.write(prefix)
    fh.write(check)
    length_at = fh.tell()
    fh.write(LENGTH_STRUCT.pack(0))
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
    fh.write(LENGTH_STRUCT.pack(written))
    fh.flush()
    digest = hash_range(fh, signature_at, ctx)
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
    if len(payload) > MAX_PAYLOAD:  # the receiver would refuse it unopened
        raise BundleTooLarge(path, len(payload), MAX_PAYLOAD)
    header = dataclasses.replace(header, format=FORMAT_VERSION, signer_public=keys.public_b64,
                                 kdf=new_kdf(), payload_size=len(payload))
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
    fsync_folder(path.parent)
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
        with open_bundle_file(tmp) as fh:
            layout = read_layout(fh, tmp)
            crc, size = 0, 0
            for chunk in plaintext_chunks(fh, layout, passphrase, tmp, None):
                crc = zlib.crc32(chunk, crc)
                size += len(chunk)
        if layout.header != header or size != len(payload) or crc != zlib.crc32(payload):
            raise TamperedBundle(tmp, "read back differs from what was written")
    except (BundleError, EOFError) as exc:
        raise BundleWriteError(path, f"read-back failed: {exc!r}") from exc
