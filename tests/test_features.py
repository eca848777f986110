"""Features declare their synced tables; a table no feature declares, or declares without a
label or a scope rule, fails here — so a new table cannot silently miss a volunteer's bundle.

The toy table: a visit log declared by a toy feature, mapped on the app's shared ``Base`` for
one test only. The exchange finds synced tables on the shared metadata (that is the point:
nothing is listed by hand), so the toy has to be there while the test runs, and gone after
it, or every later test would see an extra table. The fixture maps it, creates just that table
in each real SQLite copy (``metadata.create_all(tables=[...])``: the app's migrations do not
know it), and afterwards takes it off the metadata and the mapper registry, forgets its
declaration and clears the exchange's cached table list.
"""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import Mapped, mapped_column

from desktop.core.features import (
    ONLY_REFERENCED,
    DeclarationClash,
    FeatureDeclaration,
    ScopeRule,
    SyncedTable,
    declared_tables,
    register,
    scope_places,
    synced_table,
    unregister,
)
from desktop.storage.base import Base
from desktop.storage.records import SyncedRecord, synced_tables
from desktop.sync.exchange import tables as exchange_tables
from desktop.sync.exchange.declared import UndeclaredTable, declaration_problems
from tests.sync.exchange.conftest import deliver, export, new_replica, seed

_toy_names = itertools.count()


def test_every_synced_table_is_declared_with_a_label_and_a_scope_rule():
    for name in synced_tables():
        declared = synced_table(name)
        assert declared is not None, f"{name}: no feature declares it"
        assert declared.label, f"{name}: no label"
        assert declared.scope is not None, f"{name}: no scope rule"
    assert declaration_problems() == []


def test_the_features_list_their_tables_in_the_order_people_meet_them():
    names = [t.name for t in declared_tables()]
    assert names[0] == "community"
    assert names.index("resident") < names.index("notice")


def _forget(model) -> None:
    """Unmap the toy the way ``registry.dispose()`` unmaps every class, for this one class
    (SQLAlchemy has no public call for one), and take its table off the metadata."""
    Base.metadata.remove(model.__table__)
    manager = model._sa_class_manager
    Base.registry._managers.pop(manager, None)
    Base.registry._dispose_manager_and_mapper(manager)
    _clear_caches()


def _clear_caches() -> None:
    exchange_tables.ordered_tables.cache_clear()
    exchange_tables.table_named.cache_clear()


@pytest.fixture
def toy_model():
    """A synced visit log, one row per visit to a dwelling, on the shared metadata for the
    test's duration only (see the module's docstring)."""
    number = next(_toy_names)  # fresh names: a mapped class or table name is never reused
    name = f"toy_visit_{number}"
    model = type(f"ToyVisit{number}", (SyncedRecord, Base), {
        "__tablename__": name,
        "__annotations__": {"dwelling_id": Mapped[str], "note": Mapped[str]},
        "dwelling_id": mapped_column(ForeignKey("dwelling.id"), index=True),
        "note": mapped_column(String(100), default=""),
    })
    _clear_caches()
    try:
        yield model
    finally:
        unregister("toy_visits")
        _forget(model)
    assert name not in synced_tables()


@pytest.fixture
def replicas(tmp_path):
    opened = []

    def make(name: str):
        opened.append(new_replica(tmp_path, name))
        return opened[-1]

    yield make
    for db in opened:
        db.close()


def _declare(model, scope) -> None:
    register(FeatureDeclaration("toy_visits", (
        SyncedTable(model.__tablename__, "Visits", scope),)))


def _copy(replicas, name, model):
    db = replicas(name)
    Base.metadata.create_all(db.engine, tables=[model.__table__])
    return db


def test_a_declared_toy_table_travels_in_a_scoped_bundle(replicas, toy_model):
    _declare(toy_model, ScopeRule(follows=(("dwelling_id", "dwelling"),)))
    assert declaration_problems() == []
    office = _copy(replicas, "office", toy_model)
    ids = seed(office, residents=4, buildings=2)
    with office.unit_of_work("clerk") as uow:
        for dwelling, note in zip(ids["dwellings"], ("chosen", "elsewhere"), strict=True):
            uow.session.add(toy_model(dwelling_id=dwelling, note=note))
    laptop = _copy(replicas, "laptop", toy_model)

    deliver(laptop, export(office, scope={"buildings": [ids["buildings"][0]]}))

    with laptop.reading() as session:
        assert session.scalars(select(toy_model.note)).all() == ["chosen"]
    # Taking the building back removes its visits too (the rule says what a withdrawal removes).
    from desktop.sync.exchange import withdraw_scope

    with laptop.unit_of_work("office") as uow:
        removed = withdraw_scope(uow, {"buildings": [ids["buildings"][0]]})
    assert removed[toy_model.__tablename__] == 1
    with laptop.reading() as session:
        assert session.scalars(select(toy_model.note)).all() == []


def test_a_toy_table_declared_only_by_reference_stays_home(replicas, toy_model):
    """A rule that selects nothing on purpose: the scoped bundle carries no visit."""
    _declare(toy_model, ONLY_REFERENCED)
    office = _copy(replicas, "office", toy_model)
    ids = seed(office, residents=2, buildings=1)
    with office.unit_of_work("clerk") as uow:
        uow.session.add(toy_model(dwelling_id=ids["dwellings"][0], note="kept"))
    laptop = _copy(replicas, "laptop", toy_model)
    deliver(laptop, export(office, scope={"buildings": ids["buildings"]}))
    with laptop.reading() as session:
        assert session.scalars(select(toy_model.note)).all() == []


def test_a_synced_table_without_a_declaration_or_scope_rule_fails_the_check(replicas,
                                                                             toy_model):
    assert f"{toy_model.__tablename__}: synced, but no feature declares it" \
        in declaration_problems()
    _declare(toy_model, None)
    assert any("without a scope rule" in p for p in declaration_problems())
    # And a scoped export refuses rather than leave the table out without a word.
    office = _copy(replicas, "office", toy_model)
    ids = seed(office, residents=1, buildings=1)
    with pytest.raises(UndeclaredTable):
        export(office, scope={"buildings": ids["buildings"]})


def test_a_rule_that_follows_no_reference_fails_the_check(toy_model):
    _declare(toy_model, ScopeRule(follows=(("note", "dwelling"),)))
    assert any("does not reference" in p for p in declaration_problems())
    unregister("toy_visits")
    _declare(toy_model, ScopeRule(follows=(("dwelling_id", "dwelling"),)))
    assert declaration_problems() == []
    assert synced_table(toy_model.__tablename__).label == "Visits"


def test_two_features_cannot_declare_one_table():
    with pytest.raises(DeclarationClash):
        register(FeatureDeclaration("toy_clash", (SyncedTable("resident", "Residents", None),)))
    assert synced_table("resident").scope is not None  # the roster's declaration stands


def test_a_scoped_bundle_says_its_places_through_the_declarations(replicas):
    office = replicas("office")
    ids = seed(office, residents=1, buildings=2)
    with office.reading() as session:
        assert scope_places(session, {"buildings": ids["buildings"][:1]}) == ["翠苑 1幢"]
