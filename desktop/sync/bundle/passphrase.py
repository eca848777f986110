"""Keys from a passphrase: scrypt (parameters in the bundle's header, so a later version can
raise them and still read older bundles), then HKDF for the AES-GCM key and the key check that
tells a wrong passphrase from a damaged file. The key derivation itself is desktop.core.kdf,
shared with the key slots that wrap the database key."""

from __future__ import annotations

from pathlib import Path

from desktop.core import kdf as core_kdf
from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.sync.bundle.errors import NewerFormat, TamperedBundle

MIN_PASSPHRASE = 8
AEAD_LABEL = b"linli-bundle-v1 aead key"
CHECK_LABEL = b"linli-bundle-v1 key check"
CHECK_SIZE = 16
CIPHER = "AES-256-GCM"


def check_passphrase(passphrase: str) -> str:
    """The passphrase as used for keys (Unicode NFC, so the same words typed on another system
    give the same key); ``ValidationError`` if it is too short to protect personal data."""
    normal = core_kdf.normalise_secret(passphrase)
    if len(normal) < MIN_PASSPHRASE:
        raise ValidationError(_(
            "The passphrase must have at least {count} characters."
        ).format(count=MIN_PASSPHRASE), field="passphrase")
    return normal


def new_kdf() -> dict:
    return {**core_kdf.new_parameters(), "cipher": CIPHER}


def derive_keys(kdf: dict, passphrase: str, path: Path | None) -> tuple[bytes, bytes]:
    """(AEAD key, key check) from the header's kdf parameters."""
    try:
        cipher = kdf["cipher"]
        parameters = core_kdf.parse_parameters(kdf)
    except (KeyError, TypeError, core_kdf.BadKdfParameters) as exc:
        raise TamperedBundle(path, f"bad kdf parameters: {exc!r}") from exc
    except core_kdf.UnsupportedKdf as exc:
        raise NewerFormat(path, str(exc), details=str(exc)) from exc
    if cipher != CIPHER:
        raise NewerFormat(path, f"{kdf['algorithm']}/{cipher}")
    master = core_kdf.derive_master(parameters, passphrase)
    return (core_kdf.expand(master, AEAD_LABEL, 32),
            core_kdf.expand(master, CHECK_LABEL, CHECK_SIZE))
