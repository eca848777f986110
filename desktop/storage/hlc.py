"""Hybrid logical clock stamps.

A stamp is text that sorts in causal-then-wall-clock order: ``WWWWWWWWWWWWW-CCCCC-NODE`` where
W is milliseconds since the epoch, C a counter for events in the same millisecond (or while the
wall clock lags behind a stamp already seen), and NODE the device id plus its incarnation. Plain
string comparison orders stamps, and equal times are broken by the node, so every replica picks
the same winner.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

_WALL_DIGITS = 13
_COUNTER_DIGITS = 5
_MAX_COUNTER = 10**_COUNTER_DIGITS - 1


@dataclass(frozen=True, order=True)
class Stamp:
    wall_ms: int
    counter: int
    node: str

    def __str__(self) -> str:
        return f"{self.wall_ms:0{_WALL_DIGITS}d}-{self.counter:0{_COUNTER_DIGITS}d}-{self.node}"

    @classmethod
    def parse(cls, text: str) -> Stamp:
        wall, counter, node = text.split("-", 2)
        if len(wall) != _WALL_DIGITS or len(counter) != _COUNTER_DIGITS or not node:
            raise ValueError(f"not a clock stamp: {text!r}")
        return cls(int(wall), int(counter), node)


ZERO = Stamp(0, 0, "")


def node_id(device_id: str, incarnation: int) -> str:
    """The node part of a stamp: a restored backup gets a new incarnation, so stamps it makes
    can never repeat ones made before the restore."""
    return f"{device_id}.{incarnation}"


class HybridClock:
    """Issues strictly increasing stamps for one node, and moves forward past stamps it sees."""

    def __init__(self, node: str, last: Stamp | str | None = None, wall=None) -> None:
        if "-" in node or not node:
            raise ValueError("a node id must be non-empty and contain no '-'")
        self.node = node
        self._wall = wall or (lambda: time.time_ns() // 1_000_000)
        self._lock = threading.Lock()
        if isinstance(last, str):
            last = Stamp.parse(last)
        self._last = last or ZERO

    @property
    def last(self) -> Stamp:
        return self._last

    def now(self) -> str:
        """A new stamp later than every stamp issued or observed so far."""
        with self._lock:
            wall = self._wall()
            last = self._last
            if wall > last.wall_ms:
                stamp = Stamp(wall, 0, self.node)
            elif last.counter < _MAX_COUNTER:
                stamp = Stamp(last.wall_ms, last.counter + 1, self.node)
            else:
                stamp = Stamp(last.wall_ms + 1, 0, self.node)
            self._last = stamp
            return str(stamp)

    def now_many(self, count: int) -> list[str]:
        """``count`` new stamps in order, as ``count`` calls of ``now()`` would give them, for
        rows written in bulk (``now()`` costs ~6 µs a stamp)."""
        if count <= 0:
            return []
        with self._lock:
            wall = self._wall()
            last = self._last
            if wall > last.wall_ms:
                wall_ms, counter = wall, 0
            else:
                wall_ms, counter = last.wall_ms, last.counter + 1
            stamps = []
            append = stamps.append
            tail = f"-{self.node}"
            while len(stamps) < count:
                if counter > _MAX_COUNTER:
                    wall_ms, counter = wall_ms + 1, 0
                take = min(count - len(stamps), _MAX_COUNTER + 1 - counter)
                prefix = f"{wall_ms:0{_WALL_DIGITS}d}-"
                for c in range(counter, counter + take):
                    append(f"{prefix}{c:0{_COUNTER_DIGITS}d}{tail}")
                counter += take
            self._last = Stamp(wall_ms, counter - 1, self.node)
            return stamps

    def observe(self, remote: str) -> None:
        """Move past a stamp from another replica so our next edit sorts after it."""
        seen = Stamp.parse(remote)
        with self._lock:
            if (seen.wall_ms, seen.counter) > (self._last.wall_ms, self._last.counter):
                self._last = Stamp(seen.wall_ms, seen.counter, self.node)
