"""A short message in the main window's status bar, from any page or dialog in it."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QWidget

STATUS_MS = 15000  # long enough to read a path; the status bar keeps no history


def tell(widget: QWidget | None, message: str, ms: int = STATUS_MS) -> bool:
    """Show ``message`` in the status bar of the window ``widget`` is in. False (nothing
    shown) when the widget stands alone: a page tested on its own, a dialog without a parent."""
    window = widget.window() if widget is not None else None
    if not isinstance(window, QMainWindow):
        return False
    window.statusBar().showMessage(message, ms)
    return True
