"""Keys from a secret a person types: scrypt, then HKDF-SHA256 for each use of the result.

Shared by the bundles' passphrase (desktop.sync.bundle.passphrase) and the key slots that
wrap the database key (desktop.security.keyslots). The parameters travel with what they
protect (a bundle's header, a slot in keys.json), so a later version can raise them and still
read what an older one wrote; ``derive_master`` refuses parameters that would make this copy
spend minutes or gigabytes on a damaged or hostile file.

Qt-free and message-free: callers turn ``BadKdfParameters`` and ``UnsupportedKdf`` into the
user's words for their own file.
"""

from __future__ import annotations

import base64
import os
import unicodedata
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

ALGORITHM = "scrypt"
# About 32 MiB and 0.1 s on an office PC: costly for a guesser, quick enough to sign in.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MASTER_LENGTH = 32
SALT_SIZE = 16
# The most a stored parameter set may ask for (about 1 GiB of memory).
MAX_SCRYPT_MEMORY = 1 << 30


class BadKdfParameters(ValueError):
    """The stored parameters are missing or malformed (the file is damaged)."""


class UnsupportedKdf(ValueError):
    """The stored parameters name another algorithm or ask for more than this copy allows
    (a newer version wrote them, or the file was tampered with)."""


@dataclass(frozen=True)
class ScryptParameters:
    n: int
    r: int
    p: int
    length: int
    salt: bytes


def normalise_secret(secret: str) -> str:
    """``secret`` as used for keys: Unicode NFC, so the same words typed on another system
    (or with another input method) give the same key."""
    return unicodedata.normalize("NFC", secret)


def new_parameters() -> dict:
    """Fresh parameters with a random salt, as stored beside what they protect."""
    return {"algorithm": ALGORITHM, "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
            "length": MASTER_LENGTH,
            "salt": base64.b64encode(os.urandom(SALT_SIZE)).decode("ascii")}


def parse_parameters(stored: dict) -> ScryptParameters:
    """The stored parameters, checked: ``BadKdfParameters`` when malformed, ``UnsupportedKdf``
    for another algorithm or out-of-range costs."""
    try:
        algorithm = stored["algorithm"]
        n, r, p, length = (int(stored[k]) for k in ("n", "r", "p", "length"))
        salt = base64.b64decode(stored["salt"], validate=True)
    except (KeyError, TypeError, ValueError) as exc:
        raise BadKdfParameters(f"bad kdf parameters: {exc!r}") from exc
    if algorithm != ALGORITHM:
        raise UnsupportedKdf(f"kdf algorithm {algorithm}")
    if (n < 2 or n & (n - 1) or r < 1 or p < 1 or length < 16 or length > 64
            or 128 * r * n * p > MAX_SCRYPT_MEMORY or len(salt) < 8):
        raise UnsupportedKdf(f"scrypt parameters out of range: n={n} r={r} p={p}")
    return ScryptParameters(n, r, p, length, salt)


def derive_master(parameters: ScryptParameters, secret: str) -> bytes:
    """scrypt of the NFC-normalised ``secret``."""
    return Scrypt(salt=parameters.salt, length=parameters.length, n=parameters.n,
                  r=parameters.r, p=parameters.p).derive(
        normalise_secret(secret).encode("utf-8"))


def expand(master: bytes, label: bytes, size: int = 32) -> bytes:
    """A key for one use (``label``) from a master key: HKDF-SHA256 without salt."""
    return HKDF(algorithm=hashes.SHA256(), length=size, salt=None, info=label).derive(master)
