"""Sizes that fit the screen: at 150 % a 1366×768 laptop offers only about 910×512 points.

The main window opens fitted to the screen and centred the first time, then where and as large
as the user left it — but only if that place is still on a screen (a laptop that was plugged
into a second monitor must not open its window out of sight)."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# What the window manager adds around the client area (title bar, borders), kept free so the
# framed window is not larger than the screen.
FRAME_ALLOWANCE = (16, 40)
# How much of a restored window must lie on some screen for the saved place to be used.
MIN_VISIBLE = (200, 100)


def fit_to_screen(widget: QWidget, width: int, height: int, share: float = 0.9) -> None:
    """Resize ``widget`` to ``width``×``height``, or to ``share`` of the screen if smaller."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, int(available.width() * share))
        height = min(height, int(available.height() * share))
    widget.resize(width, height)


def centre_on_screen(widget: QWidget, width: int, height: int) -> None:
    """``width``×``height`` or less, so that the framed window fits the available screen
    (without the task bar), centred on it."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        widget.resize(width, height)
        return
    available = screen.availableGeometry()
    width = max(widget.minimumWidth(), min(width, available.width() - FRAME_ALLOWANCE[0]))
    height = max(widget.minimumHeight(), min(height, available.height() - FRAME_ALLOWANCE[1]))
    widget.resize(width, height)
    widget.move(available.x() + (available.width() - width - FRAME_ALLOWANCE[0]) // 2,
                available.y() + (available.height() - height - FRAME_ALLOWANCE[1]) // 2)


def room_on_screen(widget: QWidget) -> tuple[int, int]:
    """The largest client size whose framed window fits the available screen."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return 1 << 16, 1 << 16
    available = screen.availableGeometry()
    return (available.width() - FRAME_ALLOWANCE[0], available.height() - FRAME_ALLOWANCE[1])


def fit_dialog(widget: QWidget, min_width: int, min_height: int, width: int = 0,
               height: int = 0) -> None:
    """A minimum and a first size for a dialog, each cut to the screen: a dialog that asks
    for 860×640 on a laptop offering 910×512 would otherwise open with its buttons below
    the screen's edge."""
    room_w, room_h = room_on_screen(widget)
    widget.setMinimumSize(min(min_width, room_w), min(min_height, room_h))
    if width or height:
        widget.resize(min(max(width, min_width), room_w), min(max(height, min_height), room_h))


def saved_geometry(widget: QWidget) -> list[int]:
    """The window's place and size (as it is when not maximised) and whether it is maximised,
    as plain numbers for the settings file."""
    rect = widget.normalGeometry() if widget.isMaximized() else widget.geometry()
    return [rect.x(), rect.y(), rect.width(), rect.height(), int(widget.isMaximized())]


def on_some_screen(rect: QRect) -> bool:
    """Enough of ``rect`` (its title bar and some of its content) lies on one screen."""
    for screen in QGuiApplication.screens():
        seen = rect.intersected(screen.availableGeometry())
        if seen.width() >= min(MIN_VISIBLE[0], rect.width()) \
                and seen.height() >= min(MIN_VISIBLE[1], rect.height()) \
                and seen.top() == rect.top():
            return True
    return False


def restore_geometry(widget: QWidget, saved: list[int] | None) -> bool:
    """Put ``widget`` back where :func:`saved_geometry` found it; False (and nothing changed)
    if nothing usable was saved or that place is no longer on any screen."""
    if not saved or len(saved) != 5:
        return False
    x, y, width, height, maximised = saved
    rect = QRect(x, y, width, height)
    if width <= 0 or height <= 0 or not on_some_screen(rect):
        return False
    widget.setGeometry(rect)
    if maximised:
        widget.setWindowState(widget.windowState() | Qt.WindowState.WindowMaximized)
    return True
