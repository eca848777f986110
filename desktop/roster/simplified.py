"""Traditional → simplified Chinese (OpenCC "t2s"), so 張 finds 张 and 张 finds a name kept as 張.

Names are converted in one call over the "\\n"-joined list: OpenCC's per-call overhead would
otherwise dominate 200,000 short strings. The converter is shared behind a lock because a
search on the UI thread may run while a worker builds an index.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache

_lock = threading.Lock()
_converter = None  # opencc.OpenCC, made on first use (not start-up work)


def _convert(text: str) -> str:
    global _converter
    with _lock:
        if _converter is None:
            import opencc

            _converter = opencc.OpenCC("t2s")
        return _converter.convert(text)


@lru_cache(maxsize=1024)
def to_simplified(text: str) -> str:
    if text.isascii():
        return text
    return _convert(text)


def to_simplified_lines(lines: Sequence[str]) -> list[str]:
    """Each line converted; a line holding a newline is converted on its own."""
    if any("\n" in line for line in lines):
        return [to_simplified(line) for line in lines]
    converted = _convert("\n".join(lines)).split("\n")
    if len(converted) != len(lines):  # never seen; a converter that merged lines would be wrong
        return [to_simplified(line) for line in lines]
    return converted
