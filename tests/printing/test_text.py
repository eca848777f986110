"""Chinese line breaking in every printout: no line starts with a comma, a full stop or a
closing bracket, whatever the width (a notice read "，由本幢业主…" at the start of a line)."""

from __future__ import annotations

from reportlab.lib.units import mm

from desktop.printing.fonts import font_set
from desktop.printing.text import NO_LINE_START, para, style

TEXT = ("拟在3幢1单元、2单元各加装电梯一部，总费用约70万元，由本幢业主按专有部分面积分摊；"
        "施工期间请业主配合！如有疑问？请联系社区（电话见联系方式）每周一至周五。")
# reportlab lets one closing mark hang at the end of a line; two in a row ("”）。") may
# still put the second at the start of the next (its own limit, rare in notices).


def _lines(text: str, width: float) -> list[str]:
    paragraph = para(text, style("body", font_set().body, 16, first_indent=32))
    paragraph.wrap(width, 10_000)
    return ["".join(line[1]) if isinstance(line, tuple)
            else "".join(getattr(word, "text", "") for word in line.words)
            for line in paragraph.blPara.lines]


def test_no_line_starts_with_closing_punctuation_at_any_width():
    starts = []
    for width in range(100, 180):
        lines = _lines(TEXT, width * mm)
        assert "".join(lines) == TEXT  # nothing lost or doubled by the wrapping
        starts += [(width, line[:1]) for line in lines[1:] if line[:1] in NO_LINE_START + "、。"]
    assert starts == []


def test_a_long_title_wraps_in_even_lines_not_over_a_lone_character():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from desktop.printing.text import balanced

    title = "关于“1幢电梯更新改造”业主表决结果的公告"
    st = style("title", font_set().title, 22)
    width = 156 * mm

    def lines(paragraph) -> list[str]:
        paragraph.wrap(width, 10_000)
        return ["".join(line[1]) if isinstance(line, tuple)
                else "".join(getattr(w, "text", "") for w in line.words)
                for line in paragraph.blPara.lines]

    assert lines(para(title, st))[-1] == "告"  # plain wrapping: the lone character
    even = lines(balanced(title, st, width))
    assert "".join(even) == title and len(even) == 2
    widths = [stringWidth(line, st.fontName, st.fontSize) for line in even]
    assert min(widths) > 0.4 * sum(widths)  # not 20 characters over one
