"""The roster page: the place tree, the search box and filters, and three tabs —
Residents, Households (lazy tables over id lists from SQL) and Overview (bar charts).

Opening it reads one id list and the first page of rows on the UI thread (a first paint in a
blink); the search index, the place tree and the overview come from the database lane after.
Searching runs on the UI thread while queries stay fast and moves to the lane when they do not.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop.context import AppContext
from desktop.core.i18n import _
from desktop.roster import reading
from desktop.roster.declaration import FEATURE as ROSTER_FEATURE
from desktop.roster.overview import RosterOverview
from desktop.roster.screen_mask import ScreenMask
from desktop.roster.source import RosterSource
from desktop.roster.views import PlaceScope, SortSpec
from desktop.storage.changes import ChangeSet
from desktop.ui.roster.columns import (
    HOUSEHOLD_DEFAULT_COLUMNS,
    RESIDENT_DEFAULT_COLUMNS,
    chosen_columns,
    remember_columns,
)
from desktop.ui.roster.editing import RosterEditing
from desktop.ui.roster.filters import FilterBar
from desktop.ui.roster.overview_tab import OverviewTab
from desktop.ui.roster.table_model import HouseholdTableModel, ResidentTableModel
from desktop.ui.roster.table_view import RosterTable
from desktop.ui.roster.transfers import RosterTransfers
from desktop.ui.tasks import Lane, TaskRunner
from desktop.ui.widgets.form import chain_tab_order
from desktop.ui.widgets.page import Page
from desktop.ui.widgets.place_tree import PlaceTree
from desktop.ui.widgets.splitter import SharingSplitter
from desktop.ui.widgets.timers import pause_timer

# A change to any of the roster's declared tables refreshes the page.
ROSTER_TABLES = frozenset(table.name for table in ROSTER_FEATURE.synced_tables)
SEARCH_DELAY_MS = 80  # debounce: one query per pause in typing, not per key
RESIDENTS_TAB, HOUSEHOLDS_TAB, OVERVIEW_TAB = range(3)
BACKGROUND_FALLBACK_MS = 300  # start the background loads even if the table is not painted


class RosterPage(RosterTransfers, Page):
    key = "roster"

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(_("Resident roster"), "", parent)
        self._ctx = ctx
        self._runner = runner
        self.source = RosterSource(ctx.db)
        self.counts = None
        self.overview: RosterOverview | None = None
        self.loaded = False
        self.index_ready = False
        self.resident_sort = SortSpec()
        self.household_sort = SortSpec()
        self._generations = {"residents": 0, "households": 0}  # drop overtaken results
        self._households_stale = True
        self._overview_stale = True
        self.timings: dict[str, float] = {}
        self.first_painted: float | None = None  # perf_counter() after the table's first paint
        self._background_started = False
        self._paint_watch: QWidget | None = None
        self._exact_after_paint = False  # a stale opening order is shown until then

        self.empty_hint = QLabel(_("The roster is empty. Add a compound and its buildings from "
                                   "the Add menu, then the households and residents."))
        self.empty_hint.setObjectName("badge")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setVisible(False)
        self.body.addWidget(self.empty_hint)

        self.tree = PlaceTree()
        self.filters = FilterBar()
        self.screen_mask = ScreenMask.for_context(ctx)
        self.residents = ResidentTableModel(self.source.resident_rows, self, self.screen_mask)
        self.households = HouseholdTableModel(self.source.household_rows, self)
        self.resident_table = RosterTable(self.residents, chosen_columns(
            ctx.settings, "roster_resident_columns", RESIDENT_DEFAULT_COLUMNS, self.residents))
        self.resident_table.setObjectName("residentTable")
        self.resident_table.setAccessibleName(_("Residents"))
        self.household_table = RosterTable(self.households, chosen_columns(
            ctx.settings, "roster_household_columns", HOUSEHOLD_DEFAULT_COLUMNS, self.households))
        self.resident_table.columns_changed.connect(
            lambda keys: remember_columns(ctx.settings, "roster_resident_columns", keys))
        self.household_table.columns_changed.connect(
            lambda keys: remember_columns(ctx.settings, "roster_household_columns", keys))
        self.household_table.setObjectName("householdTable")
        self.household_table.setAccessibleName(_("Households"))
        self.overview_tab = OverviewTab(runner)
        self.cards = self.overview_tab.cards

        self.tabs = QTabWidget()
        self.tabs.addTab(self.resident_table, _("Residents"))
        self.tabs.addTab(self.household_table, _("Households"))
        self.tabs.addTab(self.overview_tab, _("Overview"))
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addWidget(self.filters)
        column.addWidget(self.tabs, 1)
        # The tree takes a fifth of the width (150–240 px) until the user drags the handle.
        self.splitter = SharingSplitter.between([self.tree, right], 0.2, 150, 240)
        self.splitter.setSizes([210, 920])
        self.tree.setMinimumWidth(140)
        self.body.addWidget(self.splitter, 1)
        self.body.setContentsMargins(16, 12, 16, 12)

        # Tab order: tree → search → filters → tabs → table.
        chain = [self.tree, self.filters.search, *self.filters.filter_widgets(), self.tabs,
                 self.resident_table]
        chain_tab_order(chain)

        self._search_timer = pause_timer(self, SEARCH_DELAY_MS, self.requery)
        self.filters.text_edited.connect(lambda _text: self._search_timer.start())
        self.filters.changed.connect(self.requery)
        self.tree.scope_chosen.connect(lambda _scope: self.requery())
        self.residents.sort_requested.connect(self._sort_residents)
        self.households.sort_requested.connect(self._sort_households)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.overview_tab.age_band_chosen.connect(self._filter_age)
        self.overview_tab.tag_chosen.connect(self._filter_tag)

        self.editing = RosterEditing(self, ctx, runner)
        self.resident_table.open_requested.connect(self.editing.open_resident)
        self.resident_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.resident_table.customContextMenuRequested.connect(self._resident_menu)
        self.household_table.open_requested.connect(self.editing.open_household)
        self.set_community_name("")

    # -- the page protocol -----------------------------------------------------------------

    def set_community_name(self, name: str) -> None:
        if name:
            self.set_subtitle(
                _("Places, households and residents of {community}.").format(community=name)
            )
        else:
            self.set_subtitle(_("Places, households and residents of the community."))

    def activated(self) -> None:
        if not self.loaded:
            self.load()

    def has_data(self) -> bool:
        """The tree and the overview have arrived (``--screenshot`` waits for this)."""
        return self.tree.root is not None and self.overview is not None

    def refresh(self, changes: ChangeSet | None = None) -> None:
        if not self.loaded:
            return
        if changes is None:
            self.source.invalidate()
            self.load()
            return
        if not changes.tables & ROSTER_TABLES:
            return
        resident_ids: set[str] = set()
        for kind in ("created", "updated", "deleted"):
            resident_ids |= getattr(changes, kind).get("resident", set())
        self.source.update_index(resident_ids | self.editing.touched_residents())
        self.source.invalidate(changes)
        self.residents.invalidate()
        self.households.invalidate()
        self._households_stale = True
        self._overview_stale = True
        self.requery(keep_selection=True)
        self._load_places()
        if self.tabs.currentIndex() == OVERVIEW_TAB:
            self._load_overview()

    # -- loading ---------------------------------------------------------------------------

    def load(self) -> None:
        """The first id list and page now; index, tree and overview on the database lane."""
        start = time.perf_counter()
        self.loaded = True
        self.filters.set_tags(self.source.tags())
        flt = self.filters.resident_filter(self.scope)
        # The first rows on the UI thread if they come quickly (the usual case: the opening
        # order is kept between sessions); else from the lane, and the page paints at once —
        # with the last kept order, if edits made it stale, until the exact one arrives.
        quick = self.source.is_quick(flt, self.resident_sort)
        guess = None if quick else self.source.opening_guess(flt, self.resident_sort)
        self._exact_after_paint = bool(guess)
        if guess:
            # The exact list is read after the first paint (see _start_background): reading
            # it now would hold the interpreter while the window lays out and paints.
            self._show_ids(self.resident_table, guess, keep_selection=False)
        else:
            self.requery(sync=quick)
        if self.residents.ids:
            self.residents.row_at(0)  # the first page, read now rather than in paint
        self.timings["first_rows_ms"] = (time.perf_counter() - start) * 1000
        # The rest waits for the table's first paint: a worker building the index would take
        # the interpreter from the UI thread while it lays out and paints the first rows.
        self._background_started = False
        self._paint_watch = self.resident_table.viewport()
        self._paint_watch.installEventFilter(self)
        QTimer.singleShot(BACKGROUND_FALLBACK_MS, self._start_background)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._paint_watch and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            self._paint_watch = None
            QTimer.singleShot(0, self._start_background)  # after this paint has finished
        return super().eventFilter(watched, event)

    def _start_background(self) -> None:
        if self._background_started:
            return
        self._background_started = True
        self.first_painted = time.perf_counter()
        if self._exact_after_paint:
            self._exact_after_paint = False
            self.requery(sync=False)
        self._load_index()
        self._load_places()
        self._load_overview()

    def _task(self, fn, **kwargs):
        return self._runner.run(fn, **kwargs)

    def _load_index(self) -> None:
        self.index_ready = False
        self._task(self.source.build_index, title=_("Preparing the search"),
                         lane=Lane.DATABASE, parent=self, progress=False,
                         on_result=self._index_built)

    def _index_built(self, index) -> None:
        self.source.set_index(index)
        self.index_ready = True
        if self.filters.search.text().strip():
            self.requery(keep_selection=True)

    def _load_places(self) -> None:
        source = self.source  # workers never touch the widget, not even its attributes
        self._task(lambda _ctx: source.place_tree(), title=_("Reading the places"),
                         lane=Lane.DATABASE, parent=self, progress=False,
                         on_result=self._places_loaded)

    def _places_loaded(self, root) -> None:
        scope = self.tree.current_scope() if self.tree.root is not None else None
        self.tree.blockSignals(True)
        try:
            self.tree.set_root(root, keep=scope)
        finally:
            self.tree.blockSignals(False)

    def _load_overview(self) -> None:
        self._overview_stale = False
        db = self._ctx.db

        def work(_ctx) -> RosterOverview:
            return reading.overview(db)

        self._task(work, title=_("Counting the roster"), lane=Lane.DATABASE,
                         parent=self, progress=False, on_result=self._overview_loaded)

    def _overview_loaded(self, overview: RosterOverview) -> None:
        self.overview = overview
        self.counts = overview.counts
        self.overview_tab.show_overview(overview)
        self.empty_hint.setVisible(overview.counts.residents == 0)

    # -- querying --------------------------------------------------------------------------

    @property
    def scope(self) -> PlaceScope:
        return self.tree.current_scope()

    def requery(self, keep_selection: bool = True, sync: bool | None = None) -> None:
        """New id lists for what the tree, search box and filters say (the current tab now,
        the other when it is shown)."""
        self._search_timer.stop()
        self._households_stale = True
        if self.tabs.currentIndex() == HOUSEHOLDS_TAB:
            self._query_households(keep_selection, sync)
        self._query_residents(keep_selection, sync)

    def _run(self, kind: str, fn, apply, sync: bool | None) -> None:
        self._generations[kind] += 1
        generation = self._generations[kind]
        if sync:
            apply(fn())
            return

        def done(result) -> None:
            if generation == self._generations[kind]:
                apply(result)

        if (kind == "households") == (self.tabs.currentIndex() == HOUSEHOLDS_TAB):
            self.filters.count_label.setText(_("Searching…"))

        self._task(lambda _ctx: fn(), title=_("Searching"), lane=Lane.DATABASE,
                         parent=self, progress=False, on_result=done)

    def _query_residents(self, keep_selection: bool, sync: bool | None) -> None:
        flt = self.filters.resident_filter(self.scope)
        sort, source = self.resident_sort, self.source
        if sync is None:
            sync = source.is_quick(flt, sort)
        self._run("residents", lambda: source.resident_ids(flt, sort),
                  lambda ids: self._show_ids(self.resident_table, ids, keep_selection), sync)

    def _query_households(self, keep_selection: bool, sync: bool | None) -> None:
        self._households_stale = False
        scope, text, sort = self.scope, self.filters.search.text().strip(), self.household_sort
        source = self.source
        if sync is None:
            sync = source.households_quick(scope)
        self._run("households", lambda: source.household_ids(scope, text, sort),
                  lambda ids: self._show_ids(self.household_table, ids, keep_selection), sync)

    def _show_ids(self, table: RosterTable, ids: list[str], keep_selection: bool) -> None:
        selected = table.selected_ids() if keep_selection else []
        current = table.currentIndex()
        current_id = table.lazy_model.id_at(current.row()) if current.isValid() else None
        table.lazy_model.set_ids(ids)
        if selected:
            table.select_ids(selected, current_id)
        self._show_count()

    def _show_count(self) -> None:
        households = self.tabs.currentIndex() == HOUSEHOLDS_TAB
        model = self.households if households else self.residents
        self.filters.show_count(model.rowCount(), households=households)

    def _sort_residents(self, column: str, descending: bool) -> None:
        self.resident_sort = SortSpec(column, descending)
        self._query_residents(True, None)

    def _sort_households(self, column: str, descending: bool) -> None:
        self.household_sort = SortSpec(column, descending)
        self._query_households(True, None)

    def _tab_changed(self, index: int) -> None:
        # The filters narrow the tables; the overview always shows the whole community.
        self.filters.setVisible(index != OVERVIEW_TAB)
        self.filters.show_resident_filters(index == RESIDENTS_TAB)
        self._show_count()
        if index == HOUSEHOLDS_TAB and self._households_stale and self.loaded:
            self._query_households(True, None)
        if index == OVERVIEW_TAB and self._overview_stale and self.loaded:
            self._load_overview()

    def _filter_age(self, low, high) -> None:
        self.filters.set_age_range(low, high)
        self.tabs.setCurrentIndex(RESIDENTS_TAB)

    def _filter_tag(self, code: str) -> None:
        if code in self.filters.chips:
            self.filters.check_tag(code)
            self.tabs.setCurrentIndex(RESIDENTS_TAB)

    # -- commands from the menus -----------------------------------------------------------

    def current_table(self) -> RosterTable | None:
        index = self.tabs.currentIndex()
        return {RESIDENTS_TAB: self.resident_table,
                HOUSEHOLDS_TAB: self.household_table}.get(index)

    def copy_selection(self) -> bool:
        table = self.current_table()
        return table.copy_selection() if table is not None else False

    def focus_search(self) -> None:
        if self.tabs.currentIndex() == OVERVIEW_TAB:
            self.tabs.setCurrentIndex(RESIDENTS_TAB)
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def search(self, text: str) -> None:
        """Set the search text and query at once (what the debounce timer would do)."""
        self.filters.search.setText(text)
        self.requery()
