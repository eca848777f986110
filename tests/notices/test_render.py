"""Notices as real PDFs: titles, posting dates and masked forms are there; ID numbers and
unmasked phones never are; fonts embedded as subsets; rare name characters print."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from desktop.notices.body import parse_body
from desktop.notices.render import masked_items, render_notice
from desktop.notices.spec import NoticeSpec, check_spec
from desktop.printing.fonts import font_set
from tests.printing import pdftools

ID = "330106199003071234"


def _disclosure(body: str, **kw) -> NoticeSpec:
    base = dict(kind="disclosure", title="Disclosure of 2026 subsidy applicants", body=body,  # noqa: C408
                issuing_body="Cuiyuan Community Residents' Committee",
                issued_on=dt.date(2026, 11, 23), posted_from=dt.date(2026, 11, 23),
                posted_until=dt.date(2026, 11, 30), objection="Object in writing at the office.",
                contact_phone="0571-88886666", attachments=("List of applicants",))
    base.update(kw)
    return NoticeSpec(**base)


@pytest.fixture(scope="module")
def names(tmp_path_factory):
    from sqlalchemy import select

    from desktop.core.paths import DataDir
    from desktop.roster.demo import generate_demo
    from desktop.roster.models import Resident
    from desktop.storage.lifecycle import open_database

    database = open_database(DataDir(tmp_path_factory.mktemp("d") / "data").prepare(),
                             device_name="t")
    try:
        generate_demo(database, residents=300)
        with database.reading() as session:
            return list(session.execute(select(Resident.name)).scalars())
    finally:
        database.close()


def test_body_format():
    blocks = parse_body("一、标题\n（一）小标题\n1. 第一项\n（1）子项\n正文\n\n姓名|电话\n张三|138\n")
    assert [b.kind for b in blocks] == ["heading", "subheading", "item", "subitem", "paragraph",
                                        "table"]
    assert blocks[-1].rows == (("姓名", "电话"), ("张三", "138"))


def test_check_spec():
    spec = _disclosure("x", posted_until=dt.date(2026, 11, 1), contact_phone="")
    problems = check_spec(spec)
    assert set(problems) >= {"posted_until", "contact_phone"}
    assert check_spec(_disclosure("x")) == {}
    assert check_spec(dataclasses.replace(_disclosure("x"), title=" "))["title"]
    assert NoticeSpec.from_json(_disclosure("x").to_json()) == _disclosure("x")


def test_disclosure_masks_names_phones_and_drops_ids(tmp_path, names):
    person, other = names[0], names[1]
    body = (f"一、Applicants\n1. {person}, phone 13812345678, ID {ID}.\n"
            f"Name|Room|Phone|ID number\n{other}|3-2-501|13987654321|{ID[:-1]}X\n"
            f"Call the office on 0571-88886666.")
    spec = _disclosure(body, title=f"Disclosure about {person}")
    items = masked_items(spec, names)
    kinds = {(i.kind, i.original) for i in items}
    assert ("phone", "13812345678") in kinds and ("name", person) in kinds
    assert ("id_number", ID) in kinds
    path = pdftools.write(tmp_path, render_notice(spec, known_names=names))
    text = pdftools.text(path)
    flat = re.sub(r"\s+", "", text)
    assert "Disclosure" in text and "2026" in text
    assert "November23,2026" in flat and "November30,2026" in flat
    assert "138****5678" in flat and "139****4321" in flat
    assert "13812345678" not in flat and "13987654321" not in flat
    assert ID not in flat and ID[:-1] not in flat and "330106" not in flat
    from desktop.core.masking import mask_name
    assert mask_name(person) in flat and person not in flat
    assert "0571-88886666" in flat  # the office's own phone stays
    assert "This is hereby disclosed." in text
    pdftools.assert_embedded_subsets(path)
    assert pdftools.pages(path) == 1


def test_ids_removed_even_unmasked(tmp_path):
    spec = _disclosure(f"Phone 13812345678 ID {ID}", mask=False)
    flat = re.sub(r"\s+", "", pdftools.text(pdftools.write(tmp_path, render_notice(spec))))
    assert "13812345678" in flat and ID not in flat


def test_long_body_has_numbered_pages(tmp_path):
    body = "\n".join(f"{i}. " + "社区将组织居民开展环境整治活动，请各位居民积极参加。" * 2
                     for i in range(1, 30))
    path = pdftools.write(tmp_path, render_notice(_disclosure(body, kind="notice")))
    assert pdftools.pages(path) >= 2
    assert pdftools.has_page_number(pdftools.text(path, page=2), 2)


def test_rare_name_characters_print(tmp_path):
    fonts = font_set()
    if fonts.fallback_for("䶮") is None or fonts.fallback_for("𠮷") is None:
        pytest.skip("no installed font has 䶮 and 𠮷")
    spec = _disclosure("居民刘䶮、𠮷田同志", kind="announcement")
    path = pdftools.write(tmp_path, render_notice(spec))
    text = pdftools.text(path)
    assert "刘䶮" in text and "𠮷" in text
    fallback = fonts.fallback_for("䶮")
    if fallback != fonts.bundled:
        assert any(row["name"].split("+")[-1] != "WenQuanYiMicroHei-0"
                   for row in pdftools.fonts(path))
    pdftools.assert_embedded_subsets(path)
    assert "This is hereby announced." in text


def test_a3_poster(tmp_path):
    path = pdftools.write(tmp_path, render_notice(_disclosure("正文", paper="A3")))
    assert "A3" in pdftools.info(path)["Page size"]
