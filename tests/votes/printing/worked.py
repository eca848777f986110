"""The worked example, built by hand: 翠苑一区 3幢, twelve dwellings with known exclusive
areas and owners — 陈志强 owns three flats, 赵丽 and 钱伟 own one together, two flats are the
developer's unsold ones — and the ballots of a lift vote (item 7, the higher bar), one
corrected, one by proxy, one late. Every figure of its result notice is worked out again in
the tests from the tables below, not from the code under test."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from desktop.roster.models import Dwelling
from desktop.roster.owners.service import AreasDraft, OwnerDraft, set_areas, set_owners
from desktop.roster.places import (
    create_dwellings,
    plan_dwellings,
    save_building,
    save_compound,
)
from desktop.votes.ballots import record_ballot
from desktop.votes.service import VoteDraft, close_vote, create_vote

OPENS, CLOSES = dt.date(2026, 12, 1), dt.date(2026, 12, 15)
DEVELOPER = "developer"
# (unit, room, exclusive area, owners as (name, phone); DEVELOPER for an unsold flat)
DWELLINGS = [
    ("1", "101", "89.50", [("王建国", "13800000001")]),
    ("1", "102", "92.30", [("李秀英", "13800000002")]),
    ("1", "201", "105.75", [("陈志强", "13800000003")]),
    ("1", "202", "76.20", [("陈志强", "13800000003")]),
    ("1", "301", "89.50", [("赵丽", "13800000004"), ("钱伟", "13800000005")]),
    ("1", "302", "120.00", DEVELOPER),
    ("2", "101", "88.88", [("孙悦", "13800000006")]),
    ("2", "102", "95.05", [("周杰", "13800000007")]),
    ("2", "201", "110.10", [("陈志强", "13800000003")]),
    ("2", "202", "70.00", [("吴敏", "13800000008")]),
    ("2", "301", "99.99", DEVELOPER),
    ("2", "302", "101.01", [("郑凯", "13800000009")]),
]
# (unit, room, opinion, cast on, proxy) in the order they are entered; a later one replaces.
BALLOTS = [
    ("1", "101", "agree", dt.date(2026, 12, 2), ""),
    ("1", "102", "agree", dt.date(2026, 12, 2), ""),
    ("1", "201", "agree", dt.date(2026, 12, 3), ""),
    ("1", "202", "agree", dt.date(2026, 12, 3), ""),
    ("2", "201", "agree", dt.date(2026, 12, 3), ""),
    ("1", "301", "agree", dt.date(2026, 12, 4), "刘洋"),
    ("2", "101", "against", dt.date(2026, 12, 5), ""),
    ("2", "102", "against", dt.date(2026, 12, 5), ""),
    ("2", "102", "agree", dt.date(2026, 12, 9), ""),  # corrected: replaces the one above
    ("2", "202", "abstain", dt.date(2026, 12, 10), ""),
    ("2", "302", "agree", dt.date(2026, 12, 14), ""),
    ("2", "301", "agree", dt.date(2026, 12, 18), ""),  # late: kept, not counted
]
TITLE = "3幢加装电梯"
PROPOSAL = ("拟在3幢1单元、2单元各加装电梯一部，总费用约70万元，由本幢业主按专有部分面积分摊。"
            "施工期间请业主配合。")


@dataclass
class Example:
    compound_id: str
    building_id: str
    dwellings: dict[tuple[str, str], str]  # (unit, room) → dwelling id
    vote_id: str


def build(db, close: bool = True) -> Example:
    from desktop.roster.community import SetupAnswers, save_setup

    with db.unit_of_work("王小红") as uow:
        save_setup(uow, SetupAnswers("翠苑一区社区", "", "社区办公室1", "王小红"))
        compound_id = save_compound(uow, "翠苑一区", "old", "文一西路100号", "绿城物业")
        building_id = save_building(uow, compound_id, "3幢", 3, 2, False)
        create_dwellings(uow, building_id, plan_dwellings(["1", "2"], (1, 3), 2))
    with db.unit_of_work("王小红") as uow:
        rows = uow.session.execute(select(Dwelling.id, Dwelling.unit, Dwelling.room).where(
            Dwelling.building_id == building_id)).all()
        ids = {(unit, room): dwelling_id for dwelling_id, unit, room in rows}
        for unit, room, area, owners in DWELLINGS:
            dwelling_id = ids[(unit, room)]
            set_areas(uow, dwelling_id, AreasDraft(exclusive_area=Decimal(area),
                                                   developer_held=owners == DEVELOPER))
            if owners != DEVELOPER:
                set_owners(uow, dwelling_id, [OwnerDraft(name=n, phone=p) for n, p in owners])
    with db.unit_of_work("王小红") as uow:
        vote_id = create_vote(uow, VoteDraft(TITLE, 7, compound_id, OPENS, CLOSES, PROPOSAL,
                                             building_id=building_id))
    for unit, room, opinion, cast_on, proxy in BALLOTS:
        with db.unit_of_work("王小红") as uow:
            record_ballot(uow, vote_id, ids[(unit, room)], opinion, cast_on, proxy_name=proxy)
    if close:
        with db.unit_of_work("王小红") as uow:
            close_vote(uow, vote_id, dt.date(2026, 12, 16))
    return Example(compound_id, building_id, ids, vote_id)
