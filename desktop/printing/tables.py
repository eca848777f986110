"""Tables that fit the page width, wrap long cells and split across pages with the header
repeated on every page.

Speed: a reportlab Paragraph per cell costs ~0.1 ms to build and more to wrap; a 10,000-row
花名册 has 70,000 cells. Cells are therefore plain strings (one line, fixed row height) unless
they are too wide for their column or need a fallback font for a rare character.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, LongTable, Paragraph, TableStyle

from desktop.printing.fonts import FontSet, covered
from desktop.printing.text import markup, style

PADDING = 3.0
HEADER_GREY = colors.Color(0.9, 0.9, 0.9)


def _display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


class FitTable(Flowable):
    """A table laid out when the frame's width is known: column widths (relative, or measured
    from the content) are scaled to that width."""

    def __init__(self, headers: Sequence[str], rows: Sequence[Sequence[object]],
                 col_widths: Sequence[float] | None, fonts: FontSet, *,
                 repeat_header: bool = True, font_size: float = 10.0,
                 caption: str | None = None, row_height: float | None = None,
                 min_row_height: float | None = None, header_font: str | None = None,
                 font: str | None = None, align_center: Sequence[int] = ()) -> None:
        super().__init__()
        self.headers = [str(h) for h in headers]
        self.rows = rows
        self.col_widths = col_widths
        self.fonts = fonts
        self.repeat_header = repeat_header
        self.font_size = font_size
        self.caption = caption
        self.row_height = row_height
        self.min_row_height = min_row_height
        self.font = font or fonts.plain
        self.header_font = header_font or fonts.heading
        self.align_center = tuple(align_center)
        self._table: LongTable | None = None
        self._built_for: float | None = None

    # -- layout -------------------------------------------------------------------------
    def _relative_widths(self) -> list[float]:
        if self.col_widths is not None:
            return [float(w) for w in self.col_widths]
        widths = [max(4, _display_width(h)) for h in self.headers]
        for row in self.rows[:200]:
            for i, cell in enumerate(row[:len(widths)]):
                widths[i] = max(widths[i], min(40, _display_width(_text(cell))))
        return [w + 2 for w in widths]

    def _build(self, avail_width: float) -> LongTable:
        relative = self._relative_widths()
        total = sum(relative) or 1.0
        widths = [avail_width * w / total for w in relative]
        size = self.font_size
        leading = size * 1.25
        body_style = style("cell", self.font, size, leading=leading)
        head_style = style("head", self.header_font, size, leading=leading, align=1)
        caption_style = style("caption", self.header_font, size * 1.2, leading=size * 1.5)
        chars = covered(self.font)
        head_chars = covered(self.header_font)
        plain_height = self.row_height or max(leading + 2 * PADDING, self.min_row_height or 0)
        data: list[list[object]] = []
        heights: list[float | None] = []
        if self.caption:
            data.append([_paragraph(self.caption, caption_style)] + [""] * (len(widths) - 1))
            heights.append(None)
        data.append([_paragraph(h, head_style) if not _fits(h, widths[i], size, head_chars,
                                                            self.header_font) else h
                     for i, h in enumerate(self.headers)])
        heights.append(None)
        room = [w - 2 * PADDING for w in widths]
        font = self.font
        for row in self.rows:
            cells: list[object] = []
            wrapped = False
            for i, cell in enumerate(row):
                text = _text(cell)
                if text and not _fits(text, room[i], size, chars, font):
                    cells.append(Paragraph(markup(text, font), body_style))
                    wrapped = True
                else:
                    cells.append(text)
            data.append(cells)
            heights.append(None if wrapped and self.row_height is None else plain_height)
        header_rows = (2 if self.caption else 1) if self.repeat_header else 0
        table = LongTable(data, colWidths=widths, rowHeights=heights, repeatRows=header_rows,
                          splitByRow=1)
        head_row = 1 if self.caption else 0
        commands = [
            ("FONT", (0, 0), (-1, -1), font, size, leading),
            ("FONT", (0, head_row), (-1, head_row), self.header_font, size, leading),
            ("GRID", (0, head_row), (-1, -1), 0.5, colors.black),
            ("BACKGROUND", (0, head_row), (-1, head_row), HEADER_GREY),
            ("ALIGN", (0, head_row), (-1, head_row), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
            ("TOPPADDING", (0, 0), (-1, -1), PADDING),
            ("BOTTOMPADDING", (0, 0), (-1, -1), PADDING),
        ]
        if self.caption:
            commands += [("SPAN", (0, 0), (-1, 0)), ("BOTTOMPADDING", (0, 0), (-1, 0), 6)]
        for col in self.align_center:
            commands.append(("ALIGN", (col, head_row + 1), (col, -1), "CENTER"))
        table.setStyle(TableStyle(commands))
        return table

    def _ensure(self, avail_width: float) -> LongTable:
        if self._table is None or self._built_for != avail_width:
            self._table = self._build(avail_width)
            self._built_for = avail_width
        return self._table

    def wrap(self, avail_width, avail_height):
        table = self._ensure(avail_width)
        self.width, self.height = table.wrap(avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width, avail_height):
        return self._ensure(avail_width).split(avail_width, avail_height)

    def drawOn(self, canvas, x, y, _sW=0):
        self._ensure(self._built_for or self.width).drawOn(canvas, x, y, _sW)

    def draw(self):  # pragma: no cover - drawOn does the work
        pass


def _text(cell: object) -> str:
    if cell is None:
        return ""
    return cell if isinstance(cell, str) else str(cell)


def _fits(text: str, room: float, size: float, chars: frozenset[int], font: str) -> bool:
    """One line in ``font`` without a fallback character."""
    if "\n" in text:
        return False
    if len(text) * size <= room:  # every glyph is at most 1 em wide
        return all(ord(ch) in chars for ch in text)
    if not all(ord(ch) in chars for ch in text):
        return False
    return stringWidth(text, font, size) <= room


def _paragraph(text: str, st) -> Paragraph:
    return Paragraph(markup(text, st.fontName), st)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]],
          col_widths: Sequence[float] | None, font_set: FontSet,
          repeat_header: bool = True, **options) -> FitTable:
    """A table flowable fitting the frame width; ``col_widths`` are relative (None: measured
    from the content). Options: font_size, caption (a title row spanning the columns, repeated
    with the header), row_height, min_row_height, font, header_font, align_center."""
    return FitTable(headers, rows, col_widths, font_set, repeat_header=repeat_header, **options)
