"""Long work as plain functions: they take a ``TaskContext`` to report progress and notice Cancel.

The UI runs such functions on a worker and turns reports into a progress dialog; tests and the
command line call them directly with ``TaskContext()``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from desktop.core.errors import Cancelled

ProgressCallback = Callable[[int, int, str], None]


@dataclass
class TaskContext:
    """What long work needs from its caller: where to report, and whether to stop.

    ``report(done, total, message)`` may be called as often as convenient; it forwards at most
    every ``min_interval`` seconds (plus the final report) so callers need not throttle.
    """

    on_progress: ProgressCallback | None = None
    min_interval: float = 0.1
    _cancel: threading.Event = field(default_factory=threading.Event)
    _last: float = 0.0

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise ``Cancelled`` if the user asked to stop; call it between small steps."""
        if self._cancel.is_set():
            raise Cancelled()

    def report(self, done: int, total: int, message: str = "") -> None:
        self.check()
        if self.on_progress is None:
            return
        now = time.monotonic()
        if done >= total or now - self._last >= self.min_interval:
            self._last = now
            self.on_progress(done, total, message)


def wait_for(work: Callable[[], object], ctx: TaskContext, message: str = "",
             poll: float = 0.2) -> object:
    """Run ``work`` — one long call into C code that releases the GIL, such as parsing a whole
    workbook — on a helper thread, reporting (busy) and checking Cancel every ``poll`` seconds.

    On Cancel this returns at once by raising ``Cancelled``; the call cannot be interrupted, so
    it finishes on its own thread and its result is dropped.
    """
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread below
            outcome["error"] = exc

    thread = threading.Thread(target=run, name="linli-wait-for", daemon=True)
    thread.start()
    while thread.is_alive():
        ctx.report(0, 0, message)  # total 0: a busy indicator, not a fraction
        thread.join(poll)
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome.get("value")
