"""A vote's ballot form and its door-to-door campaign: the form carries the vote's proposal,
is marked as a ballot, and the campaign knocks on every dwelling of the vote's scope."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from desktop.core.errors import ValidationError
from desktop.core.tasks import TaskContext
from desktop.roster.models import Building, Dwelling
from desktop.setup.demo import fill_demo
from desktop.visits.campaigns.service import VisitorPlan
from desktop.visits.forms.service import load_version
from desktop.visits.forms.tables import FormRecord, FormVersion
from desktop.visits.forms.templates.ballot import OPINION_QUESTION
from desktop.visits.records.campaigns import Campaign, CampaignDoor
from desktop.votes.ballot_form import ballot_form, door_campaign
from desktop.votes.tables import OPINIONS, Vote


@pytest.fixture
def building_vote(db):
    fill_demo(db, 300, TaskContext(), campaigns=False, meetings=False)
    with db.unit_of_work("社工") as uow:
        building = uow.session.execute(select(Building).order_by(Building.sort_key,
                                                                 Building.id).limit(1)).scalar()
        vote = Vote(title="3幢电梯更新", proposal="更换使用22年的电梯，费用按专有面积分摊。",
                    item=6, compound_id=building.compound_id, building_id=building.id,
                    opens_on=dt.date(2026, 12, 1), closes_on=dt.date(2026, 12, 31))
        uow.session.add(vote)
        uow.session.flush()
        return db, vote.id, building.id


def test_the_ballot_form_shows_the_proposal_and_asks_agree_against_abstain(building_vote):
    db, vote_id, _building = building_vote
    with db.unit_of_work("社工") as uow:
        version_id = ballot_form(uow, vote_id)
    with db.reading() as session:
        form = load_version(session, version_id)
        record = session.get(FormRecord, session.get(FormVersion, version_id).form_id)
        assert record.kind == "ballot"
        note = form.question("proposal").label.get("zh_Hans" if "zh_Hans" in
                                                    form.languages else form.default_language)
        assert "更换使用22年的电梯" in note
        question = form.question(OPINION_QUESTION)
        assert [c.name for c in form.choice_list(question.choice_list).choices] == \
            list(OPINIONS)
    with db.unit_of_work("社工") as uow:  # asked again: the same form, not a second one
        assert ballot_form(uow, vote_id) == version_id


def test_the_door_campaign_knocks_on_every_dwelling_of_the_building(building_vote):
    db, vote_id, building_id = building_vote
    with db.unit_of_work("社工") as uow:
        campaign_id = door_campaign(uow, vote_id, [VisitorPlan("张志愿"), VisitorPlan("李志愿")])
    with db.reading() as session:
        dwellings = session.scalar(select(func.count()).select_from(Dwelling).where(
            Dwelling.building_id == building_id, Dwelling.deleted.is_(False)))
        doors = session.scalar(select(func.count()).select_from(CampaignDoor).where(
            CampaignDoor.campaign_id == campaign_id))
        assert doors == dwellings > 0
        assert session.get(Vote, vote_id).campaign_id == campaign_id
        assert json.loads(session.get(Campaign, campaign_id).scope)["buildings"] == [
            building_id]


def test_a_second_door_campaign_is_refused_and_writes_nothing(building_vote):
    db, vote_id, _building = building_vote
    with db.unit_of_work("社工") as uow:
        door_campaign(uow, vote_id, [VisitorPlan("张志愿")])
    with db.reading() as session:
        before = session.scalar(select(func.count()).select_from(Campaign))
    with pytest.raises(ValidationError), db.unit_of_work("社工") as uow:
        door_campaign(uow, vote_id, [VisitorPlan("李志愿")])
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Campaign)) == before
