"""Meetings for the demo community: a year of monthly 三方联席会议 of one compound (community,
owners' committee, property company), each with its attendance (someone excused now and then,
the fire brigade invited once), the items carried from earlier meetings updated, a topic or two
with decisions (some voted, one not passed), and new items of the three lists — so the meetings
page and its tracker open on real shapes: items opened, carried, done, closed, reopened once,
some overdue, a few closed this month, and complaints added between meetings in other compounds.

Deterministic for a seed and a day, of the same size whatever the roster's (a 200,000-resident
demo gets the same dozen meetings), written through the same services the window uses. The
texts are Chinese whatever the window's language: they are what an office would write.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

from sqlalchemy import select

from desktop.meetings.actions import (
    ActionDraft,
    add_action,
    record_progress,
    reopen_action,
)
from desktop.meetings.service import (
    AttendeeDraft,
    MeetingDraft,
    next_meeting,
    save_agenda_item,
    save_decision,
    save_meeting,
    save_series,
    set_attendees,
)
from desktop.roster.models import Building, Compound, Dwelling, Household, Resident
from desktop.storage.database import Database

MONTHS = 12
# (problem, remedy) by responsible party; the unit's name is filled in per compound.
_PROBLEMS = {
    "property_company": (
        ("地下车库积水，雨天无法通行", "检修排水泵，疏通车库排水沟"),
        ("东门道闸经常故障，车辆排队", "更换道闸控制板，安排专人值守"),
        ("5幢电梯一个月内困人两次", "请维保单位全面检修，报特种设备检测"),
        ("绿化带杂草丛生，蚊虫多", "集中除草并定期消杀"),
        ("7幢2单元楼道声控灯不亮", "更换声控灯"),
        ("垃圾清运不及时，夏季有异味", "增加清运频次，清洗垃圾桶"),
        ("外墙瓷砖脱落，存在安全隐患", "拉设警戒线，制定维修方案报业委会"),
    ),
    "community": (
        ("电动自行车集中充电桩不足", "协调街道增设充电桩，做好入户宣传"),
        ("楼道堆放杂物，消防通道堵塞", "联合物业开展清理行动"),
        ("群租房安全隐患排查", "联合派出所入户排查并建立台账"),
        ("小区宣传栏内容陈旧", "更新宣传栏，每月一换"),
    ),
    "owners_committee": (
        ("维修资金使用情况公示不及时", "每季度公示维修资金收支明细"),
        ("停车收费标准调整需征求业主意见", "制定方案，组织业主书面征求意见"),
        ("物业服务满意度测评", "组织业主填写测评表并公示结果"),
    ),
    "other": (
        ("燃气管道老化，有异味", "联系燃气公司上门检测更换"),
        ("小区外人行道破损", "报市政部门修复"),
        ("高层住户自来水水压低", "联系水务集团检测加压设备"),
    ),
}
_OTHER_UNITS = {"燃气": "燃气公司", "人行道": "区城管局", "水压": "水务集团"}
_TOPICS = (
    ("5幢电梯曳引钢丝绳更换", "物业公司通报维保单位检测结论，钢丝绳磨损超标，需使用维修资金更换。",
     "同意使用维修资金更换5幢电梯曳引钢丝绳，费用据实结算并公示。", "majority_of_members",
     (4, 0, 1)),
    ("小区停车秩序整治", "业主代表反映夜间消防通道停车严重，讨论增设标线和巡查。",
     "由物业公司一周内施划消防通道标线，社区联合交警开展夜间巡查。", "none", None),
    ("增设非机动车充电棚", "社区提出在3幢北侧空地增设充电棚，部分业主担心噪音和安全。",
     "在3幢北侧增设充电棚的方案提交业主大会表决。", "majority_of_members", (2, 2, 1)),
    ("物业费收缴情况通报", "物业公司通报上半年物业费收缴率86%，分析欠费原因。",
     "业委会协助物业公司对长期欠费户上门沟通。", "none", None),
    ("中秋邻里节活动", "社区提议中秋节在小区广场举办邻里节，物业提供场地和保障。",
     "同意举办中秋邻里节，经费由社区和物业共同承担。", "simple_majority", (9, 1, 0)),
)
_STUBBORN = (14, 30)  # these items drag on: notes only, never resolved (overdue for months)


def _month(day: dt.date, back: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 5)


def _compounds(session) -> list[tuple[str, str, str]]:
    rows = session.execute(select(Compound.id, Compound.name, Compound.property_company,
                                  Compound.kind).where(Compound.deleted.is_(False))
                           .order_by(Compound.created_hlc)).all()
    # A commercial compound first: it has an owners' committee and a property company.
    rows.sort(key=lambda r: r[3] != "commercial")
    return [(r[0], r[1], r[2] or "物业服务中心") for r in rows]


def _representative(session, compound_id: str) -> tuple[str, str, str] | None:
    """A resident of the compound who speaks for the residents: (id, name, phone)."""
    return session.execute(
        select(Resident.id, Resident.name, Resident.phone)
        .join(Household, Household.id == Resident.household_id)
        .join(Dwelling, Dwelling.id == Household.dwelling_id)
        .join(Building, Building.id == Dwelling.building_id)
        .where(Building.compound_id == compound_id, Resident.deleted.is_(False),
               Resident.moved_out.is_(False), Resident.deceased.is_(False),
               Resident.phone != "")
        .order_by(Resident.created_hlc).limit(1)).first()


def _attendees(compound: str, company: str, representative, month: int, rng: random.Random
               ) -> list[AttendeeDraft]:
    committee = f"{compound}业主委员会"
    people = [
        AttendeeDraft("王芳", "community", organisation="社区居委会", title="主任"),
        AttendeeDraft("刘晓燕", "community", organisation="社区居委会", title="干事"),
        AttendeeDraft("孙丽", "community", organisation="社区居委会", title="网格员"),
        AttendeeDraft("陈建国", "owners_committee", organisation=committee, title="主任"),
        AttendeeDraft("周丽华", "owners_committee", organisation=committee, title="委员"),
        AttendeeDraft("吴强", "owners_committee", organisation=committee, title="委员"),
        AttendeeDraft("张伟", "property_company", organisation=company, title="项目经理"),
        AttendeeDraft("赵敏", "property_company", organisation=company, title="客服主管"),
    ]
    if representative is not None:
        resident_id, name, phone = representative
        people.append(AttendeeDraft(name, "representative", organisation="居民代表",
                                    resident_id=resident_id, phone=phone or ""))
    if month == 10:
        people.append(AttendeeDraft("郑队长", "outside", attendance="observer",
                                    organisation="区消防救援大队"))
    # Now and then someone sends apologies, or does not come.
    out = []
    for person in people:
        roll = rng.random()
        if person.party != "outside" and roll < 0.08:
            person = replace(person, attendance="excused")
        elif person.party != "outside" and roll < 0.11:
            person = replace(person, attendance="absent")
        out.append(person)
    return out


def _unit(party: str, problem: str, compound: str, company: str) -> tuple[str, str]:
    if party == "property_company":
        return company, "张伟"
    if party == "owners_committee":
        return f"{compound}业主委员会", "陈建国"
    if party == "community":
        return "社区居委会", "孙丽"
    unit = next((u for key, u in _OTHER_UNITS.items() if key in problem), "")
    return unit, ""


def add_demo_meetings(db: Database, today: dt.date | None = None, seed: int = 2026) -> int:
    """Add the year of meetings and their items; returns how many meetings were made."""
    today = today or dt.date.today()
    rng = random.Random(seed)
    with db.reading() as session:
        compounds = _compounds(session)
        if not compounds:
            return 0
        compound_id, compound, company = compounds[0]
        representative = _representative(session, compound_id)
    # The last meeting is the latest 5th on or before today.
    last = _month(today, 0) if today.day >= 5 else _month(today, 1)
    days = [_month(last, back) for back in range(MONTHS - 1, -1, -1)]
    items: list[dict] = []  # id, party, due, status, stubborn
    reopened = False
    with db.unit_of_work("演示数据") as uow:
        series = save_series(uow, f"{compound}三方联席会议", "tripartite",
                             compound_id=compound_id)
        meeting = None
        for index, day in enumerate(days):
            at = dt.datetime.combine(day, dt.time(14, 30))
            if meeting is None:
                meeting = save_meeting(uow, MeetingDraft(
                    "tripartite", f"{compound}三方联席会议", at, place="社区二楼会议室",
                    convener="社区居委会", chair="王芳", recorder="刘晓燕",
                    number=f"〔{day.year}〕第{day.month}期", series_id=series))
            else:
                meeting = next_meeting(uow, meeting, at)
            set_attendees(uow, meeting, _attendees(compound, company, representative,
                                                   day.month, rng))
            if not reopened and index >= MONTHS - 4:
                # Closed at an earlier meeting, found not fixed: reopened (and logged).
                done = [i for i in items if i["status"] == "closed"]
                closed = done[len(done) // 2] if done else None
                if closed is not None:
                    reopen_action(uow, closed["id"], "复查发现问题反弹，重新整改",
                                  meeting_id=meeting, on=day)
                    closed["status"], reopened = "open", True
                    closed["stubborn"] = True  # and still dragging on at the last meeting
            for item in items:
                if item["status"] != "closed":
                    _carry(uow, rng, item, meeting, day)
            _topic(uow, meeting, index)
            for _number in range(rng.randint(3, 5)):
                items.append(_new_item(uow, rng, meeting, day, compound, company, items))
        _between_meetings(uow, rng, items, compounds, last, today)
    return len(days)


def _carry(uow, rng: random.Random, item: dict, meeting: str, day: dt.date) -> None:
    """What a meeting does with one earlier item: most are done by their due date (a few
    late), checked and closed; some are still being worked on; the stubborn drag on."""
    if item["stubborn"]:
        moved = "in_progress" if item["status"] == "open" else None
        record_progress(uow, item["id"], "仍在协调中，责任方承诺尽快落实", status=moved,
                        meeting_id=meeting)
        item["status"] = moved or item["status"]
        return
    if item["status"] == "done":
        if rng.random() < 0.8:
            record_progress(uow, item["id"], "经三方现场复查，整改到位，予以销号",
                            status="closed", meeting_id=meeting)
            item["status"] = "closed"
        return
    due = item["due"]
    if rng.random() < (0.5 if due > day else 0.08):
        if item["status"] == "open":
            record_progress(uow, item["id"], "已制定整改方案，正在实施", status="in_progress",
                            meeting_id=meeting)
            item["status"] = "in_progress"
        return
    # Done before the meeting heard of it: mostly by the due date, sometimes late.
    late = due < day and rng.random() < 0.1
    on = min(day, due + dt.timedelta(days=rng.randint(1, 15))) if late else \
        min(due, day) - dt.timedelta(days=rng.randint(0, 6))
    record_progress(uow, item["id"], "已整改完毕，待复查", status="done", meeting_id=meeting,
                    on=max(on, item["opened_on"]))
    item["status"] = "done"
    if rng.random() < 0.6:
        record_progress(uow, item["id"], "经三方现场复查，整改到位，予以销号",
                        status="closed", meeting_id=meeting)
        item["status"] = "closed"


def _topic(uow, meeting: str, index: int) -> None:
    title, discussion, decision, rule, votes = _TOPICS[index % len(_TOPICS)]
    agenda = save_agenda_item(uow, meeting, title, raised_by="社区居委会", discussion=discussion)
    if votes is None:
        save_decision(uow, meeting, decision, agenda_item_id=agenda)
    else:
        members = 5 if rule == "majority_of_members" else None
        save_decision(uow, meeting, decision, agenda_item_id=agenda, rule=rule,
                      votes_for=votes[0], votes_against=votes[1], abstentions=votes[2],
                      members=members)


def _new_item(uow, rng: random.Random, meeting: str, day: dt.date, compound: str,
              company: str, items: list[dict]) -> dict:
    party = rng.choice(("property_company", "property_company", "community",
                        "owners_committee", "other"))
    # Not a problem already on the list and not closed: it would be the same item twice.
    pending = {i["problem"] for i in items if i["status"] != "closed"}
    problem, remedy = rng.choice([p for p in _PROBLEMS[party] if p[0] not in pending]
                                 or _PROBLEMS[party])
    unit, person = _unit(party, problem, compound, company)
    due = day + dt.timedelta(days=rng.choice((14, 20, 25, 30, 45, 60)))
    item_id = add_action(uow, ActionDraft(problem, party, remedy=remedy, due=due,
                                          responsible_unit=unit, responsible_person=person),
                         meeting_id=meeting)
    return {"id": item_id, "status": "open", "opened_on": day, "due": due, "problem": problem,
            "stubborn": len(items) in _STUBBORN}


def _between_meetings(uow, rng: random.Random, items: list[dict], compounds, last: dt.date,
                      today: dt.date) -> None:
    """After the last meeting: a complaint in each of two other compounds, and an item or two
    finished this month (so "closed this month" is never empty on the demo)."""
    for (compound_id, name, _company), (problem, remedy) in zip(
            compounds[1:3], (("居民投诉：夜间装修噪音扰民", "物业上门劝导，限定施工时间"),
                             ("12345工单：单元门禁损坏", "更换门禁读卡器")), strict=False):
        add_action(uow, ActionDraft(f"{name}{problem}", "property_company", remedy=remedy,
                                    due=today + dt.timedelta(days=10), compound_id=compound_id,
                                    source="12345工单" if "12345" in problem else "居民来电"),
                   opened_on=today)
    on = max(today.replace(day=1), last)
    finished = [i for i in items if i["status"] in ("open", "in_progress")
                and not i["stubborn"]][:2]
    for item in finished:
        record_progress(uow, item["id"], "已整改完毕，待下次会议复查", status="done", on=on)
        item["status"] = "done"
