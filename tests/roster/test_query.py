"""The roster tables' id lists and pages: filters and sorting in SQL, text via the index."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from desktop.roster.id_number import age_on
from desktop.roster.models import Building, Dwelling, Household, Resident, ResidentTag
from desktop.roster.place_tree import place_tree
from desktop.roster.query import RosterQuery, household_ids, resident_ids
from desktop.roster.query_rows import household_rows, resident_rows
from desktop.roster.search import SearchIndex
from desktop.roster.tags import builtin_tag_id
from desktop.roster.views import PlaceScope, ResidentFilter, SortSpec
from desktop.storage.changes import ChangeSet
from tests.roster.test_search_data import roster  # noqa: F401  (the shared fixture)


@pytest.fixture(scope="module")
def index(roster):  # noqa: F811
    db, _made = roster
    with db.reading() as session:
        return SearchIndex.build(session)


def _ids(db, flt=ResidentFilter(), sort=SortSpec(), index=None):
    with db.reading() as session:
        return resident_ids(session, flt, sort, index)


def _rows(db, ids):
    with db.reading() as session:
        return resident_rows(session, ids)


def _all_rows(db, include_inactive=False):
    return _rows(db, _ids(db, ResidentFilter(include_inactive=include_inactive)))


def test_moved_out_and_deceased_are_hidden_unless_asked_for(roster):  # noqa: F811
    db, made = roster
    shown = set(_ids(db))
    assert made.zhang_san in shown
    assert made.moved_out not in shown and made.deceased not in shown
    everyone = set(_ids(db, ResidentFilter(include_inactive=True)))
    assert {made.moved_out, made.deceased} <= everyone
    assert len(everyone) == len(shown) + len(
        [r for r in _all_rows(db, True) if r.moved_out or r.deceased])


def test_text_goes_through_the_index(roster, index):  # noqa: F811
    db, made = roster
    assert _ids(db, ResidentFilter(text="zs"), index=index).count(made.zhang_san) == 1
    assert made.moved_out not in _ids(db, ResidentFilter(text="张四"), index=index)
    assert _ids(db, ResidentFilter(text="张四", include_inactive=True), index=index) == [
        made.moved_out]


def test_tags_all_must_be_carried(roster):  # noqa: F811
    db, made = roster
    volunteer, elderly = builtin_tag_id("volunteer"), builtin_tag_id("elderly")
    both = set(_ids(db, ResidentFilter(tag_ids=frozenset({volunteer, elderly}))))
    only_volunteer = set(_ids(db, ResidentFilter(tag_ids=frozenset({volunteer}))))
    assert made.zhang_san in both and made.zeng not in both
    assert {made.zhang_san, made.zeng} <= only_volunteer
    with db.reading() as session:
        tagged = set(session.execute(select(ResidentTag.resident_id).where(
            ResidentTag.tag_id == volunteer, ResidentTag.deleted.is_(False))).scalars())
    assert only_volunteer == tagged & set(_ids(db))


def test_age_range_counts_from_today(roster):  # noqa: F811
    db, _made = roster
    today = dt.date.today()
    rows = _rows(db, _ids(db, ResidentFilter(age_min=60, age_max=69)))
    assert rows and all(60 <= age_on(r.birth_date, today) <= 69 for r in rows)
    every = _all_rows(db)
    assert len(rows) == len([r for r in every if r.age is not None and 60 <= r.age <= 69])


def test_sex_and_residence_status(roster):  # noqa: F811
    db, _made = roster
    women = _rows(db, _ids(db, ResidentFilter(sex="2")))
    assert women and all(r.sex == "2" for r in women)
    statuses = frozenset({"temporary", "floating"})
    rows = _rows(db, _ids(db, ResidentFilter(residence_statuses=statuses)))
    assert rows and {r.residence_status for r in rows} <= statuses
    assert len(rows) == len([r for r in _all_rows(db) if r.residence_status in statuses])


def test_scopes_compound_building_unit(roster):  # noqa: F811
    db, made = roster
    in_compound = set(_ids(db, ResidentFilter(scope=PlaceScope(compound_id=made.compound))))
    assert in_compound == {made.zhang_san, made.zeng, made.shan, made.yuchi}
    in_building = set(_ids(db, ResidentFilter(scope=PlaceScope(building_id=made.building))))
    assert in_building == in_compound
    unit = PlaceScope(compound_id=made.compound, building_id=made.building, unit="1")
    assert _ids(db, ResidentFilter(scope=unit)) == [made.shan]
    with db.reading() as session:
        other = session.execute(select(Building.id, Building.compound_id).where(
            Building.compound_id != made.compound).limit(1)).one()
        expected = set(session.execute(
            select(Resident.id).join(Household, Household.id == Resident.household_id)
            .join(Dwelling, Dwelling.id == Household.dwelling_id)
            .where(Dwelling.building_id == other.id, Resident.moved_out.is_(False),
                   Resident.deceased.is_(False))).scalars())
    assert set(_ids(db, ResidentFilter(scope=PlaceScope(building_id=other.id)))) == expected


def test_scope_by_grid_covers_its_micro_grids(roster):  # noqa: F811
    db, _made = roster
    tree_total = 0
    with db.reading() as session:
        from desktop.roster.models import Grid
        grids = session.execute(select(Grid.id).where(Grid.parent_id.is_(None))).scalars().all()
    for grid_id in grids:
        tree_total += len(_ids(db, ResidentFilter(scope=PlaceScope(grid_id=grid_id))))
    # The demo puts every building in exactly one grid; the hand-made compound has none.
    assert tree_total == len(_ids(db)) - 4


_SORT_KEYS = {
    "name": lambda r: r.name,
    "age": lambda r: r.age,
    "phone": lambda r: r.phone,
    "household_number": lambda r: r.household_number,
}


@pytest.mark.parametrize("column", sorted(_SORT_KEYS))
@pytest.mark.parametrize("descending", [False, True])
def test_sorting_equals_a_python_sort(roster, column, descending):  # noqa: F811
    db, _made = roster
    rows = _rows(db, _ids(db, sort=SortSpec(column, descending)))
    key = _SORT_KEYS[column]
    known = [key(r) for r in rows if key(r) is not None]
    assert known == sorted(known, reverse=descending)
    assert all(key(r) is None for r in rows[len(known):])  # unknowns last either way


@pytest.mark.parametrize("descending", [False, True])
def test_address_sort_walks_compound_building_unit_floor_room(roster, descending):  # noqa: F811
    db, _made = roster
    with db.reading() as session:
        facts = {
            rid: (compound or "", sort_key or 0, int(unit or 0), floor or 0, int(room or 0))
            for rid, compound, sort_key, unit, floor, room in session.execute(
                select(Resident.id, _compound_name(), Building.sort_key, Dwelling.unit,
                       Dwelling.floor, Dwelling.room)
                .outerjoin(Household, Household.id == Resident.household_id)
                .outerjoin(Dwelling, Dwelling.id == Household.dwelling_id)
                .outerjoin(Building, Building.id == Dwelling.building_id))
        }
    ids = _ids(db, sort=SortSpec("address", descending))
    keys = [facts[i] for i in ids]
    assert keys == sorted(keys, reverse=descending)


def _compound_name():
    from desktop.roster.models import Compound

    return (select(Compound.name).where(Compound.id == Building.compound_id)
            .scalar_subquery())


def test_resident_rows_keep_the_order_and_fill_every_field(roster):  # noqa: F811
    db, made = roster
    ids = [made.zeng, made.zhang_san, "no-such-id", made.shan]
    rows = _rows(db, ids)
    assert [r.id for r in rows] == [made.zeng, made.zhang_san, made.shan]
    zhang = rows[1]
    assert zhang.address == "3幢2单元501"
    assert zhang.compound == "测试苑"
    assert zhang.household_number == "990001"
    assert zhang.tags == ("elderly", "volunteer")  # built-in tags by code
    assert zhang.age == age_on(dt.date(1980, 1, 1), dt.date.today())
    page = _ids(db)[100:250]
    assert [r.id for r in _rows(db, page)] == page


def test_households(roster, index):  # noqa: F811
    db, made = roster
    with db.reading() as session:
        ids = household_ids(session, PlaceScope(compound_id=made.compound), "", SortSpec(),
                            index)
        assert ids == [made.other_household, made.household]  # unit 1 before unit 2
        rows = household_rows(session, ids)
        found = household_ids(session, PlaceScope(), "zs", SortSpec("number"), index)
        everyone = household_ids(session, PlaceScope(), "", SortSpec("members", True), index)
        members = household_rows(session, everyone[:50])
    assert rows[1].head == "张三" and rows[1].members == 3  # 张四 moved out, 李五 died
    assert rows[1].address == "3幢2单元501" and rows[0].head == "單雄信"
    assert made.household in found and made.other_household not in found
    assert [r.members for r in members] == sorted((r.members for r in members), reverse=True)


def test_place_tree_counts_living_residents(roster):  # noqa: F811
    db, made = roster
    with db.reading() as session:
        tree = place_tree(session)
    assert tree.kind == "community"
    assert tree.residents == len(_ids(db))
    assert sum(c.residents for c in tree.children) == tree.residents
    ours = next(c for c in tree.children if c.id == made.compound)
    assert ours.residents == 4
    building = ours.children[0]
    assert [(u.name, u.residents) for u in building.children] == [("1单元", 1), ("2单元", 3)]
    assert building.children[1].scope == PlaceScope(
        compound_id=made.compound, building_id=made.building, unit="2")


def test_roster_query_caches_until_invalidated(roster, index):  # noqa: F811
    db, made = roster
    query = RosterQuery(index)
    flt = ResidentFilter(scope=PlaceScope(compound_id=made.compound))
    with db.reading() as session:
        assert not query.is_cached(flt, SortSpec())
        first = query.ids(session, flt, SortSpec())
        assert query.is_cached(ResidentFilter(text="zs", scope=flt.scope), SortSpec())
        assert query.ids(session, ResidentFilter(text="zs", scope=flt.scope),
                         SortSpec()) == [made.zhang_san]
        assert query.ids(session, flt, SortSpec()) == first
        query.invalidate(ChangeSet(updated={"visit": {"x"}}))  # not the roster: kept
        assert query.is_cached(flt, SortSpec())
        query.invalidate(ChangeSet(updated={"resident": {made.zeng}}))
        assert not query.is_cached(flt, SortSpec())
        households = query.household_ids(session, flt.scope, "", SortSpec())
        assert households == [made.other_household, made.household]
        assert query.household_ids(session, flt.scope, "sxx", SortSpec()) == [
            made.other_household]


def test_without_an_index_the_text_is_matched_in_sql(roster):  # noqa: F811
    db, made = roster
    assert _ids(db, ResidentFilter(text="张三")) == [made.zhang_san]
    assert made.zhang_san in _ids(db, ResidentFilter(text="5678"))
    assert _ids(db, ResidentFilter(text="%")) == []


def test_a_seeded_list_answers_without_sql_and_narrows_in_its_order(roster, index):  # noqa: F811
    db, made = roster
    query = RosterQuery(index)
    seeded = [made.zeng, "someone-else", made.zhang_san]
    query.seed(ResidentFilter(), SortSpec(), seeded)
    assert query.is_cached(ResidentFilter(text="z"), SortSpec())
    with db.reading() as session:
        assert query.ids(session, ResidentFilter(), SortSpec()) == seeded
        assert query.ids(session, ResidentFilter(text="z"), SortSpec()) == [
            made.zeng, made.zhang_san]
        query.seed(ResidentFilter(), SortSpec(), [made.zhang_san, made.zeng])
        assert query.ids(session, ResidentFilter(text="z"), SortSpec()) == [
            made.zhang_san, made.zeng]


def test_narrow_sorts_a_small_match_by_rank_and_scans_a_big_one():
    from desktop.roster.query import narrow

    ordered = [str(n) for n in range(100)]
    rank = {i: p for p, i in enumerate(ordered)}
    assert narrow(ordered, {"7", "3", "x"}, rank) == ["3", "7"]
    assert narrow(ordered, set(ordered[::-1][:60]), rank) == ordered[40:]
    assert narrow(ordered, None, rank) is ordered


def test_roster_query_without_an_index_still_filters_by_text(roster):  # noqa: F811
    db, made = roster
    query = RosterQuery()
    with db.reading() as session:
        assert query.ids(session, ResidentFilter(text="张三"), SortSpec()) == [made.zhang_san]
