"""A demo community with a small opinion form and a campaign over its first two buildings for
two visitors, in a real SQLite file; visits are recorded through the door's own recording
service, as a laptop would."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from desktop.core.tasks import TaskContext
from desktop.setup.demo import fill_demo
from desktop.visits.campaigns.service import CampaignPlan, VisitorPlan, create_campaign
from desktop.visits.doors.recording import VisitInput, record_visit
from desktop.visits.forms.model import (
    INTEGER,
    SELECT_MULTIPLE,
    SELECT_ONE,
    TEXT,
    Group,
    Question,
)
from desktop.visits.forms.service import save_form
from desktop.visits.forms.templates._build import choice_list, form, t, yes_no
from desktop.visits.records.campaigns import CampaignDoor, CampaignVisitor
from tests.visits.places import first_buildings

OPINION = form("facade_opinion", t("外墙维修意见", "外牆維修意見", "Facade repair opinion"), (
    Question("support", SELECT_ONE, t("是否同意维修方案", "是否同意維修方案",
                                      "Do you agree with the plan"), choice_list="support"),
    Question("needs", SELECT_MULTIPLE, t("最需要改善", "最需要改善", "Most needed"),
             choice_list="needs", or_other=True),
    Question("people", INTEGER, t("家庭人数", "家庭人數", "People in the household")),
    Question("comment", TEXT, t("其他意见", "其他意見", "Other remarks")),
    Question("contact_phone", TEXT, t("联系电话", "聯絡電話", "Contact phone")),
    Group("members", t("家庭成员", "家庭成員", "Members"), (
        Question("member_name", TEXT, t("姓名", "姓名", "Name")),
        yes_no("lives_here", t("是否常住", "是否常住", "Lives here")),
    ), repeat=True),
), choice_list("support", ("agree", "同意", "同意", "Agree"),
               ("against", "反对", "反對", "Against"),
               ("unsure", "说不清", "說不清", "Not sure")),
   choice_list("needs", ("lift", "加装电梯", "加裝電梯", "A lift"),
               ("parking", "停车", "停車", "Parking"),
               ("greening", "绿化", "綠化", "Greenery")))

DAY1 = dt.datetime(2026, 12, 2, 9, 0)
DAY2 = dt.datetime(2026, 12, 3, 15, 30)


@dataclass
class Setup:
    db: object
    campaign_id: str
    version_id: str
    buildings: list[str]
    doors: list[str]  # in walking order
    visitors: list[str]  # ids, in the plan's order
    door_visitor: dict[str, str]




def make_campaign(db, name: str = "外墙维修入户走访", form=OPINION) -> Setup:
    with db.unit_of_work("社工") as uow:
        version_id = save_form(uow, form).version_id
    chosen = first_buildings(db)
    plan = CampaignPlan(name, version_id, {"buildings": chosen},
                        (VisitorPlan("张志愿", phone="13811112222"), VisitorPlan("李网格")),
                        starts_on=dt.date(2026, 12, 1), ends_on=dt.date(2026, 12, 31))
    with db.unit_of_work("社工") as uow:
        campaign_id = create_campaign(uow, plan)
    with db.reading() as session:
        doors = session.execute(select(CampaignDoor.id, CampaignDoor.visitor_id)
                                .where(CampaignDoor.campaign_id == campaign_id)
                                .order_by(CampaignDoor.walk_order)).all()
        visitors = session.execute(select(CampaignVisitor.id)
                                   .where(CampaignVisitor.campaign_id == campaign_id)
                                   .order_by(CampaignVisitor.sort_key)).scalars().all()
    return Setup(db, campaign_id, version_id, chosen, [d for d, _v in doors], list(visitors),
                 dict(doors))


@pytest.fixture
def setup(db) -> Setup:
    fill_demo(db, 300, TaskContext(), campaigns=False)
    return make_campaign(db)


def visit(setup: Setup, door: int | str, outcome: str, at: dt.datetime, answers=None,
          **fields) -> str:
    door_id = setup.doors[door] if isinstance(door, int) else door
    with setup.db.unit_of_work("志愿者") as uow:
        return record_visit(uow, VisitInput(door_id, outcome, at, answers, **fields))


def answers(support: str = "agree", needs: str = "lift", people: str = "3", **more) -> dict:
    return {"support": support, "needs": needs, "people": people, **more}


@dataclass
class Story:
    setup: Setup
    ids: dict[str, str]


def record_story(setup: Setup) -> Story:
    """Seven doors of the first building: not at home then completed (flagged), completed at
    one door by both visitors' laptops (both flagged), completed then corrected (the first
    flagged), refused, come back later, vacant, completed then corrected to a refusal; and a completed visit at a door the campaign
    does not hold."""
    from desktop.visits.records.visits import Visit

    other = setup.visitors[1]
    ids = {
        "a_not_home": visit(setup, 0, "not_home", DAY1),
        "a_done": visit(setup, 0, "completed", DAY2.replace(hour=10), answers(
            needs="lift parking", members=[{"member_name": "王大明", "lives_here": "yes"},
                                            {"member_name": "王小明", "lives_here": "no"}],
            contact_phone="13912345678", comment="楼道灯坏了"),
            follow_up=True, follow_up_note="独居老人需要助餐"),
        "b_first": visit(setup, 1, "completed", DAY1.replace(hour=10), answers(people="2"),
                         follow_up=True, follow_up_note="first"),
        "b_second": visit(setup, 1, "completed", DAY2.replace(hour=11), answers(
            "against", "greening other", "4", needs_other="路灯"), visitor_id=other,
            follow_up=True, follow_up_note="second"),
        "c_first": visit(setup, 2, "completed", DAY1.replace(hour=11), answers(people="5"),
                         follow_up=True, follow_up_note="c"),
        "d": visit(setup, 3, "refused", DAY1.replace(hour=12)),
        "e": visit(setup, 4, "revisit", DAY1.replace(hour=13), callback_at=DAY2),
        "f": visit(setup, 5, "vacant", DAY2.replace(hour=16)),
    }
    ids["c_fix"] = visit(setup, 2, "completed", DAY2.replace(hour=12),
                         {"support": "unsure", "people": "1"}, replaces_id=ids["c_first"])
    # Door G: answered, then the resident withdrew: the correction is a refusal.
    ids["g_first"] = visit(setup, 6, "completed", DAY1.replace(hour=14), answers())
    ids["g_fix"] = visit(setup, 6, "refused", DAY2.replace(hour=17), replaces_id=ids["g_first"])
    with setup.db.unit_of_work("志愿者") as uow:
        stray = Visit(campaign_id=setup.campaign_id, door_id=None, visitor_name="张志愿",
                      visited_at=DAY2, outcome="completed", form_version_id=setup.version_id,
                      answers='{"support": "agree", "people": "9"}', follow_up=True,
                      follow_up_note="stray")
        uow.session.add(stray)
        uow.session.flush()
        ids["stray"] = stray.id
    return Story(setup, ids)


@pytest.fixture
def story(setup) -> Story:
    return record_story(setup)
