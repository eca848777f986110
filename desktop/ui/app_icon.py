"""The application's icon (window title bar, taskbar, Alt+Tab), from the PNGs shipped in
``resources/icons`` (drawn by ``packaging/make_icon.py``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

# Every size that was drawn: Qt picks the one that fits instead of shrinking the largest,
# and the small ones are drawn on their own pixel grid to stay legible.
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def app_icon(resources: Path) -> QIcon:
    """The icon with each drawn size; an empty icon (Qt's default) if the files are missing,
    so a damaged installation still starts."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = resources / "icons" / f"linli-{size}.png"
        if path.is_file():
            icon.addFile(str(path))
    return icon
