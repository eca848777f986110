"""The window carries the Linli icon (title bar, taskbar, Alt+Tab), at every drawn size."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor

from desktop.app import _application

BLUE = QColor("#2E86C1")


def _blue_share(image) -> float:
    blue = 0
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            if c.alpha() > 200 and abs(c.red() - BLUE.red()) < 40 and abs(c.blue() - BLUE.blue()) < 40:
                blue += 1
    return blue / (image.width() * image.height())


def test_the_application_has_the_linli_icon_at_small_and_large_sizes(qapp):
    app = _application("en")
    icon = app.windowIcon()
    assert not icon.isNull()
    sizes = {(s.width(), s.height()) for s in icon.availableSizes()}
    assert {(16, 16), (32, 32), (256, 256)} <= sizes
    # The 16 px one is the one drawn for 16 px (mostly the two blue houses), not Qt's default.
    small = icon.pixmap(QSize(16, 16)).toImage()
    assert small.width() == 16
    assert 0.3 < _blue_share(small) < 0.8
    assert app.desktopFileName() == "linli"
