"""A small demo community with its survey forms, in a real SQLite file, for campaign tests."""

from __future__ import annotations

import pytest

from desktop.core.tasks import TaskContext
from desktop.setup.demo import fill_demo
from desktop.visits.forms.service import list_forms
from tests.visits.places import first_buildings


@pytest.fixture
def demo_db(db):
    fill_demo(db, 600, TaskContext())
    return db


def form_version(db) -> str:
    with db.reading() as session:
        return list_forms(session)[0].version_id



def buildings(db, count: int = 2) -> list[str]:
    return first_buildings(db, count)
