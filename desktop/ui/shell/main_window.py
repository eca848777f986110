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
from desktop.sync.stamping import ChangeSet
from desktop.ui.settings.dialog import SettingsDialog, restart_message
from desktop.ui.shell.about import about_box
from desktop.ui.shell.edit_commands import EditCommands
from desktop.ui.shell.menus import build_menus
from desktop.ui.shell.pages import PAGE_KEYS, PAGE_SPECS
from desktop.ui.shell.status_bar import StatusBar
from desktop.ui.shell.status_info import StatusInfo, load_status
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.page import Page
from desktop.ui.widgets.screen import centre_on_screen, restore_geometry, saved_geometry

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None, *,
                 info: StatusInfo | None = None, page: str = "roster"):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.ctx = ctx
        self.runner = runner
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
        for number, spec in enumerate(PAGE_SPECS, start=1):
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

        self.actions_ = build_menus(self)
        self.actions_.import_roster.triggered.connect(self.import_roster)
        self.actions_.export_roster.triggered.connect(self.export_roster)
        self.actions_.print_roster.triggered.connect(self.print_roster)
        self.actions_.import_history.triggered.connect(self.import_history)
        self.actions_.export_bundle.triggered.connect(lambda: self.export_bundle())
        self.actions_.import_bundle.triggered.connect(lambda: self.import_bundle())
        self.actions_.settings.triggered.connect(self.open_settings)
        self.actions_.quit.triggered.connect(self.close)
        self.actions_.about.triggered.connect(self.show_about)
        for key, action in self.actions_.pages.items():
            action.triggered.connect(lambda _checked=False, k=key: self.show_page(k))

        self.commands = EditCommands(self)

        self.status = StatusBar()
        self.setStatusBar(self.status)
        self.status.operator_requested.connect(self.ask_operator)

        self.nav.currentRowChanged.connect(self._row_changed)
        self.refresh_status(reload=info is None)
        self.show_page(page)
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
            row = PAGE_KEYS.index(key)
            page = PAGE_SPECS[row].build(self.ctx, self.runner)
            stand_in = self.stack.widget(row)
            self.stack.insertWidget(row, page)
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
            self.pages[key] = page
            self._page_built(key, page)
        return self.pages[key]

    def _page_built(self, key: str, page: Page) -> None:
        self.commands.page_built(page)
        if key == "settings":
            page.form.saved.connect(self._settings_saved)
        if key == "roster" and self.info is not None:
            page.set_community_name(self.info.community_name)

    def show_page(self, key: str) -> Page:
        page = self.page(key)
        self.nav.setCurrentRow(PAGE_KEYS.index(key))
        return page

    def _row_changed(self, row: int) -> None:
        if row < 0:
            return
        key = PAGE_KEYS[row]
        page = self.page(key)
        self.stack.setCurrentIndex(row)
        self.actions_.pages[key].setChecked(True)
        page.activated()
        self.commands.update_actions()

    def import_roster(self):
        """File ▸ Import roster…: the Import wizard, over the roster page."""
        return self.show_page("roster").open_import()

    def import_history(self):
        """File ▸ Import history…: recent imports, each undoable as a whole."""
        return self.show_page("roster").open_import_history()

    def export_roster(self):
        """File ▸ Export roster…: the roster page's export dialog, for what it shows."""
        return self.show_page("roster").open_export()

    def print_roster(self):
        """File ▸ Print roster…: the roster page's print dialog (花名册, walk list, sign-in)."""
        return self.show_page("roster").open_print()

    def export_bundle(self):
        """File ▸ Export bundle…: the Data sync page's Export tab."""
        return self.show_page("sync").show_tab("export")

    def import_bundle(self, path=None):
        """File ▸ Import bundle…: the Data sync page's Import tab, with the file chosen."""
        panel = self.show_page("sync").show_tab("import")
        if path is not None:
            panel.open_file(path)
        else:
            panel.choose_file()
        return panel

    def refresh_pages(self, changes: ChangeSet | None = None) -> None:
        """After a unit of work: let each page reload what it shows, if it is affected."""
        for page in self.pages.values():
            page.refresh(changes)

    # -- status ----------------------------------------------------------------------------

    def refresh_status(self, reload: bool = True) -> None:
        if reload or self.info is None:
            self.info = load_status(self.ctx)
        info = self.info
        self.status.show_info(info)
        name = info.community_name
        self.community_title.setText(name)
        self.community_title.setVisible(bool(name))
        roster = self.pages.get("roster")
        if roster is not None:
            roster.set_community_name(name)
        if name:
            title = _("{community} — Linli Desk").format(community=name)
        else:
            title = _("Linli Desk")
        if self.ctx.demo:
            title = _("{title} [demo data]").format(title=title)
        self.setWindowTitle(title)

    def ask_operator(self) -> None:
        """The status bar's "set your name": the Settings page, with the cursor in the name."""
        page = self.show_page("settings")
        page.form.operator.setFocus(Qt.FocusReason.OtherFocusReason)
        page.form.operator.selectAll()

    # -- menu commands ---------------------------------------------------------------------

    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.form.saved.connect(self._settings_saved)
        dialog.open()
        return dialog

    def _settings_saved(self, restart: bool) -> None:
        self.refresh_status()
        roster = self.pages.get("roster")
        if roster is not None:
            roster.apply_screen_mask()
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
