"""The Three lists tab (问题·责任·整改): every action item across meetings — open, overdue,
closed this month — by responsible party and by compound, each item's age and the meeting it
came from; and the resolution rate per party and month (closed on time ÷ due), as a chart."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import LinliError
from desktop.core.i18n import _, format_date, ngettext
from desktop.ui.meetings import files, names, reads
from desktop.ui.meetings.carried import OVERDUE, responsible_text, status_text
from desktop.ui.meetings.rate_chart import RateChart
from desktop.ui.widgets.labels import message_label

TABLES = {"action_item", "action_progress", "meeting", "compound"}
SUMMARY, RATE, OPEN, OVERDUE_TAB, CLOSED = range(5)


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.setTabKeyNavigation(False)
    table.setWordWrap(False)
    return table


def _fill(table: QTableWidget, rows: list[tuple], red: list[bool] | None = None,
          red_column: int | None = None) -> None:
    """``red``: the rows shown red (overdue); only their ``red_column`` when given."""
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            item = QTableWidgetItem(str(value))
            item.setToolTip(str(value))
            if red and red[r] and red_column in (None, c):
                item.setForeground(OVERDUE)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    for column in range(table.columnCount()):
        table.setColumnWidth(column, min(table.columnWidth(column), 240))


def resolved_on(row) -> dt.date | None:
    """The day an item was resolved, as the tracker counts it (``tracking``): done or closed,
    on the first of its done and closed days; None while open."""
    if row.status not in ("done", "closed"):
        return None
    days = [day for day in (row.done_on, row.closed_on) if day]
    return min(days) if days else None


def month_labels(months) -> list[str]:
    """"2026-1" at the first month and each January, the month's number elsewhere: twelve
    fit side by side."""
    return [f"{m.year}-{m.month}" if i == 0 or m.month == 1 else str(m.month)
            for i, m in enumerate(months)]


class TrackerTab(QWidget):
    def __init__(self, ctx, runner, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx, self._runner = ctx, runner
        self.detail = None  # the files menu's export works without a meeting
        self.clock = dt.date.today  # what "overdue" and "this month" are measured against
        self.today = self.clock()
        self.rows = []
        self.figures = None
        self.party = QComboBox()
        self.party.setAccessibleName(_("Responsible party"))
        self.party.addItem(_("Every party"), None)
        names.fill_combo(self.party, names.PARTIES,
                         ("community", "owners_committee", "property_company", "other"))
        self.compound = QComboBox()
        self.compound.setAccessibleName(_("Compound"))
        self.party.currentIndexChanged.connect(lambda _i: self._load_rows())
        self.compound.currentIndexChanged.connect(lambda _i: self._load_rows())
        self.dialog = None
        self.new_button = QPushButton(_("&New item…"))
        self.new_button.setToolTip(_("An item raised between meetings (a complaint, a work "
                                     "order); the next meeting takes it up"))
        self.new_button.clicked.connect(lambda: self.new_item())
        self.export_button = QPushButton(_("&Export…"))
        self.export_button.clicked.connect(
            lambda: files.export_actions(self, party=self.party.currentData()))
        party_caption = QLabel(_("&Party:"))
        party_caption.setBuddy(self.party)
        compound_caption = QLabel(_("C&ompound:"))
        compound_caption.setBuddy(self.compound)
        top = QHBoxLayout()
        for widget in (party_caption, self.party, compound_caption, self.compound):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.new_button)
        top.addWidget(self.export_button)
        self.counts = QLabel()
        self.counts.setWordWrap(True)

        self.summary = _table([_("Party or compound"), _("Open"), _("Overdue"), _("Done"),
                               _("Closed this month"), _("Oldest open (days)")])
        self.summary.setAccessibleName(_("Counts by party and compound"))
        self.chart = RateChart()
        self.chart.setAccessibleName(_("Resolution rate per party and month"))
        chart_box = QWidget()
        chart_column = QVBoxLayout(chart_box)
        chart_column.setContentsMargins(0, 0, 0, 0)
        self.chart_title = QLabel(_("Resolution rate per month: items closed on time ÷ items "
                                    "due; above each month, all parties together."))
        self.chart_title.setWordWrap(True)
        chart_column.addWidget(self.chart_title)
        chart_column.addWidget(self.chart, 1)
        headers = [_("No."), _("Problem"), _("Responsible"), _("Remedy"), _("Due"),
                   _("Status"), _("Age (days)"), _("From meeting"), _("Compound")]
        self.open_table, self.overdue_table, self.closed_table = (
            _table(headers), _table(headers), _table(headers))
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        for widget, title in ((self.summary, _("Summary")), (chart_box, _("Resolution rate")),
                              (self.open_table, _("Open")),
                              (self.overdue_table, _("Overdue")),
                              (self.closed_table, _("Closed this month"))):
            self.views.addTab(widget, title)
        self.message = message_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.counts)
        layout.addWidget(self.views, 1)
        layout.addWidget(self.message)

    def heightForWidth(self, width: int) -> int:  # the tables scroll on their own
        return self.minimumSizeHint().height()

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumSizeHint().height())

    def refresh(self, changes=None) -> None:
        if changes is None or changes.tables & TABLES:
            self.load()

    def load(self) -> None:
        self.today = self.clock()
        chosen = self.compound.currentData()
        self.compound.blockSignals(True)
        self.compound.clear()
        self.compound.addItem(_("Every compound"), None)
        for compound_id, name in reads.compounds(self._ctx.db):
            self.compound.addItem(name, compound_id)
        names.choose(self.compound, chosen)
        self.compound.blockSignals(False)
        self._load_figures()
        self._load_rows()

    def _load_figures(self) -> None:
        from desktop.meetings.tracking import format_rate

        self.figures = figures = reads.tracker(self._ctx.db, self.today)
        lines = [*figures.by_party, *figures.by_compound, figures.total]
        _fill(self.summary, [(c.label or _("No compound"), c.open, c.overdue, c.done,
                              c.closed_this_month,
                              "" if c.oldest_open_days is None else c.oldest_open_days)
                             for c in lines], [c.overdue > 0 for c in lines], 2)
        shown = [party for party, rates in figures.rates.items() if any(r.due for r in rates)]
        self.chart.set_rates(month_labels(figures.months), [
            (names.name(names.PARTIES, party),
             [(None if r.rate is None else float(r.rate), format_rate(r.rate))
              for r in figures.rates[party]]) for party in shown],
            [(None if r.rate is None else float(r.rate), format_rate(r.rate))
             for r in figures.overall])

    def _load_rows(self) -> None:
        self.message.clear()
        try:
            self.rows = reads.actions(self._ctx.db, self.today,
                                      party=self.party.currentData(),
                                      compound_id=self.compound.currentData())
        except LinliError as exc:
            self.rows = []
            self.message.setText(exc.message)
        month = self.today.replace(day=1)
        still_open = [r for r in self.rows if r.status not in ("done", "closed")]
        overdue = [r for r in self.rows if r.overdue]
        closed = [r for r in self.rows if month <= (resolved_on(r) or dt.date.min) <= self.today]
        for table, rows in ((self.open_table, still_open), (self.overdue_table, overdue),
                            (self.closed_table, closed)):
            _fill(table, [(r.number, r.problem, responsible_text(r), r.remedy,
                           format_date(r.due) if r.due else "", status_text(r), r.age_days,
                           r.origin, r.compound) for r in rows], [r.overdue for r in rows])
        self.views.setTabText(OPEN, _("Open ({count})").format(count=len(still_open)))
        self.views.setTabText(OVERDUE_TAB, _("Overdue ({count})").format(count=len(overdue)))
        self.views.setTabText(CLOSED, _("Closed this month ({count})").format(
            count=len(closed)))
        self.counts.setText(ngettext("{count} item in the lists: {open} open, {overdue} "
                                     "overdue, {closed} closed this month.",
                                     "{count} items in the lists: {open} open, {overdue} "
                                     "overdue, {closed} closed this month.", len(self.rows))
                            .format(count=len(self.rows), open=len(still_open),
                                    overdue=len(overdue), closed=len(closed)))

    def new_item(self):
        from desktop.ui.meetings.new_item_dialog import NewItemDialog

        self.dialog = dialog = NewItemDialog(self._ctx, self._runner,
                                             reads.compounds(self._ctx.db), self.today, self)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()
        return dialog
