"""The PDF engine: fonts embedded as subsets, page numbers, repeated headers, rare characters."""

from __future__ import annotations

from desktop.printing.document import PageSpec, build_pdf
from desktop.printing.fonts import font_set, unprintable
from desktop.printing.tables import table
from desktop.printing.text import markup, para, style
from tests.printing import pdftools


def test_markup_escapes_and_switches_font_for_rare_characters():
    fonts = font_set()
    assert markup("a<b>&c", fonts.body) == "a&lt;b&gt;&amp;c"
    marked = markup("刘䶮", fonts.body)
    if fonts.fallback_for("䶮") is None:
        assert unprintable("刘䶮") == {"䶮"}
    else:
        assert marked.startswith("刘<font name=")


def test_table_splits_with_header_on_every_page(tmp_path):
    fonts = font_set()
    rows = [[str(i), f"名字{i}", "很长的备注" * (8 if i % 9 == 0 else 1)] for i in range(200)]
    story = [table(["序号", "HEADERX", "备注"], rows, None, fonts)]
    path = pdftools.write(tmp_path, build_pdf(story, PageSpec(landscape=True), "t"))
    count = pdftools.pages(path)
    assert count >= 3
    for page in range(1, count + 1):
        text = pdftools.text(path, page=page)
        assert text.count("HEADERX") == 1
        assert pdftools.has_page_number(text, page)
    pdftools.assert_embedded_subsets(path)


def test_same_input_same_bytes_and_title_metadata(tmp_path):
    fonts = font_set()
    story = lambda: [para("居民公约", style("b", fonts.body, 16))]
    first = build_pdf(story(), PageSpec(official=True), "居民公约")
    assert first == build_pdf(story(), PageSpec(official=True), "居民公约")
    assert pdftools.info(pdftools.write(tmp_path, first))["Title"] == "居民公约"


def test_a3_and_footer_note(tmp_path):
    fonts = font_set()
    pdf = build_pdf([para("海报", style("b", fonts.body, 22))],
                    PageSpec(size="A3", official=True, footer_note="NOTE-XYZ"), "p")
    path = pdftools.write(tmp_path, pdf)
    assert "A3" in pdftools.info(path)["Page size"]
    assert "NOTE-XYZ" in pdftools.text(path)
