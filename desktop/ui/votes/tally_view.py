"""The live tally, large and plain for the people who read it across a desk: the outcome, the
margin in words ("还需 3 户、至少 210.50 ㎡参与表决"), then participation and approval by area
and by owner, each against its threshold (met or not, the share to two places), and the
warnings the office must look at.

Drawn from plain data (a ``counting.Tally``, the margin sentences, the warnings); nothing here
decides anything: the percentages are for display, the ``met`` flags come from the count."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from desktop.core.i18n import _, ngettext
from desktop.ui.votes.names import threshold_label
from desktop.votes.counting import PARTICIPATION_BAR, approval_bar, area_text, percent
from desktop.votes.printing.labels import met_label

# Larger than the app's body text: the figures the office acts on, read by older volunteers.
STYLE = """
#voteOutcome { font-size: 16pt; font-weight: bold; }
#voteOutcome[passed="true"] { color: #1a7f37; }
#voteOutcome[passed="false"] { color: #9a3412; }
#voteMargin { font-size: 15pt; font-weight: bold; }
#tallyHead { font-weight: bold; color: palette(placeholder-text); }
#tallyFigure, #tallyName { font-size: 12pt; }
#tallyMet { font-size: 12pt; font-weight: bold; color: #1a7f37; }
#tallyShort { font-size: 12pt; font-weight: bold; color: #c0262d; }
#voteWarning { color: #9a6700; }
"""


def rows_of(tally) -> list[tuple[str, str, str, str, bool]]:
    """(what, counted, share, needed, met) for the four conditions."""
    approve = approval_bar(tally.item)
    owners = lambda part, whole: ngettext(  # noqa: E731 - one phrase, four uses
        "{part} of {whole} owner", "{part} of {whole} owners", whole).format(
        part=f"{part:,}", whole=f"{whole:,}")
    area = lambda part, whole: _("{part} of {whole} ㎡").format(  # noqa: E731
        part=area_text(part), whole=area_text(whole))
    return [
        (_("Taking part, by area"), area(tally.participating_area, tally.total_area),
         percent(tally.participating_area, tally.total_area), threshold_label(PARTICIPATION_BAR),
         PARTICIPATION_BAR.met(tally.participating_area, tally.total_area)),
        (_("Taking part, by owners"), owners(tally.participating_heads, tally.total_heads),
         percent(tally.participating_heads, tally.total_heads), threshold_label(PARTICIPATION_BAR),
         PARTICIPATION_BAR.met(tally.participating_heads, tally.total_heads)),
        (_("Agreeing, by area"), area(tally.agree_area, tally.participating_area),
         percent(tally.agree_area, tally.participating_area), threshold_label(approve),
         approve.met(tally.agree_area, tally.participating_area)),
        (_("Agreeing, by owners"), owners(tally.agree_heads, tally.participating_heads),
         percent(tally.agree_heads, tally.participating_heads), threshold_label(approve),
         approve.met(tally.agree_heads, tally.participating_heads)),
    ]


def outcome_text(tally, closed: bool) -> str:
    if closed:
        return _("Result: passed") if tally.passed else _("Result: not passed")
    if tally.passed:
        return _("Passing as counted now")
    return _("Not passing yet")


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

        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(4)
        for column, text in enumerate((_("Condition"), _("Counted"), _("Share"), _("Needed"),
                                       "")):
            head = QLabel(text)
            head.setObjectName("tallyHead")
            self.grid.addWidget(head, 0, column)
        self.cells: list[list[QLabel]] = []
        for row in range(4):
            cells = []
            for column, name in enumerate(("tallyName", "tallyFigure", "tallyFigure",
                                           "tallyFigure", "tallyMet")):
                cell = QLabel()
                cell.setObjectName(name)
                cell.setWordWrap(column in (0, 1, 3))
                self.grid.addWidget(cell, row + 1, column)
                cells.append(cell)
            self.cells.append(cells)
        self.grid.setColumnStretch(0, 2)
        self.grid.setColumnStretch(1, 3)
        self.grid.setColumnStretch(3, 2)
        grid_box = QFrame()
        grid_box.setObjectName("card")
        grid_box.setLayout(self.grid)

        self.others = QLabel()
        self.others.setWordWrap(True)
        self.rule = QLabel()
        self.rule.setObjectName("note")
        self.rule.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setObjectName("voteWarning")
        self.warnings.setWordWrap(True)
        self.warnings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # The outcome and margin stand apart, above the entry: what the office reads after
        # every ballot, in sight while the next is typed.
        self.headline = QWidget()
        self.headline.setStyleSheet(STYLE)
        head = QVBoxLayout(self.headline)
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.outcome)
        head.addWidget(self.margin)
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
        self.margin.setText("\n".join(sentences))
        self.margin.setVisible(bool(sentences))
        for cells, (what, counted, share, needed, met) in zip(self.cells, rows_of(tally)):
            for cell, text in zip(cells, (what, counted, share, needed)):
                cell.setText(text)
            mark = cells[4]
            mark.setText(("✓ " if met else "✗ ") + met_label(met))
            mark.setObjectName("tallyMet" if met else "tallyShort")
            mark.style().unpolish(mark)
            mark.style().polish(mark)
        self.others.setText(_(
            "Against: {against_heads} owners, {against_area} ㎡ · Abstaining: "
            "{abstain_heads} owners, {abstain_area} ㎡ (abstentions take part and do not "
            "agree)").format(against_heads=f"{tally.against_heads:,}",
                             against_area=area_text(tally.against_area),
                             abstain_heads=f"{tally.abstain_heads:,}",
                             abstain_area=area_text(tally.abstain_area)))
        self.warnings.setText("\n".join(f"⚠ {text}" for text in warnings))
        self.warnings.setVisible(bool(warnings))
        self.rule.setText(_("Counted by: {rule}").format(rule=tally.rule_version))

    def texts(self) -> str:
        """Everything shown, for tests and screen readers."""
        parts = [self.outcome.text(), self.margin.text()]
        parts += [cell.text() for cells in self.cells for cell in cells]
        parts += [self.others.text(), self.warnings.text()]
        return "\n".join(parts)
