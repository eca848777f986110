"""An office with a year of monthly 三方联席 meetings (the core tests' year) whose last meeting
is in progress: people of every party present, an agenda item with its discussion and a voted
decision, and the items carried over to it."""

from __future__ import annotations

import datetime as dt
from inspect import signature

from desktop.core.tasks import TaskContext
from desktop.meetings.service import (
    AttendeeDraft,
    save_agenda_item,
    save_decision,
    set_attendees,
)
from desktop.setup.demo import fill_demo
from tests.meetings.year import build_year

PEOPLE = (("王主任", "community", "present", "社区居委会", "主任"),
          ("李干事", "community", "present", "社区居委会", "干事"),
          ("赵主任", "owners_committee", "present", "业主委员会", "主任"),
          ("孙委员", "owners_committee", "excused", "业主委员会", "委员"),
          ("陈经理", "property_company", "present", "绿城物业", "项目经理"),
          ("周书记", "party_branch", "present", "小区党支部", "书记"),
          ("吴楼长", "representative", "present", "", "3幢楼长"),
          ("郑队长", "outside", "observer", "消防大队", "队长"))


def roster_only(db, residents: int = 300) -> None:
    """The demo community without campaigns or meetings (the tests make their own). The
    ``meetings`` switch is passed only once fill_demo has it (it lands beside this page)."""
    extra = {"meetings": False} if "meetings" in signature(fill_demo).parameters else {}
    fill_demo(db, residents, TaskContext(), campaigns=False, **extra)


def make_office(db) -> list[str]:
    """The meetings' ids, oldest first; the last one filled in."""
    roster_only(db)
    meetings, _truth = build_year(db)
    last = meetings[-1]
    with db.unit_of_work("测试") as uow:
        set_attendees(uow, last, [AttendeeDraft(name, party, attendance, organisation, title)
                                  for name, party, attendance, organisation, title in PEOPLE])
        item = save_agenda_item(uow, last, "3幢电梯更换主板", raised_by="赵主任",
                                discussion="3幢电梯本月停运三次。\n1. 物业已联系厂家\n"
                                           "2. 费用从维修基金列支，需业主表决")
        save_decision(uow, last, "同意动用维修基金更换3幢电梯主板", agenda_item_id=item,
                      rule="majority_of_members", votes_for=6, votes_against=1,
                      abstentions=1, members=9)
        save_decision(uow, last, "每月5日前公示整改进度", agenda_item_id=item,
                      rule="simple_majority", votes_for=3, votes_against=4, abstentions=1)
    return meetings


TODAY = dt.date(2026, 12, 20)
