"""Keys from a passphrase: scrypt (parameters in the bundle's header, so a later version can
raise them and still read older bundles), then HKDF for the AES-GCM key and the key check that
tells a wrong passphrase from a damaged file."""

from __future__ import annotations

import base64
import os
import unicodedata
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.sync.bundle.errors import NewerFormat, TamperedBundle

MIN_PASSPHRASE = 8
AEAD_LABEL = b"linli-bundle-v1 aead key"
CHECK_LABEL = b"linli-bundle-v1 key check"
CHECK_SIZE = 16
CIPHER = "AES-256-GCM"
KDF_ALGORITHM = "scrypt"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
# The most a bundle may ask for (about 1 GiB of memory): a damaged or hostile header must not be
# able to make this copy derive a key for hours.
MAX_SCRYPT_MEMORY = 1 << 30


def check_passphrase(passphrase: str) -> str:
    """The passphrase as used for keys (Unicode NFC, so the same words typed on another system
    give the same key); ``ValidationError`` if it is too short to protect personal data."""
    normal = unicodedata.normalize("NFC", passphrase)
    if len(normal) < MIN_PASSPHRASE:
        raise ValidationError(_(
            "The passphrase must have at least {count} characters."
        ).format(count=MIN_PASSPHRASE), field="passphrase")
    return normal


def new_kdf() -> dict:
    return {"algorithm": KDF_ALGORITHM, "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
            "length": 32, "salt": base64.b64encode(os.urandom(16)).decode("ascii"),
            "cipher": CIPHER}


def derive_keys(kdf: dict, passphrase: str, path: Path | None) -> tuple[bytes, bytes]:
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
