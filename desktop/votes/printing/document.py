"""A titled table on A4: the printouts of a vote that are lists (the collection sheet, the
dwellings not yet voted, the statistics table, the cost-share table) share this look — a title,
a few lines saying what the list is, then a table whose header (and caption) repeats on every
page, page numbers "— 1 —", and "内部资料 注意保密" on every page of a staff-only list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.enums import TA_CENTER
from reportlab.platypus import Flowable, PageBreak, Spacer

from desktop.core.tasks import TaskContext
from desktop.printing.document import PageSpec, build_pdf
from desktop.printing.fonts import font_set
from desktop.printing.tables import table
from desktop.printing.text import para, style
from desktop.roster.printing.lists import confidential_note

TITLE_PT, LINE_PT, CELL_PT = 16.0, 10.5, 10.0


@dataclass(frozen=True)
class Section:
    """One table: a caption repeated with the header (a building's name), its rows, and the
    lines above it (counts)."""

    caption: str | None
    rows: Sequence[Sequence[object]]
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class ListDocument:
    title: str
    headers: Sequence[str]
    widths: Sequence[float]
    sections: Sequence[Section]
    lines: tuple[str, ...] = ()  # under the title
    landscape: bool = False
    staff_only: bool = True
    align_center: tuple[int, ...] = field(default=(0,))
    section_per_page: bool = False  # each section starts a page (a building's sheet)
    min_row_height: float | None = None
    foot: tuple[str, ...] = ()  # lines after the last table (signatures)


def render_list(document: ListDocument, ctx: TaskContext | None = None) -> bytes:
    fonts = font_set()
    title_style = style("list-title", fonts.title, TITLE_PT, leading=TITLE_PT * 1.4,
                        align=TA_CENTER, space_after=4)
    line_style = style("list-line", fonts.body, LINE_PT, leading=LINE_PT * 1.45)
    story: list[Flowable] = [para(document.title, title_style)]
    story += [para(line, line_style) for line in document.lines]
    story.append(Spacer(1, 4))
    for index, section in enumerate(document.sections):
        if index and document.section_per_page:
            story.append(PageBreak())
        story += [para(line, line_style) for line in section.lines]
        if section.lines:
            story.append(Spacer(1, 3))
        story.append(table(document.headers, list(section.rows), document.widths, fonts,
                           font_size=CELL_PT, caption=section.caption,
                           align_center=document.align_center,
                           min_row_height=document.min_row_height))
        story.append(Spacer(1, 8))
    story += [para(line, line_style) for line in document.foot]
    page = PageSpec(size="A4", landscape=document.landscape,
                    footer_note=confidential_note() if document.staff_only else None)
    return build_pdf(story, page, document.title, ctx)
