"""A wait-until-the-user-pauses timer: restarted on every keystroke, it fires once typing stops."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


def pause_timer(parent: QObject, delay_ms: int, on_pause: Callable[[], object]) -> QTimer:
    """A single-shot timer calling ``on_pause`` ``delay_ms`` after its last ``start()``."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(delay_ms)
    timer.timeout.connect(on_pause)
    return timer
