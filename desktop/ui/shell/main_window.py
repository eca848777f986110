"""The main window: navigation on the left, the current page on the right, a status bar."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.core.errors import SettingsError
from desktop.core.i18n import _
from desktop.storage.changes import ChangeSet
from desktop.ui.features import (
    Command,
    FeatureUI,
    declared_commands,
    declared_features,
    declared_pages,
)
from desktop.ui.operations import Operations
from desktop.ui.settings.dialog import SettingsDialog, restart_message
from desktop.ui.shell.about import about_box
from desktop.ui.shell.edit_commands import EditCommands
from desktop.ui.shell.menus import build_menus
from desktop.ui.shell.status_bar import StatusBar
from desktop.ui.shell.status_info import StatusInfo, load_status
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.page import Page
from desktop.ui.widgets.screen import centre_on_screen, restore_geometry, saved_geometry

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None, *,
                 info: StatusInfo | None = None, page: str | None = None,
                 features: tuple[FeatureUI, ...] | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.ctx = ctx
        self.runner = runner
        self.idle_lock = None  # set by the composition root for a signed-in copy
        self.info: StatusInfo | None = info
        self.setMinimumSize(QSize(720, 440))
        if not restore_geometry(self, ctx.settings.get("window_geometry")):
            centre_on_screen(self, 1180, 760)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(_("Pages"))
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        # Pages are built when first shown: a fast start shows one page, not six.
        self.pages: dict[str, Page] = {}
        # What the features declare (their pages, menu commands): the window names none.
        self.features = declared_features() if features is None else features
        self.page_specs = declared_pages(self.features)
        self.page_keys = tuple(spec.key for spec in self.page_specs)
        for number, spec in enumerate(self.page_specs, start=1):
            self.stack.addWidget(QWidget())  # a stand-in until the page is built
            item = QListWidgetItem(spec.nav_label)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(_("{page} (Ctrl+{number})").format(page=spec.nav_label,
                                                               number=number))
            self.nav.addItem(item)

        sidebar = QFrame()
        sidebar.setObjectName("sidebar")
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(0)
        self.app_title = QLabel(_("Linli Desk"))
        self.app_title.setObjectName("appTitle")
        self.community_title = QLabel()
        self.community_title.setObjectName("sidebarCommunity")
        self.community_title.setWordWrap(True)
        self.demo_badge = QLabel(_("Demo data"))
        self.demo_badge.setObjectName("demoBadge")
        self.demo_badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.demo_badge.setVisible(ctx.demo)
        side.addWidget(self.app_title)
        side.addWidget(self.community_title)
        side.addWidget(self.nav, 1)
        side.addWidget(self.demo_badge)
        sidebar.setFixedWidth(max(200, self.nav.sizeHintForColumn(0) + 64))

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(sidebar)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.actions_ = build_menus(self, self.features)
        self._connect_commands()
        self.actions_.settings.triggered.connect(self.open_settings)
        self.actions_.quit.triggered.connect(self.close)
        self.actions_.about.triggered.connect(self.show_about)
        for key, action in self.actions_.pages.items():
            action.triggered.connect(lambda _checked=False, k=key: self.show_page(k))

        self.commands = EditCommands(self)
        # The one change signal: every write from this window (Operations) ends here once.
        self.operations = Operations.of(runner)
        self.operations.changed.connect(self.changes_executed)

        self.status = StatusBar()
        self.setStatusBar(self.status)
        self.status.operator_requested.connect(self.ask_operator)

        self.nav.currentRowChanged.connect(self._row_changed)
        self.refresh_status(reload=info is None)
        self.show_page(page or self.page_keys[0])  # by default the first declared page
        self.nav.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- pages -----------------------------------------------------------------------------

    @property
    def current_key(self) -> str:
        item = self.nav.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else ""

    @property
    def current_page(self) -> Page:
        return self.stack.currentWidget()

    def page(self, key: str) -> Page:
        """The page for ``key``, built now if it was not shown yet."""
        if key not in self.pages:
            row = self.page_keys.index(key)
            page = self.page_specs[row].build(self.ctx, self.runner)
            stand_in = self.stack.widget(row)
            self.stack.insertWidget(row, page)
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
            self.pages[key] = page
            self._page_built(key, page)
        return self.pages[key]

    def _page_built(self, key: str, page: Page) -> None:
        spec = self.page_specs[self.page_keys.index(key)]
        if spec.settings_saved_signal is not None:
            spec.settings_saved_signal(page).connect(self._settings_saved)
        if spec.on_status is not None and self.info is not None:
            spec.on_status(page, self.info)

    def show_page(self, key: str) -> Page:
        page = self.page(key)
        self.nav.setCurrentRow(self.page_keys.index(key))
        return page

    def _row_changed(self, row: int) -> None:
        if row < 0:
            return
        key = self.page_keys[row]
        page = self.page(key)
        self.stack.setCurrentIndex(row)
        self.actions_.pages[key].setChecked(True)
        page.activated()
        self.commands.update_actions()

    # -- the features' commands -------------------------------------------------------------

    def _connect_commands(self) -> None:
        self.declared_commands: dict[str, Command] = {
            command.name: command for _feature, command in declared_commands(self.features)}
        for name, action in self.actions_.commands.items():
            action.triggered.connect(lambda _checked=False, n=name: self.run_command(n))

    def run_command(self, name: str, *args):
        """A feature's menu command (``import_roster``, ``new_resident``…): its page is shown,
        then the command runs on it; returns what the command returns (its dialog…)."""
        command = self.declared_commands[name]
        return command.run(self.show_page(command.page), *args)

    def _built_pages(self, hook: str):
        """(page, its declared ``hook``) for each built page that declares one."""
        for spec in self.page_specs:
            call = getattr(spec, hook)
            if call is not None and spec.key in self.pages:
                yield self.pages[spec.key], call

    def refresh_pages(self, changes: ChangeSet | None = None) -> None:
        """After a unit of work: let each page reload what it shows, if it is affected."""
        for page in self.pages.values():
            page.refresh(changes)

    def changes_executed(self, changes: ChangeSet | None) -> None:
        """A write went through (``None``: anything may have changed, as after an import):
        every built page refreshes what it shows of it, the Edit menu its undo entry, the
        status bar the community's name."""
        self.refresh_pages(changes)
        self.commands.update_actions()
        if changes is None or "community" in changes.tables:
            self.refresh_status()

    # -- status ----------------------------------------------------------------------------

    def refresh_status(self, reload: bool = True) -> None:
        if reload or self.info is None:
            self.info = load_status(self.ctx)
        info = self.info
        self.status.show_info(info)
        name = info.community_name
        self.community_title.setText(name)
        self.community_title.setVisible(bool(name))
        for page, on_status in self._built_pages("on_status"):
            on_status(page, info)
        if name:
            title = _("{community} — Linli Desk").format(community=name)
        else:
            title = _("Linli Desk")
        if self.ctx.demo:
            title = _("{title} [demo data]").format(title=title)
        self.setWindowTitle(title)

    def ask_operator(self) -> None:
        """The status bar's "set your name": the page declared to ask it (Settings), with the
        cursor in the name."""
        for spec in self.page_specs:
            if spec.asks_operator is not None:
                spec.asks_operator(self.show_page(spec.key))
                return

    # -- menu commands ---------------------------------------------------------------------

    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.form.saved.connect(self._settings_saved)
        dialog.open()
        return dialog

    def _settings_saved(self, restart: bool) -> None:
        self.refresh_status()
        if self.idle_lock is not None:
            from desktop.ui.security.idle import lock_minutes

            self.idle_lock.set_minutes(lock_minutes(self.ctx))
        for page, on_settings_saved in self._built_pages("on_settings_saved"):
            on_settings_saved(page)
        if restart:
            self.statusBar().showMessage(restart_message(), 15000)

    def show_about(self) -> QMessageBox:
        box = about_box(self.ctx, self)
        box.open()
        return box

    def closeEvent(self, event: QCloseEvent) -> None:
        running = self.runner.active
        if running:
            log.info("closing with %d task(s) running: cancelling them", len(running))
            for task in running:
                task.cancel()
        self._save_geometry()
        super().closeEvent(event)

    def _save_geometry(self) -> None:
        settings = self.ctx.settings
        settings.set("window_geometry", saved_geometry(self))
        try:
            settings.save()
        except SettingsError as exc:  # the next start opens centred: no reason to bother now
            log.warning("window place not saved: %s", exc.details)
