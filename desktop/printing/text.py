"""Text for reportlab Paragraphs: XML-escaped, CJK-wrapped, with rare characters switched to a
font that has them (a name with 䶮 or 𠮷 prints instead of a blank box)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import textsplit as _reportlab_textsplit
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus import paragraph as _reportlab_paragraph

from desktop.printing.fonts import covered, font_set

# Chinese punctuation that may not start a line (GB/T 15834 and every Chinese typesetter:
# 避头点). reportlab's CJK wrapping knows the Japanese list — 、。」 and ASCII ,.;:!? — but not
# the full-width ，；：！？ of Chinese, so "约70万元，由本幢…" broke before the comma. A
# character in this list that overflows a line hangs at its end instead of starting the next.
NO_LINE_START = "，；：！？％”’》」』】〉〕）·…"
# Both of reportlab's wrappers read the list: one font in a paragraph, and several.
for _module in (_reportlab_textsplit, _reportlab_paragraph):
    _module.ALL_CANNOT_START = "".join(dict.fromkeys(_module.ALL_CANNOT_START + NO_LINE_START))


def markup(text: str, font: str) -> str:
    """``text`` as Paragraph markup in ``font``: escaped, and runs of characters ``font`` lacks
    wrapped in ``<font name=...>`` of a font that has them (left as they are when none has)."""
    chars = covered(font)
    if all(ord(ch) in chars or ch in "\n\t " for ch in text):
        return escape(text).replace("\n", "<br/>")
    fonts = font_set()
    out: list[str] = []
    run: list[str] = []
    run_font: str | None = None
    for ch in text:
        if ch == "\n" or ord(ch) in chars or ch.isspace():
            wanted = None
        else:
            wanted = fonts.fallback_for(ch)
        if wanted != run_font and run:
            out.append(_run("".join(run), run_font))
            run = []
        run_font = wanted
        run.append(ch)
    if run:
        out.append(_run("".join(run), run_font))
    return "".join(out)


def _run(text: str, font: str | None) -> str:
    body = escape(text).replace("\n", "<br/>")
    return f'<font name="{font}">{body}</font>' if font else body


def needs_markup(text: str, font: str) -> bool:
    """Whether ``text`` needs a Paragraph for its characters (a font fallback)."""
    chars = covered(font)
    return not all(ord(ch) in chars for ch in text)


def style(name: str, font: str, size: float, *, leading: float | None = None,
          align: int = TA_LEFT, first_indent: float = 0, left_indent: float = 0,
          right_indent: float = 0, space_before: float = 0, space_after: float = 0,
          keep_with_next: bool = False) -> ParagraphStyle:
    """A ParagraphStyle with CJK line breaking (Chinese wraps between any two characters and
    keeps closing punctuation off the start of a line)."""
    return ParagraphStyle(
        name, fontName=font, fontSize=size, leading=leading or size * 1.25, alignment=align,
        firstLineIndent=first_indent, leftIndent=left_indent, rightIndent=right_indent,
        spaceBefore=space_before, spaceAfter=space_after, wordWrap="CJK",
        keepWithNext=1 if keep_with_next else 0, allowWidows=1, allowOrphans=1)


def para(text: str, st: ParagraphStyle) -> Paragraph:
    """A Paragraph of plain ``text`` (escaped, fallback fonts applied)."""
    return Paragraph(markup(text, st.fontName), st)


def balanced(text: str, st: ParagraphStyle, width: float) -> Paragraph:
    """A centred title that wraps, with its lines as even as the width allows: the narrowest
    frame that still takes the same number of lines (GB/T 9704 arranges a title of several
    lines symmetrically; "…业主表决结果的公" over a lone "告" is what plain wrapping gives)."""
    def lines(frame: float) -> int:
        candidate = para(text, st)
        candidate.wrap(frame, 1_000_000)
        return len(candidate.blPara.lines)

    wanted = lines(width)
    if wanted <= 1:
        return para(text, st)
    low, high = width / wanted, width
    for _step in range(12):  # to well under a point
        middle = (low + high) / 2
        if lines(middle) > wanted:
            low = middle
        else:
            high = middle
    side = (width - high) / 2
    return para(text, ParagraphStyle(f"{st.name}-balanced", parent=st,
                                     leftIndent=st.leftIndent + side,
                                     rightIndent=st.rightIndent + side))


__all__ = ["balanced", "TA_CENTER", "TA_LEFT", "markup", "needs_markup", "para", "style"]
