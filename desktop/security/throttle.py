"""Slowing down password guessing at the sign-in: after 5 wrong passwords in a row, wait 30 s,
then twice as long after each further one, up to 15 minutes.

Kept in signin.json in the data folder (DataDir.signin_file), so closing and reopening the
app, or switching between the window and the ``linli`` command, does not start the count
again. One count for the whole folder, not per operator: trying many names is guessing too.

This guards against guesses typed at this PC. Whoever can copy keys.json can guess offline at
scrypt's cost; that is what the password's length and the KDF are for. So a damaged or
unwritable signin.json never stops anyone signing in: it is read as "no failures".
"""

from __future__ import annotations

import json
import logging
import math
import time
from collections.abc import Callable
from pathlib import Path

from desktop.core.errors import LinliError
from desktop.core.files import FileWriteError, write_atomically, write_private_text
from desktop.core.i18n import ngettext

log = logging.getLogger(__name__)

FREE_FAILURES = 5
FIRST_WAIT_S = 30.0
LONGEST_WAIT_S = 15 * 60.0


class TooManyAttempts(LinliError):
    """Signing in is refused for ``seconds`` more; the password was not tried."""

    def __init__(self, seconds: int) -> None:
        if seconds < 60:
            message = ngettext(
                "Too many wrong passwords. Try again in {count} second.",
                "Too many wrong passwords. Try again in {count} seconds.", seconds,
            ).format(count=seconds)
        else:
            minutes = math.ceil(seconds / 60)
            message = ngettext(
                "Too many wrong passwords. Try again in {count} minute.",
                "Too many wrong passwords. Try again in {count} minutes.", minutes,
            ).format(count=minutes)
        super().__init__(message)
        self.seconds = seconds


def wait_after(failures: int) -> float:
    """Seconds to wait after ``failures`` wrong passwords in a row."""
    if failures < FREE_FAILURES:
        return 0.0
    return min(FIRST_WAIT_S * 2 ** min(failures - FREE_FAILURES, 32), LONGEST_WAIT_S)


class SignInThrottle:
    """``check()`` before trying a password, then ``failed()`` or ``succeeded()``."""

    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = Path(path)
        self._clock = clock

    def check(self) -> None:
        """Raise ``TooManyAttempts`` while the wait after the last failure lasts."""
        left = self.seconds_left()
        if left > 0:
            raise TooManyAttempts(left)

    def seconds_left(self) -> int:
        """Whole seconds before the next password may be tried (0: now)."""
        failures, last = self._read()
        wait = wait_after(failures)
        if not wait:
            return 0
        # A clock set back (or a last failure "in the future") waits one whole wait at most.
        elapsed = max(self._clock() - last, 0.0)
        return math.ceil(wait - elapsed) if elapsed < wait else 0

    @property
    def failures(self) -> int:
        return self._read()[0]

    def failed(self) -> None:
        failures, _last = self._read()
        self._write(failures + 1, self._clock())

    def succeeded(self) -> None:
        failures, _last = self._read()
        if failures:
            self._write(0, 0.0)

    def _read(self) -> tuple[int, float]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            failures, last = int(data["failures"]), float(data["last_failure"])
        except FileNotFoundError:
            return 0, 0.0
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("sign-in count unreadable, starting again: %r", exc)
            return 0, 0.0
        if failures < 0 or not math.isfinite(last):
            return 0, 0.0
        return failures, last

    def _write(self, failures: int, last: float) -> None:
        text = json.dumps({"failures": failures, "last_failure": last})
        try:
            write_atomically(self.path, lambda tmp: write_private_text(tmp, text))
        except FileWriteError as exc:  # a read-only folder must not keep anyone out
            log.warning("sign-in count not saved: %s", exc.details)
