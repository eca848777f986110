"""A notice as a PDF in the official layout (GB/T 9704), with personal data masked.

Every text field is printed as desktop.notices.masker gives it (names and phones masked, ID
numbers withheld, the office's own contacts kept); ``masked_items`` lists what will change.
"""

from __future__ import annotations

from collections.abc import Collection

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from desktop.core.masking import OfficeContacts
from desktop.core.tasks import TaskContext
from desktop.notices.elements import (
    Attachments,
    Element,
    Signature,
    closing_line,
    is_closing,
    notice_elements,
)
from desktop.notices.elements import Table as ElementTable
from desktop.notices.masker import (
    MaskedItem,
    MaskedNotice,
    Masker,
    apply_masking,
    masked_items,
    withheld,
)
from desktop.notices.spec import NoticeSpec
from desktop.printing.document import ClosingBlock, PageSpec, build_pdf
from desktop.printing.fonts import FontSet, font_set
from desktop.printing.tables import table
from desktop.printing.text import balanced, para, style

LINES_PER_PAGE = 22
BODY_PT, TITLE_PT, TABLE_PT = 16.0, 22.0, 12.0


class _Styles:
    def __init__(self, fonts: FontSet, scale: float) -> None:
        size = BODY_PT * scale
        leading = 225 * mm * scale / LINES_PER_PAGE
        indent = 2 * size
        self.size, self.leading, self.indent = size, leading, indent
        self.title = style("title", fonts.title, TITLE_PT * scale, leading=leading * 1.15,
                           align=TA_CENTER, space_after=leading)
        self.body = style("body", fonts.body, size, leading=leading, first_indent=indent)
        self.heading = style("heading", fonts.heading, size, leading=leading,
                             first_indent=indent, keep_with_next=True)
        self.subheading = style("subheading", fonts.kai, size, leading=leading,
                                first_indent=indent, keep_with_next=True)
        self.right = style("right", fonts.body, size, leading=leading, align=TA_RIGHT)
        self.center = style("center", fonts.body, size, leading=leading, align=TA_CENTER)


def _attachments(element: Attachments, st: _Styles, fonts: FontSet) -> list[Flowable]:
    label_width = stringWidth(element.label, fonts.body, st.size)
    out: list[Flowable] = [Spacer(1, st.leading)]
    for number, text in enumerate(element.items, 1):
        item_style = style(f"att{number}", fonts.body, st.size, leading=st.leading,
                           left_indent=st.indent + label_width,
                           first_indent=-label_width if number == 1 else 0)
        out.append(para(element.label + text if number == 1 else text, item_style))
    return out


def _signature(element: Signature, st: _Styles, page: PageSpec, fonts: FontSet) -> Flowable:
    """The issuing body centred over the date, the date 4 characters in from the right."""
    width = max(stringWidth(element.issuing_body, fonts.body, st.size),
                stringWidth(element.date, fonts.body, st.size)) + st.size
    frame = page.frame_width
    width = min(width, frame - 4 * st.size)
    sig = Table([[para(element.issuing_body, st.center), ""], [para(element.date, st.center), ""]],
                colWidths=[width, 4 * st.size], hAlign="RIGHT")
    sig.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), fonts.body, st.size),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                             ("TOPPADDING", (0, 0), (-1, -1), 0),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return sig


def _flowables(element: Element, st: _Styles, page: PageSpec, fonts: FontSet) -> list[Flowable]:
    """How one element looks on paper."""
    if isinstance(element, ElementTable):
        return [Spacer(1, st.leading * 0.25),
                table(element.header, list(element.rows), None, fonts, font=fonts.body,
                      header_font=fonts.heading, font_size=TABLE_PT * page.scale),
                Spacer(1, st.leading * 0.25)]
    if isinstance(element, Attachments):
        return _attachments(element, st, fonts)
    if isinstance(element, Signature):
        return [Spacer(1, st.leading), _signature(element, st, page, fonts)]
    if element.kind == "title":
        return [balanced(element.text, st.title, page.frame_width)]
    styles = {"heading": st.heading, "subheading": st.subheading}
    return [para(element.text, styles.get(element.kind, st.body))]


def notice_story(spec: NoticeSpec, page: PageSpec, masked: MaskedNotice) -> list[Flowable]:
    fonts = font_set()
    st = _Styles(fonts, page.scale)
    story: list[Flowable] = []
    tail: list[Flowable] = []
    for element in notice_elements(spec, masked):
        (tail if is_closing(element) else story).extend(_flowables(element, st, page, fonts))
    # The closing, the attachments and the signature go with the last lines of the text: the
    # signature never stands alone on a page (GB/T 9704), nor is it pushed over when it fits.
    lead = [story.pop()]
    if isinstance(lead[0], Spacer) and len(story) > 1:  # the space under a closing table
        lead.insert(0, story.pop())
    story.append(ClosingBlock(lead, tail))
    return story


def render_notice(spec: NoticeSpec, *, known_names: Collection[str] = (),
                  office: OfficeContacts | None = None,
                  ctx: TaskContext | None = None) -> bytes:
    """The notice as PDF bytes (the same spec and names give the same bytes)."""
    masked = apply_masking(spec, Masker(spec, known_names, office))
    page = PageSpec(size=spec.paper, official=True)
    return build_pdf(notice_story(spec, page, masked), page, masked.title, ctx)


__all__ = ["MaskedItem", "closing_line", "masked_items", "notice_story", "render_notice", "withheld"]
