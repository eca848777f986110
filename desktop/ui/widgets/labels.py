"""Labels used across pages and dialogs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def message_label() -> QLabel:
    """Where a page or dialog says what went wrong, in place (styled as ``formError``)."""
    label = QLabel()
    label.setObjectName("formError")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
