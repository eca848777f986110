"""Hearing that the computer locks or goes to sleep, where the system says so to the app.

Qt has no portable signal for either (``ApplicationSuspended`` comes on phones, which idle.py
listens to as well). Windows, where the offices are, tells every top-level window that the
computer is about to sleep (``WM_POWERBROADCAST`` with ``PBT_APMSUSPEND``), and a window that
registered with ``WTSRegisterSessionNotification`` that the session was locked
(``WM_WTSSESSION_CHANGE`` with ``WTS_SESSION_LOCK``: Win+L, a shared PC's user switch). Both
arrive as native messages; the filter reads the message number and its wParam.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QAbstractNativeEventFilter, QTimer

log = logging.getLogger(__name__)

WM_POWERBROADCAST = 0x0218
PBT_APMSUSPEND = 0x0004
WM_WTSSESSION_CHANGE = 0x02B1
WTS_SESSION_LOCK = 0x0007
NOTIFY_FOR_THIS_SESSION = 0
_WINDOWS_MESSAGES = (b"windows_generic_MSG", b"windows_dispatcher_MSG")


class MSG(ctypes.Structure):
    """Win32's MSG, as far as the filter reads it (the same layout on 32 and 64 bits)."""

    _fields_ = [("hwnd", ctypes.c_void_p), ("message", ctypes.c_uint),
                ("wParam", ctypes.c_size_t), ("lParam", ctypes.c_ssize_t),
                ("time", ctypes.c_uint32), ("pt_x", ctypes.c_long), ("pt_y", ctypes.c_long)]


def locks(event_type: bytes, message: int) -> bool:
    """Whether this native message says the session locks or the computer sleeps."""
    if bytes(event_type) not in _WINDOWS_MESSAGES or not message:
        return False
    msg = MSG.from_address(int(message))
    return (msg.message == WM_POWERBROADCAST and msg.wParam == PBT_APMSUSPEND
            or msg.message == WM_WTSSESSION_CHANGE and msg.wParam == WTS_SESSION_LOCK)


class SystemLockFilter(QAbstractNativeEventFilter):
    def __init__(self, on_lock: Callable[[], object]) -> None:
        super().__init__()
        self._on_lock = on_lock

    def nativeEventFilter(self, event_type, message):  # Qt's name
        if locks(event_type.data() if hasattr(event_type, "data") else event_type, message):
            # Not from inside the system's message: the lock opens a dialog.
            QTimer.singleShot(0, self._on_lock)
        return False, 0


def watch_system_lock(app, window, on_lock: Callable[[], object]) -> SystemLockFilter:
    """Call ``on_lock`` when the session locks or the computer sleeps (Windows; elsewhere
    the filter is made but not installed: every X11 event would pass through Python)."""
    watcher = SystemLockFilter(on_lock)
    if sys.platform == "win32":
        app.installNativeEventFilter(watcher)
        try:
            from ctypes import wintypes

            ctypes.windll.wtsapi32.WTSRegisterSessionNotification(
                wintypes.HWND(int(window.winId())), NOTIFY_FOR_THIS_SESSION)
        except (OSError, AttributeError):  # the lock still comes after the idle minutes
            log.warning("session lock notifications are not available")
    return watcher
