"""UUIDv7 record keys: random enough to never collide between devices, ordered by time so
new rows land at the end of the primary-key index."""

from __future__ import annotations

import os
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_last_rand = 0


def uuid7() -> str:
    """A new UUIDv7 (RFC 9562) as text; monotonic within this process."""
    global _last_ms, _last_rand
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last_ms:
            # Same or earlier millisecond: keep order by counting up the random part.
            ms = _last_ms
            rand = _last_rand + 1
        else:
            rand = int.from_bytes(os.urandom(10), "big") >> 6  # 74 random bits
        _last_ms, _last_rand = ms, rand
    rand_a = (rand >> 62) & 0xFFF
    rand_b = rand & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | rand_b
    return str(uuid.UUID(int=value))


def uuid7_many(count: int) -> list[str]:
    """``count`` new UUIDv7s in order, for bulk inserts: the same keys ``uuid7`` would give one
    by one, made in one step (``uuid7`` costs ~8 µs a key, most of it in ``uuid.UUID``)."""
    global _last_ms, _last_rand
    if count <= 0:
        return []
    with _lock:
        ms = max(time.time_ns() // 1_000_000, _last_ms)
        rand = (_last_rand + 1 if ms == _last_ms
                else int.from_bytes(os.urandom(10), "big") >> 6)
        _last_ms, _last_rand = ms, rand + count - 1
    head = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | 0b10 << 62
    keys = []
    append = keys.append
    for r in range(rand, rand + count):
        # Counting up the 74 random bits carries from rand_b into rand_a, as uuid7 does.
        h = f"{head | ((r >> 62) & 0xFFF) << 64 | (r & ((1 << 62) - 1)):032x}"
        append(f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}")
    return keys
