"""The 数据同步 page: carry data between the office computers and volunteers' laptops as
encrypted bundle files (USB stick, message), without a network.

Five tabs: Export, Import, History, Review (values that lost a merge; the tab shows how many)
and Devices (this computer's fingerprint and the devices it exchanged with). What the tabs show
is read in one task on the database lane when the page is shown and after anything changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtWidgets import QTabWidget, QWidget

from desktop.context import AppContext
from desktop.core.i18n import _, format_number
from desktop.sync.stamping import ChangeSet
from desktop.ui.sync.devices_panel import DevicesPanel
from desktop.ui.sync.export_panel import ExportPanel
from desktop.ui.sync.history_panel import HistoryPanel
from desktop.ui.sync.import_panel import ImportPanel
from desktop.ui.sync.review_panel import ReviewItem, ReviewPanel
from desktop.ui.tasks import Failed, Lane, TaskRunner, inline
from desktop.ui.widgets.page import Page

TABS = ("export", "import", "history", "review", "devices")


@dataclass
class SyncState:
    """Everything the tabs show, read in one go."""

    device: object = None  # DeviceInfo
    peers: list = field(default_factory=list)
    history: list = field(default_factory=list)
    review: list = field(default_factory=list)
    places: object = None  # PlaceNode


def _record_name(session, table: str, row_id: str) -> str:
    from desktop.sync.records import synced_tables

    model = synced_tables().get(table)
    row = session.get(model, row_id) if model is not None else None
    if row is None:
        return row_id[:8]
    for attribute in ("name", "title", "room", "number", "outside_name"):
        value = getattr(row, attribute, None)
        if value:
            return str(value)
    return row_id[:8]


def load_state(db) -> SyncState:
    from desktop.roster.place_tree import place_tree
    from desktop.sync.exchange import list_conflicts, list_peers
    from desktop.sync.transfer import bundle_history, this_device

    device = this_device(db)
    with db.reading() as session:
        conflicts = list_conflicts(session)
        review = [ReviewItem(c, _record_name(session, c.table_name, c.row_id))
                  for c in conflicts]
        return SyncState(device, list_peers(session), bundle_history(session), review,
                         place_tree(session))


def resolve(db, operator: str, resolution) -> ChangeSet:
    from desktop.sync.exchange import resolve_conflict

    with db.unit_of_work(operator) as uow:
        resolve_conflict(uow, resolution.conflict_id, resolution.value,
                         restore=resolution.restore)
    return uow.changes


class SyncPage(Page):
    key = "sync"

    def __init__(self, ctx: AppContext, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(_("Data sync"), _(
            "Carry data between the office computers and volunteers' laptops without a "
            "network: an encrypted bundle file, protected by a passphrase."), parent)
        self._ctx, self._runner = ctx, runner
        self.state: SyncState | None = None
        self.loaded = False
        self.load_task = None
        self.resolve_task = None
        self._generation = 0

        self.export_panel = ExportPanel(ctx, runner)
        self.import_panel = ImportPanel(ctx, runner)
        self.history_panel = HistoryPanel()
        self.review_panel = ReviewPanel()
        self.devices_panel = DevicesPanel()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("syncTabs")
        self.tabs.setDocumentMode(True)
        for panel, label in ((self.export_panel, _("Export")),
                             (self.import_panel, _("Import")),
                             (self.history_panel, _("History")),
                             (self.review_panel, _("Review")),
                             (self.devices_panel, _("Devices"))):
            self.tabs.addTab(panel, label)
        self.body.addWidget(self.tabs, 1)

        self.export_panel.exported.connect(lambda _summary: self.reload())
        self.import_panel.imported.connect(self._imported)
        self.review_panel.resolve_requested.connect(self.resolve)

    # -- tabs --------------------------------------------------------------------------------

    def show_tab(self, key: str) -> QWidget:
        self.tabs.setCurrentIndex(TABS.index(key))
        return self.tabs.currentWidget()

    @property
    def review_count(self) -> int:
        return len(self.state.review) if self.state is not None else 0

    def _update_badge(self) -> None:
        count = self.review_count
        index = TABS.index("review")
        self.tabs.setTabText(index, _("Review ({count})").format(count=format_number(count))
                             if count else _("Review"))

    # -- loading -----------------------------------------------------------------------------

    def activated(self) -> None:
        if not self.loaded:
            self.reload()

    def refresh(self, changes: ChangeSet | None = None) -> None:
        if self.loaded:
            self.reload()

    def reload(self):
        self.loaded = True
        self._generation += 1
        generation = self._generation
        db = self._ctx.db

        def done(value) -> None:
            if generation != self._generation:
                return
            if isinstance(value, Failed):
                self.review_panel.message.setText(value.message)
                return
            self.show_state(value)

        self.load_task = self._runner.run(inline(lambda _task_ctx: load_state(db)),
                                          title=_("Reading the sync state"),
                                          lane=Lane.DATABASE, parent=self, on_result=done,
                                          progress=False)
        return self.load_task

    def show_state(self, state: SyncState) -> None:
        self.state = state
        self.devices_panel.set_device(state.device)
        self.devices_panel.set_peers(state.peers)
        self.history_panel.set_rows(state.history)
        self.review_panel.set_items(state.review)
        self.export_panel.set_peers(state.peers)
        if state.places is not None:
            self.export_panel.set_places(state.places)
        self._update_badge()

    # -- after an import, settling a review item -------------------------------------------

    def _tell_window(self, changes: ChangeSet | None, message: str = "") -> None:
        window = self.window()
        if window is not self and hasattr(window, "refresh_pages"):
            window.refresh_pages(changes)  # reloads this page too
            if hasattr(window, "refresh_status"):
                window.refresh_status()
            if message and hasattr(window, "statusBar"):
                window.statusBar().showMessage(message, 15000)
        else:
            self.refresh(changes)

    def _imported(self, summary) -> None:
        self._tell_window(None, _("Imported {file}.").format(
            file=self.import_panel.path.name if self.import_panel.path else ""))

    def resolve(self, resolution):
        db, operator = self._ctx.db, self._ctx.operator
        self.review_panel.set_busy(True)

        def done(value) -> None:
            if isinstance(value, Failed):
                self.review_panel.message.setText(value.message)
                return
            self._tell_window(value)

        self.resolve_task = self._runner.run(
            inline(lambda _task_ctx: resolve(db, operator, resolution)),
            title=_("Saving the choice"), lane=Lane.DATABASE, parent=self, on_result=done,
            progress=False)
        self.resolve_task.finished.connect(lambda: self.review_panel.set_busy(False))
        return self.resolve_task
