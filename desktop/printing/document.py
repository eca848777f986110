"""Pages: A4 portrait/landscape and A3, the GB/T 9704 official layout for notices, page numbers
"— 1 —" and a footer note; ``build_pdf`` turns a story of flowables into PDF bytes.

GB/T 9704-2012 (党政机关公文格式) on A4: top margin 37 mm, left 28 mm, a text block of
156 × 225 mm, the page number 7 mm below the text block as "— 1 —". An A3 poster uses the same
layout scaled by √2 (A3 is A4 enlarged). The same input gives the same bytes (reportlab's
invariant mode: no creation date or random document id), so archived PDFs can be hashed.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A3, A4
from reportlab.lib.pagesizes import landscape as _landscape
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
)

from desktop.core.tasks import TaskContext
from desktop.printing.fonts import font_set
from desktop.printing.text import markup

PAPER_SIZES = {"A4": A4, "A3": A3}


def _speed_up_number_formatting() -> None:
    """Memoise reportlab's number formatting (same output, cached): without its optional C
    accelerator, formatting the coordinates of 70,000 table cells took a third of a 10,000-row
    花名册's time, and the same x and y positions recur on every page."""
    from reportlab.lib import rl_accel
    from reportlab.pdfbase import pdfdoc
    from reportlab.pdfgen import canvas as _canvas
    from reportlab.pdfgen import pathobject, textobject
    from reportlab.platypus import flowables, tables

    original = rl_accel.fp_str
    if getattr(original, "_linli_cached", False):
        return
    cache: dict[tuple, str] = {}

    def fp_str(*args):
        try:
            return cache[args]
        except KeyError:
            text = original(*args)
            if len(cache) < 200_000:
                cache[args] = text
            return text
        except TypeError:  # a list argument: not hashable
            return original(*args)

    fp_str._linli_cached = True  # type: ignore[attr-defined]
    for module in (rl_accel, pdfdoc, _canvas, pathobject, textobject, flowables, tables):
        if getattr(module, "fp_str", None) is original:
            module.fp_str = fp_str


_speed_up_number_formatting()
A3_SCALE = math.sqrt(2)


@dataclass(frozen=True)
class PageSpec:
    size: str = "A4"  # "A4" | "A3"
    landscape: bool = False
    official: bool = False  # GB/T 9704 margins and text block
    footer_note: str | None = None  # e.g. "内部资料 注意保密", at the foot of every page
    page_numbers: bool = True

    @property
    def scale(self) -> float:
        """How much larger than A4 the page is (fonts and margins grow with it)."""
        return A3_SCALE if self.size == "A3" else 1.0

    @property
    def pagesize(self) -> tuple[float, float]:
        if self.size not in PAPER_SIZES:
            raise ValueError(f"unknown paper size {self.size!r}")
        size = PAPER_SIZES[self.size]
        return _landscape(size) if self.landscape else size

    def frame_box(self) -> tuple[float, float, float, float]:
        """x, y, width, height of the text block."""
        width, height = self.pagesize
        s = self.scale
        if self.official and not self.landscape:
            left, top, block_w, block_h = 28 * mm * s, 37 * mm * s, 156 * mm * s, 225 * mm * s
            return left, height - top - block_h, block_w, block_h
        margin, bottom = 15 * mm * s, 20 * mm * s
        top = 15 * mm * s if not self.footer_note else 18 * mm * s
        return margin, bottom, width - 2 * margin, height - top - bottom

    @property
    def frame_width(self) -> float:
        return self.frame_box()[2]


def page_number_text(number: int) -> str:
    return f"— {number} —"


def _decorate(page: PageSpec, ctx: TaskContext | None):
    fonts = font_set()

    def on_page(canvas, doc) -> None:
        if ctx is not None:
            ctx.check()
        width, _height = page.pagesize
        x, y, w, h = page.frame_box()
        s = page.scale
        canvas.saveState()
        if page.page_numbers:
            size = (14 if page.official else 10) * s
            canvas.setFont(fonts.body, size)
            below = (7 * mm if page.official else 6 * mm) * s
            canvas.drawCentredString(width / 2, y - below - size * 0.8,
                                     page_number_text(doc.page))
        if page.footer_note:
            size = 9 * s
            note_font = fonts.heading
            canvas.setFont(note_font, size)
            canvas.drawString(x, y - 6 * mm * s - size * 0.8, page.footer_note)
            canvas.drawRightString(x + w, y + h + 3 * mm * s, page.footer_note)
        canvas.restoreState()

    return on_page


class ClosingBlock(Flowable):
    """The last lines of a text (``lead``) followed by its closing (``tail``: 特此公示, the
    attachments, the issuing body and date), laid out so the closing never stands alone on a
    page (GB/T 9704 keeps the signature on the page of the text):

    - it fits below the text: printed as it is;
    - it fits once its blank lines (the Spacers of ``tail``) shrink: they shrink, as far as
      needed and no further (the standard's remedy is adjusting the line spacing);
    - it does not fit: the last lines of ``lead`` go over to the next page with it.
    """

    def __init__(self, lead: Sequence[Flowable], tail: Sequence[Flowable]) -> None:
        super().__init__()
        self.lead, self.tail = list(lead), list(tail)
        self._scale = 1.0  # how much of the tail's blank lines are kept

    def _measure(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """(height of everything but the tail's blank lines, height of those blank lines)."""
        solid = blank = 0.0
        for flowable in self.lead + self.tail:
            height = flowable.wrap(avail_width, avail_height)[1]
            if isinstance(flowable, Spacer) and flowable in self.tail:
                blank += height
            else:
                solid += height
        return solid, blank

    def wrap(self, avail_width, avail_height):
        solid, blank = self._measure(avail_width, avail_height)
        self._scale = 1.0
        if solid + blank > avail_height and solid <= avail_height and blank:
            self._scale = max(0.0, (avail_height - solid) / blank)
        self.width, self.height = avail_width, solid + blank * self._scale
        return self.width, self.height

    def split(self, avail_width, avail_height):
        """Reached only when even shrunk blank lines do not fit: keep what the page holds of
        ``lead`` here and send at least its last line on with the closing."""
        contents = [i for i, f in enumerate(self.lead) if not isinstance(f, Spacer)]
        if not contents:
            return []
        last = contents[-1]
        before, carried, after = self.lead[:last], self.lead[last], self.lead[last + 1:]
        used = sum(f.wrap(avail_width, avail_height)[1] for f in before)
        height = carried.wrap(avail_width, avail_height)[1]
        # Ask the carried flowable to split a little short of its own height (one line less
        # at least) or of the room left, whichever is smaller.
        room = min(avail_height - used, height - 1)
        parts = carried.split(avail_width, room) if room > 0 else []
        if len(parts) >= 2:
            return [*before, *parts[:-1], ClosingBlock([parts[-1], *after], self.tail)]
        if before:
            return [*before, KeepTogether([carried, *after, *self.tail])]
        frame = getattr(self, "_frame", None)
        if frame is not None and frame._atTop:
            return [*self.lead, *self.tail]  # longer than a page: kept together it never fits
        return []  # the whole block starts the next page

    def drawOn(self, canvas, x, y, _sW=0):
        top = y + self.height
        for flowable in self.lead + self.tail:
            width, height = flowable.wrap(self.width, self.height)
            if isinstance(flowable, Spacer) and flowable in self.tail:
                top -= height * self._scale
                continue
            top -= height
            align = getattr(flowable, "hAlign", "LEFT")
            shift = {"RIGHT": self.width - width, "CENTER": (self.width - width) / 2,
                     "CENTRE": (self.width - width) / 2}.get(str(align).upper(), 0)
            flowable.drawOn(canvas, x + shift, top)

    def draw(self):  # pragma: no cover - drawOn does the work
        pass


def build_pdf(story: Sequence[Flowable], page: PageSpec, title: str,
              ctx: TaskContext | None = None) -> bytes:
    """The PDF of ``story`` on pages of ``page``; the same input gives the same bytes."""
    fonts = font_set()
    x, y, w, h = page.frame_box()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=page.pagesize, title=title, author="", subject="",
        creator="Linli Desk", producer="Linli Desk", invariant=1,
        # Not Helvetica: the base-14 font would be listed in the PDF without being embedded.
        initialFontName=fonts.plain, initialFontSize=10,
        leftMargin=x, bottomMargin=y, rightMargin=page.pagesize[0] - x - w,
        topMargin=page.pagesize[1] - y - h)
    frame = Frame(x, y, w, h, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
                  id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_decorate(page, ctx))])
    doc.build(list(story))
    return buffer.getvalue()


__all__ = ["ClosingBlock", "PageSpec", "build_pdf", "markup", "page_number_text"]
