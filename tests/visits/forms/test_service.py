"""Stored survey forms on a real SQLite file: saving, versions that answers keep, refusals
that change nothing, and forms reaching a volunteer's laptop in a scoped bundle."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

import pytest
from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import Mapped, mapped_column

from desktop.storage.base import Base
from desktop.storage.records import SyncedRecord
from desktop.visits.forms import service
from desktop.visits.forms.model import (
    SELECT_ONE,
    TEXT,
    Choice,
    ChoiceList,
    Form,
    Question,
    plain,
)
from desktop.visits.forms.tables import FormRecord, FormVersion
from tests.sync.exchange.conftest import deliver, export, new_replica, seed


def _form(label: str = "您家几口人？", relevant: str = "") -> Form:
    return Form("home", plain("入户走访记录表"), children=(
        Question("people", TEXT, label=plain(label)),
        Question("help", SELECT_ONE, label=plain("需要帮助吗？"), choice_list="yn",
                 relevant=relevant),
    ), choices={"yn": ChoiceList("yn", (Choice("yes", plain("是")),
                                        Choice("no", plain("否"))))})


def _digest(db) -> str:
    db.engine.dispose()
    return hashlib.sha256(db.path.read_bytes()).hexdigest()


def test_a_saved_form_lists_and_opens_as_it_was_saved(db):
    with db.unit_of_work("clerk") as uow:
        saved = service.save_form(uow, _form())
    with db.reading() as session:
        (summary,) = service.list_forms(session)
        assert (summary.title, summary.number, summary.questions) == ("入户走访记录表", 1, 2)
        assert service.load_form(session, saved.form_id) == _form()


def test_an_edit_stays_in_place_until_an_answer_uses_the_version(db):
    with db.unit_of_work("clerk") as uow:
        first = service.save_form(uow, _form())
    with db.unit_of_work("clerk") as uow:
        again = service.save_form(uow, _form("家里住几个人？"), first.form_id)
    assert (again.version_id, again.new_version) == (first.version_id, False)


@pytest.fixture
def answer_table(db):
    """A table that points at form versions, as the visits' answers will: the service finds
    it from the schema without naming it."""
    model = type("ToyAnswer", (SyncedRecord, Base), {
        "__tablename__": "toy_answer",
        "__annotations__": {"form_version_id": Mapped[str], "value": Mapped[str]},
        "form_version_id": mapped_column(ForeignKey("form_version.id")),
        "value": mapped_column(String(20), default=""),
    })
    Base.metadata.create_all(db.engine, tables=[model.__table__])
    try:
        yield model
    finally:
        from tests.test_features import _forget

        _forget(model)


def test_an_answered_version_is_never_changed_an_edit_makes_a_new_one(db, answer_table):
    with db.unit_of_work("clerk") as uow:
        first = service.save_form(uow, _form())
    with db.unit_of_work("volunteer") as uow:
        uow.session.add(answer_table(form_version_id=first.version_id, value="3"))
    with db.unit_of_work("clerk") as uow:
        edited = service.save_form(uow, _form("家里住几个人？"), first.form_id)
    assert edited.new_version and edited.number == 2
    with db.reading() as session:
        # The answer still reads the question it was asked with.
        assert service.load_version(session, first.version_id).question("people").label \
            == plain("您家几口人？")
        assert service.load_form(session, first.form_id).question("people").label \
            == plain("家里住几个人？")


def test_a_form_with_an_error_is_refused_and_nothing_is_written(db):
    with db.unit_of_work("clerk") as uow:
        service.save_form(uow, _form())
    before = _digest(db)
    broken = _form(relevant="${people} >")  # does not parse
    with pytest.raises(service.FormRefused) as refused, db.unit_of_work("clerk") as uow:
        service.save_form(uow, broken)
    assert "relevant" in refused.value.message
    assert _digest(db) == before


def test_a_copy_gets_its_own_form_id_and_title(db):
    with db.unit_of_work("clerk") as uow:
        service.save_form(uow, _form())
        copy = service.copy_form(uow, _form(), "三月走访")
    with db.reading() as session:
        record = session.get(FormRecord, copy.form_id)
        assert (record.form_key, record.title) == ("home_2", "三月走访")


def test_forms_reach_a_volunteers_laptop_in_a_scoped_bundle_and_stay_on_withdrawal(tmp_path):
    office, laptop = new_replica(tmp_path, "office"), new_replica(tmp_path, "laptop")
    try:
        ids = seed(office, residents=2, buildings=2)
        with office.unit_of_work("clerk") as uow:
            service.save_form(uow, _form())
        deliver(laptop, export(office, scope={"buildings": ids["buildings"][:1]}))
        with laptop.reading() as session:
            assert [f.title for f in service.list_forms(session)] == ["入户走访记录表"]
            definition = session.scalars(select(FormVersion.definition)).one()
            assert json.loads(definition)["form_id"] == "home"
        from desktop.sync.exchange import withdraw_scope

        with laptop.unit_of_work("office") as uow:
            withdraw_scope(uow, {"buildings": ids["buildings"][:1]})
        with laptop.reading() as session:
            assert len(service.list_forms(session)) == 1
    finally:
        office.close()
        laptop.close()


def test_the_list_says_a_forms_title_in_the_apps_language_where_it_has_one(db):
    from desktop.visits.forms.model import Text

    form = replace(_form(), title=Text({"简体中文 (zh-Hans)": "入户走访记录表",
                                        "English (en)": "Home visit record"}),
                   languages=("简体中文 (zh-Hans)", "English (en)"),
                   default_language="简体中文 (zh-Hans)")
    with db.unit_of_work("clerk") as uow:
        service.save_form(uow, form)
    with db.reading() as session:
        (summary,) = service.list_forms(session)
    assert summary.title == "入户走访记录表"
    assert summary.title_in("en") == "Home visit record"
    assert summary.title_in("zh_Hant") == "入户走访记录表"  # no 繁體 title: the stored one
