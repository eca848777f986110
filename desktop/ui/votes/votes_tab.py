"""The Votes tab: the list of votes (title, matter, scope, period, state, how many have voted)
with New vote…, Print and export, Share cost… and Close the count…; and beside it the chosen
vote (``VoteView``): the live count with fast ballot entry, the ballots, the dwellings not yet
voted, the proposal.

Reads go through ``reads`` (plain data); every write through the window's one write path;
printing and exports run on the files lane with progress and Cancel (``files``)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from desktop.core.i18n import _, format_date
from desktop.ui.votes import files, reads, sheet_import
from desktop.ui.votes.names import item_number, state_label
from desktop.ui.votes.vote_view import VoteView
from desktop.ui.widgets.list_tab import ListTab
from desktop.ui.widgets.status import tell
from desktop.ui.widgets.timers import pause_timer

# The tables a vote's views are made of: a write touching one reloads the tab.
TABLES = {"vote", "vote_dwelling", "ballot", "visit", "campaign", "dwelling",
          "dwelling_owner", "resident", "building", "compound"}
# After a ballot typed here (already drawn), the full reload waits for a pause in the entry.
SETTLE_MS = 800


def vote_line(row) -> str:
    period = _("{start} – {end}").format(start=format_date(row.opens_on),
                                         end=format_date(row.closes_on))
    voted = _("{voted} of {electors} voted").format(voted=f"{row.voted:,}",
                                                    electors=f"{row.electors:,}")
    return (f"{row.title}\n{item_number(row.item)} · {row.scope}\n{period}\n"
            f"{state_label(row.state)} · {voted}")


class VotesTab(ListTab):
    TABLES = TABLES

    def __init__(self, ctx, runner, parent: QWidget | None = None):
        super().__init__(ctx, runner, parent)
        self.clock = dt.date.today
        self.made = None
        self.exported = None
        self.imported = None  # the last sheet's BallotImportReport
        self.draft = None  # a new vote left to fix the register first (a VoteDraft)
        self._entered = False
        self._settle = pause_timer(self, SETTLE_MS, lambda: self.load_later())

        self.new_button = QPushButton(_("&New vote…"))
        self.edit_button = QPushButton(_("&Edit…"))
        self.edit_button.setToolTip(_("The title, the proposal and the collection period"))
        self.share_button = QPushButton(_("Share &cost…"))
        self.close_button = QPushButton(_("C&lose the count…"))
        self._button_row(self.new_button, self.edit_button, self._files_button(files.fill_menu),
                         self.share_button, self.close_button)
        self.new_button.clicked.connect(lambda: self.new_vote())
        self.edit_button.clicked.connect(lambda: self.edit_vote())
        self.share_button.clicked.connect(lambda: self.share_cost())
        self.close_button.clicked.connect(lambda: self.close_count())

        left = self._list_column(_("Votes"), _("No votes yet. Start one with New vote…: the "
                                               "matter, the buildings, the period."))

        self.view = VoteView(ctx, runner)
        self.view.clock = lambda: self.clock()
        self.view.entered.connect(self._ballot_entered)
        self.view.outstanding.revisit_wanted.connect(lambda: self.revisit())
        self.view.outstanding.print_wanted.connect(lambda: files.print_outstanding(self))
        self.view.history.import_wanted.connect(lambda: sheet_import.choose_sheet(self))
        self.message = self.view.message

        self._lay_out(left, self.view, 0.24, 150, 240)
        self._update_buttons()

    @property
    def detail(self):
        return self.view.detail

    # -- the list --------------------------------------------------------------------------

    def refresh(self, changes=None) -> None:
        if self._entered and changes is not None and changes.tables <= {"ballot"}:
            # A ballot typed here: the count is drawn already; the rest waits for a pause.
            self._entered = False
            self._settle.start()
            return
        super().refresh(changes)

    def load(self, select: str | None = None) -> None:
        self._settle.stop()
        super().load(select)

    def read_rows(self) -> list:
        return reads.vote_rows(self._ctx.db, self.clock())

    def list_item(self, row) -> tuple[str, str, str]:
        return vote_line(row), row.id, row.title

    def load_later(self):
        """``load`` with the reading done off the UI thread (the list and the chosen vote:
        a fifth of a second on a 5,000-dwelling vote), as the office pauses between ballots;
        dropped if a ballot is typed before it is back."""
        from desktop.ui.tasks import Failed, Lane, inline
        from desktop.ui.votes.vote_view import read_vote

        self._settle.stop()
        db, today, vote_id = self._ctx.db, self.clock(), self.view.vote_id
        generation = self.view.begin_read()

        def work(_task_ctx):
            return (reads.vote_rows(db, today),
                    read_vote(db, vote_id, today) if vote_id else None)

        def done(result) -> None:
            if isinstance(result, Failed) or self.current_id() != vote_id:
                self.load()  # the vote is gone, or another was chosen meanwhile
                return
            self.rows, data = result
            self._fill_list(vote_id)
            self.view.apply_read(generation, data)
            self._update_buttons()

        return self._runner.run(inline(work), title=_("Reading the vote"), lane=Lane.FILES,
                                parent=self, on_result=done, progress=False)

    def _show_current(self) -> None:
        self.view.show_vote(self.current_id())
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.detail is not None
        self.files_button.setEnabled(chosen)
        self.share_button.setEnabled(chosen)
        self.close_button.setEnabled(chosen and self.view.is_open)
        self.edit_button.setEnabled(chosen and self.view.is_open)

    def _ballot_entered(self) -> None:
        self._entered = True

    # -- commands ----------------------------------------------------------------------------

    def new_vote(self):
        from desktop.ui.votes.new_vote_dialog import NewVoteDialog

        dialog = NewVoteDialog(self._ctx, self._runner, parent=self)
        if self.draft is not None:
            dialog.set_draft(self.draft)  # as it was left to fix the register
        dialog.created.connect(self._created)
        dialog.register_wanted.connect(self._show_register)
        return self._open(dialog)

    def _created(self, vote_id: str) -> None:
        self.draft = None
        self.load(vote_id)
        tell(self, _("The vote was created; its ballots can be printed now."))
        self.view.entry.code.setFocus()

    def _show_register(self, draft=None) -> None:
        """The owner register's tab of this page, where the gaps are fixed; the vote as
        typed so far waits for New vote… again."""
        self.draft = draft
        page = self.parent()
        while page is not None and not hasattr(page, "show_register"):
            page = page.parent()
        if page is not None:
            page.show_register()

    def edit_vote(self):
        if self.detail is None or not self.view.is_open:
            return None
        from desktop.ui.votes.edit_dialog import EditVoteDialog

        dialog = EditVoteDialog(self._ctx, self._runner, self.detail, self)
        dialog.saved.connect(lambda vote_id: (self.load(vote_id),
                                              tell(self, _("The vote was saved."))))
        return self._open(dialog)

    def close_count(self, confirm: bool = True):
        if self.detail is None or not self.view.is_open:
            return None
        detail = self.detail
        if confirm and QMessageBox.question(
                self, _("Close the count"),
                _("Close the count of “{title}”? The result is fixed as it stands now and no "
                  "more ballots can be entered.").format(title=detail.title)
        ) != QMessageBox.StandardButton.Yes:
            return None
        from desktop.votes.service import close_vote

        vote_id, today = detail.id, self.clock()
        return self._write(lambda uow: close_vote(uow, vote_id, today),
                           _("Close the count of {title}").format(title=detail.title),
                           _("The count was closed. Print the result notice to post it."))

    def revisit(self):
        if self.detail is None:
            return None
        from desktop.ui.votes.revisit_dialog import RevisitDialog

        dialog = RevisitDialog(self._ctx, self._runner, self.detail,
                               len(self.view.outstanding.rows), self)
        return self._open(dialog)

    def share_cost(self):
        if self.detail is None:
            return None
        from desktop.ui.votes.share_dialog import ShareDialog

        return self._open(ShareDialog(self._ctx, self._runner, self.detail, self))
