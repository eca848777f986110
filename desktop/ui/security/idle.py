"""The idle lock: after some minutes without keyboard or mouse (and when the system suspends,
where Qt says so), the copy locks — the engine is disposed and the key forgotten, not a
curtain drawn over an open database.

Locking, in order: wait until no background task runs (a task half done must finish first:
the lock comes right after); the ``before_lock`` callbacks (a page saves its draft); the
composition root's ``on_lock()`` (dispose the engine, forget the key); the window's content is
taken out (the pages cannot query, their data is not on screen), other windows are hidden; the
sign-in dialog. Signed in again: ``on_unlock(key)`` (reopen with the key), the content back
as it was, on the page the user was on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QVBoxLayout, QWidget

from desktop.core.errors import LinliError
from desktop.core.i18n import _

log = logging.getLogger(__name__)

# What counts as someone at the computer.
ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove, QEvent.Type.HoverMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin,
    QEvent.Type.TabletPress,
})
CHECK_MS = 10_000  # how often the idle time is looked at: a lock comes at most this late


class LockedScreen(QWidget):
    """What the window shows while locked: nothing of the data."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("lockedScreen")
        label = QLabel(_("Linli Desk is locked."))
        label.setObjectName("pageTitle")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column = QVBoxLayout(self)
        column.addWidget(label)


class IdleLock(QObject):
    """Install with ``install()``. ``sign_in(parent)`` builds the sign-in dialog for the lock
    (``SignInDialog(..., locking=True)``); ``on_quit`` runs when the user quits from it (by
    default the window closes). ``operator`` is who signed in last (set before
    ``on_unlock`` is called)."""

    locked = Signal()
    unlocked = Signal(str)  # the operator who signed in again

    def __init__(self, window: QMainWindow, runner, *, minutes: float,
                 on_lock: Callable[[], object], on_unlock: Callable[[bytes], object],
                 sign_in: Callable[[QWidget], object], clock: Callable[[], float] = time.monotonic,
                 on_quit: Callable[[], object] | None = None, check_ms: int = CHECK_MS) -> None:
        super().__init__(window)
        self._window, self._runner, self._clock = window, runner, clock
        self._on_lock, self._on_unlock, self._sign_in = on_lock, on_unlock, sign_in
        self._on_quit = on_quit or window.close
        self.minutes = minutes
        self.before_lock: list[Callable[[], object]] = []
        self.is_locked = False
        self.operator = ""
        self.dialog = None
        self._last = clock()
        self._pending: str | None = None  # "idle" or "now": a lock waiting for the tasks
        self._prepared = False
        self._content: QWidget | None = None
        self._hidden: list[QWidget] = []
        self._disabled: list[QAction] = []
        self._page = ""
        self.system = None  # the native filter hearing the system lock (install)
        self.timer = QTimer(self)
        self.timer.setInterval(check_ms)
        self.timer.timeout.connect(self.check)
        runner.idle.connect(self._tasks_done)

    # -- watching --------------------------------------------------------------------------

    def install(self, app: QApplication | None = None) -> None:
        from desktop.ui.security.os_lock import watch_system_lock

        app = app or QApplication.instance()
        app.installEventFilter(self)
        app.applicationStateChanged.connect(self._state_changed)
        # Windows: the session locked (Win+L) or the computer going to sleep.
        self.system = watch_system_lock(app, self._window, self.lock_now)
        self.set_minutes(self.minutes)

    def uninstall(self, app: QApplication | None = None) -> None:
        app = app or QApplication.instance()
        app.removeEventFilter(self)
        app.applicationStateChanged.disconnect(self._state_changed)
        if self.system is not None:
            app.removeNativeEventFilter(self.system)
            self.system = None
        self.timer.stop()

    def set_minutes(self, minutes: float) -> None:
        """0 turns the lock off (a sign-in is still asked at start)."""
        self.minutes = minutes
        self._last = self._clock()
        if minutes > 0:
            self.timer.start()
        else:
            self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and not self.is_locked:
            self._last = self._clock()
        return False  # only watching: every event goes on to its widget

    def touch(self) -> None:
        """Someone is at the computer (as a key press would say)."""
        self._last = self._clock()

    @property
    def idle_seconds(self) -> float:
        return self._clock() - self._last

    def check(self) -> None:
        """Lock if nobody touched keyboard or mouse for ``minutes`` (the timer calls this)."""
        if self.minutes > 0 and not self.is_locked \
                and self.idle_seconds >= self.minutes * 60:
            self._request("idle")

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended:
            self.lock_now()

    # -- locking ---------------------------------------------------------------------------

    def lock_now(self) -> None:
        """Lock at once (a menu command, the system suspending or locking the session), or
        right after the running tasks."""
        self._request("now")

    def _request(self, reason: str) -> None:
        if self.is_locked:
            return
        if self._runner.active:
            if self._pending != "now":
                self._pending = reason
            log.info("idle lock: waiting for %d task(s)", len(self._runner.active))
            return
        self._prepare(reason)

    def _tasks_done(self) -> None:
        reason, self._pending = self._pending, None
        if reason is None or self.is_locked:
            return
        if reason == "idle" and self.idle_seconds < self.minutes * 60:
            self._prepared = False  # someone came back while the work ran
            return
        self._prepare(reason)

    def _prepare(self, reason: str) -> None:
        if not self._prepared:
            self._prepared = True
            for callback in self._hooks():
                try:
                    callback()
                except Exception:
                    log.exception("idle lock: a before-lock hook failed")
        if self._runner.active:  # the hooks saved drafts: lock once they are written
            self._pending = reason
            return
        self._lock()

    def _hooks(self) -> list[Callable[[], object]]:
        """The callbacks given, then each built page's own ``before_lock`` (the visits page
        saves the visit being answered)."""
        pages = getattr(self._window, "pages", {}).values()
        return list(self.before_lock) + [page.before_lock for page in pages
                                         if callable(getattr(page, "before_lock", None))]

    def _lock(self) -> None:
        self._prepared = False
        self.is_locked = True
        self._page = getattr(self._window, "current_key", "")
        self._blank()
        try:
            self._on_lock()
        except Exception:
            log.exception("idle lock: on_lock failed")
        log.info("locked")
        self.locked.emit()
        self._ask()

    def _blank(self) -> None:
        window = self._window
        self._content = window.takeCentralWidget()
        window.setCentralWidget(LockedScreen())
        # Kept as a hidden child of the window, not a window of its own: nothing paints it,
        # and it goes with the window if the app is closed from the lock.
        self._content.setParent(window)
        self._content.hide()
        window.menuBar().hide()
        window.statusBar().hide()
        # Shortcuts of hidden menus could still reach pages: none runs while locked.
        self._disabled = [a for a in window.findChildren(QAction) if a.isEnabled()]
        for action in self._disabled:
            action.setEnabled(False)
        self._hidden = [w for w in QApplication.topLevelWidgets()
                        if w.isVisible() and w is not window]
        for widget in self._hidden:
            widget.hide()

    def _ask(self, message: str = "") -> None:
        try:
            dialog = self._sign_in(self._window)
        except LinliError as exc:  # the keys file went missing or was damaged meanwhile
            log.warning("idle lock: no sign-in possible: %s", type(exc).__name__)
            self._runner.present_error(None, exc.message, exc.details)
            self._on_quit()
            return
        self.dialog = dialog
        dialog.accepted.connect(self._signed_in)
        dialog.quit_requested.connect(self._quit)
        if message:
            dialog.message.setText(message)
        dialog.open()

    def _quit(self) -> None:
        self.dialog = None
        self._on_quit()

    def _signed_in(self) -> None:
        dialog, self.dialog = self.dialog, None
        key, self.operator = dialog.key, dialog.operator
        try:
            self._on_unlock(key)
        except LinliError as exc:  # the key opened the slots, but the database will not open
            log.warning("unlock: the database did not open: %s", exc.details)
            self._ask(exc.message)
            return
        except Exception:  # a bug must not leave a blank window and no dialog
            log.exception("unlock failed")
            self._ask(_("The data could not be opened again. Sign in once more; if this "
                        "happens again, quit Linli Desk and start it again."))
            return
        self._restore()
        log.info("unlocked")
        self.unlocked.emit(self.operator)

    def _restore(self) -> None:
        window = self._window
        screen = window.takeCentralWidget()
        window.setCentralWidget(self._content)
        self._content.show()  # taken out, it was hidden: put back it stays so otherwise
        self._content = None
        if screen is not None:
            screen.deleteLater()
        window.menuBar().show()
        window.statusBar().show()
        for action in self._disabled:
            action.setEnabled(True)
        for widget in self._hidden:
            widget.show()
        self._disabled, self._hidden = [], []
        self.is_locked = False
        self._last = self._clock()
        if self._page and hasattr(window, "show_page"):
            window.show_page(self._page)


def lock_minutes(ctx) -> int:
    """The idle lock's minutes for this copy (settings; else 5 on a volunteer's laptop, 10 in
    the office)."""
    from desktop.core.settings import idle_lock_minutes
    from desktop.sync.exchange.reading import is_volunteer_copy

    return idle_lock_minutes(ctx.settings, is_volunteer_copy(ctx.db))
