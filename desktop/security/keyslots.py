"""The key slots (keys.json beside the database): the data key, wrapped once per operator's
password and once by the recovery code.

The data key is 32 random bytes that open the encrypted database (desktop.storage.cipher).
Each slot holds it encrypted with AES-256-GCM under a key derived from a password by scrypt
(desktop.core.kdf, the bundles' derivation) with the slot's own salt; the slot's name is the
associated data, so a slot moved to another name no longer opens. Changing a password rewraps
one slot; the database is not touched.

Three failures are told apart, because the user does something different for each:
- the password is wrong (GCM refuses): ``WrongPassword``, the same for an unknown operator so
  the sign-in does not say which names exist;
- the file is damaged (not JSON, a field missing or malformed, or the unwrapped key does not
  match ``key_check``, an HKDF of the data key): ``KeysDamaged``;
- the key is right but the database refuses it: the storage layer says the database is damaged.

Roles are not here: the slots only map a name to a wrapped key. What an operator may do is
in the ``Operator`` table inside the encrypted database (desktop.security.operators).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hmac
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop.core import kdf
from desktop.core.errors import LinliError, ValidationError
from desktop.core.files import PRIVATE_FILE, fsync_folder, write_atomically
from desktop.core.i18n import _
from desktop.security import recovery

FORMAT = "linli-keys"
VERSION = 1
CIPHER = "AES-256-GCM"
KEY_SIZE = 32
NONCE_SIZE = 12
TAG_SIZE = 16
MIN_PASSWORD = 8
MAX_NAME = 100  # the Operator table's name column
WRAP_LABEL = b"linli-keys-v1 wrap key"
CHECK_LABEL = b"linli-db key check"
_OPERATOR_AAD = b"linli-keys-v1 operator slot\x00"
_RECOVERY_AAD = b"linli-keys-v1 recovery slot"
# Derived for a name that has no slot, so an unknown name costs as long as a wrong password.
_DECOY = kdf.ScryptParameters(kdf.SCRYPT_N, kdf.SCRYPT_R, kdf.SCRYPT_P, kdf.MASTER_LENGTH,
                              b"linli decoy salt")


class KeysError(LinliError):
    """The key slots cannot be used as asked; nothing was changed."""


class WrongPassword(KeysError):
    def __init__(self) -> None:
        super().__init__(_("The operator name or the password is wrong."))


class WrongRecoveryCode(KeysError):
    def __init__(self) -> None:
        super().__init__(_(
            "This recovery code does not unlock this data folder. Check it against the "
            "recovery sheet printed for this office."))


class KeysDamaged(KeysError):
    """keys.json cannot be read as key slots, or what it unwraps is not this data key."""

    def __init__(self, path: Path, details: str = "", message: str = "") -> None:
        super().__init__(message or _(
            "The key file {file} is damaged or was changed outside Linli Desk, so the data "
            "cannot be unlocked. Put back this file from a copy of the data folder."
        ).format(file=path), details)
        self.path = path


class KeysMissing(KeysDamaged):
    def __init__(self, path: Path, details: str = "") -> None:
        super().__init__(path, details, _(
            "The key file {file} is missing, so the data cannot be unlocked. Put back this "
            "file from a copy of the data folder."
        ).format(file=path))


class KeysNewer(KeysError):
    def __init__(self, path: Path, details: str = "") -> None:
        super().__init__(_(
            "The key file {file} was written by a newer version of Linli Desk; update this "
            "copy to open it."
        ).format(file=path), details)
        self.path = path


class KeysExist(KeysError):
    def __init__(self, path: Path) -> None:
        super().__init__(_(
            "This data folder already has a key file ({file}); it was left as it is."
        ).format(file=path))
        self.path = path


@dataclass(frozen=True)
class KeySlots:
    """keys.json as read: checked in full, so a damaged file is found before any password."""

    path: Path
    key_check: bytes
    slots: Mapping[str, dict]  # operator name → {kdf, cipher, nonce, wrapped}
    recovery: dict


# -- names and passwords ------------------------------------------------------------------

def check_name(name: str) -> str:
    """An operator's name as stored (NFC, trimmed); ``ValidationError`` field ``name``."""
    normal = kdf.normalise_secret(name).strip()
    if not normal:
        raise ValidationError(_("Enter the operator's name."), field="name")
    if len(normal) > MAX_NAME:
        raise ValidationError(_("An operator's name has at most {count} characters.").format(
            count=MAX_NAME), field="name")
    if any(not c.isprintable() for c in normal):
        raise ValidationError(_("An operator's name cannot contain line breaks or tabs."),
                              field="name")
    return normal


def check_password(password: str) -> str:
    """The password as used for keys (NFC); ``ValidationError`` field ``password`` if it is
    too short to protect personal data."""
    normal = kdf.normalise_secret(password)
    if len(normal) < MIN_PASSWORD:
        raise ValidationError(_(
            "The password must have at least {count} characters."
        ).format(count=MIN_PASSWORD), field="password")
    return normal


def key_check_of(data_key: bytes) -> bytes:
    return kdf.expand(data_key, CHECK_LABEL, 32)


def matches(slots: KeySlots, data_key: bytes) -> bool:
    """Whether ``data_key`` is the key these slots wrap."""
    return hmac.compare_digest(key_check_of(data_key), slots.key_check)


def operators(slots: KeySlots) -> list[str]:
    """The names that have a slot, in order (not their roles: see operators.list_operators)."""
    return sorted(slots.slots)


# -- reading ------------------------------------------------------------------------------

def load_slots(path: Path) -> KeySlots:
    """keys.json, checked: ``KeysMissing`` / ``KeysDamaged`` / ``KeysNewer`` otherwise."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise KeysMissing(path, repr(exc)) from exc
    except OSError as exc:
        raise KeysError(_("Cannot read the key file {file}: {reason}").format(
            file=path, reason=exc.strerror or exc), repr(exc)) from exc
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a key file")
        version = data["version"]
        if not isinstance(version, int):
            raise TypeError(f"version {version!r}")
        if version > VERSION:
            raise KeysNewer(path, f"key file version {version}, this version reads {VERSION}")
        key_check = bytes.fromhex(data["key_check"])
        if len(key_check) != 32:
            raise ValueError("key_check length")
        slots = data["slots"]
        if not isinstance(slots, dict):
            raise TypeError("slots")
        for name, slot in slots.items():
            if name != check_name(name):
                raise ValueError(f"slot name {name!r}")
            _check_slot(slot)
        _check_slot(data["recovery"])
    except kdf.UnsupportedKdf as exc:
        raise KeysNewer(path, str(exc)) from exc
    except (ValueError, KeyError, TypeError, AttributeError, ValidationError,
            kdf.BadKdfParameters) as exc:  # UnicodeDecodeError and JSONDecodeError included
        raise KeysDamaged(path, repr(exc)) from exc
    return KeySlots(path, key_check, slots, data["recovery"])


def _check_slot(slot: dict) -> None:
    if slot["cipher"] != CIPHER:
        raise kdf.UnsupportedKdf(f"cipher {slot['cipher']!r}")
    kdf.parse_parameters(slot["kdf"])
    if len(_b64(slot["nonce"])) != NONCE_SIZE or len(_b64(slot["wrapped"])) != KEY_SIZE + TAG_SIZE:
        raise ValueError("nonce or wrapped key of the wrong size")


def _b64(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error as exc:
        raise ValueError(f"base64: {exc}") from exc


# -- unwrapping ---------------------------------------------------------------------------

def unwrap(slots: KeySlots, operator: str, password: str) -> bytes:
    """The data key, from ``operator``'s password. ``WrongPassword`` (also for a name without
    a slot), ``KeysDamaged`` when what it unwraps is not this file's data key."""
    try:
        name = check_name(operator)
    except ValidationError:
        name = ""
    slot = slots.slots.get(name)
    if slot is None:
        kdf.derive_master(_DECOY, password)  # as long as a wrong password takes
        raise WrongPassword()
    key = _unwrap(slot, password, _OPERATOR_AAD + name.encode("utf-8"))
    if key is None:
        raise WrongPassword()
    return _checked(slots, key)


def unwrap_recovery(slots: KeySlots, code: str) -> bytes:
    """The data key, from the recovery code as typed (``ValidationError`` if it cannot be a
    code, ``WrongRecoveryCode`` if it is another one)."""
    key = _unwrap(slots.recovery, recovery.normalise(code), _RECOVERY_AAD)
    if key is None:
        raise WrongRecoveryCode()
    return _checked(slots, key)


def _checked(slots: KeySlots, key: bytes) -> bytes:
    if not matches(slots, key):
        raise KeysDamaged(slots.path, "the unwrapped key does not match key_check")
    return key


def _wrap_key(parameters: dict, secret: str) -> bytes:
    master = kdf.derive_master(kdf.parse_parameters(parameters), secret)
    return kdf.expand(master, WRAP_LABEL, 32)


def _unwrap(slot: dict, secret: str, aad: bytes) -> bytes | None:
    try:
        return AESGCM(_wrap_key(slot["kdf"], secret)).decrypt(
            _b64(slot["nonce"]), _b64(slot["wrapped"]), aad)
    except InvalidTag:
        return None


def _wrap(data_key: bytes, secret: str, aad: bytes) -> dict:
    parameters = kdf.new_parameters()
    nonce = os.urandom(NONCE_SIZE)
    wrapped = AESGCM(_wrap_key(parameters, secret)).encrypt(nonce, data_key, aad)
    return {"kdf": parameters, "cipher": CIPHER,
            "nonce": base64.b64encode(nonce).decode("ascii"),
            "wrapped": base64.b64encode(wrapped).decode("ascii")}


# -- writing ------------------------------------------------------------------------------

def create_slots(path: Path, operator: str, password: str) -> tuple[bytes, str]:
    """A new keys.json with a new data key, ``operator``'s slot and a recovery slot; returns
    (data key, recovery code grouped for reading). ``KeysExist`` if there is one already: a
    data key that opens an existing database is never replaced."""
    path = Path(path)
    name, password = check_name(operator), check_password(password)
    if path.exists():
        raise KeysExist(path)
    data_key = os.urandom(KEY_SIZE)
    code = recovery.new_recovery_code()
    _save(path, key_check_of(data_key),
          {name: _wrap(data_key, password, _OPERATOR_AAD + name.encode("utf-8"))},
          _wrap(data_key, recovery.normalise(code), _RECOVERY_AAD))
    return data_key, code


def add_slot(path: Path, data_key: bytes, operator: str, password: str) -> None:
    """A slot for a new operator (``ValidationError`` field ``name`` if it has one)."""
    slots, name, password = _for_change(path, data_key, operator, password)
    if name in slots.slots:
        raise ValidationError(_("There is already an operator named {name}.").format(
            name=name), field="name")
    _rewrap(slots, data_key, name, password)


def set_password(path: Path, data_key: bytes, operator: str, password: str) -> None:
    """Rewrap ``operator``'s slot under a new password (the other slots stay as they are)."""
    slots, name, password = _for_change(path, data_key, operator, password)
    if name not in slots.slots:
        raise _no_such_operator(name)
    _rewrap(slots, data_key, name, password)


def remove_slot(path: Path, operator: str) -> None:
    """Remove ``operator``'s slot; the last one stays (someone must be able to sign in)."""
    slots = load_slots(path)
    name = check_name(operator)
    if name not in slots.slots:
        raise _no_such_operator(name)
    if len(slots.slots) == 1:
        raise ValidationError(_(
            "{name} is the only operator who can sign in, and cannot be removed."
        ).format(name=name), field="name")
    rest = {other: slot for other, slot in slots.slots.items() if other != name}
    _save(slots.path, slots.key_check, rest, slots.recovery)


def new_recovery(path: Path, data_key: bytes) -> str:
    """Replace the recovery slot under a new code, and return that code (grouped)."""
    slots = load_slots(path)
    _require_key(slots, data_key)
    code = recovery.new_recovery_code()
    _save(slots.path, slots.key_check, dict(slots.slots),
          _wrap(data_key, recovery.normalise(code), _RECOVERY_AAD))
    return code


def _for_change(path: Path, data_key: bytes, operator: str,
                password: str) -> tuple[KeySlots, str, str]:
    name, password = check_name(operator), check_password(password)
    slots = load_slots(path)
    _require_key(slots, data_key)
    return slots, name, password


def _rewrap(slots: KeySlots, data_key: bytes, name: str, password: str) -> None:
    changed = {**slots.slots,
               name: _wrap(data_key, password, _OPERATOR_AAD + name.encode("utf-8"))}
    _save(slots.path, slots.key_check, changed, slots.recovery)


def _require_key(slots: KeySlots, data_key: bytes) -> None:
    # A caller's bug, not the user's: wrapping another key would lock everybody out.
    if len(data_key) != KEY_SIZE or not matches(slots, data_key):
        raise ValueError("this is not the data key of this key file")


def _no_such_operator(name: str) -> ValidationError:
    return ValidationError(_("There is no operator named {name}.").format(name=name),
                           field="name")


def _save(path: Path, key_check: bytes, slots: Mapping[str, dict], recovery_slot: dict) -> None:
    text = json.dumps({"format": FORMAT, "version": VERSION, "key_check": key_check.hex(),
                       "slots": dict(sorted(slots.items())), "recovery": recovery_slot},
                      ensure_ascii=False, indent=1)
    write_atomically(path, lambda tmp: _write_private(tmp, text.encode("utf-8")))
    fsync_folder(path.parent)


def _write_private(tmp: Path, data: bytes) -> None:
    """Written readable by its owner only, and on disk before the rename makes it the file."""
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()  # a leftover of a crash keeps its own mode through O_TRUNC
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                 PRIVATE_FILE)
    with open(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
