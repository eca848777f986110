"""The ballots (表决票): one per dwelling of the electorate, two to an A4 page with a dashed
line to cut along (one to a page when the proposal is too long for half a page).

Each ballot carries the vote's title, the ballot code printed large (as text, so the office
types it; and as a Code 128 barcode, which a USB scanner types for it), the owner(s), the
address, the exclusive area, the proposal in full, the options 同意 / 反对 / 弃权 with a box
each, the owner's signature and date, a proxy's line (委托代理人) and where to return it. It
never carries an ID number or a phone: a ballot travels through the stairwell.

Speed: the proposal and the title are the same on every ballot, so they are wrapped once and
drawn many times; everything else is one line drawn on the canvas (desktop.votes.printing.draw).
1,000 ballots take about a second.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph
from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.i18n import _, format_date
from desktop.core.tasks import TaskContext
from desktop.printing.fonts import font_set
from desktop.printing.text import para, style
from desktop.votes.printing.draw import draw
from desktop.votes.printing.labels import developer_label, item_label, item_number
from desktop.votes.printing.reads import VoteHead, vote_head
from desktop.votes.reading import ElectorRow, electorate_rows

PAGE_W, PAGE_H = A4
SIDE, TOP, BOTTOM = 18 * mm, 11 * mm, 9 * mm
BODY_PT, LEADING = 11.0, 15.0  # about 五号, the size of a form people fill in
SMALLEST_PT = 8.5  # a very long proposal shrinks this far before it is cut
TITLE_PT, CODE_PT, OPTION_PT = 15.0, 20.0, 13.0
INFO_ROW = 7.5 * mm
BOX = 5.5 * mm
SIGN_LINE = 48 * mm  # room for a name signed by hand
SPREAD_GAPS = 5  # the blank space left over is shared among this many gaps …
MAX_SPREAD = 9 * mm  # … each growing no more than this


@dataclass
class _Layout:
    """What every ballot shares: the wrapped title and proposal, and how many to a page."""

    title: Paragraph
    title_h: float
    proposal: Paragraph
    proposal_h: float
    per_page: int
    cut: bool  # the proposal was cut short: the rest is in the notice
    spread: float = 0.0  # extra space in each gap, so the ballot fills its slot


def _slot_height(per_page: int) -> float:
    return PAGE_H / per_page - TOP - BOTTOM


def _layout(head: VoteHead) -> _Layout:
    fonts = font_set()
    inner = PAGE_W - 2 * SIDE
    title_style = style("ballot-title", fonts.title, TITLE_PT, leading=TITLE_PT * 1.3,
                        align=TA_CENTER)
    title = para(_("{title} — ballot").format(title=head.title), title_style)
    title_h = title.wrap(inner - 2 * 38 * mm, PAGE_H)[1]
    text = head.proposal.strip() or head.title
    # Everything but the proposal, measured by drawing a ballot without one.
    empty = para("", style("ballot-empty", fonts.body, BODY_PT))
    empty.wrap(inner, PAGE_H)
    fixed = _used(head, _Layout(title, title_h, empty, 0.0, 1, False)) - TOP
    for per_page in (2, 1):
        room = _slot_height(per_page) - fixed
        size = BODY_PT
        while True:
            proposal = para(text, style("ballot-proposal", fonts.body, size,
                                        leading=size * LEADING / BODY_PT))
            height = proposal.wrap(inner, PAGE_H)[1]
            if height <= room:
                return _spread(head, _Layout(title, title_h, proposal, height, per_page,
                                             False))
            if per_page == 2 or size <= SMALLEST_PT:
                break
            size -= 0.5
    # Longer than a page even small: print what fits and say where the rest is.
    line = size * LEADING / BODY_PT
    parts = proposal.split(inner, room - line)
    first = parts[0] if parts else proposal
    height = first.wrap(inner, PAGE_H)[1]
    return _spread(head, _Layout(title, title_h, first, height, 1, True))


def _used(head: VoteHead, layout: _Layout) -> float:
    """The height a ballot takes, measured by drawing one on a scratch canvas."""
    scratch = Canvas(io.BytesIO(), pagesize=A4, initialFontName=font_set().plain)
    slip = ElectorRow("", "0000", "", "", "", None, "", None, "", "", False, False, "", 0)
    return TOP + _ballot(scratch, PAGE_H, head, slip, layout, "")


def _spread(head: VoteHead, layout: _Layout) -> _Layout:
    """Share the blank space at the foot of the slot among the gaps: the boxes and the
    signature lines get room, and nothing is crowded at the top of a half page."""
    left = PAGE_H / layout.per_page - BOTTOM - _used(head, layout)
    layout.spread = max(0.0, min(MAX_SPREAD, left / SPREAD_GAPS))
    return layout


def _owners(slip: ElectorRow) -> str:
    if slip.owners.strip():
        return slip.owners.strip()
    return developer_label() if slip.developer_held else ""


def _ballot(canvas: Canvas, top: float, head: VoteHead, slip: ElectorRow, layout: _Layout,
            compound: str) -> float:
    """One ballot whose slot starts ``top`` points from the page's foot; returns the height
    it took (down to its last line)."""
    fonts = font_set()
    left, right = SIDE, PAGE_W - SIDE
    inner = right - left
    y = top - TOP
    # The code, top left, large; its barcode top right; the title between them.
    draw(canvas, left, y - 8, _("Ballot no."), fonts.heading, 8)
    draw(canvas, left, y - 8 - CODE_PT, slip.code, fonts.heading, CODE_PT)
    if slip.code.isascii() and slip.code.isalnum():  # Code 128 holds ASCII only
        barcode = Code128(slip.code, barHeight=9 * mm, barWidth=0.26 * mm, humanReadable=0,
                          quiet=0)
        barcode.drawOn(canvas, right - barcode.width, y - 9 * mm - 6)
    layout.title.drawOn(canvas, left + 38 * mm, y - layout.title_h)
    y -= max(layout.title_h, 9 * mm + 8) + 4 * mm
    # The dwelling: owner and area, then the address, in a ruled box.
    canvas.setLineWidth(0.6)
    label_w, area_label_w, area_w = 26 * mm, 30 * mm, 30 * mm
    owner_w = inner - label_w - area_label_w - area_w
    canvas.rect(left, y - 2 * INFO_ROW, inner, 2 * INFO_ROW)
    canvas.line(left, y - INFO_ROW, right, y - INFO_ROW)
    xs = (left + label_w, left + label_w + owner_w, left + label_w + owner_w + area_label_w)
    canvas.line(xs[0], y, xs[0], y - 2 * INFO_ROW)
    canvas.line(xs[1], y, xs[1], y - INFO_ROW)
    canvas.line(xs[2], y, xs[2], y - INFO_ROW)
    base1, base2 = y - INFO_ROW + 7, y - 2 * INFO_ROW + 7
    draw(canvas, left + label_w / 2, base1, _("Owner"), fonts.heading, BODY_PT, "center",
         room=label_w - 4)
    draw(canvas, xs[0] + 5, base1, _owners(slip), fonts.body, BODY_PT + 1, room=owner_w - 10)
    draw(canvas, xs[1] + area_label_w / 2, base1, _("Exclusive area"), fonts.heading,
         BODY_PT, "center", room=area_label_w - 4)
    area = _("{area} m²").format(area=f"{slip.area:.2f}") if slip.area is not None else "—"
    draw(canvas, xs[2] + area_w / 2, base1, area, fonts.body, BODY_PT + 1, "center",
         room=area_w - 4)
    draw(canvas, left + label_w / 2, base2, _("Address"), fonts.heading, BODY_PT, "center",
         room=label_w - 4)
    draw(canvas, xs[0] + 5, base2, f"{compound} {slip.address}".strip(), fonts.body,
         BODY_PT + 1, room=inner - label_w - 10)
    y -= 2 * INFO_ROW + 4 * mm + layout.spread
    # The matter and the proposal.
    draw(canvas, left, y - BODY_PT, _("Matter put to the vote (Civil Code art. 278, item "
                                      "{number} {matter}):").format(
        number=item_number(head.item), matter=item_label(head.item)),
        fonts.heading, BODY_PT, room=inner)
    y -= LEADING + 1.5 * mm
    layout.proposal.drawOn(canvas, left, y - layout.proposal_h)
    y -= layout.proposal_h
    if layout.cut:
        draw(canvas, left, y - BODY_PT, _("(The full text is in the notice of this vote.)"),
             fonts.body, BODY_PT - 1)
        y -= LEADING
    y -= 4 * mm + layout.spread
    # The options, each with a box to tick.
    draw(canvas, left, y - BODY_PT, _("Your opinion (tick √ in the box after one option; "
                                      "tick one only):"), fonts.heading, BODY_PT, room=inner)
    y -= LEADING + 3 * mm + layout.spread / 2
    step = inner / 3
    for index, label in enumerate((_("Agree"), _("Against"), _("Abstain"))):
        x = left + step * index + 12 * mm
        drawn = draw(canvas, x, y - OPTION_PT, label, fonts.heading, OPTION_PT)
        canvas.setLineWidth(1.0)
        canvas.rect(x + drawn + 3 * mm, y - OPTION_PT - 1.5, BOX, BOX)
    y -= OPTION_PT + 8 * mm + layout.spread
    # Signatures: the owner (or a proxy, with the owner's written authorisation), each on a
    # ruled line long enough for a name written by hand.
    canvas.setLineWidth(0.5)
    sign = SIGN_LINE
    for label, after in ((_("Owner (signature):"),
                          _("Date: ______ (year) ____ (month) ____ (day)")),
                         (_("Proxy (signature):"),
                          _("(attach the owner's signed authorisation)"))):
        base = y - BODY_PT - 1
        wide = draw(canvas, left, base, label, fonts.body, BODY_PT + 0.5)
        canvas.line(left + wide + 2, base - 2, left + wide + 2 + sign, base - 2)
        x = left + wide + sign + 6 * mm
        draw(canvas, x, base, after, fonts.body, BODY_PT + 0.5, room=right - x)
        y -= LEADING + 5 * mm + layout.spread / 2
    y -= layout.spread / 2
    draw(canvas, left, y - 8.5, _("Return this ballot to {office} by {date}. One ballot per "
                                  "dwelling; a later ballot replaces an earlier one.").format(
        office=head.issuing_body or _("the community office"),
        date=format_date(head.closes_on)), fonts.body, 8.5, room=inner)
    return top - (y - 8.5)


def _cut_line(canvas: Canvas) -> None:
    fonts = font_set()
    middle = PAGE_H / 2
    canvas.saveState()
    canvas.setDash(4, 3)
    canvas.setLineWidth(0.5)
    canvas.line(8 * mm, middle, PAGE_W - 8 * mm, middle)
    canvas.restoreState()
    label = _("cut along the dashed line")
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(PAGE_W / 2 - 22 * mm, middle - 4, 44 * mm, 8, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    draw(canvas, PAGE_W / 2, middle - 2.5, label, fonts.body, 7, "center")


def ballots_pdf(head: VoteHead, electorate: list[ElectorRow], ctx: TaskContext | None = None,
                ) -> bytes:
    """The ballots of ``electorate`` (in its order) as PDF bytes; the same input gives the
    same bytes."""
    fonts = font_set()
    layout = _layout(head)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1, initialFontName=fonts.plain,
                    initialFontSize=10, pageCompression=1)
    canvas.setTitle(_("{title} — ballot").format(title=head.title))
    canvas.setCreator("Linli Desk")
    canvas.setProducer("Linli Desk")
    message = _("Printing ballots…")
    total = len(electorate)
    for index, slip in enumerate(electorate):
        if ctx is not None:
            ctx.report(index, total, message)
        slot = index % layout.per_page
        if slot == 0 and index:
            canvas.showPage()
        if slot == 0 and layout.per_page == 2 and index + 1 < total:
            _cut_line(canvas)
        _ballot(canvas, PAGE_H - slot * PAGE_H / layout.per_page, head, slip, layout,
                head.compound)
    canvas.showPage()
    canvas.save()
    if ctx is not None:
        ctx.report(total, total, message)
    return buffer.getvalue()


def render_ballots(session: Session, vote_id: str, ctx: TaskContext | None = None) -> bytes:
    """The ballots of a vote, one per dwelling counted (excluded dwellings get none), in
    walking order."""
    head = vote_head(session, vote_id)
    electorate = [row for row in electorate_rows(session, vote_id) if not row.excluded]
    if not electorate:
        raise ValidationError(_("This vote has no dwellings to print ballots for."),
                              field="vote")
    return ballots_pdf(head, electorate, ctx)
