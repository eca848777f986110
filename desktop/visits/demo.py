"""Campaigns for the demo community, so ``linli --demo`` shows the visits page alive: last
month's finished 关爱走访 of the elderly over one compound, and this month's 外墙维修意见征询
in progress (about 60 % of the doors visited, every outcome there, a few follow-ups and
roster proposals waiting for the office).

Sized by doors (whole stairwells), not by the community (a 200,000-resident demo gets campaigns of the same few
hundred doors), deterministic for a seed, and written through the same services the window
uses (``create_campaign``, ``record_visit``), so the demo exercises what offices will run.
"""

from __future__ import annotations

import datetime as dt
import json
import random

from sqlalchemy import func, select

from desktop.roster.address import natural_key
from desktop.roster.models import Building, Compound, Dwelling, Household, Resident
from desktop.storage.database import Database
from desktop.visits.campaigns.service import CampaignPlan, VisitorPlan, create_campaign
from desktop.visits.forms.model import from_data
from desktop.visits.forms.sample_answers import sample_answers
from desktop.visits.forms.tables import FormRecord, FormVersion
from desktop.visits.records.campaigns import CampaignDoor, CampaignVisitor

FINISHED_DOORS, IN_PROGRESS_DOORS = 120, 240
_CARE_FORM, _OPINION_FORM = "home_visit", "opinion"
_FOLLOW_UP_NOTES = ("独居老人，腿脚不便，需要助餐服务", "家中燃气软管老化，已提醒更换",
                    "老人反映降压药快吃完了，联系家庭医生", "卫生间漏水影响楼下，需物业上门",
                    "行动不便，希望安排上门理发")


def _units(session, skip: int, doors: int) -> list[list[str]]:
    """Whole stairwells ([building id, unit]), in the community's walking order from the
    ``skip``-th, holding about ``doors`` households."""
    rows = session.execute(
        select(Compound.name, Building.sort_key, Building.name, Building.id, Dwelling.unit,
               func.count(Household.id))
        .join(Building, Building.compound_id == Compound.id)
        .join(Dwelling, Dwelling.building_id == Building.id)
        .join(Household, Household.dwelling_id == Dwelling.id)
        .where(Building.deleted.is_(False), Dwelling.deleted.is_(False),
               Household.deleted.is_(False))
        .group_by(Building.id, Dwelling.unit)).all()
    rows.sort(key=lambda r: (natural_key(r[0]), r[1] or 0, natural_key(r[2]), r[3],
                             natural_key(r[4])))
    chosen, total = [], 0
    for *_names, building_id, unit, households in rows[skip:]:
        chosen.append([building_id, unit or ""])
        total += households
        if total >= doors:
            break
    return chosen


def _form_version(session, form_key: str) -> tuple[str, object] | None:
    row = session.execute(
        select(FormVersion.id, FormVersion.definition)
        .join(FormRecord, FormRecord.id == FormVersion.form_id)
        .where(FormRecord.form_key == form_key).order_by(FormVersion.number.desc())).first()
    return (row[0], from_data(json.loads(row[1]))) if row else None


def _members(session, household_id: str | None) -> list[dict]:
    if household_id is None:
        return []
    return [{"resident_id": rid, "name": name, "relationship": relationship, "phone": phone}
            for rid, name, relationship, phone in session.execute(
                select(Resident.id, Resident.name, Resident.relationship, Resident.phone)
                .where(Resident.household_id == household_id, Resident.deleted.is_(False),
                       Resident.moved_out.is_(False), Resident.deceased.is_(False))
                .order_by(Resident.relationship))]


def add_demo_campaigns(db: Database, today: dt.date | None = None, seed: int = 2026) -> int:
    """Add the two demo campaigns with their visits; returns how many visits were made."""
    from desktop.visits.doors.recording import ProposalInput, VisitInput, record_visit

    today = today or dt.date.today()
    rng = random.Random(seed)
    this_month = today.replace(day=1)
    last_month = (this_month - dt.timedelta(days=1)).replace(day=1)
    with db.reading() as session:
        care = _form_version(session, _CARE_FORM)
        opinion = _form_version(session, _OPINION_FORM)
        first = _units(session, 0, FINISHED_DOORS)
        # A small community has too few stairwells for two: the second visits them again.
        second = _units(session, len(first), IN_PROGRESS_DOORS) or \
            _units(session, 0, IN_PROGRESS_DOORS)
    if care is None or opinion is None or not first or not second:
        return 0
    plans = (
        (CampaignPlan(f"{last_month.month}月独居老人关爱走访", care[0], {"units": first},
                      (VisitorPlan("刘晓燕", "13905710021", "staff"),
                       VisitorPlan("陈志强", "13905710022", "volunteer")),
                      purpose="每月走访独居、高龄老人，了解生活和健康情况。",
                      starts_on=last_month, ends_on=this_month - dt.timedelta(days=1)),
         care[1], 1.0, last_month),
        (CampaignPlan("外墙维修意见征询", opinion[0], {"units": second},
                      (VisitorPlan("王秀兰", "13905710031", "volunteer"),
                       VisitorPlan("赵德明", "13905710032", "volunteer"),
                       VisitorPlan("孙丽", "13905710033", "staff")),
                      purpose="外墙渗水维修方案入户征求意见，六个敲门小组分楼栋包干。",
                      starts_on=this_month, ends_on=this_month + dt.timedelta(days=27)),
         opinion[1], 0.6, this_month),
    )
    made = 0
    for plan, form, share, start in plans:
        with db.unit_of_work("演示数据") as uow:
            campaign_id = create_campaign(uow, plan)
        made += _visit_doors(db, campaign_id, form, share, start, today, rng,
                             VisitInput, ProposalInput, record_visit)
    return made


def _outcomes(rng: random.Random, finished: bool) -> list[str]:
    """The attempts at one door, in order."""
    roll = rng.random()
    if roll < 0.08:
        return ["not_home", "refused"] if finished else ["refused"]
    if roll < 0.13:
        return ["vacant"]
    if roll < 0.30:
        return ["not_home", "completed"] if finished else ["not_home"]
    if roll < 0.38 and not finished:
        return ["revisit"]
    return ["completed"]


def _visit_doors(db, campaign_id, form, share, start, today, rng, VisitInput, ProposalInput,
                 record_visit) -> int:
    with db.reading() as session:
        doors = session.execute(
            select(CampaignDoor.id, CampaignDoor.household_id, CampaignVisitor.name)
            .join(CampaignVisitor, CampaignVisitor.id == CampaignDoor.visitor_id)
            .where(CampaignDoor.campaign_id == campaign_id)
            .order_by(CampaignDoor.walk_order)).all()
        members = {household: _members(session, household) for _d, household, _v in doors}
    finished = share >= 1.0
    visited = doors if finished else [d for d in doors if rng.random() < share]
    days = max(1, min((today - start).days, 27))
    made = follow_ups = proposals = 0
    with db.unit_of_work("演示数据") as uow:
        # The first doors show every outcome, however small the community.
        shown = [["refused"], ["vacant"], ["not_home"], ["revisit"]] if not finished else \
            [["not_home", "refused"], ["vacant"], ["not_home", "completed"]]
        for number, (door_id, household_id, visitor) in enumerate(visited):
            day = start + dt.timedelta(days=rng.randrange(days))
            attempts = shown[number] if number < len(shown) else _outcomes(rng, finished)
            for attempt, outcome in enumerate(attempts):
                at = dt.datetime.combine(day + dt.timedelta(days=2 * attempt),
                                         dt.time(rng.randint(9, 19), rng.choice((0, 20, 40))))
                answers = None
                flagged, note, wanted = False, "", ()
                if outcome == "completed":
                    answers = sample_answers(form, rng, today=at.date(),
                                             household_members=members[household_id],
                                             known={"visitor": visitor,
                                                    "visit_date": at.date().isoformat()})
                    if follow_ups < 5 and rng.random() < 0.08:
                        flagged, note = True, _FOLLOW_UP_NOTES[follow_ups]
                        follow_ups += 1
                    people = members[household_id]
                    if proposals < 4 and people and rng.random() < 0.1:
                        wanted = (_proposal(ProposalInput, proposals, people, rng, at),)
                        proposals += 1
                callback = (at + dt.timedelta(days=3)).replace(hour=18, minute=30) \
                    if outcome == "revisit" else None
                record_visit(uow, VisitInput(door_id, outcome, at, answers=answers,
                                             callback_at=callback, follow_up=flagged,
                                             follow_up_note=note, proposals=wanted))
                made += 1
    return made


def _proposal(ProposalInput, number: int, people: list[dict], rng: random.Random,
              at: dt.datetime):
    person = people[-1]
    if number == 0:
        return ProposalInput("phone", person["resident_id"],
                             {"phone": "139" + "".join(rng.choice("0123456789")
                                                       for _ in range(8))},
                             "本人说旧号码已停用")
    if number == 1:
        return ProposalInput("moved_out", person["resident_id"],
                             {"on": (at.date() - dt.timedelta(days=40)).isoformat()},
                             "已随子女搬到外地居住")
    if number == 2:
        return ProposalInput("new_member", None,
                             {"name": "周子涵", "sex": "2", "birth_date": "2026-08-14",
                              "relationship": "30"}, "新生儿，尚未登记")
    return ProposalInput("other", None, {}, "一楼住户反映房屋已出租，租客未登记")
