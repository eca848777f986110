"""Printed roster lists as real PDFs."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from desktop.roster.printing.lists import (
    RosterListOptions,
    render_roster_list,
    render_sign_in_sheet,
    render_walk_list,
)
from tests.printing import pdftools

_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_ID = re.compile(r"(?<!\d)\d{17}[\dX](?!\d)")


@pytest.fixture
def demo(db):
    from desktop.roster.demo import generate_demo

    generate_demo(db, residents=300)
    return db


def test_roster_list_masked_with_header_on_every_page(tmp_path, demo):
    with demo.reading() as session:
        pdf = render_roster_list(session, RosterListOptions())
    path = pdftools.write(tmp_path, pdf)
    count = pdftools.pages(path)
    assert count >= 3
    for page in range(1, count + 1):
        text = pdftools.text(path, page=page)
        assert text.count("Relationship") == 1, page
        assert pdftools.has_page_number(text, page)
    whole = pdftools.text(path)
    assert "****" in whole
    assert not _MOBILE.search(whole) and not _ID.search(whole)
    assert "confidential" not in whole
    assert "A4" in pdftools.info(path)["Page size"] and "landscape" not in whole
    pdftools.assert_embedded_subsets(path)


def test_full_list_is_marked_confidential(tmp_path, demo):
    with demo.reading() as session:
        pdf = render_roster_list(session, RosterListOptions(
            columns=("name", "id_number", "phone"), full_data=True))
    path = pdftools.write(tmp_path, pdf)
    text = pdftools.text(path, page=1)
    assert "Internal use only — keep confidential" in text
    assert _MOBILE.search(text) and _ID.search(text)


def test_walk_list_in_walking_order(tmp_path, demo):
    from desktop.roster.models import Building

    with demo.reading() as session:
        buildings = list(session.execute(select(Building.id)).scalars())[:2]
        pdf = render_walk_list(session, buildings)
    path = pdftools.write(tmp_path, pdf)
    assert pdftools.pages(path) >= 2
    text = pdftools.text(path, page=1)
    assert "Signature" in text and "Notes" in text
    rooms = [int(m.group(1)) for m in re.finditer(r"^\s*1\s+\d+\s+(\d{3,4})\b", text, re.MULTILINE)]
    assert rooms == sorted(rooms) and rooms
    pdftools.assert_embedded_subsets(path)


def test_sign_in_sheet(tmp_path):
    pdf = render_sign_in_sheet("Residents' meeting", date=dt.date(2026, 11, 23),
                               place="Office", names=["张三明"], blank_rows=5)
    path = pdftools.write(tmp_path, pdf)
    text = pdftools.text(path)
    assert "张*明" in text and "张三明" not in text and "November 23, 2026" in text
    assert "Signature" in text


def test_cli_roster_print(tmp_path, demo, data_dir):
    from desktop.cli import main

    out = tmp_path / "r.pdf"
    assert main(["roster", "print", "--data-dir", str(data_dir.root), "--out", str(out),
                 "--kind", "walk"]) == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_cli_notice_render(tmp_path, demo, data_dir):
    import json

    from desktop.cli import main

    spec = tmp_path / "n.json"
    spec.write_text(json.dumps({"kind": "notice", "title": "Water cut", "body": "Tomorrow.",
                                "issuing_body": "Office", "issued_on": "2026-11-23"}))
    out = tmp_path / "n.pdf"
    assert main(["notice", "render", str(spec), "--out", str(out), "--data-dir",
                 str(data_dir.root)]) == 0
    assert "Water cut" in pdftools.text(out)
