"""The Coverage sub-tab: the legend, every building of the campaign drawn door by door, and
the counts per building, per visitor and per day (one table at a time: the window is small).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _, format_date, ngettext
from desktop.ui.visits.campaigns.building_grid import BuildingGrid
from desktop.ui.visits.campaigns.grid_table import GridTable
from desktop.ui.visits.campaigns.states import STATES, state_color, state_label
from desktop.ui.widgets.flow import FlowLayout

BATCH = 40  # buildings drawn at a time (a screenful or two)


def _percent(done: int, total: int) -> str:
    return f"{round(100 * done / total)} %" if total else "—"


def swatch(state: str, size: int = 12) -> QLabel:
    picture = QPixmap(size, size)
    picture.fill(QColor("#9ca3af"))  # an edge, so the pale "not visited" shows on white
    painter = QPainter(picture)
    painter.fillRect(1, 1, size - 2, size - 2, QColor(state_color(state)))
    painter.end()
    label = QLabel()
    label.setPixmap(picture)
    return label


class Legend(QWidget):
    """Each state's colour, name and how many doors are in it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = FlowLayout(self, spacing=12)
        self.labels: dict[str, QLabel] = {}
        for state in STATES:
            item = QWidget()
            row = QHBoxLayout(item)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(4)
            row.addWidget(swatch(state))
            self.labels[state] = QLabel(state_label(state))
            row.addWidget(self.labels[state])
            self.flow.addWidget(item)

    def set_counts(self, by_state: dict[str, int]) -> None:
        for state, label in self.labels.items():
            label.setText(_("{state} {count}").format(state=state_label(state),
                                                      count=f"{by_state.get(state, 0):,}"))


class CoverageView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.coverage = None
        self.grids: list[BuildingGrid] = []  # the buildings drawn so far, in walking order
        self._waiting: list = []  # the buildings still to draw, when scrolled to
        self.legend = Legend()
        self.show_combo = QComboBox()
        self.show_combo.setAccessibleName(_("Show"))
        for text in (_("Picture of the buildings"), _("Counts per building"),
                     _("Counts per visitor"), _("Counts per day")):
            self.show_combo.addItem(text)
        self.total = QLabel()
        self.total.setObjectName("cardHeading")
        top = QHBoxLayout()
        top.addWidget(self.total, 1)
        top.addWidget(self.show_combo)

        self.picture = QWidget()
        self.picture_flow = FlowLayout(self.picture, spacing=18, line_spacing=12)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.picture)
        self.buildings = GridTable([_("Building"), _("Doors"), _("Done"), _("Done %"),
                                    _("Attempts"), *(state_label(s) for s in STATES)],
                                   _("Counts per building"))
        self.visitors = GridTable([_("Visitor"), _("Doors"), _("Done"), _("Done %"),
                                   _("Visits made")], _("Counts per visitor"))
        self.days = GridTable([_("Day"), _("Visits"), _("Doors done")], _("Counts per day"))
        self.stack = QStackedWidget()
        for widget in (self.scroll, self.buildings, self.visitors, self.days):
            self.stack.addWidget(widget)
        self.show_combo.currentIndexChanged.connect(self.stack.setCurrentIndex)
        bar = self.scroll.verticalScrollBar()
        bar.valueChanged.connect(self._more_near_the_end)
        bar.rangeChanged.connect(self._more_near_the_end)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.legend)
        layout.addWidget(self.stack, 1)

    def _more_near_the_end(self, *_args) -> None:
        bar = self.scroll.verticalScrollBar()
        if self._waiting and bar.maximum() - bar.value() <= self.scroll.viewport().height():
            self._add_batch()  # the page grows: rangeChanged asks again until it is full

    def _add_batch(self) -> None:
        batch, self._waiting = self._waiting[:BATCH], self._waiting[BATCH:]
        # Off while the cards go in: a shown flow layout places every card again for each
        # card added.
        self.picture_flow.setEnabled(False)
        for building in batch:
            card = QWidget()
            column = QVBoxLayout(card)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(4)
            title = QLabel(_("{building}: {done} of {total} done").format(
                building=building.label, done=building.counts.done,
                total=building.counts.doors))
            title.setObjectName("cardHeading")
            grid = BuildingGrid(building)
            column.addWidget(title)
            column.addWidget(grid, 0, Qt.AlignmentFlag.AlignLeft)
            self.grids.append(grid)
            self.picture_flow.addWidget(card)
        self.picture_flow.setEnabled(True)
        self.picture_flow.invalidate()

    def set_coverage(self, coverage) -> None:
        self.coverage = coverage
        totals = coverage.totals
        self.total.setText(ngettext("{done} of {total} door done ({percent})",
                                    "{done} of {total} doors done ({percent})", totals.doors)
                           .format(done=f"{totals.done:,}", total=f"{totals.doors:,}",
                                   percent=_percent(totals.done, totals.doors)))
        self.legend.set_counts(totals.by_state)
        # A new page, not yet shown, replaces the old one at once; its buildings are drawn a
        # batch at a time as the page is scrolled near its end: a sub-district's 1,000 grids
        # drawn at once took seconds, most of them for buildings no one scrolled to.
        self.picture = QWidget()
        self.picture_flow = FlowLayout(self.picture, spacing=18, line_spacing=12)
        self.grids = []
        self._waiting = list(coverage.buildings)
        self._add_batch()
        self.scroll.setWidget(self.picture)  # the old page is deleted with its cards
        self.buildings.set_rows([
            (b.label, b.counts.doors, b.counts.done, _percent(b.counts.done, b.counts.doors),
             b.counts.attempts, *(b.counts.by_state.get(s, 0) for s in STATES))
            for b in coverage.buildings])
        self.visitors.set_rows([
            (v.name, v.counts.doors, v.counts.done, _percent(v.counts.done, v.counts.doors),
             v.visits) for v in coverage.visitors])
        self.days.set_rows([(format_date(d.day), d.visits, d.doors_done)
                            for d in coverage.days])
