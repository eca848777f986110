"""A small community with a campaign over two buildings for two visitors, and ways to put
visits and roster proposals into it, for the office's tests (proposals, review, the tab)."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

from desktop.core.tasks import TaskContext
from desktop.roster.models import Resident
from desktop.setup.demo import fill_demo
from desktop.visits.campaigns.service import CampaignPlan, VisitorPlan, create_campaign
from desktop.visits.forms.service import list_forms
from desktop.visits.records.campaigns import CampaignDoor
from desktop.visits.records.visits import RosterProposal, Visit
from tests.visits.places import first_buildings

DAY = dt.datetime(2026, 12, 3, 9, 30)


def fill(db, residents: int = 200) -> None:
    fill_demo(db, residents, TaskContext(), campaigns=False)


def form_version(db, index: int = 0) -> str:
    with db.reading() as session:
        return list_forms(session)[index].version_id



def buildings(db, count: int = 2) -> list[str]:
    return first_buildings(db, count)


def make_campaign(db, name: str = "外墙维修入户走访", count: int = 2) -> str:
    plan = CampaignPlan(name, form_version(db), {"buildings": buildings(db, count)},
                        (VisitorPlan("张志愿"), VisitorPlan("李网格", role="staff")),
                        starts_on=dt.date(2026, 12, 1), ends_on=dt.date(2026, 12, 31))
    with db.unit_of_work("社工") as uow:
        return create_campaign(uow, plan)


def doors(db, campaign_id: str) -> list:
    """The campaign's doors in walking order (plain rows: id, dwelling, household, visitor)."""
    with db.reading() as session:
        return list(session.execute(
            select(CampaignDoor.id, CampaignDoor.dwelling_id, CampaignDoor.household_id,
                   CampaignDoor.visitor_id, CampaignDoor.walk_order)
            .where(CampaignDoor.campaign_id == campaign_id)
            .order_by(CampaignDoor.walk_order)).all())


def add_visit(db, campaign_id: str, door, outcome: str,
              at: dt.datetime = DAY, answers: dict | None = None, **fields) -> str:
    """A visit written with the ORM, as a bundle from a laptop would bring it."""
    with db.unit_of_work("张志愿") as uow:
        from desktop.visits.records.campaigns import Campaign

        campaign = uow.session.get(Campaign, campaign_id)
        values = {"campaign_id": campaign_id, "door_id": door.id if door else None,
                      "dwelling_id": door.dwelling_id if door else None,
                      "household_id": door.household_id if door else None,
                      "visitor_id": door.visitor_id if door else None, "visitor_name": "张志愿",
                      "visited_at": at, "outcome": outcome,
                      "answers": json.dumps(answers or {}, ensure_ascii=False)
                      if outcome == "completed" else "",
                      "form_version_id": campaign.form_version_id
                      if outcome == "completed" else None}
        values.update(fields)
        visit = Visit(**values)
        uow.session.add(visit)
        uow.session.flush()
        return visit.id


def member(db, household_id: str):
    """The first living member of a household (a plain row)."""
    with db.reading() as session:
        return session.execute(select(Resident.id, Resident.name, Resident.id_number).where(
            Resident.household_id == household_id, Resident.deleted.is_(False),
            Resident.moved_out.is_(False), Resident.deceased.is_(False))
            .order_by(Resident.created_hlc)).first()


def add_proposal(db, campaign_id: str, door, kind: str,
                 resident_id: str | None = None, detail: dict | None = None,
                 note: str = "") -> str:
    with db.unit_of_work("张志愿") as uow:
        row = RosterProposal(campaign_id=campaign_id, dwelling_id=door.dwelling_id,
                             household_id=door.household_id, resident_id=resident_id,
                             kind=kind, detail=json.dumps(detail or {}, ensure_ascii=False),
                             note=note, proposed_by="张志愿", proposed_at=DAY)
        uow.session.add(row)
        uow.session.flush()
        return row.id


def record(db, door, outcome: str, at: dt.datetime = DAY, answers: dict | None = None,
           **fields) -> str:
    """A visit recorded as the laptop records it (the door helper's ``record_visit``)."""
    from desktop.visits.doors.recording import VisitInput, record_visit

    with db.unit_of_work("张志愿") as uow:
        return record_visit(uow, VisitInput(door.id, outcome, at, answers, **fields))
