"""The Results sub-tab: per question, the counts and percentages with a bar chart (a filter
by building), and one cross-tab of two choice questions."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _, format_number
from desktop.ui.roster.bar_chart import BarChart
from desktop.ui.visits.campaigns.grid_table import GridTable


def _number(value: float | None) -> str:
    return "—" if value is None else format_number(round(value, 1))


def choice_bars(tally) -> list[tuple[str, str, int]]:
    """(key, "label (40 %)", count) for the bar chart: the share beside each answer."""
    return [(c.name, _("{label} ({percent} %)").format(label=c.label,
                                                     percent=round(c.percent)), c.count)
            for c in tally.choices]


class ResultsView(QWidget):
    building_changed = Signal(object)  # building id or None
    cross_changed = Signal(str, str)  # row question, column question

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tallies = []
        self.charts: dict[str, BarChart] = {}
        self.building = QComboBox()
        self.building.setAccessibleName(_("Building"))
        self.building.currentIndexChanged.connect(
            lambda _i: self.building_changed.emit(self.building.currentData()))
        self.row_question = QComboBox()
        self.column_question = QComboBox()
        self.row_question.setAccessibleName(_("Rows"))
        self.column_question.setAccessibleName(_("Columns"))
        for combo in (self.row_question, self.column_question):
            combo.currentIndexChanged.connect(lambda _i: self._cross_wanted())
        filters = QFormLayout()
        filters.addRow(_("Building"), self.building)

        self.body = QWidget()
        self.column = QVBoxLayout(self.body)
        self.column.setContentsMargins(0, 0, 8, 0)
        self.empty = QLabel(_("No completed visits yet: the answers will show here."))
        self.empty.setWordWrap(True)
        self.column.addWidget(self.empty)
        self.questions_box = QVBoxLayout()
        self.column.addLayout(self.questions_box)
        cross_title = QLabel(_("Cross-tab of two questions"))
        cross_title.setObjectName("cardHeading")
        self.column.addWidget(cross_title)
        cross_form = QFormLayout()
        cross_form.addRow(_("Rows"), self.row_question)
        cross_form.addRow(_("Columns"), self.column_question)
        self.column.addLayout(cross_form)
        self.cross_note = QLabel()
        self.cross_note.setWordWrap(True)
        self.column.addWidget(self.cross_note)
        self.cross = GridTable([""], _("Cross-tab"))
        self.cross.setSizeAdjustPolicy(GridTable.SizeAdjustPolicy.AdjustToContents)
        self.column.addWidget(self.cross)
        self.column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.body)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(filters)
        layout.addWidget(scroll, 1)

    def set_buildings(self, buildings: list[tuple[str, str]]) -> None:
        current = self.building.currentData()
        self.building.blockSignals(True)
        self.building.clear()
        self.building.addItem(_("All buildings"), None)
        for building_id, label in buildings:
            self.building.addItem(label, building_id)
        self.building.setCurrentIndex(max(0, self.building.findData(current)))
        self.building.blockSignals(False)

    def set_tallies(self, tallies) -> None:
        self.tallies = list(tallies)
        while self.questions_box.count():
            item = self.questions_box.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.charts = {}
        answered = any(t.answered for t in self.tallies)
        self.empty.setVisible(not answered)
        # Choices and numbers are what a chart or an average can say; text answers are read
        # in the export, so here they are only named.
        texts = []
        for tally in self.tallies:
            if tally.choices or tally.mean is not None:
                self.questions_box.addWidget(self._question(tally))
            else:
                texts.append(tally.label)
        if texts:
            note = QLabel(_("Written answers (read them in the exported spreadsheet): "
                            "{questions}").format(questions=_("; ").join(texts)))
            note.setObjectName("note")
            note.setWordWrap(True)
            self.questions_box.addWidget(note)
        self._fill_cross_choices()

    def _question(self, tally) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 4, 0, 8)
        title = QLabel(tally.label)
        title.setObjectName("cardHeading")
        title.setWordWrap(True)
        column.addWidget(title)
        if tally.repeat:
            detail = _("Answered in {answered} of {asked} entries").format(
                answered=format_number(tally.answered), asked=format_number(tally.asked))
        else:
            detail = _("Answered in {answered} of {asked} visits").format(
                answered=format_number(tally.answered), asked=format_number(tally.asked))
        if tally.mean is not None:
            detail += " · " + _("average {mean}, lowest {low}, highest {high}").format(
                mean=_number(tally.mean), low=_number(tally.minimum),
                high=_number(tally.maximum))
        note = QLabel(detail)
        note.setObjectName("note")
        note.setWordWrap(True)
        column.addWidget(note)
        if tally.choices:
            chart = BarChart()
            chart.set_bars(choice_bars(tally))
            chart.setAccessibleName(tally.label)
            self.charts[tally.name] = chart
            column.addWidget(chart)
        return box

    # -- the cross-tab -----------------------------------------------------------------------

    def _fill_cross_choices(self) -> None:
        choices = [(t.name, t.label) for t in self.tallies if t.choices and not t.repeat]
        for index, combo in enumerate((self.row_question, self.column_question)):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for name, label in choices:
                combo.addItem(label, name)
            found = combo.findData(current)
            combo.setCurrentIndex(found if found >= 0 else min(index, combo.count() - 1))
            combo.blockSignals(False)
        enough = len(choices) >= 2
        self.cross.setVisible(enough)
        self.cross_note.setText("" if enough else _(
            "The cross-tab needs two choice questions."))
        self.cross_note.setVisible(not enough)
        if enough:
            self._cross_wanted()

    def _cross_wanted(self) -> None:
        row, column = self.row_question.currentData(), self.column_question.currentData()
        if row and column:
            self.cross_changed.emit(row, column)

    def set_cross_tab(self, tab) -> None:
        headers = [tab.row_label, *tab.columns, _("Total")]
        self.cross.setColumnCount(len(headers))
        self.cross.setHorizontalHeaderLabels(headers)
        rows = [(label, *counts, total)
                for label, counts, total in zip(tab.rows, tab.counts, tab.row_totals)]
        rows.append((_("Total"), *tab.column_totals, tab.total))
        self.cross.set_rows(rows)
        self.cross_note.setText(_("{count} visits answered both.").format(
            count=format_number(tab.total)))
        self.cross_note.setVisible(True)
