"""Showing problems to the user: a translated message, with technical details they can copy.

Dialogs here are opened non-blocking (``open()``) so that no nested event loop runs inside a
slot; ``exec_error`` is for start-up, before the main event loop exists.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.core.errors import LinliError
from desktop.core.i18n import _
from desktop.core.logs import describe

log = logging.getLogger(__name__)


def error_box(
    parent: QWidget | None,
    message: str,
    details: str = "",
    *,
    title: str | None = None,
    icon: QMessageBox.Icon = QMessageBox.Icon.Critical,
) -> QMessageBox:
    """A message box with ``details`` behind "Show Details…" (a read-only text you can copy)."""
    box = QMessageBox(parent)
    box.setObjectName("errorBox")
    box.setIcon(icon)
    box.setWindowTitle(title or _("Linli Desk"))
    box.setText(message)
    # The message itself can be selected and copied, too.
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if details:
        box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setDefaultButton(QMessageBox.StandardButton.Ok)
    box.setEscapeButton(QMessageBox.StandardButton.Ok)
    return box


# Boxes without a parent would be garbage-collected (and vanish) as soon as the caller lets
# go of them; they are kept here until closed.
_open_boxes: set[QMessageBox] = set()


def _open(box: QMessageBox) -> QMessageBox:
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _open_boxes.add(box)
    box.finished.connect(lambda _result: _open_boxes.discard(box))
    box.open()
    return box


def show_error(parent: QWidget | None, message: str, details: str = "", *,
               title: str | None = None) -> QMessageBox:
    """Show an error without blocking; the box deletes itself when closed."""
    return _open(error_box(parent, message, details, title=title))


def show_warning(parent: QWidget | None, message: str, details: str = "") -> QMessageBox:
    return _open(error_box(parent, message, details, icon=QMessageBox.Icon.Warning))


def exec_error(message: str, details: str = "") -> None:
    """A blocking error dialog, for start-up problems before the main window exists."""
    error_box(None, message, details).exec()


def unexpected_message() -> str:
    return _(
        "Something unexpected went wrong, and this work was stopped. Work that was not "
        "finished has not been saved. The details below help whoever looks after Linli Desk."
    )


ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class ExceptionReporter:
    """``sys.excepthook`` for the window: log the traceback, show one dialog at a time.

    Exceptions that escape a slot land here; Qt carries on. Nothing here touches the database:
    writes only happen inside units of work, which roll back on any exception.
    """

    def __init__(self, headless: bool = False) -> None:
        self.headless = headless
        self.previous: ExceptHook | None = None
        self._box: QMessageBox | None = None
        self.count = 0

    def install(self) -> ExceptionReporter:
        self.previous = sys.excepthook
        sys.excepthook = self
        return self

    def uninstall(self) -> None:
        if self.previous is not None and sys.excepthook is self:
            sys.excepthook = self.previous
        self.previous = None

    def __call__(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        self.count += 1
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        if isinstance(exc, LinliError):  # a condition the user can act on, not a bug
            log.info("error shown to the user: %s", exc_type.__name__)
            message, details = exc.message, exc.details
        else:
            log.error("unexpected exception:\n%s", describe(exc))  # no values: see core/logs
            message, details = unexpected_message(), text
        if self.headless or QApplication.instance() is None:
            print(message, details, sep="\n", file=sys.stderr)
            return
        if self._box is not None and self._box.isVisible():
            return  # one dialog is enough; the log has every traceback
        self._box = _open(error_box(None, message, details))
        self._box.finished.connect(self._forget)

    def _forget(self, _result: int = 0) -> None:
        self._box = None
