"""The phone layout of a notice as plain data, tested without drawing: the width, re-wrapped
Chinese lines, a table as a card per row, where pages break, and masking identical to the
printed notice's."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from desktop.notices.elements import Signature, Table, Text, notice_elements
from desktop.notices.masker import Masker, apply_masking, withheld
from desktop.notices.phone import notice_layout
from desktop.notices.phone.layout import MARGIN, SCREEN_HEIGHT, WIDTH, phone_layout
from desktop.notices.phone.wrap import text_width, wrap
from desktop.notices.render import masked_items
from desktop.notices.spec import NoticeSpec

DAY = dt.date(2026, 11, 23)
NAMES = ("张三明", "李小红", "王大伟")
ID_NUMBER = "110101199003071234"
TABLE = ("姓名|房号|联系电话|身份证号\n"
         f"张三明|3-2-501|13812345678|{ID_NUMBER}\n"
         "李小红|5-1-302|13900001111|\n"
         "王大伟|7-3-1102|13700007777|\n")
LONG = ("经社区居委会入户调查、民主评议，街道审核，现将2026年度最低生活保障复核结果公示如下，"
        "居民如对名单有异议，可在公示期内实名反映，社区将在3个工作日内核实并答复，"
        "联系人张三明，电话13812345678。")


def _spec(body: str = LONG + "\n" + TABLE, **kw) -> NoticeSpec:
    return NoticeSpec(**{
        "kind": "disclosure", "title": "关于2026年度最低生活保障复核结果的公示", "body": body,
        "issuing_body": "翠苑一区社区居民委员会", "issued_on": DAY, "posted_from": DAY,
        "posted_until": DAY + dt.timedelta(days=7),
        "objection": "如有异议，请于公示期内以书面形式向社区居委会反映。",
        "contact_phone": "0571-88886666", "attachments": ("低保复核家庭名单",), **kw})


def _lines(layout):
    return [(item, line) for page in layout.pages for item in page.items for line in item.lines]


def test_every_line_fits_the_phones_width():
    layout = notice_layout(_spec(), known_names=NAMES, community="翠苑一区社区", today=DAY)
    assert layout.width == WIDTH == 1080
    for item, line in _lines(layout):
        assert line.x >= MARGIN - 1, line
        assert line.x + text_width(line.text, item.size) <= WIDTH - MARGIN + 1, line
    # Readable on a phone without zooming: the body at 42-48 px, the title bigger.
    sizes = {item.kind: item.size for page in layout.pages for item in page.items}
    assert 42 <= sizes["paragraph"] <= 48 and sizes["title"] > sizes["paragraph"]


def test_a_long_chinese_line_is_rewrapped_whole():
    layout = notice_layout(_spec(body=LONG), known_names=NAMES, today=DAY)
    paragraph = next(i for p in layout.pages for i in p.items if i.kind == "paragraph")
    assert len(paragraph.lines) >= 4  # an A4 line would be 2; a phone's is about 20 characters
    masked = LONG.replace("张三明", "张*明").replace("13812345678", "138****5678")
    assert "".join(line.text for line in paragraph.lines) == masked  # nothing lost or added
    assert all(line.text[0] not in "，。、；：）" for line in paragraph.lines)
    assert not any(line.text.endswith("138") for line in paragraph.lines)  # a number stays whole
    assert paragraph.lines[0].x > paragraph.lines[1].x  # the first line is indented


def test_wrap_keeps_numbers_with_their_units_and_breaks_words_longer_than_a_line():
    # 330 px holds 一二三四2026年 (316 px): the date moves down whole all the same.
    assert wrap("一二三四2026年11月30日", 44, 330) == ["一二三四", "2026年11月30日"]
    assert wrap("一二三四五六12户", 44, 44 * 7) == ["一二三四五六", "12户"]
    # Closing punctuation never starts a line, opening punctuation never ends one.
    assert wrap("一二三四五，六七", 44, 44 * 5) == ["一二三四", "五，六七"]
    assert wrap("一二三四（五）六七", 44, 44 * 5) == ["一二三四", "（五）六七"]
    long_word = "a" * 500
    lines = wrap(long_word, 44, 400)
    assert "".join(lines) == long_word and all(text_width(t, 44) <= 400 for t in lines)


def test_a_table_becomes_a_card_per_row_of_header_value_lines():
    layout = notice_layout(_spec(body=TABLE), known_names=NAMES, today=DAY)
    cards = [i for p in layout.pages for i in p.items if i.kind == "card"]
    assert len(cards) == 3
    first = cards[0].text.splitlines()
    assert first[0].startswith("姓名") and first[0].endswith("张*明")
    assert first[2].startswith("联系电话") and first[2].endswith("138****5678")
    assert first[3].startswith("身份证号") and first[3].endswith(withheld())
    assert len(cards[1].lines) == 3  # an empty cell adds no line
    for card in cards:
        assert all(card.y < line.y < card.y + card.height for line in card.lines)


def test_nothing_masked_reaches_the_image_and_the_id_number_stays_withheld():
    spec = _spec()
    layout = notice_layout(spec, known_names=NAMES, today=DAY)
    items = masked_items(spec, NAMES)
    assert {i.kind for i in items} == {"name", "phone", "id_number"}
    for item in items:
        assert item.original not in layout.text, item
        assert item.shown in layout.text, item
    assert "0571-88886666" in layout.text  # the office's phone stays
    unmasked = notice_layout(dataclasses.replace(spec, mask=False), known_names=NAMES, today=DAY)
    assert "张三明" in unmasked.text and "13812345678" in unmasked.text
    assert ID_NUMBER not in unmasked.text and withheld() in unmasked.text


def test_the_image_says_what_the_pdf_says():
    spec = _spec()
    masked = apply_masking(spec, Masker(spec, NAMES))
    elements = notice_elements(spec, masked)
    assert isinstance(elements[0], Text) and elements[0].kind == "title"
    assert isinstance(elements[-1], Signature) and elements[-1].issuing_body == spec.issuing_body
    kinds = [e.kind for e in elements if isinstance(e, Text)]
    assert kinds[-4:] == ["period", "objection", "contact", "closing"]
    table = next(e for e in elements if isinstance(e, Table))
    assert table.header == ("姓名", "房号", "联系电话", "身份证号") and len(table.rows) == 3
    text = phone_layout(elements, today=DAY).text
    for element in elements:
        if isinstance(element, Text):
            assert element.text.replace(" ", "") in text.replace("\n", "").replace(" ", "")


def test_the_foot_has_the_community_and_the_date():
    layout = notice_layout(_spec(), community="翠苑一区社区", today=dt.date(2026, 11, 25))
    foot = layout.pages[-1].items[-1]
    assert foot.kind == "foot" and "翠苑一区社区" in foot.text and "2026" in foot.text
    assert foot.y + foot.height <= layout.pages[-1].height


def _paged(body: str):
    return notice_layout(_spec(body=body), known_names=NAMES, pages=True, community="翠苑社区",
                         today=DAY)


def test_pages_are_a_phone_screen_high_and_never_cut_a_card():
    rows = "\n".join(f"住户{k}|{k}幢|1380000{k:04d}" for k in range(40))
    sections = "\n".join(f"{n}、第{n}部分\n{LONG}" for n in "一二三四五六七八九")
    layout = _paged(sections + "\n十、名单\n姓名|房号|电话\n" + rows)
    assert len(layout.pages) > 3
    cards = 0
    for page in layout.pages:
        assert page.height <= SCREEN_HEIGHT
        body = [i for i in page.items if i.kind not in ("rule", "foot")]
        foot = next(i for i in page.items if i.kind == "rule")
        assert all(i.y + i.height <= foot.y for i in body)  # nothing runs into the foot
        cards += sum(1 for i in body if i.kind == "card")
        assert body[-1].kind not in ("heading", "title")  # a heading goes with its text
    assert cards == 40  # one card a row: none was split
    assert all(p.height == SCREEN_HEIGHT for p in layout.pages[:-1])
    numbers = [p.items[-1].text.splitlines()[-1] for p in layout.pages]
    assert len(set(numbers)) == len(layout.pages)  # each page says which it is


def test_a_paragraph_longer_than_a_page_breaks_between_lines():
    layout = _paged(LONG * 12)
    assert len(layout.pages) >= 2
    parts = [i for p in layout.pages for i in p.items if i.kind == "paragraph"]
    assert len(parts) >= 2
    text = "".join(line.text for part in parts for line in part.lines)
    assert text.replace("张*明", "张三明").replace("138****5678", "13812345678") == LONG * 12


@pytest.mark.parametrize("width", [720, 1440])
def test_other_widths_scale(width):
    layout = notice_layout(_spec(), known_names=NAMES, today=DAY)
    scaled = phone_layout(notice_elements(_spec(), apply_masking(_spec(), Masker(_spec(), NAMES))),
                          width, today=DAY)
    assert scaled.width == width
    for item, line in _lines(scaled):
        assert line.x + text_width(line.text, item.size) <= width
    assert layout.text.replace("\n", "") == scaled.text.replace("\n", "")


def test_a_heading_never_ends_a_page():
    # Wherever the page ends, a heading moves over with the first line of its text.
    for filler in range(300, 560, 15):  # the heading lands at every height of the page
        layout = _paged("\n".join(["长" * filler, "一、下一部分", LONG]))
        for page in layout.pages[:-1]:
            body = [i for i in page.items if i.kind not in ("rule", "foot")]
            assert body[-1].kind != "heading", filler


def test_a_long_title_is_cut_into_lines_of_even_length():
    layout = notice_layout(_spec(title="关于2026年度最低生活保障申请人员情况的公示"), today=DAY)
    title = next(i for p in layout.pages for i in p.items if i.kind == "title")
    widths = [text_width(line.text, title.size) for line in title.lines]
    assert len(widths) == 2 and min(widths) > 0.7 * max(widths), [t.text for t in title.lines]
