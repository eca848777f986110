"""A vote's ballot form and its door-to-door campaign: the form carries the vote's proposal,
is marked as a ballot, and the campaign knocks on every dwelling of the vote's scope."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from desktop.core.tasks import TaskContext
from desktop.roster.models import Building
from desktop.setup.demo import fill_demo
from desktop.visits.forms.service import load_version
from desktop.visits.forms.tables import FormRecord, FormVersion
from desktop.visits.forms.templates.ballot import OPINION_QUESTION
from desktop.visits.records.campaigns import Campaign, CampaignDoor
from desktop.votes.ballot_form import ballot_form
from desktop.votes.electorate import scope_gaps
from desktop.votes.revisits import revisit_campaign
from desktop.votes.service import VoteDraft, create_vote
from desktop.votes.tables import OPINIONS, Vote, VoteDwelling


@pytest.fixture
def building_vote(db):
    fill_demo(db, 300, TaskContext(), campaigns=False, meetings=False, votes=False)
    with db.unit_of_work("社工") as uow:
        building = uow.session.execute(select(Building).order_by(Building.sort_key,
                                                                 Building.id).limit(1)).scalar()
        gaps = scope_gaps(uow.session, building.compound_id, building.id)
        vote_id = create_vote(uow, VoteDraft(
            "3幢电梯更新", 6, building.compound_id, dt.date(2026, 12, 1),
            dt.date(2026, 12, 31), "更换使用22年的电梯，费用按专有面积分摊。", building.id),
            exclude={gap.dwelling_id: "业主未登记" for gap in gaps})
        return db, vote_id, building.id


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


def test_the_first_collection_at_the_door_knocks_on_every_dwelling_of_the_building(
        building_vote):
    """Before any ballot, "Revisit campaign…" visits every dwelling of the vote's building (but
    those left out of it) with its ballot form, and becomes the campaign the vote counts."""
    db, vote_id, building_id = building_vote
    with db.unit_of_work("社工") as uow:
        campaign_id = revisit_campaign(uow, vote_id, "", ["张志愿", "李志愿"])
    with db.reading() as session:
        dwellings = session.scalar(select(func.count()).select_from(VoteDwelling).where(
            VoteDwelling.vote_id == vote_id, VoteDwelling.excluded.is_(False)))
        doors = session.scalar(select(func.count()).select_from(CampaignDoor).where(
            CampaignDoor.campaign_id == campaign_id))
        assert doors == dwellings > 0
        assert session.get(Vote, vote_id).campaign_id == campaign_id
        campaign = session.get(Campaign, campaign_id)
        assert json.loads(campaign.scope)["buildings"] == [building_id]
        assert session.get(FormVersion, campaign.form_version_id).id == ballot_form_version(
            db, vote_id)


def ballot_form_version(db, vote_id: str) -> str:
    with db.unit_of_work("社工") as uow:
        return ballot_form(uow, vote_id)
