"""Printed lists follow the export's disclosure rule (real PDFs through pdftotext): a masked list
has no ID number, no birth date in any spelling, no registered address and no notes; a
staff-only list (``--full``) prints ID numbers and says 内部资料 注意保密 on every page."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from desktop.roster.models import Resident
from desktop.roster.printing.lists import RosterListOptions, render_roster_list
from tests.printing import pdftools

_ID = re.compile(r"(?<!\d)\d{17}[\dX](?!\d)")
_ISO_DATE = re.compile(r"(?<!\d)(19|20)\d\d-\d\d-\d\d(?!\d)")
FOOTER = "Internal use only — keep confidential"
NOTES = "联系人张三明 13812345678，生日1998年11月26日"


@pytest.fixture
def demo(db):
    from desktop.roster.demo import generate_demo

    generate_demo(db, residents=300)
    return db


def _people(db, count=30):
    with db.reading() as session:
        rows = session.query(Resident).filter(
            Resident.deleted.is_(False), Resident.moved_out.is_(False),
            Resident.deceased.is_(False), Resident.id_number.is_not(None),
            Resident.birth_date.is_not(None)).limit(count).all()
        session.expunge_all()
    with db.unit_of_work("test") as uow:
        uow.session.get(Resident, rows[0].id).notes = NOTES
    return rows


def _spellings(day: dt.date) -> set[str]:
    return {day.isoformat(), day.strftime("%Y%m%d"), f"{day.year}年{day.month}月{day.day}日",
            day.strftime("%Y/%m/%d"), f"{day.year}/{day.month}/{day.day}"}


def test_masked_list_leaves_out_what_undoes_the_masks(tmp_path, demo):
    people = _people(demo)
    with demo.reading() as session:
        pdf = render_roster_list(session, RosterListOptions(
            resident_ids=tuple(p.id for p in people),
            columns=("name", "sex", "id_number", "birth_date", "age", "hukou_address",
                     "notes", "address")))
    text = pdftools.text(pdftools.write(tmp_path, pdf))
    assert "Year of birth" in text and "Date of birth" not in text
    assert "ID number" not in text and "Notes" not in text and "Registered" not in text
    assert not _ID.search(text) and not _ISO_DATE.search(text)
    for person in people:
        for spelling in _spellings(person.birth_date) | {person.id_number[6:14]}:
            assert spelling not in text, spelling
    assert "13812345678" not in text and "张三明" not in text
    assert str(people[0].birth_date.year) in text
    assert FOOTER not in text


def test_full_list_prints_birth_dates_and_notes(tmp_path, demo):
    people = _people(demo, 3)
    with demo.reading() as session:
        pdf = render_roster_list(session, RosterListOptions(
            resident_ids=tuple(p.id for p in people), full_data=True,
            columns=("name", "id_number", "birth_date", "notes")))
    text = pdftools.text(pdftools.write(tmp_path, pdf))
    assert people[0].id_number in text and people[0].birth_date.isoformat() in text
    assert NOTES[:6] in text and FOOTER in text


def test_cli_full_prints_id_numbers_marked_confidential(tmp_path, demo, data_dir):
    from desktop.cli import main

    demo.close()
    full, masked = tmp_path / "full.pdf", tmp_path / "masked.pdf"
    base = ["roster", "print", "--data-dir", str(data_dir.root)]
    assert main([*base, "--out", str(full), "--full"]) == 0
    assert main([*base, "--out", str(masked)]) == 0
    for page in range(1, pdftools.pages(full) + 1):
        text = pdftools.text(full, page=page)
        assert FOOTER in text, page
        assert _ID.search(text) and "ID number" in text, page
    text = pdftools.text(masked)
    assert not _ID.search(text) and FOOTER not in text and "****" in text


def test_cli_help_says_what_full_prints(capsys):
    from desktop.cli import main

    with pytest.raises(SystemExit):
        main(["roster", "print", "--help"])
    said = " ".join(capsys.readouterr().out.split())
    assert "full names, phones and ID numbers, marked confidential" in said
