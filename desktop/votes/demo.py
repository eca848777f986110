"""Owners' votes for the demo community: the register made ready in two buildings of the first
compound (the flats nobody is known to own marked as the developer's unsold units, and one
landlord who owns three flats), then two votes —

- a lift replacement (item (七), the higher bar) in the older building with a lift, collected
  two months ago, closed and passed, its result notice posted in the notices archive;
- a facade repair paid from the maintenance fund (item (五)) in the next building, collecting
  now, a few owners short of the two-thirds participation, so the page opens on a margin
  sentence the office can act on.

Deterministic for a seed and a day, written through the same services the window uses. The
texts are Chinese whatever the window's language: they are what an office would write.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from decimal import Decimal

from sqlalchemy import select

from desktop.roster.models import Building, Compound, Dwelling, Household
from desktop.roster.owners.service import AreasDraft, OwnerDraft, set_areas, set_owners
from desktop.storage.database import Database
from desktop.votes.ballots import record_ballot
from desktop.votes.electorate import scope_dwellings
from desktop.votes.printing.result import post_result_notice
from desktop.votes.service import VoteDraft, close_vote, create_vote

OPERATOR = "演示数据"
LANDLORD = OwnerDraft(name="周建国", phone="13905716688", id_number="330106196505120014")
LIFT = ("{building}电梯更新改造", (
    "{building}电梯已使用22年，故障频发。经业委会、物业和社区三方商议，拟拆除旧电梯、安装新电梯，"
    "总费用约70万元，由本楼业主按专有部分面积分摊，不足部分申请使用住宅专项维修资金。"))
FACADE = ("{building}外墙修缮及维修资金使用", (
    "{building}外墙出现空鼓、瓷砖脱落，存在安全隐患。拟对外墙进行整体修缮，费用约18万元，"
    "从本楼住宅专项维修资金中列支。"))


def _buildings(session) -> list[Building]:
    """The first compound's two buildings the votes are held in: the oldest with a lift
    first (a lift retrofit is decided by its own building), then the next one."""
    compound = session.execute(select(Compound).where(Compound.deleted.is_(False))
                               .order_by(Compound.created_hlc, Compound.id).limit(1)).scalar()
    if compound is None:
        return []
    buildings = session.execute(
        select(Building).where(Building.compound_id == compound.id,
                               Building.deleted.is_(False))
        .order_by(Building.sort_key, Building.id)).scalars().all()
    lifted = sorted((b for b in buildings if b.has_lift),
                    key=lambda b: (b.built_year or 9999, b.sort_key))
    first = lifted[0] if lifted else (buildings[0] if buildings else None)
    rest = [b for b in buildings if first is not None and b.id != first.id]
    return [b for b in (first, rest[0] if rest else None) if b is not None]


def _ready_register(uow, building: Building, rng: random.Random, landlord: bool) -> None:
    """No gaps left in the building: a flat without a known owner is the developer's unsold
    unit; a flat without an exclusive area gets 85 % of its floor area; three flats let to
    tenants become one landlord's."""
    dwellings = scope_dwellings(uow.session, building.compound_id, building.id)
    for dwelling in dwellings:
        if "no_owner" in dwelling.problems or "no_area" in dwelling.problems:
            row = uow.session.get(Dwelling, dwelling.dwelling_id)
            area = dwelling.area if dwelling.area and dwelling.area > 0 else (
                (row.floor_area or Decimal(90)) * 85 / 100)
            set_areas(uow, dwelling.dwelling_id, AreasDraft(
                floor_area=row.floor_area, exclusive_area=round(area, 2),
                developer_held=not dwelling.owners))
    if landlord:
        let = [d for d in dwellings if d.owners and all(o.resident_id is None
                                                         for o in d.owners)]
        chosen = rng.sample(let, min(5, len(let)))
        for dwelling in chosen[:3]:
            set_owners(uow, dwelling.dwelling_id, [LANDLORD])
        # Two flats nobody lives in were never sold: the developer's, one head together.
        lived_in = set(uow.session.execute(select(Household.dwelling_id).where(
            Household.deleted.is_(False))).scalars())
        for dwelling in [d for d in chosen[3:] if d.dwelling_id not in lived_in]:
            set_owners(uow, dwelling.dwelling_id, [])
            set_areas(uow, dwelling.dwelling_id, AreasDraft(
                floor_area=uow.session.get(Dwelling, dwelling.dwelling_id).floor_area,
                exclusive_area=dwelling.area, developer_held=True))


def _cast(uow, vote_id: str, dwellings, opinions: list[str], opens_on: dt.date,
          days: int, rng: random.Random) -> None:
    for dwelling, opinion in zip(dwellings, opinions):
        if LANDLORD.name in dwelling.owner_names:
            opinion = "agree"  # one person, one mind over their three flats
        cast_on = opens_on + dt.timedelta(days=rng.randrange(max(days, 1)))
        proxy = "李秀英" if rng.random() < 0.05 else ""
        record_ballot(uow, vote_id, dwelling.dwelling_id, opinion, cast_on, proxy_name=proxy,
                      source="office" if rng.random() < 0.7 else "sheet")


def _heads(dwellings) -> int:
    return len({d.owner_key for d in dwellings})


def add_demo_votes(db: Database, today: dt.date | None = None, seed: int = 2026) -> int:
    """Add the two demo votes; returns how many were made (none without two buildings)."""
    today = today or dt.date.today()
    rng = random.Random(seed)
    with db.unit_of_work(OPERATOR) as uow:
        buildings = _buildings(uow.session)
        if len(buildings) < 2:
            return 0
        lift, facade = buildings
        _ready_register(uow, lift, rng, landlord=True)
        _ready_register(uow, facade, rng, landlord=False)
        uow.session.flush()

        # The lift: collected two months ago, 90 % of the flats voted, most agreed.
        opens_on = today - dt.timedelta(days=75)
        closes_on = opens_on + dt.timedelta(days=30)
        title, text = (part.format(building=lift.name) for part in LIFT)
        vote_id = create_vote(uow, VoteDraft(title, 7, lift.compound_id, opens_on, closes_on,
                                             text, lift.id))
        voters = scope_dwellings(uow.session, lift.compound_id, lift.id)
        voting = [d for d in voters if rng.random() < 0.9]
        opinions = ["agree" if rng.random() < 0.86 else rng.choice(("against", "abstain"))
                    for _ in voting]
        _cast(uow, vote_id, voting, opinions, opens_on, 30, rng)
        if voting:  # one owner changed their mind: the correction replaces the first ballot
            record_ballot(uow, vote_id, voting[0].dwelling_id, "agree",
                          opens_on + dt.timedelta(days=20), note="业主本人来电更正")
        close_vote(uow, vote_id, closes_on + dt.timedelta(days=1))
        post_result_notice(uow, vote_id, issued_on=closes_on + dt.timedelta(days=2))

        # The facade: collecting now, three owners short of two thirds.
        opens_on = today - dt.timedelta(days=10)
        title, text = (part.format(building=facade.name) for part in FACADE)
        vote_id = create_vote(uow, VoteDraft(title, 5, facade.compound_id, opens_on,
                                             today + dt.timedelta(days=20), text, facade.id))
        voters = scope_dwellings(uow.session, facade.compound_id, facade.id)
        needed = math.ceil(_heads(voters) * 2 / 3)
        voting, owners = [], set()
        for dwelling in voters:
            if len(owners | {dwelling.owner_key}) > max(needed - 3, 0):
                continue
            owners.add(dwelling.owner_key)
            voting.append(dwelling)
        opinions = ["agree" if rng.random() < 0.8 else rng.choice(("against", "abstain"))
                    for _ in voting]
        _cast(uow, vote_id, voting, opinions, opens_on, 10, rng)
    return 2
