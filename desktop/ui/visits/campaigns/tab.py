"""The Campaigns tab of the Home visits page: the list of campaigns (name, period, progress)
with New…, Copy for next month…, Reassign unfinished doors… and Archive; and for the chosen
campaign its coverage picture, results, follow-ups, roster proposals and visits to review.

Reads go through ``reads`` (plain data); every write through the window's one write path;
printing and the export run on the files lane with progress and Cancel (``files``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QTabWidget, QWidget

from desktop.context import AppContext
from desktop.core.errors import LinliError
from desktop.core.i18n import _, current_language, format_date, ngettext
from desktop.ui.operations import Operations
from desktop.ui.tasks import TaskRunner
from desktop.ui.visits.campaigns import files, reads
from desktop.ui.visits.campaigns.coverage_view import CoverageView
from desktop.ui.visits.campaigns.lists import FollowUpsView, ProposalsView, ReviewView
from desktop.ui.visits.campaigns.results_view import ResultsView
from desktop.ui.widgets.list_tab import ListTab
from desktop.ui.widgets.status import tell

# The tables a campaign's views are made of: a write touching one reloads the tab.
TABLES = {"campaign", "campaign_visitor", "campaign_door", "visit", "roster_proposal",
          "resident", "household", "dwelling", "building", "compound", "form_version"}
COVERAGE, RESULTS, FOLLOW_UPS, PROPOSALS, REVIEW = range(5)


def period_text(summary) -> str:
    if summary.starts_on and summary.ends_on:
        return _("{start} – {end}").format(start=format_date(summary.starts_on),
                                           end=format_date(summary.ends_on))
    day = summary.starts_on or summary.ends_on
    return format_date(day) if day else _("no period set")


def progress_text(summary) -> str:
    percent = round(100 * summary.progress)
    return ngettext("{done} of {total} door done ({percent} %)",
                    "{done} of {total} doors done ({percent} %)", summary.doors).format(
        done=f"{summary.done:,}", total=f"{summary.doors:,}", percent=percent)


class CampaignsTab(ListTab):
    TABLES = TABLES

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(ctx, runner, parent)
        self.summary = None
        self._loaded: set[int] = set()  # sub-tabs loaded for the campaign shown

        self.new_button = QPushButton(_("&New…"))
        self.copy_button = QPushButton(_("Copy for next &month…"))
        self.reassign_button = QPushButton(_("&Reassign unfinished doors…"))
        self.archive_button = QPushButton(_("&Archive"))
        self._button_row(self.new_button, self.copy_button, self.reassign_button,
                         self.archive_button, self._files_button(files.fill_menu))
        self.new_button.clicked.connect(lambda: self.new_campaign())
        self.copy_button.clicked.connect(lambda: self.copy_campaign())
        self.reassign_button.clicked.connect(lambda: self.reassign())
        self.archive_button.clicked.connect(lambda: self.archive())

        left = self._list_column(_("Campaigns"), _("No campaigns yet. Start one with New…: "
                                                   "choose the form, the buildings and who "
                                                   "visits."))

        self.coverage = CoverageView()
        self.results = ResultsView()
        self.follow_ups = FollowUpsView()
        self.proposals = ProposalsView()
        self.review = ReviewView()
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        for widget, title in ((self.coverage, _("Coverage")), (self.results, _("Results")),
                              (self.follow_ups, _("Follow-ups")),
                              (self.proposals, _("Proposals")),
                              (self.review, _("To review"))):
            self.views.addTab(widget, title)
        self.views.setTabToolTip(PROPOSALS, _("Roster changes learnt at the door, for the "
                                              "office to accept or reject"))
        self.views.setTabToolTip(REVIEW, _("Visits kept but not counted: a door, household "
                                           "or form version this computer does not know"))
        self.views.currentChanged.connect(lambda _i: self._load_view())
        self.results.building_changed.connect(lambda _b: self._load_results())
        self.results.cross_changed.connect(self._load_cross)
        self.proposals.decide.connect(self.decide)
        right = self._with_message(self.views)

        self._lay_out(left, right, 0.26, 170, 260)
        self._update_buttons()

    # -- the list --------------------------------------------------------------------------

    def read_rows(self) -> list:
        return reads.campaign_rows(self._ctx.db)

    def list_item(self, row) -> tuple[str, str, str]:
        return (f"{row.name}\n{period_text(row)}\n{progress_text(row)}", row.id,
                row.purpose or row.name)

    def _update_buttons(self) -> None:
        chosen = self.summary is not None
        for button in (self.copy_button, self.reassign_button, self.archive_button,
                       self.files_button):
            button.setEnabled(chosen)
        self.views.setEnabled(chosen)

    # -- the chosen campaign's views -------------------------------------------------------

    def _show_current(self) -> None:
        campaign_id = self.current_id()
        self.message.clear()
        try:
            self.summary = reads.campaign(self._ctx.db, campaign_id) if campaign_id else None
        except LinliError as exc:
            self.summary = None
            self.message.setText(exc.message)
        self._loaded = set()
        self._update_buttons()
        self._count_lists()
        self._load_view()

    def _count_lists(self) -> None:
        """The lists' sizes in their tab titles: the office sees work waiting at a glance."""
        campaign_id = self.summary.id if self.summary else None
        waiting = reads.proposals(self._ctx.db, campaign_id) if campaign_id else []
        stray = reads.review(self._ctx.db, campaign_id) if campaign_id else []
        self.views.setTabText(PROPOSALS, _("Proposals ({count})").format(
            count=len(waiting)) if waiting else _("Proposals"))
        self.views.setTabText(REVIEW, _("To review ({count})").format(
            count=len(stray)) if stray else _("To review"))
        self._waiting, self._stray = waiting, stray

    def _load_view(self) -> None:
        index = self.views.currentIndex()
        if self.summary is None or index in self._loaded:
            return
        self._loaded.add(index)
        db, campaign_id = self._ctx.db, self.summary.id
        try:
            if index == COVERAGE:
                self.coverage.set_coverage(reads.coverage(db, campaign_id))
            elif index == RESULTS:
                self._load_results(buildings=True)
            elif index == FOLLOW_UPS:
                self.follow_ups.set_rows(reads.follow_ups(db, campaign_id))
            elif index == PROPOSALS:
                self.proposals.set_rows(self._waiting)
            elif index == REVIEW:
                self.review.set_rows(self._stray)
        except LinliError as exc:
            self.message.setText(exc.message)

    def _load_results(self, buildings: bool = False) -> None:
        if self.summary is None:
            return
        db, campaign_id = self._ctx.db, self.summary.id
        if buildings:
            coverage = reads.coverage(db, campaign_id)
            self.results.set_buildings([(b.building_id, b.label) for b in coverage.buildings
                                        if b.building_id])
        self.results.set_tallies(reads.tallies(db, campaign_id, self.results.building
                                               .currentData(), current_language()))

    def _load_cross(self, row: str, column: str) -> None:
        if self.summary is None:
            return
        try:
            self.results.set_cross_tab(reads.cross_tab(
                self._ctx.db, self.summary.id, row, column,
                self.results.building.currentData(), current_language()))
        except LinliError as exc:
            self.message.setText(exc.message)

    # -- commands ----------------------------------------------------------------------------

    def _write(self, work, label: str, done_text: str, select: str | None = None,
               message=None):
        """Unlike the other list tabs' (``ListTab._write``), this reloads the list itself,
        says a count in ``done_text`` and leaves the message as it was. ``message``: the
        label that says a refusal (beside the list it concerns)."""
        say = message or self.message

        def done(result, _changes) -> None:
            self.load(select)
            tell(self, done_text.format(count=result) if isinstance(result, int)
                 else done_text)

        return Operations.of(self._runner).write(
            self._ctx, work, label=label, parent=self, progress=False, on_done=done,
            on_refused=lambda error: say.setText(error.message))

    def new_campaign(self):
        from desktop.ui.visits.campaigns.new_dialog import NewCampaignDialog

        dialog = NewCampaignDialog(self._ctx, self._runner, parent=self)
        dialog.created.connect(self._created)
        return self._open(dialog)

    def copy_campaign(self):
        if self.summary is None:
            return None
        from types import SimpleNamespace

        from desktop.ui.visits.campaigns.new_dialog import NewCampaignDialog
        from desktop.visits.campaigns.service import copy_plan

        try:
            with self._ctx.db.reading() as session:
                plan = copy_plan(SimpleNamespace(session=session), self.summary.id)
        except LinliError as exc:
            self.message.setText(exc.message)
            return None
        dialog = NewCampaignDialog(self._ctx, self._runner, plan, self.summary.id, self)
        dialog.created.connect(self._created)
        return self._open(dialog)

    def _created(self, campaign_id: str) -> None:
        self.load(campaign_id)
        tell(self, _("The campaign was created."))

    def reassign(self):
        if self.summary is None:
            return None
        from desktop.ui.visits.campaigns.reassign_dialog import ReassignDialog

        dialog = ReassignDialog(self._ctx, self._runner, self.summary, self)
        dialog.moved.connect(lambda count: (self.load(), tell(self, ngettext(
            "{count} door was reassigned.", "{count} doors were reassigned.", count)
            .format(count=count))))
        return self._open(dialog)

    def archive(self, confirm: bool = True):
        if self.summary is None:
            return None
        if confirm and QMessageBox.question(
                self, _("Archive campaign"),
                _("Take {name} out of the list? Its visits and results are kept.").format(
                    name=self.summary.name)) != QMessageBox.StandardButton.Yes:
            return None
        from desktop.visits.campaigns.service import set_archived

        campaign_id = self.summary.id
        return self._write(lambda uow: set_archived(uow, campaign_id),
                           _("Archive campaign"), _("The campaign was archived."))

    def decide(self, proposal_id: str, accept: bool):
        from desktop.visits.doors.proposals import decide_proposal

        label = _("Accept roster proposal") if accept else _("Reject roster proposal")
        return self._write(lambda uow: decide_proposal(uow, proposal_id, accept), label,
                           _("The roster was changed as proposed.") if accept
                           else _("The proposal was rejected; the roster is unchanged."),
                           message=self.proposals.message)
