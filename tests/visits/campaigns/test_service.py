"""Making campaigns on a real SQLite file: doors in walking order, shared among visitors,
copied for next month, handed from one visitor to another; refusals that change nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from desktop.core.errors import ValidationError
from desktop.roster.address import walking_key
from desktop.roster.models import Dwelling, Household
from desktop.visits.campaigns.reading import (
    campaign_summary,
    find_campaign,
    list_campaigns,
)
from desktop.visits.campaigns.service import (
    CampaignPlan,
    VisitorPlan,
    copy_campaign,
    create_campaign,
    reassign_unfinished,
)
from desktop.visits.records.campaigns import CampaignDoor
from desktop.visits.records.visits import Visit
from tests.roster.editing_fixtures import snapshot
from tests.visits.campaigns.conftest import buildings, form_version


def _plan(db, **changes) -> CampaignPlan:
    plan = CampaignPlan("外墙维修入户走访", form_version(db), {"buildings": buildings(db)},
                        (VisitorPlan("张志愿"), VisitorPlan("李网格", role="staff")),
                        starts_on=dt.date(2026, 12, 1), ends_on=dt.date(2026, 12, 31))
    return replace(plan, **changes)


def _create(db, plan: CampaignPlan) -> str:
    with db.unit_of_work("社工") as uow:
        return create_campaign(uow, plan)


def _doors(db, campaign_id):
    with db.reading() as session:
        return session.execute(
            select(CampaignDoor.walk_order, CampaignDoor.visitor_id, Dwelling.building_id,
                   Dwelling.unit, Dwelling.floor, Dwelling.room, CampaignDoor.household_id)
            .join(Dwelling, Dwelling.id == CampaignDoor.dwelling_id)
            .where(CampaignDoor.campaign_id == campaign_id)
            .order_by(CampaignDoor.walk_order)).all()


def test_every_household_of_the_chosen_buildings_is_a_door_once_in_walking_order(demo_db):
    campaign_id = _create(demo_db, _plan(demo_db))
    doors = _doors(demo_db, campaign_id)
    chosen = buildings(demo_db)
    with demo_db.reading() as session:
        households = set(session.execute(
            select(Household.id).join(Dwelling, Dwelling.id == Household.dwelling_id)
            .where(Dwelling.building_id.in_(chosen), Household.deleted.is_(False))).scalars())
    assert {d.household_id for d in doors} == households
    assert len(doors) == len(households)
    # Building by building, then stairwell, floor and room, as a visitor climbs.
    order = [(chosen.index(d.building_id), walking_key(d.unit, d.floor, d.room)) for d in doors]
    assert order == sorted(order)


def test_shared_evenly_each_visitor_walks_one_stretch_of_nearly_equal_length(demo_db):
    plan = _plan(demo_db, visitors=tuple(VisitorPlan(n) for n in ("甲", "乙", "丙")))
    campaign_id = _create(demo_db, plan)
    doors = _doors(demo_db, campaign_id)
    owners = [d.visitor_id for d in doors]
    stretches = [owners[0]] + [b for a, b in zip(owners, owners[1:]) if a != b]
    assert len(stretches) == len(set(stretches)) == 3  # no visitor's doors are split up
    with demo_db.reading() as session:
        summary = campaign_summary(session, campaign_id)
    counts = [v.doors for v in summary.visitors]
    assert sum(counts) == len(doors)
    assert max(counts) - min(counts) <= 0.35 * len(doors) / 3


def test_dwellings_target_knocks_on_vacant_flats_too(demo_db):
    households = _doors(demo_db, _create(demo_db, _plan(demo_db)))
    dwellings = _doors(demo_db, _create(demo_db, _plan(demo_db, target="dwellings")))
    with demo_db.reading() as session:
        all_dwellings = session.execute(select(func.count()).select_from(Dwelling).where(
            Dwelling.building_id.in_(buildings(demo_db)), Dwelling.deleted.is_(False))).scalar()
    assert len(dwellings) == all_dwellings
    assert len({(d.building_id, d.unit, d.room) for d in dwellings}) == len(dwellings)
    assert any(d.household_id is None for d in dwellings) or len(households) >= len(dwellings)


def test_shared_by_places_each_visitor_gets_the_building_named_theirs(demo_db):
    first, second = buildings(demo_db)
    plan = _plan(demo_db, share="places", visitors=(
        VisitorPlan("甲", places={"buildings": [second]}),
        VisitorPlan("乙", places={"buildings": [first]})))
    doors = _doors(demo_db, _create(demo_db, plan))
    with demo_db.reading() as session:
        visitors = {v.name: v.id for v in campaign_summary(
            session, find_campaign(session, "外墙维修入户走访")).visitors}
    assert {d.visitor_id for d in doors if d.building_id == second} == {visitors["甲"]}
    assert {d.visitor_id for d in doors if d.building_id == first} == {visitors["乙"]}


def test_a_unit_chosen_alone_brings_only_its_doors(demo_db):
    first = buildings(demo_db, 1)[0]
    with demo_db.reading() as session:
        units = sorted(set(session.execute(select(Dwelling.unit).where(
            Dwelling.building_id == first)).scalars()))
    doors = _doors(demo_db, _create(demo_db, _plan(demo_db, scope={"units": [[first, units[0]]]})))
    assert doors and {(d.building_id, d.unit) for d in doors} == {(first, units[0])}


@pytest.mark.parametrize(("changes", "field"), [
    ({"name": "  "}, "name"),
    ({"form_version_id": "no-such-version"}, "form"),
    ({"ends_on": dt.date(2026, 11, 1)}, "ends_on"),
    ({"scope": {}}, "scope"),
    ({"visitors": ()}, "visitors"),
    ({"visitors": (VisitorPlan(" "),)}, "visitors"),
    ({"share": "places"}, "visitors"),  # no visitor was given a place: doors with no one
])
def test_a_plan_that_cannot_be_carried_out_names_its_field_and_writes_nothing(
        demo_db, changes, field):
    before = snapshot(demo_db)
    with pytest.raises(ValidationError) as refused:
        _create(demo_db, _plan(demo_db, **changes))
    assert refused.value.field == field
    assert str(refused.value)
    assert snapshot(demo_db) == before


def test_a_failure_half_way_through_writing_the_doors_leaves_the_database_as_it_was(
        demo_db, monkeypatch):
    from desktop.visits.campaigns import service

    def broken(*args, **kwargs):
        raise OSError("disk full")

    before = snapshot(demo_db)
    monkeypatch.setattr(service.BulkInserter, "insert_columns", broken)
    with pytest.raises(OSError):
        _create(demo_db, _plan(demo_db))
    assert snapshot(demo_db) == before


def _visit(uow, door_id, campaign_id, outcome, when):
    uow.session.add(Visit(campaign_id=campaign_id, door_id=door_id, outcome=outcome,
                          visited_at=when))


def test_reassigning_moves_only_the_doors_not_done(demo_db):
    campaign_id = _create(demo_db, _plan(demo_db))
    with demo_db.reading() as session:
        giver, taker = campaign_summary(session, campaign_id).visitors
        doors = session.execute(select(CampaignDoor.id).where(
            CampaignDoor.visitor_id == giver.id).order_by(CampaignDoor.walk_order)).scalars().all()
    morning = dt.datetime(2026, 12, 2, 9)
    with demo_db.unit_of_work("张志愿") as uow:
        _visit(uow, doors[0], campaign_id, "completed", morning)
        _visit(uow, doors[1], campaign_id, "not_home", morning)  # an attempt: still to do
        _visit(uow, doors[2], campaign_id, "not_home", morning)
        _visit(uow, doors[2], campaign_id, "refused", morning + dt.timedelta(days=1))
    with demo_db.unit_of_work("社工") as uow:
        moved = reassign_unfinished(uow, campaign_id, giver.id, taker.id)
    assert moved == len(doors) - 2
    with demo_db.reading() as session:
        kept = set(session.execute(select(CampaignDoor.id).where(
            CampaignDoor.visitor_id == giver.id)).scalars())
        summary = campaign_summary(session, campaign_id)
    assert kept == {doors[0], doors[2]}
    assert summary.done == 2 and summary.visited == 3
    assert [v.doors for v in summary.visitors] == [2, summary.doors - 2]


def test_reassigning_to_the_same_visitor_is_refused(demo_db):
    campaign_id = _create(demo_db, _plan(demo_db))
    with demo_db.reading() as session:
        giver, _taker = campaign_summary(session, campaign_id).visitors
    with pytest.raises(ValidationError) as refused, demo_db.unit_of_work("社工") as uow:
        reassign_unfinished(uow, campaign_id, giver.id, giver.id)
    assert refused.value.field == "to_visitor"


def test_a_copy_for_next_month_has_the_same_places_and_visitors_and_no_visits(demo_db):
    campaign_id = _create(demo_db, _plan(demo_db))
    with demo_db.unit_of_work("社工") as uow:
        copy_id = copy_campaign(uow, campaign_id)
    with demo_db.reading() as session:
        original = campaign_summary(session, campaign_id)
        copy = campaign_summary(session, copy_id)
        listed = [c.id for c in list_campaigns(session)]
    assert copy.name == "外墙维修入户走访 (copy)"
    assert (copy.starts_on, copy.ends_on) == (dt.date(2027, 1, 1), dt.date(2027, 1, 31))
    assert copy.scope == original.scope and copy.doors == original.doors
    assert [v.name for v in copy.visitors] == [v.name for v in original.visitors]
    assert copy.done == copy.visited == 0
    assert listed.index(copy_id) < listed.index(campaign_id)  # the newest first


def test_a_campaign_name_that_means_none_or_several_is_refused_clearly(demo_db):
    _create(demo_db, _plan(demo_db))
    _create(demo_db, _plan(demo_db))
    with demo_db.reading() as session, pytest.raises(ValidationError) as several:
        find_campaign(session, "外墙维修入户走访")
    with demo_db.reading() as session, pytest.raises(ValidationError) as none:
        find_campaign(session, "电梯")
    assert "2" in str(several.value)
    assert "外墙维修入户走访" in str(none.value)
