"""A community with a campaign over two buildings for two visitors and visits of every
outcome (answers that follow the form's logic), follow-ups, roster proposals and a visit kept
for review — for the Campaigns tab's tests and pictures."""

from __future__ import annotations

import datetime as dt
import random

from desktop.core.tasks import TaskContext
from desktop.setup.demo import fill_demo
from desktop.visits.campaigns.service import CampaignPlan, VisitorPlan, create_campaign
from desktop.visits.doors.recording import ProposalInput, VisitInput, record_visit
from desktop.visits.forms.sample_answers import sample_answers
from desktop.visits.forms.service import list_forms, load_version
from tests.visits.doors.office_fixtures import add_visit, buildings, doors, member

START = dt.datetime(2026, 12, 1, 9, 0)
# Outcomes in turn, door after door: every state shows in the picture; the rest stay unvisited.
PATTERN = ("completed", "completed", "not_home", "completed", "refused", "revisit",
           "vacant", "completed", None, None)


def elevator_form(db) -> str:
    with db.reading() as session:
        forms = list_forms(session)
    chosen = next((f for f in forms if "电梯" in f.title), forms[0])
    return chosen.version_id


def make_office(db, residents: int = 300) -> str:
    """Fill ``db`` and return the id of a campaign about half done."""
    fill_demo(db, residents, TaskContext(), campaigns=False)
    version = elevator_form(db)
    plan = CampaignPlan("加装电梯入户走访", version, {"buildings": buildings(db, 2)},
                        (VisitorPlan("张志愿", "13800000001"),
                         VisitorPlan("李网格", "13800000002", "staff")),
                        purpose="征求加装电梯意见", starts_on=dt.date(2026, 12, 1),
                        ends_on=dt.date(2026, 12, 31))
    with db.unit_of_work("王社工") as uow:
        campaign_id = create_campaign(uow, plan)
    with db.reading() as session:
        form = load_version(session, version)
    rng = random.Random(15)
    door_list = doors(db, campaign_id)
    for number, door in enumerate(door_list):
        outcome = PATTERN[number % len(PATTERN)]
        if outcome is None:
            continue
        at = START + dt.timedelta(days=number % 4, minutes=10 * number)
        answers = sample_answers(form, rng, today=at.date()) if outcome == "completed" \
            else None
        proposals = ()
        if number in (3, 13):
            person = member(db, door.household_id)
            proposals = (ProposalInput("phone", person.id, {"phone": "13912345678"},
                                       "儿子的号码"),) if number == 3 else \
                (ProposalInput("moved_out", person.id, {"on": "2026-11-20"}),)
        with db.unit_of_work("张志愿") as uow:
            record_visit(uow, VisitInput(
                door.id, outcome, at, answers,
                callback_at=at + dt.timedelta(days=2) if outcome == "revisit" else None,
                follow_up=number in (0, 11), follow_up_note="独居老人，需要帮忙买菜"
                if number in (0, 11) else "", proposals=proposals))
    add_visit(db, campaign_id, None, "refused", at=START)  # a door the campaign lacks
    return campaign_id
