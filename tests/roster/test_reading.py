"""The window's read services, without Qt, on a real SQLite database: each takes the
``Database`` and hands back plain data (dataclasses, tuples, strings), never a live ORM object,
so a widget can keep what it got after the read session has closed."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from desktop.notices import reading as notices_reading
from desktop.roster import reading as roster_reading
from desktop.roster.importing.apply import apply_import
from desktop.roster.importing.pipeline import prepare_import
from desktop.roster.models import Resident
from desktop.roster.printing import jobs
from desktop.roster.source import RosterSource
from desktop.roster.views import PlaceScope, ResidentFilter, SortSpec
from desktop.storage.base import Base
from desktop.sync.exchange.reading import is_volunteer_copy
from desktop.sync.exchange.state import mark_partial
from desktop.sync.reading import device_label
from tests.printing import pdftools
from tests.roster.importing.samples import write_csv


@pytest.fixture
def demo(db):
    from desktop.notices.demo import add_demo_notices
    from desktop.roster.demo import generate_demo

    generate_demo(db, residents=120)
    add_demo_notices(db, today=dt.date.today())
    return db


def orm_objects(value, seen=None) -> list:
    """Every mapped (ORM) instance reachable from ``value`` through containers and dataclasses."""
    seen = set() if seen is None else seen
    if id(value) in seen or isinstance(value, (str, bytes, int, float, dt.date)):
        return []
    seen.add(id(value))
    if isinstance(value, Base) or hasattr(value, "_sa_instance_state"):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        parts = [getattr(value, f.name) for f in dataclasses.fields(value)]
    elif isinstance(value, dict):
        parts = [*value.keys(), *value.values()]
    elif isinstance(value, (list, tuple, set, frozenset)):
        parts = list(value)
    else:
        parts = []
    return [found for part in parts for found in orm_objects(part, seen)]


def imported(db, tmp_path) -> str:
    """A real CSV import (one batch in the history); returns its batch id."""
    path = write_csv(tmp_path / "people.csv", [
        ["姓名", "身份证号", "联系电话", "现住地址", "与户主关系"],
        ["柯文静", "", "13812345678", "翠苑一区3幢501", "户主"],
    ], "utf-8")
    prepared = prepare_import(path)
    result = apply_import(db, prepared.read, "update", operator="王社工", file_name=str(path))
    return result.batch_id


def test_the_window_reads_hand_back_plain_data_that_outlives_the_session(demo, tmp_path):
    batch_id = imported(demo, tmp_path)
    source = RosterSource(demo)
    ids = source.resident_ids(ResidentFilter(), SortSpec())
    household_ids = source.household_ids(PlaceScope(), "", SortSpec())
    today = dt.date.today()
    results = {
        "overview": roster_reading.overview(demo),
        "community": roster_reading.community(demo),
        "names": roster_reading.resident_names(demo, ids[:5]),
        "history": roster_reading.import_history(demo),
        "notices": notices_reading.notice_rows(demo, today),
        "roster names": notices_reading.roster_names(demo),
        "issuing body": notices_reading.default_issuing_body(demo),
        "device": device_label(demo),
        "volunteer copy": is_volunteer_copy(demo),
        "ids": ids,
        "resident rows": source.resident_rows(ids[:50]),
        "household ids": household_ids,
        "household rows": source.household_rows(household_ids[:50]),
        "place tree": source.place_tree(),
        "tags": source.tags(),
        "count": source.resident_count(),
    }
    notice_id = results["notices"][0].id
    results["notice"] = notices_reading.notice_spec(demo, notice_id)

    assert {name: orm_objects(value) for name, value in results.items()
            if orm_objects(value)} == {}
    # Nothing loads lazily later: every value is still there with the database closed.
    demo.close()
    assert results["overview"].counts.residents >= len(ids) > 0
    assert results["count"] >= len(ids)
    assert results["community"].name and results["issuing body"] == \
        results["community"].issuing_body
    assert len(results["names"]) == 5 and all(results["names"])
    assert [b.id for b in results["history"]] == [batch_id]
    assert results["history"][0].created == 1
    assert results["notice"].title == results["notices"][0].title
    assert sorted(row.status for row in results["notices"]) == [
        "draft", "expired", "posted", "posted"]
    assert results["device"] == "test-pc"
    assert results["volunteer copy"] is False
    assert [r.id for r in results["resident rows"]] == ids[:50]
    assert results["place tree"].children
    assert {code for _id, code, _name in results["tags"]} >= {"elderly", "child"}


def test_resident_names_come_in_the_asked_order_without_the_missing_ones(demo):
    with demo.reading() as session:
        people = session.execute(select(Resident.id, Resident.name).limit(3)).all()
    wanted = [people[2].id, "no-such-id", people[0].id]
    assert roster_reading.resident_names(demo, wanted) == [people[2].name, people[0].name]
    assert roster_reading.resident_names(demo, []) == []


def test_the_sign_in_sheet_prints_the_chosen_residents_masked_in_their_order(demo, tmp_path):
    from desktop.core.masking import mask_name

    with demo.reading() as session:
        people = session.execute(select(Resident.id, Resident.name)
                                 .where(Resident.name.like("___")).limit(2)).all()
    pdf = jobs.sign_in_sheet_pdf(demo, "楼道议事会", date=dt.date(2026, 11, 22),
                                 resident_ids=[people[1].id, people[0].id], blank_rows=2)
    text = pdftools.text(pdftools.write(tmp_path, pdf))
    first, second = mask_name(people[1].name), mask_name(people[0].name)
    assert first in text and second in text and text.index(first) < text.index(second)
    assert people[0].name not in text and people[1].name not in text


def test_a_copy_from_a_scoped_bundle_is_a_volunteers_copy(db):
    assert not is_volunteer_copy(db)
    with db.unit_of_work("test") as uow:
        mark_partial(uow.session)
    assert is_volunteer_copy(db)


def test_the_device_label_is_read_fresh_after_a_rename(db):
    from desktop.storage.device import rename_device

    assert device_label(db) == "test-pc"
    with db.unit_of_work("setup") as uow:
        rename_device(uow.session.connection(), "前台电脑")
    assert device_label(db) == "前台电脑"


def test_the_roster_source_is_in_the_core_that_must_import_without_qt():
    from tests.test_core_without_qt import core_modules

    assert "desktop.roster.source" in core_modules()
