"""The composition root's unlock and recovery as the dialogs are given them, refusing with the
key slots' and the throttle's own errors (what they do with keys is tested in tests/security)."""

from __future__ import annotations

from pathlib import Path

from desktop.core.errors import LinliError
from desktop.security.keyslots import KeysDamaged, WrongPassword, WrongRecoveryCode
from desktop.security.throttle import TooManyAttempts

KEY = bytes(range(32))
PASSWORD = "correct horse"
CODE = "ABCD" * 6

__all__ = ["CODE", "KEY", "PASSWORD", "FakeKeys", "KeysDamaged", "TooManyAttempts",
           "WrongPassword", "damaged"]


def damaged() -> KeysDamaged:
    return KeysDamaged(Path("keys.json"))


class FakeKeys:
    """unlock(operator, password) and recover(code, operator, password); records attempts."""

    def __init__(self, passwords: dict[str, str] | None = None) -> None:
        self.passwords = passwords or {"王小红": PASSWORD, "李娜": "another one"}
        self.attempts: list[tuple[str, str]] = []
        self.refuse_with: LinliError | None = None

    def unlock(self, operator: str, password: str) -> bytes:
        self.attempts.append((operator, password))
        if self.refuse_with is not None:
            raise self.refuse_with
        if self.passwords.get(operator) != password:
            raise WrongPassword()
        return KEY

    def recover(self, code: str, operator: str, password: str) -> bytes:
        if code.replace(" ", "").replace("-", "").upper() != CODE:
            raise WrongRecoveryCode()
        self.passwords[operator] = password
        return KEY
