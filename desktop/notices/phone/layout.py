"""A notice laid out for a phone screen, as plain data (nothing is drawn here).

The page is 1080 px wide (a phone's screen at 3×): body text at 44 px reads like 15 pt on the
phone without zooming, the title bigger; every line is re-wrapped for the width; a table
becomes a card per row ("header: value" lines), as a row of five columns cannot be read at
6 cm. The community's name and the date stand at the foot. With ``page_height`` the notice is
cut into screen-sized pages, never inside a line or a card, never after a heading.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.core.i18n import _, format_date
from desktop.notices.elements import Attachments, Element, Signature, Table, Text
from desktop.notices.phone.wrap import text_width, wrap

WIDTH = 1080
SCREEN_HEIGHT = 1920
# Sizes at 1080 px wide; other widths scale them.
MARGIN, BODY, TITLE, CARD, FOOT = 64, 44, 60, 42, 32
LEADING = 1.6  # line height / font size
CARD_PAD, CARD_GAP = 28, 20
BLACK, GREY, CARD_FILL, CARD_EDGE = 20, 110, 245, 220
_INDENTED = ("heading", "subheading", "paragraph", "period", "objection", "contact", "closing")


@dataclass(frozen=True)
class Line:
    text: str
    x: int
    y: int  # the top of the line's box (the box is the item's line_height high)


@dataclass(frozen=True)
class Item:
    """One drawn thing: a block of text, a card (a table's row) or the foot's rule."""

    kind: str  # an element's kind ("title", "paragraph"…, "attachments", "signature"),
    #            "card", "rule" or "foot"
    x: int
    y: int
    width: int
    height: int
    size: int = 0  # font size in px
    line_height: int = 0
    lines: tuple[Line, ...] = ()
    bold: bool = False
    ink: int = BLACK  # grey level of the text (0 black, 255 white)
    fill: int | None = None  # a card's background
    edge: int | None = None

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True)
class PhonePage:
    height: int
    items: tuple[Item, ...]


@dataclass(frozen=True)
class PhoneLayout:
    width: int
    pages: tuple[PhonePage, ...]

    @property
    def height(self) -> int:
        return sum(p.height for p in self.pages)

    @property
    def text(self) -> str:
        """Every text the image will show (what tests check for masked values)."""
        return "\n".join(i.text for p in self.pages for i in p.items if i.lines)


@dataclass
class _Block:
    """An item before it has a place: lines relative to the block's top-left."""

    kind: str
    size: int
    line_height: int
    lines: list[tuple[str, int]]  # (text, x offset from the content's left)
    space_before: int = 0
    splittable: bool = True  # between lines, across pages
    keep_with_next: bool = False
    bold: bool = False
    ink: int = BLACK
    pad: int = 0  # a card's padding (a card is never split)
    space_after: int = 0

    @property
    def height(self) -> int:
        return len(self.lines) * self.line_height + 2 * self.pad


class _Metrics:
    def __init__(self, width: int) -> None:
        s = width / WIDTH
        self.width = width
        self.margin, self.body, self.title = round(MARGIN * s), round(BODY * s), round(TITLE * s)
        self.card, self.foot = round(CARD * s), round(FOOT * s)
        self.pad, self.gap = round(CARD_PAD * s), round(CARD_GAP * s)
        self.content = width - 2 * self.margin

    def lh(self, size: int) -> int:
        return round(size * LEADING)


def _balanced(text: str, size: int, width: int) -> list[str]:
    """A centred title in lines of even length: 关于…申请人 / 员的公示 reads badly."""
    lines = wrap(text, size, width)
    if len(lines) < 2 or len(lines) > 6:
        return lines
    low, high = width // len(lines), width  # the narrowest width giving as few lines
    while high - low > size // 4:
        mid = (low + high) // 2
        if len(wrap(text, size, mid)) <= len(lines):
            high = mid
        else:
            low = mid
    return wrap(text, size, high)


def _text_block(element: Text, m: _Metrics) -> _Block:
    if element.kind == "title":
        size = m.title
        lines = _balanced(element.text, size, m.content)
        return _Block("title", size, m.lh(size),
                      [(t, round((m.content - text_width(t, size)) / 2)) for t in lines],
                      bold=True, keep_with_next=True, space_after=round(size * 0.5))
    size, indent = m.body, 2 * m.body
    lines = wrap(element.text, size, m.content, m.content - indent)
    return _Block(element.kind, size, m.lh(size),
                  [(t, indent if k == 0 else 0) for k, t in enumerate(lines)],
                  space_before=round(size * 0.35),
                  bold=element.kind == "heading",
                  keep_with_next=element.kind in ("heading", "subheading"))


def _cards(element: Table, m: _Metrics) -> list[_Block]:
    size, inner = m.card, m.content - 2 * m.pad
    cards = []
    for row in element.rows:
        lines: list[tuple[str, int]] = []
        for k, value in enumerate(row):
            value = value.strip()
            if not value:
                continue
            header = element.header[k].strip() if k < len(element.header) else ""
            text = _("{header}: {value}").format(header=header, value=value) if header else value
            lines += [(t, m.pad) for t in wrap(text, size, inner)]
        if lines:
            cards.append(_Block("card", size, m.lh(size), lines, space_before=m.gap,
                                splittable=False, pad=m.pad))
    return cards


def _attachments(element: Attachments, m: _Metrics) -> _Block:
    size = m.body
    label = round(text_width(element.label, size))
    lines: list[tuple[str, int]] = []
    for k, item in enumerate(element.items):
        wrapped = wrap(element.label + item if k == 0 else item, size, m.content - label,
                       m.content if k == 0 else None)
        lines += [(t, 0 if (k == 0 and j == 0) else label) for j, t in enumerate(wrapped)]
    return _Block("attachments", size, m.lh(size), lines, space_before=m.lh(size))


def _signature(element: Signature, m: _Metrics) -> _Block:
    """The issuing body centred over the date, right-aligned one character in."""
    size = m.body
    right = m.content - size
    texts = [*wrap(element.issuing_body, size, right), element.date]
    box = max(text_width(t, size) for t in texts) + size
    left = max(0.0, right - box)
    return _Block("signature", size, m.lh(size),
                  [(t, round(left + (box - text_width(t, size)) / 2)) for t in texts],
                  space_before=m.lh(size), splittable=False)


def _blocks(elements: list[Element], m: _Metrics) -> list[_Block]:
    out: list[_Block] = []
    for element in elements:
        if isinstance(element, Text):
            out.append(_text_block(element, m))
        elif isinstance(element, Table):
            out += _cards(element, m)
        elif isinstance(element, Attachments):
            out.append(_attachments(element, m))
        elif isinstance(element, Signature):
            out.append(_signature(element, m))
    return out


def _foot(m: _Metrics, community: str, today: dt.date) -> list[str]:
    text = " · ".join(p for p in (community.strip(), format_date(today)) if p)
    return wrap(text, m.foot, m.content)


class _Pager:
    """Places blocks top to bottom, starting a new page when the next one does not fit."""

    def __init__(self, m: _Metrics, page_height: int | None, foot_height: int) -> None:
        self.m, self.page_height, self.foot_height = m, page_height, foot_height
        self.pages: list[list[Item]] = [[]]
        self.y = m.margin

    def room(self) -> float:
        if self.page_height is None:
            return float("inf")
        return self.page_height - self.foot_height - self.y

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.m.margin

    def place(self, block: _Block, lines: list[tuple[str, int]] | None = None) -> None:
        lines = block.lines if lines is None else lines
        x0, top = self.m.margin, self.y
        height = len(lines) * block.line_height + 2 * block.pad
        fill = CARD_FILL if block.kind == "card" else None
        self.pages[-1].append(Item(
            block.kind, x0, top, self.m.content, height, block.size, block.line_height,
            tuple(Line(t, x0 + dx, top + block.pad + k * block.line_height)
                  for k, (t, dx) in enumerate(lines)),
            bold=block.bold, ink=block.ink, fill=fill,
            edge=CARD_EDGE if fill is not None else None))
        self.y += height

    def add(self, block: _Block, next_block: _Block | None) -> None:
        self._add(block, next_block)
        self.y += block.space_after

    def _add(self, block: _Block, next_block: _Block | None) -> None:
        at_top = not self.pages[-1]
        space = 0 if at_top else block.space_before
        need = space + block.height
        if block.keep_with_next and next_block is not None:
            need += next_block.space_before + min(
                next_block.height, next_block.line_height + 2 * next_block.pad)
        if need <= self.room() or at_top:
            self.y += space
            self._place_split(block)
            return
        lines_fit = int((self.room() - space) // block.line_height)
        if block.splittable and not block.keep_with_next and lines_fit >= 1:
            self.y += space
            self.place(block, block.lines[:lines_fit])
            rest = block.lines[lines_fit:]
            self.new_page()
            self._place_split(_Block(block.kind, block.size, block.line_height, rest,
                                     bold=block.bold, ink=block.ink))
            return
        self.new_page()
        self._place_split(block)

    def _place_split(self, block: _Block) -> None:
        """At the top of a page (or with room): split only what is taller than a page."""
        lines = block.lines
        while block.splittable and len(lines) * block.line_height > self.room():
            fit = max(1, int(self.room() // block.line_height))
            self.place(block, lines[:fit])
            lines = lines[fit:]
            self.new_page()
        if lines:
            self.place(block, lines)


def phone_layout(elements: list[Element], width_px: int = WIDTH, *,
                 page_height: int | None = None, community: str = "",
                 today: dt.date | None = None) -> PhoneLayout:
    """The notice's ``elements`` laid out ``width_px`` wide: one long page, or pages of
    ``page_height`` (SCREEN_HEIGHT for a phone's screen)."""
    m = _Metrics(width_px)
    foot_lines = _foot(m, community, today or dt.date.today())
    paging = page_height is not None
    foot_line = m.lh(m.foot)
    # The foot: a gap, a hairline, the community and date, the page number when paging.
    foot_height = m.body + (len(foot_lines) + (1 if paging else 0)) * foot_line + m.margin
    pager = _Pager(m, page_height, foot_height)
    blocks = _blocks(elements, m)
    for k, block in enumerate(blocks):
        pager.add(block, blocks[k + 1] if k + 1 < len(blocks) else None)
    pages: list[PhonePage] = []
    count = len(pager.pages)
    for number, items in enumerate(pager.pages, 1):
        content_end = max((i.y + i.height for i in items), default=m.margin)
        last = number == count
        height = content_end + foot_height
        if paging and not last:
            height = max(height, page_height)
        top = height - foot_height + m.body // 2
        texts = list(foot_lines)
        if paging and count > 1:
            texts.append(_("Page {page} of {pages}").format(page=number, pages=count))
        foot = Item("foot", m.margin, top + m.body // 2, m.content, len(texts) * foot_line,
                    m.foot, foot_line,
                    tuple(Line(t, m.margin + round((m.content - text_width(t, m.foot)) / 2),
                               top + m.body // 2 + k * foot_line) for k, t in enumerate(texts)),
                    ink=GREY)
        rule = Item("rule", m.margin, top, m.content, 1, ink=CARD_EDGE)
        pages.append(PhonePage(height, (*items, rule, foot)))
    return PhoneLayout(width_px, tuple(pages))
