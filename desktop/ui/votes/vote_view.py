"""One vote on the Votes tab: the count with fast ballot entry, the ballots entered, the
dwellings not yet voted, and the proposal.

Entering a ballot is the hot path: the write goes through the window's one write path, and
as soon as it is in, the tally and margin are redrawn from the electorate held here (the
count is ``counting.tally``, the margin ``margins.margin_sentences``: the same functions the
core's ``vote_tally`` uses, on the same data, so the figures are the same); a full read (the
warnings, the lists) follows once the office pauses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from fractions import Fraction

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import LinliError
from desktop.core.i18n import _, format_date
from desktop.core.memory import cyclic_gc_paused
from desktop.ui.operations import Operations
from desktop.ui.votes import reads
from desktop.ui.votes.entry import BallotEntry
from desktop.ui.votes.lists import HistoryView, OutstandingView
from desktop.ui.votes.names import bar_text, item_text, state_label
from desktop.ui.votes.tally_view import TallyView
from desktop.ui.widgets.labels import message_label
from desktop.votes.counting import Elector, approval_gap, participation_gap, tally
from desktop.votes.margins import margin_sentences

COUNT, BALLOTS, OUTSTANDING, MATTER = range(4)
COUNT_WIDTH = 760  # px: the count and entry at most this wide


def read_vote(db, vote_id: str, today: dt.date) -> tuple:
    """What the view shows of a vote: (detail, tally, electorate). Qt-free: a worker may
    read it."""
    return (reads.detail(db, vote_id), reads.tally(db, vote_id, today),
            reads.electorate(db, vote_id))


class VoteView(QWidget):
    # A ballot was written here and the tally redrawn from it: the tab's reload of the
    # change that follows can wait for a pause in the entry.
    entered = Signal()

    def __init__(self, ctx, runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._runner = ctx, runner
        self.clock = dt.date.today
        self.detail = None
        self.result = None  # the VoteTally of the last full read
        self.electors: list = []  # ElectorRow, walking order
        self.opinions: dict[str, str] = {}  # dwelling id → counted opinion
        self._electorate: list[Elector] = []  # the count's electors, from ``electors``
        self._row_of: dict[str, int] = {}  # dwelling id → its place in ``electors``
        self._generation = 0  # reads begun and ballots typed: a read older than both waits
        self.task = None
        self.dialog = None
        self._loaded: set[int] = set()

        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.entry = BallotEntry()
        self.entry.find_wanted.connect(self.find)
        self.entry.cast.connect(self.record)
        self.tally_view = TallyView()
        count = QWidget()
        column = QVBoxLayout(count)
        column.setContentsMargins(6, 6, 10, 6)
        column.addWidget(self.tally_view.headline)
        column.addWidget(self.entry)
        column.addWidget(self.tally_view, 1)
        # On a wide screen the figures stay beside their names, the keys near the code.
        count.setMaximumWidth(COUNT_WIDTH)
        self.count_scroll = count_scroll = QScrollArea()
        count_scroll.setWidgetResizable(True)
        count_scroll.setFrameShape(QFrame.Shape.NoFrame)
        count_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        count_scroll.setWidget(count)

        self.history = HistoryView()
        self.history.include_late_changed.connect(self.set_include_late)
        self.outstanding = OutstandingView()
        self.proposal = QPlainTextEdit()
        self.proposal.setReadOnly(True)
        self.proposal.setAccessibleName(_("The proposal put to the vote"))
        matter = QWidget()
        matter_column = QVBoxLayout(matter)
        matter_column.setContentsMargins(6, 6, 6, 6)
        matter_column.addWidget(self.info)
        matter_column.addWidget(self.proposal, 1)
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        for widget, title in ((count_scroll, _("Count and entry")),
                              (self.history, _("Ballots")),
                              (self.outstanding, _("Not yet voted")),
                              (matter, _("Matter"))):
            self.views.addTab(widget, title)
        self.views.currentChanged.connect(lambda _i: self._load_view())
        self.message = message_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.views, 1)
        layout.addWidget(self.message)

    # -- showing a vote ------------------------------------------------------------------

    @property
    def vote_id(self) -> str | None:
        return self.detail.id if self.detail is not None else None

    @property
    def is_open(self) -> bool:
        return self.detail is not None and self.detail.closed_on is None

    def show_vote(self, vote_id: str | None) -> None:
        changed = vote_id != self.vote_id
        self.message.clear()
        try:
            self.detail = reads.detail(self._ctx.db, vote_id) if vote_id else None
        except LinliError as exc:
            self.detail = None
            self.message.setText(exc.message)
        if changed:
            self.count_scroll.verticalScrollBar().setValue(0)  # the outcome first
            self.entry.forget()
            if self.detail is not None:
                self.entry.set_period(self.detail.closes_on)
        self.reload()

    def reload(self) -> None:
        """Everything read anew: the tally with its warnings, the electorate, the lists."""
        generation = self.begin_read()
        if self.detail is None:
            self.apply_read(generation, None)
            return
        try:
            data = read_vote(self._ctx.db, self.detail.id, self.clock())
        except LinliError as exc:
            self.message.setText(exc.message)
            return
        self.apply_read(generation, data)

    def begin_read(self) -> int:
        """A read starts: what it brings is shown only if no ballot was typed meanwhile."""
        self._generation += 1
        return self._generation

    def apply_read(self, generation: int, data) -> bool:
        """Show a read (``read_vote``'s detail, tally and electorate; None: no vote) made
        since ``begin_read`` returned ``generation``; False when it came too late (a ballot
        typed since, or another vote shown) and was dropped."""
        if generation != self._generation or (
                data is not None and data[0].id != self.vote_id):
            return False
        self._loaded = set()
        self.views.setEnabled(data is not None)
        if data is None:
            self.result, self.electors, self.opinions = None, [], {}
            self._electorate, self._row_of = [], {}
            self.info.clear()
            self.proposal.clear()
            return True
        detail, self.result, self.electors = data
        self.detail = detail
        self.opinions = {r.dwelling_id: r.opinion for r in self.electors
                         if r.opinion is not None and not r.excluded}
        # Made once per read, not per ballot: 5,000 of them cost more than the count itself.
        # Largest areas first, ties in walking order: the order the margins rank the
        # dwellings not yet voted in, so their sort finds it done (the count does not depend
        # on the order; the margins' ties follow walking order either way).
        members = sorted((r for r in self.electors if not r.excluded),
                         key=lambda r: (-(r.area or 0), r.walk_order))
        self._electorate = [Elector(r.dwelling_id, Fraction(r.area or 0), r.owner_key)
                            for r in members]
        self._row_of = {r.dwelling_id: n for n, r in enumerate(self.electors)}
        self.info.setText("\n".join((
            item_text(detail.item), bar_text(detail.item),
            _("Who votes: {scope}").format(scope=detail.scope),
            _("Collection period: {start} – {end} ({state})").format(
                start=format_date(detail.opens_on), end=format_date(detail.closes_on),
                state=state_label(detail.state)))))
        self.entry.setVisible(self.is_open)
        self.proposal.setPlainText(detail.proposal)
        self.tally_view.show_tally(self.result.tally, self.result.sentences,
                                   self.result.warnings, closed=not self.is_open)
        self._load_view()
        return True

    def _load_view(self) -> None:
        index = self.views.currentIndex()
        if self.detail is None or index in self._loaded:
            return
        self._loaded.add(index)
        try:
            if index == BALLOTS:
                self.history.set_include_late(self.detail.include_late, self.is_open)
                self.history.set_rows(reads.history(self._ctx.db, self.detail.id))
            elif index == OUTSTANDING:
                self.outstanding.set_rows(self.electors, self.is_open)
        except LinliError as exc:
            self.message.setText(exc.message)

    # -- the fast redraw -----------------------------------------------------------------

    def redraw(self) -> None:
        """The tally and margin from the electorate held here, after a ballot went in."""
        # The count makes some 10,000 short-lived objects, freed as it ends; a cyclic
        # collection of the whole heap falling inside it would triple the office's wait.
        with cyclic_gc_paused():
            result = tally(self.detail.item, self._electorate, self.opinions)
            sentences = margin_sentences(result, participation_gap(result),
                                         approval_gap(result))
        warnings = self.result.warnings if self.result is not None else ()
        self.tally_view.show_tally(result, sentences, warnings, closed=not self.is_open)

    # -- ballot entry --------------------------------------------------------------------

    def find(self, text: str) -> None:
        if self.detail is None:
            return
        try:
            rows = reads.find(self._ctx.db, self.detail.id, text, self.electors)
        except LinliError as exc:
            self.entry.show_problem(exc.message)
            return
        self.entry.show_matches(rows)

    def record(self, row, opinion: str, proxy: str, cast_on: dt.date):
        from desktop.votes.ballots import record_ballot

        if not self.is_open:
            return None
        vote_id, dwelling_id = self.detail.id, row.dwelling_id
        operator = self._ctx.operator
        late = cast_on > self.detail.closes_on
        counts = not row.excluded and (not late or self.detail.include_late)

        def done(_ballot_id, _changes) -> None:
            if self.vote_id != vote_id:
                return  # another vote was chosen meanwhile: it is read afresh anyway
            self._generation += 1  # a read begun before this ballot must not undo its redraw
            if counts:
                self.opinions[dwelling_id] = opinion
                n = self._row_of[dwelling_id]
                self.electors[n] = replace(self.electors[n], opinion=opinion, late=late,
                                           source="office", proxy_name=proxy)
            self.redraw()
            self.entry.recorded(row, opinion, late)
            self._loaded.discard(BALLOTS)
            self._loaded.discard(OUTSTANDING)
            self.entered.emit()

        self.entry.clear_problem()
        self.task = Operations.of(self._runner).write(
            self._ctx, lambda uow: record_ballot(uow, vote_id, dwelling_id, opinion, cast_on,
                                                 proxy_name=proxy, source="office",
                                                 recorded_by=operator),
            label=_("Ballot for {address}").format(address=row.address), parent=self,
            progress=False, on_done=done, on_refused=self._refused)
        return self.task

    def _refused(self, error) -> None:
        """Nothing was written: say why, and be ready for the next ballot."""
        self.entry.restart()
        self.entry.show_problem(error.message)

    def set_include_late(self, include: bool):
        from desktop.votes.service import set_include_late

        if self.detail is None:
            return None
        vote_id = self.detail.id
        self.message.clear()
        return Operations.of(self._runner).write(
            self._ctx, lambda uow: set_include_late(uow, vote_id, include),
            label=_("Count late ballots") if include else _("Leave late ballots out"),
            parent=self, progress=False, on_done=lambda *_a: self.reload(),
            on_refused=lambda error: (self.message.setText(error.message), self.reload()))

    def _open(self, dialog):
        self.dialog = dialog
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()
        return dialog
