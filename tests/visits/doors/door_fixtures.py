"""A small demo community with a campaign over two buildings for two visitors, for the tests
of recording visits at the door, the door tab and the draft-kill fault test."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from desktop.core.tasks import TaskContext
from desktop.setup.demo import fill_demo
from desktop.visits.campaigns.service import CampaignPlan, VisitorPlan, create_campaign
from desktop.visits.forms.service import list_forms
from desktop.visits.records.campaigns import CampaignDoor, CampaignVisitor
from tests.visits.places import first_buildings

AT = dt.datetime(2026, 12, 3, 9, 30)
VISITORS = ("张志愿", "李网格")


def form_version(db, title_part: str | None = None) -> str:
    with db.reading() as session:
        forms = list_forms(session)
    chosen = [f for f in forms if title_part and title_part in f.title] or forms
    return chosen[0].version_id




def make_campaign(db, residents: int = 300, version_id: str | None = None,
                  target: str = "households", form=None) -> str:
    """Fill the demo (once) and create a campaign over its first two buildings, asking the
    given ``Form`` when one is given."""
    fill_demo(db, residents, TaskContext(), campaigns=False)
    if form is not None:
        from desktop.visits.forms.service import save_form

        with db.unit_of_work("社工") as uow:
            version_id = save_form(uow, form).version_id
    plan = CampaignPlan("外墙维修入户走访", version_id or form_version(db),
                        {"buildings": first_buildings(db)},
                        tuple(VisitorPlan(name) for name in VISITORS),
                        starts_on=dt.date(2026, 12, 1), ends_on=dt.date(2026, 12, 31),
                        target=target)
    with db.unit_of_work("社工") as uow:
        return create_campaign(uow, plan)


def visitors(db, campaign_id: str) -> list[tuple[str, str]]:
    """(id, name) of the campaign's visitors in their order."""
    with db.reading() as session:
        return [tuple(r) for r in session.execute(
            select(CampaignVisitor.id, CampaignVisitor.name)
            .where(CampaignVisitor.campaign_id == campaign_id)
            .order_by(CampaignVisitor.sort_key))]


def door_ids(db, campaign_id: str, visitor_id: str | None = None) -> list[str]:
    """The doors in walking order (of one visitor when given)."""
    with db.reading() as session:
        query = select(CampaignDoor.id).where(CampaignDoor.campaign_id == campaign_id)
        if visitor_id:
            query = query.where(CampaignDoor.visitor_id == visitor_id)
        return list(session.execute(query.order_by(CampaignDoor.walk_order)).scalars())
