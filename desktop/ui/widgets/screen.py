"""Sizes that fit the screen: at 150 % a 1366×768 laptop offers only about 910×512 points."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def fit_to_screen(widget: QWidget, width: int, height: int, share: float = 0.9) -> None:
    """Resize ``widget`` to ``width``×``height``, or to ``share`` of the screen if smaller."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, int(available.width() * share))
        height = min(height, int(available.height() * share))
    widget.resize(width, height)
