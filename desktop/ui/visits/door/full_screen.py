"""The door screen alone on the whole screen (F11), for a volunteer on a small laptop: the
tab's contents move into a window of their own and back, keeping every widget's state (the
form being answered, the focus)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from desktop.core.i18n import _


class FullScreen(QWidget):
    """Closing it (the window manager's close) brings the screen back into the tab."""

    def __init__(self, tab) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self._tab = tab

    def closeEvent(self, event) -> None:
        if self._tab.full_screen is self:
            self._tab.toggle_full_screen()
        super().closeEvent(event)


def enter(tab: QWidget, body: QWidget) -> FullScreen:
    window = FullScreen(tab)
    window.setWindowTitle(_("At the door"))
    box = QVBoxLayout(window)
    box.setContentsMargins(12, 8, 12, 8)
    focus = QApplication.focusWidget()
    tab.layout().removeWidget(body)
    box.addWidget(body)
    window.showFullScreen()
    window.activateWindow()
    if focus is not None and body.isAncestorOf(focus):
        focus.setFocus(Qt.FocusReason.OtherFocusReason)
    return window


def leave(tab: QWidget, body: QWidget, window: QWidget) -> None:
    window.layout().removeWidget(body)
    tab.layout().addWidget(body)
    body.show()
    window.hide()
    window.deleteLater()
    tab.activateWindow()
