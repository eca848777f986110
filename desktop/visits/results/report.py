"""The results report of a campaign, for the joint meeting (community, property company,
owners' committee): what was asked, how far the visits got building by building, and the
answers question by question with a bar chart for each choice question.

No personal data: no address finer than a building, no names (not even the visitors'), no
free-text answers (only how many gave one) — the report is handed round a meeting table.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer
from sqlalchemy.orm import Session

from desktop.core.i18n import _, format_date, format_number
from desktop.core.tasks import TaskContext
from desktop.printing.document import PageSpec, build_pdf
from desktop.printing.fonts import FontSet, font_set
from desktop.printing.tables import table
from desktop.printing.text import para, style
from desktop.visits.campaigns.reading import campaign_summary
from desktop.visits.doors.at_door import OUTCOME_LABELS
from desktop.visits.records.state import NOT_VISITED
from desktop.visits.results.counted import Forms
from desktop.visits.results.coverage import Counts, campaign_coverage
from desktop.visits.results.tallies import NUMBERS, QuestionTally, question_tallies

# The columns of the coverage table, in the order the office reads them: done first.
REPORT_STATES = ("completed", "refused", "vacant", "not_home", "revisit", NOT_VISITED)
BAR_COLOR = colors.HexColor("#2e9b57")
ROW_HEIGHT = 15.0


class BarChart(Flowable):
    """Horizontal bars, one per choice: its label, the bar, "count (percent %)". Drawn on the
    canvas with the report's fonts; a label is a one-line paragraph, so a character the font
    lacks (a rare name of a place) is printed from a fallback font like everywhere else."""

    def __init__(self, rows: list[tuple[str, int, float]], font: str, size: float = 9.0):
        super().__init__()
        self.rows, self.font, self.size = rows, font, size
        self._label_style = style("results-bar-label", font, size, align=TA_RIGHT)

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.height = ROW_HEIGHT * len(self.rows) + 4
        return self.width, self.height

    def _fit(self, text: str, room: float) -> str:
        if stringWidth(text, self.font, self.size) <= room:
            return text
        while text and stringWidth(text + "…", self.font, self.size) > room:
            text = text[:-1]
        return text + "…"

    def draw(self):
        canvas = self.canv
        label_room = self.width * 0.34
        value_room = stringWidth("00000 (100.0%)", self.font, self.size) + 6
        bar_room = max(10.0, self.width - label_room - value_room - 8)
        canvas.setFont(self.font, self.size)
        for i, (label, count, percent) in enumerate(self.rows):
            y = self.height - (i + 1) * ROW_HEIGHT
            canvas.setFillColor(colors.black)
            text = para(self._fit(label, label_room - 6), self._label_style)
            text.wrap(label_room - 4, ROW_HEIGHT)
            text.drawOn(canvas, 0, y + 3)
            canvas.setFont(self.font, self.size)
            # The bar is the share (of those who answered), so 33 % looks like a third.
            length = bar_room * min(percent, 100.0) / 100.0
            canvas.setFillColor(colors.Color(0.93, 0.93, 0.93))
            canvas.rect(label_room, y + 2, bar_room, ROW_HEIGHT - 5, stroke=0, fill=1)
            if length:
                canvas.setFillColor(BAR_COLOR)
                canvas.rect(label_room, y + 2, length, ROW_HEIGHT - 5, stroke=0, fill=1)
            canvas.setFillColor(colors.black)
            canvas.drawString(label_room + bar_room + 6, y + 4,
                              f"{format_number(count)} ({percent:.1f}%)")


def _period(summary) -> str:
    if summary.starts_on and summary.ends_on:
        return _("{start} to {end}").format(start=format_date(summary.starts_on),
                                             end=format_date(summary.ends_on))
    day = summary.starts_on or summary.ends_on
    return format_date(day) if day else _("not set")


def _form_title(session: Session, summary) -> str:
    """The form's title in the app's language where the form has it."""
    forms = Forms(session)
    form = forms.get(summary.form_version_id)
    return (forms.text(form, form.title) if form is not None else "") or summary.form_title


def _count_row(label: str, counts: Counts) -> list[str]:
    return [label, format_number(counts.doors), format_number(counts.visited),
            format_number(counts.done),
            *(format_number(counts.by_state.get(s, 0)) for s in REPORT_STATES)]


def _coverage_table(session: Session, campaign_id: str, fonts: FontSet):
    coverage = campaign_coverage(session, campaign_id)
    headers = [_("Building"), _("Doors"), _("Visited"), _("Done"),
               *(_(OUTCOME_LABELS[s]) for s in REPORT_STATES)]
    rows = [_count_row(b.label, b.counts) for b in coverage.buildings]
    rows.append(_count_row(_("Total"), coverage.totals))
    return table(headers, rows, [15] + [7] * (len(headers) - 1), fonts,
                 caption=_("Coverage by building"), font_size=9,
                 align_center=tuple(range(1, len(headers))))


def _question_block(number: int, tally: QuestionTally, fonts: FontSet, styles) -> Flowable:
    heading, note = styles
    title = f"{number}. {tally.label}"
    if tally.repeat:
        answered = _("{answered} of {asked} entries answered (one per member).").format(
            answered=format_number(tally.answered), asked=format_number(tally.asked))
    else:
        answered = _("{answered} of {asked} visits answered.").format(
            answered=format_number(tally.answered), asked=format_number(tally.asked))
    parts: list[Flowable] = [para(title, heading), para(answered, note)]
    if tally.is_select and tally.choices:
        parts.append(BarChart([(c.label, c.count, c.percent) for c in tally.choices],
                              fonts.plain))
        if tally.type == "select_multiple":
            parts.append(para(_("Several answers could be chosen: the shares add up to more "
                                "than 100%."), note))
    elif tally.type in NUMBERS and tally.answered:
        parts.append(para(_("Mean {mean}, lowest {low}, highest {high}.").format(
            mean=format_number(round(tally.mean, 2)), low=format_number(tally.minimum),
            high=format_number(tally.maximum)), note))
    parts.append(Spacer(1, 8))
    return KeepTogether(parts)


def render_results_report(session: Session, campaign_id: str,
                          ctx: TaskContext | None = None) -> bytes:
    """The results report PDF (A4): the campaign, its coverage per building, and the results
    of every question, a bar chart for each choice question."""
    fonts = font_set()
    summary = campaign_summary(session, campaign_id)
    if ctx is not None:
        ctx.report(0, 3, _("Counting the doors…"))
    title_style = style("results-title", fonts.title, 18, leading=26, align=TA_CENTER,
                        space_after=4)
    sub_style = style("results-sub", fonts.body, 12, leading=18, align=TA_CENTER,
                      space_after=10)
    info = style("results-info", fonts.body, 10.5, leading=16)
    section = style("results-section", fonts.heading, 13, leading=20, space_before=10,
                    space_after=4, keep_with_next=True)
    heading = style("results-question", fonts.heading, 10.5, leading=15, space_before=4,
                    keep_with_next=True)
    note = style("results-note", fonts.body, 9, leading=13, space_after=2)
    story: list[Flowable] = [
        para(summary.name, title_style),
        para(_("Results of the door-to-door visits"), sub_style),
        para(_("Period: {period}").format(period=_period(summary)), info),
        para(_("Form: {form} (version {number})").format(
            form=_form_title(session, summary), number=summary.form_version_number), info),
        para(_("Doors: {doors}, visited: {visited}, done: {done} ({percent}%).").format(
            doors=format_number(summary.doors), visited=format_number(summary.visited),
            done=format_number(summary.done),
            percent=f"{100 * summary.progress:.1f}"), info),
    ]
    if summary.purpose:
        story.append(para(_("Purpose: {purpose}").format(purpose=summary.purpose), info))
    story += [Spacer(1, 8), _coverage_table(session, campaign_id, fonts)]
    if ctx is not None:
        ctx.report(1, 3, _("Counting the answers…"))
    tallies = question_tallies(session, campaign_id)
    story.append(para(_("Results by question"), section))
    story.append(para(_("Each door counts once, with its latest completed visit (a "
                        "corrected visit counts as corrected)."), note))
    for number, tally in enumerate(tallies, start=1):
        story.append(_question_block(number, tally, fonts, (heading, note)))
    if not tallies:
        story.append(para(_("The form of this campaign is not on this computer."), note))
    if ctx is not None:
        ctx.report(2, 3, _("Laying out the pages…"))
    return build_pdf(story, PageSpec(size="A4"), summary.name, ctx)
