"""The Overview tab: the roster's size at a glance, then how it is made up, as bar charts.

Copy as image (Ctrl+Shift+C) and Save image… give the whole overview as one picture for the
residents' groups: laid out in one column 540 px wide and drawn at 2× (1080 px, a phone's
width), on white (desktop.ui.widgets.pictures)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtGui import QImage, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _
from desktop.roster import codes
from desktop.roster.overview import RosterCounts, RosterOverview
from desktop.ui.roster.bar_chart import BarChart
from desktop.ui.roster.columns import translated_tag
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.flow import FlowLayout
from desktop.ui.widgets.labels import message_label
from desktop.ui.widgets.pictures import (
    PHONE_WIDTH,
    Picture,
    PictureActions,
    widget_image,
)

MAX_BUILDINGS_SHOWN = 40  # the biggest ones; the tree on the left lists them all
PICTURE_SCALE = 2  # the picture is drawn at 2×: sharp on a phone
PICTURE_MARGIN = 12  # px of white around it, so the cards do not touch a chat bubble's edge


class StatCard(QFrame):
    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statCard")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(2)
        self.value_label = QLabel("…")
        self.value_label.setObjectName("statValue")
        self.caption = QLabel(label)
        self.caption.setObjectName("statLabel")
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption)

    def set_value(self, value: int) -> None:
        self.value_label.setText(f"{value:,}")


def age_band_label(key: str) -> str:
    if key == "unknown":
        return _("Unknown")
    low, _sep, high = key.partition("-")
    if not high:
        return _("{low} and over").format(low=low)
    return _("{low}–{high}").format(low=low, high=high)


class ChartCard(QFrame):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(6)
        self.heading = QLabel(title)
        self.heading.setObjectName("cardHeading")
        layout.addWidget(self.heading)
        self.chart = BarChart()
        self.chart.setAccessibleName(title)
        layout.addWidget(self.chart)
        layout.addStretch(1)


class OverviewTab(QScrollArea):
    """Cards with the counts, and five charts; clicking an age band or tag filters the roster."""

    age_band_chosen = Signal(object, object)  # low, high (None = open)
    tag_chosen = Signal(str)  # tag code
    status_chosen = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        content.setObjectName("pageContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 10, 0, 10)
        layout.setSpacing(12)

        # Copy as image / Save image… — left out of the picture itself.
        self.picture_message = message_label()
        self.pictures = PictureActions(self, self.picture, runner,
                                       say=self.picture_message.setText)
        self.picture_bar = QWidget()
        bar = QHBoxLayout(self.picture_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.picture_message, 1)
        bar.addWidget(self.pictures.copy_button)
        bar.addWidget(self.pictures.save_button)
        layout.addWidget(self.picture_bar)
        # Only in the picture: in a chat, nothing else says what the numbers are, or when.
        self.picture_heading = QLabel()
        self.picture_heading.setObjectName("pageTitle")
        self.picture_heading.setWordWrap(True)
        self.picture_heading.hide()
        layout.addWidget(self.picture_heading)

        self.cards = {
            "residents": StatCard(_("Residents")),
            "households": StatCard(_("Households")),
            "dwellings": StatCard(_("Dwellings")),
            "buildings": StatCard(_("Buildings")),
            "compounds": StatCard(_("Compounds")),
        }
        row = FlowLayout(spacing=12, line_spacing=12)  # a small window wraps the cards
        for card in self.cards.values():
            row.addWidget(card)
        layout.addLayout(row)

        self.age = ChartCard(_("Living residents by age"))
        self.tags = ChartCard(_("Groups the office looks after"))
        self.status = ChartCard(_("Residence status"))
        self.compounds = ChartCard(_("Residents by compound"))
        self.buildings = ChartCard(_("Residents by building (largest {count})").format(
            count=MAX_BUILDINGS_SHOWN))
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(12)
        self._columns = 0
        self._arrange(2)
        layout.addLayout(self.grid)
        layout.addStretch(1)
        self.setWidget(content)

        self._age_keys: dict[str, tuple[int | None, int | None]] = {}
        self.age.chart.activated.connect(self._age_clicked)
        self.tags.chart.activated.connect(self.tag_chosen)
        self.status.chart.activated.connect(self.status_chosen)
        self.overview: RosterOverview | None = None

    def _arrange(self, columns: int) -> None:
        """The charts in two columns, or in one when two would not fit side by side."""
        if columns == self._columns:
            return
        self._columns = columns
        for chart in (self.age, self.status, self.tags, self.compounds, self.buildings):
            self.grid.removeWidget(chart)
        paired = (self.age, self.status, self.tags, self.compounds)
        for i, chart in enumerate(paired):
            self.grid.addWidget(chart, i // columns, i % columns)
        self.grid.addWidget(self.buildings, len(paired) // columns, 0, 1, columns)
        for column in (0, 1):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def _fits_two_columns(self) -> bool:
        charts = (self.age, self.status, self.tags, self.compounds)
        widest = max(chart.minimumSizeHint().width() for chart in charts)
        return self.viewport().width() >= 2 * widest + self.grid.horizontalSpacing()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(2 if self._fits_two_columns() else 1)
        super().resizeEvent(event)

    def show_counts(self, counts: RosterCounts) -> None:
        for name, card in self.cards.items():
            card.set_value(getattr(counts, name))

    def show_overview(self, overview: RosterOverview) -> None:
        self.overview = overview
        self.show_counts(overview.counts)
        # Living residents, as the tree and the table count them (moved-out and deceased
        # people stay on the roster but are not among the community's residents).
        self.cards["residents"].set_value(overview.extra.get("living", overview.counts.residents))
        self.age.chart.set_bars([(b.key, age_band_label(b.key), b.count)
                                 for b in overview.age_bands])
        self.tags.chart.set_bars([(b.key, translated_tag(b.key) if b.key else b.label, b.count)
                                  for b in overview.tags])
        self.status.chart.set_bars([
            (b.key, _(codes.RESIDENCE_STATUSES[b.key]) if b.key in codes.RESIDENCE_STATUSES
             else b.key, b.count) for b in overview.residence_statuses])
        self.compounds.chart.set_bars([(b.key, b.label, b.count)
                                       for b in sorted(overview.compounds,
                                                       key=lambda b: -b.count)])
        biggest = sorted(overview.buildings, key=lambda b: -b.count)[:MAX_BUILDINGS_SHOWN]
        self.buildings.chart.set_bars([(b.key, b.label, b.count) for b in biggest])
        self._arrange(2 if self._fits_two_columns() else 1)  # the labels' widths changed

    # -- the picture -----------------------------------------------------------------------

    def picture(self) -> Picture | None:
        if self.overview is None:
            self.picture_message.setText(_("The overview is still being counted."))
            return None
        title = _("Roster overview")
        dated = _("{title} {date}").format(title=title, date=dt.date.today().isoformat())
        return Picture(title, dated, image=self.overview_image(dated))

    def overview_image(self, heading: str = "") -> QImage:
        """The cards and charts in one column at a phone's width, drawn at 2× on white; the
        tab is laid out again as it was before anything is painted on screen."""
        content = self.widget()
        layout = content.layout()
        width = PHONE_WIDTH // PICTURE_SCALE - 2 * PICTURE_MARGIN
        old_size = content.size()
        self.setWidgetResizable(False)  # else the scroll area fits it back to its viewport
        self.picture_bar.hide()
        self.picture_heading.setText(heading)
        self.picture_heading.setVisible(bool(heading))
        self._arrange(1)
        try:
            layout.activate()  # the one-column minimum size, before resizing to it
            width = max(width, layout.totalMinimumSize().width())
            height = (layout.totalHeightForWidth(width) if layout.hasHeightForWidth()
                      else layout.totalSizeHint().height())
            content.resize(width, max(height, layout.totalMinimumSize().height()))
            layout.activate()
            return widget_image(content, scale=PICTURE_SCALE, margin=PICTURE_MARGIN)
        finally:
            self.picture_bar.show()
            self.picture_heading.hide()
            content.resize(old_size)
            self.setWidgetResizable(True)
            self._arrange(2 if self._fits_two_columns() else 1)
            layout.invalidate()

    def _age_clicked(self, key: str) -> None:
        if key == "unknown":
            return
        low, _sep, high = key.partition("-")
        self.age_band_chosen.emit(int(low), int(high) if high else None)
