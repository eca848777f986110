"""A small demo community with its survey forms, in a real SQLite file, for campaign tests."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.core.tasks import TaskContext
from desktop.roster.address import natural_key
from desktop.roster.models import Building, Compound
from desktop.setup.demo import fill_demo
from desktop.visits.forms.service import list_forms


@pytest.fixture
def demo_db(db):
    fill_demo(db, 600, TaskContext())
    return db


def form_version(db) -> str:
    with db.reading() as session:
        return list_forms(session)[0].version_id


def buildings(db, count: int = 2) -> list[str]:
    """The first buildings of the community, compound by compound, in their sort order (the
    order a campaign walks them in)."""
    with db.reading() as session:
        rows = session.execute(select(Building.id, Building.sort_key, Building.name,
                                      Compound.name)
                               .join(Compound, Compound.id == Building.compound_id)).all()
    rows.sort(key=lambda r: (natural_key(r[3]), r[1] or 0, natural_key(r[2])))
    return [r[0] for r in rows][:count]
