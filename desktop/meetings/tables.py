"""The meetings tables (synced): series, meetings, attendees, agenda items, decisions, and the
action items of the "three lists" with their progress log.

An action item belongs to the community, not to the meeting it was born in: it is carried from
meeting to meeting until closed, and deleting a meeting leaves its items (their origin then
shows as deleted). Progress is a log: each entry is a new row, never an edit, so two copies
recording progress on one item both keep theirs; the item's own fields (status, due date…)
merge per field like any other, and a conflict waits in the sync review list.

Names are stored as they were written (an attendee picked from the roster keeps the name the
minutes used even after the resident leaves the roster); the roster id is kept beside it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.storage.base import Base
from desktop.storage.records import SyncedRecord

# 三方联席, 四方联席, 议事协商, 业主大会, 居民代表会议, 业委会会议, other.
MEETING_KINDS = ("tripartite", "quadripartite", "consultation", "owners_assembly",
                 "representatives_meeting", "owners_committee", "other")
# Who an attendee speaks for.
PARTIES = ("community", "owners_committee", "property_company", "party_branch", "resident",
           "representative", "outside")
# 出席 / 列席 / 请假 / 缺席.
ATTENDANCE = ("present", "observer", "excused", "absent")
# How a voted decision passes: more than half of all members (a committee), more than half of
# those voting (a consultation's simple majority), or not put to a vote.
DECISION_RULES = ("none", "majority_of_members", "simple_majority")
# Who is responsible for an action item.
RESPONSIBLE_PARTIES = ("community", "owners_committee", "property_company", "other")
# 待办 / 整改中 / 已完成 / 已销号 (closed after checking); overdue is derived from the due date.
ACTION_STATUSES = ("open", "in_progress", "done", "closed")


class MeetingSeries(SyncedRecord, Base):
    """Meetings that follow each other ("翠苑一区三方联席会议"): the next is one click."""

    __tablename__ = "meeting_series"

    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(24), default="tripartite")
    compound_id: Mapped[str | None] = mapped_column(ForeignKey("compound.id"), index=True)


class Meeting(SyncedRecord, Base):
    __tablename__ = "meeting"

    series_id: Mapped[str | None] = mapped_column(ForeignKey("meeting_series.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24), default="tripartite")
    title: Mapped[str] = mapped_column(String(200))
    number: Mapped[str] = mapped_column(String(40), default="")  # 〔2026〕第12期
    starts_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    place: Mapped[str] = mapped_column(String(200), default="")
    convener: Mapped[str] = mapped_column(String(100), default="")
    chair: Mapped[str] = mapped_column(String(50), default="")
    recorder: Mapped[str] = mapped_column(String(50), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class MeetingAttendee(SyncedRecord, Base):
    __tablename__ = "meeting_attendee"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), index=True)
    party: Mapped[str] = mapped_column(String(20), default="community")
    name: Mapped[str] = mapped_column(String(50))
    organisation: Mapped[str] = mapped_column(String(100), default="")  # 消防大队, a firm
    title: Mapped[str] = mapped_column(String(50), default="")  # 主任, 业委会主任…
    resident_id: Mapped[str | None] = mapped_column(ForeignKey("resident.id"), index=True)
    phone: Mapped[str] = mapped_column(String(40), default="")
    attendance: Mapped[str] = mapped_column(String(10), default="present")
    sort_key: Mapped[int] = mapped_column(Integer, default=0)


class AgendaItem(SyncedRecord, Base):
    __tablename__ = "agenda_item"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(200))
    raised_by: Mapped[str] = mapped_column(String(100), default="")
    discussion: Mapped[str] = mapped_column(Text, default="")
    # The first item of a series' meeting: how the earlier meetings' items went (上次会议事项
    # 落实情况).
    carried_over: Mapped[bool] = mapped_column(Boolean, default=False)
    # By reference: a visiting campaign or an owners' vote (业主表决, the glossary's
    # ``ballot``: a ``votes.tables.Vote``) this item is about (plain ids).
    campaign_id: Mapped[str | None] = mapped_column(String(36))
    ballot_id: Mapped[str | None] = mapped_column(String(36))


class Decision(SyncedRecord, Base):
    __tablename__ = "decision"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), index=True)
    agenda_item_id: Mapped[str | None] = mapped_column(ForeignKey("agenda_item.id"),
                                                       index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    rule: Mapped[str] = mapped_column(String(24), default="none")
    votes_for: Mapped[int | None] = mapped_column(Integer)
    votes_against: Mapped[int | None] = mapped_column(Integer)
    abstentions: Mapped[int | None] = mapped_column(Integer)
    members: Mapped[int | None] = mapped_column(Integer)  # all members (majority_of_members)


class ActionItem(SyncedRecord, Base):
    """One line of the three lists: the problem, who is responsible, the remedy, by when."""

    __tablename__ = "action_item"

    origin_meeting_id: Mapped[str | None] = mapped_column(ForeignKey("meeting.id"), index=True)
    compound_id: Mapped[str | None] = mapped_column(ForeignKey("compound.id"), index=True)
    source: Mapped[str] = mapped_column(String(200), default="")  # "12345工单", a complaint
    problem: Mapped[str] = mapped_column(Text)
    responsible: Mapped[str] = mapped_column(String(20), default="community")
    responsible_unit: Mapped[str] = mapped_column(String(100), default="")  # its name
    responsible_person: Mapped[str] = mapped_column(String(50), default="")
    remedy: Mapped[str] = mapped_column(Text, default="")
    due: Mapped[dt.date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(12), default="open")
    opened_on: Mapped[dt.date] = mapped_column(Date)
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    closed_meeting_id: Mapped[str | None] = mapped_column(ForeignKey("meeting.id"))


class ActionProgress(SyncedRecord, Base):
    """One dated entry of an item's progress log (append-only): what happened, the status it
    moved to, at which meeting; a reopening is an entry too."""

    __tablename__ = "action_progress"

    action_item_id: Mapped[str] = mapped_column(ForeignKey("action_item.id"), index=True)
    meeting_id: Mapped[str | None] = mapped_column(ForeignKey("meeting.id"), index=True)
    on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default="")  # the status it moved to
    reopened: Mapped[bool] = mapped_column(Boolean, default=False)
    by: Mapped[str] = mapped_column(String(50), default="")
