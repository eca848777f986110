"""What a key press means in the filler (kept apart from the widgets, so the keyboard rules can
be read in one place): digits choose choices, Space toggles one in a multi-select, Enter and
Shift+Enter go to the next and the previous visible question, Page Up/Down by section."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from desktop.ui.visits.filler.inputs import DIGIT_KEYS

NEXT, PREVIOUS, NEXT_SECTION, PREVIOUS_SECTION, CHOOSE, TOGGLE = (
    "next", "previous", "next_section", "previous_section", "choose", "toggle")

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def action(event: QKeyEvent, on_choices: bool, multiple: bool) -> tuple[str, int] | None:
    """(what to do, the choice's index for CHOOSE), or None to let the widget have the key."""
    key, modifiers = event.key(), event.modifiers()
    shift = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
    if modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
        return None
    if key in _ENTER:
        return (PREVIOUS if shift else NEXT), -1
    if key == Qt.Key.Key_PageDown:
        return NEXT_SECTION, -1
    if key == Qt.Key.Key_PageUp:
        return PREVIOUS_SECTION, -1
    if on_choices and event.text() and event.text() in DIGIT_KEYS:
        return CHOOSE, DIGIT_KEYS.index(event.text())
    if on_choices and multiple and key == Qt.Key.Key_Space:
        return TOGGLE, -1
    return None
