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
from desktop.storage.changes import ChangeSet
from desktop.ui.operations import Operations
from desktop.ui.sync.devices_panel import DevicesPanel
from desktop.ui.sync.export_panel import ExportPanel
from desktop.ui.sync.history_panel import HistoryPanel
from desktop.ui.sync.import_panel import ImportPanel
from desktop.ui.sync.review_panel import ReviewItem, ReviewPanel
from desktop.ui.tasks import Failed, Lane, TaskRunner, inline
from desktop.ui.widgets.page import Page
from desktop.ui.widgets.status import tell

TABS = ("export", "import", "history", "review", "devices")


@dataclass
class SyncState:
    """Everything the tabs show, read in one go."""

    device: object = None  # DeviceInfo
    peers: list = field(default_factory=list)
    history: list = field(default_factory=list)
    review: list = field(default_factory=list)
    places: object = None  # PlaceNode
    campaigns: list = field(default_factory=list)  # for the export's "for a visitor" choice


def load_state(db) -> SyncState:
    from desktop.roster.place_tree import place_tree
    from desktop.sync.exchange import list_conflicts, list_peers
    from desktop.sync.exchange.review import record_name
    from desktop.sync.transfer import bundle_history, this_device
    from desktop.visits.campaigns.bundle_labels import campaign_choices

    device = this_device(db)
    with db.reading() as session:
        conflicts = list_conflicts(session)
        review = [ReviewItem(c, record_name(session, c.table_name, c.row_id))
                  for c in conflicts]
        return SyncState(device, list_peers(session), bundle_history(session), review,
                         place_tree(session), campaign_choices(session))


def resolve(uow, resolution) -> None:
    from desktop.sync.exchange import resolve_conflict

    resolve_conflict(uow, resolution.conflict_id, resolution.value, restore=resolution.restore)


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
        self.export_panel.set_campaigns(state.campaigns)
        self._update_badge()

    # -- after an import, settling a review item -------------------------------------------

    def _status(self, message: str) -> None:
        tell(self, message)

    def _tell(self, changes: ChangeSet | None, broadcast: bool = True) -> None:
        if self.window() is self:  # shown on its own: no window hands it the change
            self.refresh(changes)
        if broadcast:
            Operations.of(self._runner).broadcast(changes)

    def _imported(self, summary) -> None:
        # Anything may have changed: every page (this one too) reloads through the window's
        # one change signal.
        self._tell(None)
        self._status(_("Imported {file}.").format(
            file=self.import_panel.path.name if self.import_panel.path else ""))

    def resolve(self, resolution):
        """Settle a review item through the window's one write path (not on the undo stack, as
        before); its ChangeSet reloads this page and the pages that show the record."""
        self.review_panel.set_busy(True)
        self.resolve_task = Operations.of(self._runner).write(
            self._ctx, lambda uow: resolve(uow, resolution), label="", undoable=False,
            title=_("Saving the choice"), parent=self, progress=False,
            on_done=lambda _result, changes: self._tell(changes, broadcast=False),
            on_refused=lambda exc: self.review_panel.message.setText(exc.message))
        self.resolve_task.finished.connect(lambda: self.review_panel.set_busy(False))
        return self.resolve_task
