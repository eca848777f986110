"""The roster page: for now the size of the community's roster, and what is coming."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from desktop.context import AppContext
from desktop.core.i18n import _
from desktop.sync.stamping import ChangeSet
from desktop.roster.overview import RosterCounts, roster_counts
from desktop.ui.tasks import Lane, TaskRunner
from desktop.ui.widgets.page import Page

ROSTER_TABLES = {"resident", "household", "dwelling", "building", "compound", "community"}


class StatCard(QFrame):
    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statCard")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(2)
        self.value_label = QLabel("…")
        self.value_label.setObjectName("statValue")
        self.caption = QLabel(label)
        self.caption.setObjectName("statLabel")
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption)

    def set_value(self, value: int) -> None:
        self.value_label.setText(f"{value:,}")


class RosterPage(Page):
    key = "roster"

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(_("Resident roster"), "", parent)
        self._ctx = ctx
        self._runner = runner
        self._stale = True
        self.counts: RosterCounts | None = None

        self.cards = {
            "residents": StatCard(_("Residents")),
            "households": StatCard(_("Households")),
            "dwellings": StatCard(_("Dwellings")),
            "buildings": StatCard(_("Buildings")),
            "compounds": StatCard(_("Compounds")),
        }
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(14)
        for i, card in enumerate(self.cards.values()):
            grid.addWidget(card, 0, i)
        self.body.addLayout(grid)

        self.empty_hint = QLabel(
            _("The roster is empty. Importing residents from a spreadsheet comes with the next "
              "version of this page.")
        )
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setVisible(False)
        self.body.addWidget(self.empty_hint)

        soon = QFrame()
        soon.setObjectName("card")
        layout = QVBoxLayout(soon)
        layout.setContentsMargins(20, 16, 20, 18)
        layout.setSpacing(8)
        heading = QLabel(_("Coming to this page"))
        heading.setObjectName("cardHeading")
        layout.addWidget(heading)
        for point in (
            _("Find a resident in a moment by name, pinyin initials, ID number or phone."),
            _("Browse by compound, building, unit and dwelling; see each household."),
            _("Import the roster from Excel or CSV files, and print or export it."),
            _("Mark the groups the office looks after: the elderly, children, people living "
              "alone, party members."),
        ):
            label = QLabel("•  " + point)
            label.setObjectName("bullet")
            label.setWordWrap(True)
            layout.addWidget(label)
        self.body.addWidget(soon)
        self.body.addStretch(1)
        self.set_community_name("")

    def set_community_name(self, name: str) -> None:
        if name:
            self.set_subtitle(
                _("Places, households and residents of {community}.").format(community=name)
            )
        else:
            self.set_subtitle(_("Places, households and residents of the community."))

    def activated(self) -> None:
        if self._stale:
            self._stale = False
            self.load()

    def refresh(self, changes: ChangeSet | None = None) -> None:
        if changes is None or changes.tables & ROSTER_TABLES:
            self._stale = True
            if self.isVisible():
                self.activated()

    def load(self) -> None:
        db = self._ctx.db

        def count(_ctx) -> RosterCounts:
            with db.reading() as session:
                return roster_counts(session)

        self._runner.run(count, title=_("Counting the roster"), lane=Lane.DATABASE,
                         parent=self, progress=False, on_result=self._show)

    def _show(self, counts: RosterCounts) -> None:
        self.counts = counts
        for name, card in self.cards.items():
            card.set_value(getattr(counts, name))
        self.empty_hint.setVisible(counts.residents == 0)


