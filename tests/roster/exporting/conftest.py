"""A demo roster of 300 residents in a real SQLite database, and readers for exported files."""

from __future__ import annotations

import pytest

from desktop.roster.models import Resident


@pytest.fixture
def roster(db):
    from desktop.roster.demo import generate_demo

    generate_demo(db, residents=300)
    return db


def living(db) -> list[Resident]:
    """The living residents, detached (plain attribute reads only)."""
    with db.reading() as session:
        rows = session.query(Resident).filter(
            Resident.deleted.is_(False), Resident.moved_out.is_(False),
            Resident.deceased.is_(False)).all()
        session.expunge_all()
    return rows


def sheet_rows(path, sheet=0) -> list[list]:
    """Every row of a sheet, read with python-calamine (what the import uses)."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    name = book.sheet_names[sheet] if isinstance(sheet, int) else sheet
    return book.get_sheet_by_name(name).to_python()
