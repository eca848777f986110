"""The composition root: the one place that builds paths, settings, language, Qt, the database
and the window, and hands them down. Nothing else reaches for a global application object.

Order matters: the language is chosen before any widget exists (widgets translate their texts
when built), and the UI scale goes into the environment before ``QApplication`` exists.
"""

from __future__ import annotations

import logging
import os
import platform
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from desktop import __version__
from desktop.core.errors import LinliError
from desktop.core.i18n import _, detect_language, set_language
from desktop.core.paths import DataDir, choose_data_dir, resources_dir
from desktop.core.settings import Settings

log = logging.getLogger("desktop.app")

EXIT_OK = 0
REPORT_SHOWN_ENV = "LINLI_REPORT_SHOWN"
EXIT_FAILED = 1  # e.g. the screenshot could not be written
EXIT_CANNOT_START = 2  # the data folder or the database cannot be used
DEMO_RESIDENTS = 8000
LOG_FILE = "linli.log"
SCREENSHOT_SIZE = (1180, 760)


@dataclass(frozen=True)
class GuiOptions:
    data_dir: str | None
    demo: bool
    lang: str | None
    screenshot: Path | None
    page: str | None
    bundle: Path | None = None  # ``linli FILE.linli``: open the window on its import


def run_gui(options: GuiOptions) -> int:
    started = time.perf_counter()
    headless = options.screenshot is not None
    if headless:
        _offscreen_without_display()
    elif _no_display():
        # Qt would abort the process with a message about platform plugins; say it plainly.
        print(_("Error: {message}").format(message=_(
            "There is no display to show the window on (no DISPLAY or WAYLAND_DISPLAY). Start "
            "Linli Desk in a desktop session. Without one, the headless commands work (see "
            "linli --help), and --screenshot draws the window into a file.")), file=sys.stderr)
        return EXIT_CANNOT_START
    data_dir = DataDir(choose_data_dir(options.data_dir, options.demo))
    settings = Settings.load(data_dir.settings_file)  # never fails: defaults if unusable
    language = set_language(options.lang or settings.get("language") or detect_language())
    _set_scale(settings.get("ui_scale"))

    app = _application(language)
    from desktop.ui.errors import ExceptionReporter

    reporter = ExceptionReporter(headless=headless).install()
    handler: logging.Handler | None = None
    try:
        try:
            if options.demo:
                from desktop.storage.folders import refuse_real_data_for_demo

                refuse_real_data_for_demo(data_dir)  # before anything is written there
            data_dir.prepare()
        except LinliError as exc:
            return _cannot_start(exc.message, exc.details, headless)
        handler = _start_logging(data_dir.logs)
        log.info("Linli Desk %s starting: %s, Python %s, language %s, demo %s",
                 __version__, platform.platform(terse=True), platform.python_version(),
                 language, options.demo)
        return _run(app, options, data_dir, settings, headless, started)
    finally:
        reporter.uninstall()
        if handler is not None:
            log.info("Linli Desk stopped")
            _stop_logging(handler)


def _run(app, options: GuiOptions, data_dir: DataDir, settings: Settings, headless: bool,
         started: float) -> int:
    from desktop.context import AppContext
    from desktop.ui.security.start import open_for_window
    from desktop.ui.shell.status_info import load_status
    from desktop.ui.tasks import TaskRunner

    try:
        # Signed in (or protected first) unless it is the demo; None: the user quit.
        db = open_for_window(data_dir, settings, demo=options.demo, headless=headless,
                             backups_keep=settings.get("backups_keep"),
                             device_name=platform.node())
        if db is None:
            return EXIT_OK
    except LinliError as exc:
        log.error("cannot open the database: %s", type(exc).__name__)
        return _cannot_start(exc.message, exc.details, headless)
    except Exception:  # a bug, not a condition the user can fix: still say so politely
        details = traceback.format_exc()
        log.error("unexpected error opening the database", exc_info=True)  # redacted, see logs.py
        from desktop.ui.errors import unexpected_message

        return _cannot_start(unexpected_message(), details, headless)

    from desktop.storage.engine import writing
    from desktop.storage.marks import is_demo, mark_as_demo

    with db.reading() as session:
        # The database's own mark wins over the command line: a demo database opened without
        # --demo is still shown as the demo, never as real data.
        demo = options.demo or is_demo(session.connection())
    ctx = AppContext(data_dir, settings, db, demo=demo)
    runner = TaskRunner(present_error=_print_error if headless else None)
    idle_lock = None
    try:
        info = load_status(ctx)
        if not info.has_community:
            if demo:
                with writing(db.engine) as conn:
                    mark_as_demo(conn)  # before the first demo resident goes in
                if not _create_demo(ctx, runner):
                    return EXIT_CANNOT_START if headless else EXIT_OK
            elif not headless:
                from desktop.ui.setup.dialog import SetupDialog

                if SetupDialog(ctx).exec() != SetupDialog.DialogCode.Accepted:
                    log.info("first-run setup cancelled")
                    return EXIT_OK
            info = load_status(ctx)

        from desktop.ui.shell.main_window import MainWindow

        window = MainWindow(ctx, runner, info=info, page=options.page)
        # Signed in, the copy locks itself after the minutes without use (and on suspend).
        from desktop.ui.security.lock_wiring import start_idle_lock

        window.idle_lock = idle_lock = start_idle_lock(window, ctx, runner)
        if headless:
            window.resize(*SCREENSHOT_SIZE)  # the same picture whatever the (virtual) screen
        window.show()
        if options.bundle is not None:
            # Sync ▸ Import with the file chosen: its header is read in a task, and a missing
            # or unreadable file is said on that page, like one chosen by hand.
            window.run_command("import_bundle", options.bundle)
        log.info("main window shown %.0f ms after run_gui", (time.perf_counter() - started) * 1e3)
        if os.environ.get(REPORT_SHOWN_ENV):
            # For the start-up benchmark (tests/benchmarks/run.py): say when the first frame
            # has been painted, then quit.
            app.processEvents()
            print(f"shown {time.time():.3f}", flush=True)
            return EXIT_OK
        if settings.problem:
            _warn(window, settings.problem, settings.details, headless)
        if headless:
            return _screenshot(app, window, runner, options.screenshot)
        return app.exec()
    finally:
        if idle_lock is not None:  # the application outlives the window (tests start many)
            idle_lock.uninstall()
        runner.shutdown()
        _sign_out(db)
        db.close()


def _sign_out(db) -> None:
    if not db.actor.signed_in or db.locked:
        return
    try:
        from desktop.security.audit import Action, record

        record(db, Action.SIGN_OUT)
    except LinliError:
        log.warning("sign-out could not be recorded in the audit log")


# -- Qt ----------------------------------------------------------------------------------------


def _no_display() -> bool:
    """No X11 or Wayland display on Linux and the like, and no platform chosen explicitly."""
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _offscreen_without_display() -> None:
    """A screenshot needs no screen: without one Qt would abort, so render offscreen. An
    explicit QT_QPA_PLATFORM wins."""
    if _no_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _set_scale(percent: int) -> None:
    """The user's display size, applied the only way Qt allows: before the application exists.
    It multiplies the system's own scaling; an explicit QT_SCALE_FACTOR in the environment wins."""
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None and percent != 100 and "QT_SCALE_FACTOR" not in os.environ:
        os.environ["QT_SCALE_FACTOR"] = f"{percent / 100:g}"


def _application(language: str):
    from PySide6.QtWidgets import QApplication

    from desktop.ui.app_icon import app_icon
    from desktop.ui.fonts import apply_fonts
    from desktop.ui.qt_locale import install_qt_translations
    from desktop.ui.style import apply_style

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "linli"])
    app.setApplicationName("Linli Desk")
    app.setOrganizationName("Linli")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon(resources_dir()))
    # Wayland and X11 docks match the window to linli.desktop (installed by packaging/linux).
    app.setDesktopFileName("linli")
    apply_style(app)
    apply_fonts(app, language, resources_dir() / "fonts")
    # Kept on the application object: a translator that is garbage-collected stops working.
    app._linli_translators = install_qt_translations(app, language)
    return app


def _create_demo(ctx, runner) -> bool:
    """Fill an empty demo database through the database lane, with a progress dialog."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from desktop.ui.tasks import Lane, TaskState

    try:
        from desktop.setup.demo import fill_demo
    except ImportError as exc:
        runner.present_error(None, _("This version of Linli Desk cannot create the demo "
                                     "community."), repr(exc))
        return False

    def work(task_ctx):
        return fill_demo(ctx.db, DEMO_RESIDENTS, task_ctx)

    started = time.perf_counter()
    task = runner.run(work, title=_("Creating the demo community…"), lane=Lane.DATABASE)
    # Not a nested QEventLoop.exec(): that returns at once if a quit is pending; this waits.
    wait = QEventLoop.ProcessEventsFlag.AllEvents | QEventLoop.ProcessEventsFlag.WaitForMoreEvents
    while task.running:
        QApplication.processEvents(wait)
    log.info("demo community: %s after %.1f s", task.state.value, time.perf_counter() - started)
    if task.state is TaskState.FAILED:
        # The error box was opened without blocking; keep it up before leaving.
        while any(w.isVisible() and w.objectName() == "errorBox"
                  for w in QApplication.topLevelWidgets()):
            QApplication.processEvents(wait)
    return task.state is TaskState.DONE


def _wait_until_loaded(app, window, runner, timeout: float = 60.0) -> bool:
    """Until the page shown has its data: no task running, no pause timer of the page pending
    (a preview waiting to render), and the page saying so where it loads in steps
    (``has_data()``). Idle once is not enough: a page may start its loads only after its first
    paint, and one load may start the next; so the calm must last a few rounds."""
    from PySide6.QtCore import QTimer

    deadline = time.monotonic() + timeout
    calm = 0
    while time.monotonic() < deadline:
        app.processEvents()
        runner.wait_idle(max(0.0, deadline - time.monotonic()))
        page = window.stack.currentWidget()
        has_data = getattr(page, "has_data", None)
        busy = bool(runner.active) or (has_data is not None and not has_data()) or any(
            timer.isActive() and timer.isSingleShot() for timer in page.findChildren(QTimer))
        calm = 0 if busy else calm + 1
        if calm >= 3:
            return True
        time.sleep(0.02)
    log.warning("screenshot taken before the page finished loading")
    return False


def _screenshot(app, window, runner, path: Path) -> int:
    """Render the window once events have settled and the pages' loading work has finished.

    Events are processed here rather than in ``app.exec()``, so a quit left pending by an
    earlier window (tests run several starts in one process) cannot cut the wait short."""
    _wait_until_loaded(app, window, runner)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        saved = window.grab().save(str(path))
    except OSError:
        saved = False
    finally:
        # Hidden, not closed: closing the last window may post a deferred "quit".
        window.hide()
    if not saved:
        print(_("Error: could not write the screenshot {path}.").format(path=path),
              file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


# -- telling the user --------------------------------------------------------------------------


def _print_error(_parent, message: str, details: str = "") -> None:
    print(_("Error: {message}").format(message=message), file=sys.stderr)
    if details:
        print(details, file=sys.stderr)


def _cannot_start(message: str, details: str, headless: bool) -> int:
    if headless:
        _print_error(None, message, details)
    else:
        from desktop.ui.errors import exec_error

        exec_error(message, details)
    return EXIT_CANNOT_START


def _warn(window, message: str, details: str, headless: bool) -> None:
    if headless:
        print(message, file=sys.stderr)
        return
    from desktop.ui.errors import show_warning

    show_warning(window, message, details)


# -- the log file: events and errors, never personal data (desktop/core/logs.py) --------------


def _start_logging(logs: Path) -> logging.Handler | None:
    from desktop.core.logs import start_logging

    return start_logging(logs)


def _stop_logging(handler: logging.Handler) -> None:
    from desktop.core.logs import stop_logging

    stop_logging(handler)
