"""The live tally, large and plain for the people who read it across a desk: the outcome, the
margin in words ("3 more dwellings and at least 210.50 m² must take part"), then
participation and approval, each by area and by owner against its threshold (met or not,
the share to two places), and the warnings the office must look at.

Drawn from plain data (a ``counting.Tally``, the margin sentences, the warnings); nothing here
decides anything: the percentages are for display, the ``met`` flags come from the count."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from desktop.core.i18n import _, ngettext
from desktop.ui.votes.names import threshold_label
from desktop.votes.counting import PARTICIPATION_BAR, approval_bar, area_text, percent
from desktop.votes.printing.labels import met_label, rule_label

# Larger than the app's body text: the figures the office acts on, read by older volunteers.
STYLE = """
#voteOutcome { font-size: 16pt; font-weight: bold; }
#voteOutcome[passed="true"] { color: #1a7f37; }
#voteOutcome[passed="false"] { color: #9a3412; }
#voteMargin { font-size: 15pt; font-weight: bold; }
#tallyGroup { font-weight: bold; }
#tallyFigure, #tallyName { font-size: 12pt; }
#tallyMet { font-size: 12pt; font-weight: bold; color: #1a7f37; }
#tallyShort { font-size: 12pt; font-weight: bold; color: #c0262d; }
#voteWarning { color: #9a6700; }
"""


def _owners(part: int, whole: int) -> str:
    return ngettext("{part} of {whole} owner", "{part} of {whole} owners", whole).format(
        part=f"{part:,}", whole=f"{whole:,}")


def _area(part, whole) -> str:
    return _("{part} of {whole} m²").format(part=area_text(part), whole=area_text(whole))


def _heads_and_area(heads: int, area) -> str:
    return ngettext("{count} owner, {area} m²", "{count} owners, {area} m²", heads).format(
        count=f"{heads:,}", area=area_text(area))


def groups_of(tally) -> list[tuple[str, list[tuple[str, str, str, bool]]]]:
    """The two conditions, each with its bar in words and its two counts: (heading,
    [(by what, counted, share, met), …])."""
    approve = approval_bar(tally.item)
    part = PARTICIPATION_BAR
    return [
        (_("Taking part: needs {bar} of the area and of the owners").format(
            bar=threshold_label(part)),
         _counts(part, tally.participating_area, tally.total_area, tally.participating_heads,
                 tally.total_heads)),
        (_("Agreeing: needs {bar} of the area and of the owners taking part").format(
            bar=threshold_label(approve)),
         _counts(approve, tally.agree_area, tally.participating_area, tally.agree_heads,
                 tally.participating_heads)),
    ]


def _counts(bar, area, of_area, heads: int, of_heads: int) -> list[tuple[str, str, str, bool]]:
    """One condition's two counts against its ``bar``: by area, then by owners."""
    return [(_("By area"), _area(area, of_area), percent(area, of_area), bar.met(area, of_area)),
            (_("By owners"), _owners(heads, of_heads), percent(heads, of_heads),
             bar.met(heads, of_heads))]


def outcome_text(tally, closed: bool) -> str:
    if closed:
        return _("Result: passed") if tally.passed else _("Result: not passed")
    if tally.passed:
        return _("Passing as counted now")
    return _("Not passing yet")


def _restyle(label: QLabel, name: str) -> None:
    if label.objectName() != name:
        label.setObjectName(name)
        label.style().unpolish(label)
        label.style().polish(label)


class TallyView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(STYLE)
        self.outcome = QLabel()
        self.outcome.setObjectName("voteOutcome")
        self.outcome.setWordWrap(True)
        self.margin = QLabel()
        self.margin.setObjectName("voteMargin")
        self.margin.setWordWrap(True)
        self.margin.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.margin.setAccessibleName(_("How far the vote is from passing"))
        # The outcome and margin stand apart, above the entry: what the office reads after
        # every ballot, in sight while the next is typed.
        self.headline = QWidget()
        self.headline.setStyleSheet(STYLE)
        head = QVBoxLayout(self.headline)
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.outcome)
        head.addWidget(self.margin)

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(3)
        self.headings: list[QLabel] = []
        self.cells: list[list[QLabel]] = []  # per count: by what, counted, share, met
        row = 0
        for group in range(2):
            heading = QLabel()
            heading.setContentsMargins(0, 8 if group else 0, 0, 0)
            heading.setObjectName("tallyGroup")
            heading.setWordWrap(True)
            grid.addWidget(heading, row, 0, 1, 5)
            self.headings.append(heading)
            row += 1
            for _count in range(2):
                cells = []
                for column, name in enumerate(("tallyName", "tallyFigure", "tallyFigure",
                                               "tallyMet")):
                    cell = QLabel()
                    cell.setObjectName(name)
                    cell.setWordWrap(column == 1)
                    grid.addWidget(cell, row, column)
                    cells.append(cell)
                self.cells.append(cells)
                row += 1
        grid.setColumnStretch(4, 1)  # spare room at the end: the share beside its count
        grid_box = QFrame()
        grid_box.setObjectName("card")
        grid_box.setLayout(grid)

        self.others = QLabel()
        self.others.setWordWrap(True)
        self.rule = QLabel()
        self.rule.setObjectName("note")
        self.rule.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setObjectName("voteWarning")
        self.warnings.setWordWrap(True)
        self.warnings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(grid_box)
        layout.addWidget(self.others)
        layout.addWidget(self.warnings)
        layout.addWidget(self.rule)
        layout.addStretch(1)

    def show_tally(self, tally, sentences, warnings, closed: bool = False) -> None:
        """``sentences``: the margin in words; ``warnings``: texts for the office to check."""
        self.outcome.setText(outcome_text(tally, closed))
        self.outcome.setProperty("passed", "true" if tally.passed else "false")
        self.outcome.style().unpolish(self.outcome)
        self.outcome.style().polish(self.outcome)
        # Once the count is closed no ballot can close a gap: the margin would mislead.
        self.margin.setText("" if closed else "\n".join(sentences))
        self.margin.setVisible(bool(sentences) and not closed)
        counts = iter(self.cells)
        for heading, (title, rows) in zip(self.headings, groups_of(tally)):
            heading.setText(title)
            for what, counted, share, met in rows:
                cells = next(counts)
                for cell, text in zip(cells, (what, counted, share)):
                    cell.setText(text)
                mark = cells[3]
                mark.setText(("✓ " if met else "✗ ") + met_label(met))
                _restyle(mark, "tallyMet" if met else "tallyShort")
        self.others.setText(_(
            "Against: {against}. Abstaining: {abstain} (they take part and do not "
            "agree).").format(against=_heads_and_area(tally.against_heads,
                                                       tally.against_area),
                              abstain=_heads_and_area(tally.abstain_heads,
                                                      tally.abstain_area)))
        self.warnings.setText("\n".join(f"⚠ {text}" for text in warnings))
        self.warnings.setVisible(bool(warnings))
        self.rule.setText(_("Counted by: {rule}").format(rule=rule_label(tally.rule_version)))

    def texts(self) -> str:
        """Everything shown, for tests and screen readers."""
        parts = [self.outcome.text(), self.margin.text()]
        parts += [heading.text() for heading in self.headings]
        parts += [cell.text() for cells in self.cells for cell in cells]
        parts += [self.others.text(), self.warnings.text()]
        return "\n".join(parts)
