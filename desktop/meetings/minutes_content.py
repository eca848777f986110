"""What a meeting's minutes hold, read once into plain data: the details, the people by
attendance and party, the agenda, the decisions with their vote counts and verdicts, and the
action items born, carried or closed at the meeting.

Names are printed as the meeting stored them (an attendee since deleted from the roster keeps
the name the meeting used). The carried-over items are the meeting page's (desktop.meetings.reading.carried_items).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.meetings.labels import ATTENDANCE as ATTENDANCE_
from desktop.meetings.labels import PARTIES as PARTIES_
from desktop.meetings.labels import STATUSES as STATUSES_
from desktop.meetings.labels import carried_title, label
from desktop.meetings.links import campaign_names, vote_lines
from desktop.meetings.reading import carried_items
from desktop.meetings.tables import (
    ATTENDANCE,
    PARTIES,
    ActionItem,
    AgendaItem,
    Decision,
    Meeting,
    MeetingAttendee,
)
from desktop.meetings.voting import vote_outcome
from desktop.roster.community import current_community


@dataclass(frozen=True)
class Person:
    name: str
    party: str
    party_label: str
    organisation: str
    title: str
    phone: str
    attendance: str


@dataclass(frozen=True)
class AgendaLine:
    title: str
    raised_by: str
    discussion: str
    campaign: str = ""  # the visiting campaign it is about, by name
    vote: str = ""  # the owners' vote it is about, and how it stands


@dataclass(frozen=True)
class DecisionLine:
    text: str
    vote: str  # "For 9, against 1, abstentions 2. … Passed." or "" when not voted


@dataclass(frozen=True)
class ActionLine:
    problem: str
    responsible: str  # unit / person
    remedy: str
    due: str
    status: str


@dataclass(frozen=True)
class MinutesContent:
    title: str
    number: str
    starts_at: dt.datetime
    place: str
    convener: str
    chair: str
    recorder: str
    issuing_body: str
    attendance: list[tuple[str, list[tuple[str, list[Person]]]]]  # status → party → people
    invited: list[Person]  # party by party, as the sign-in sheet lists them
    agenda: list[AgendaLine]
    decisions: list[DecisionLine]
    actions: list[tuple[str, list[ActionLine]]]  # (carried over | new here, rows)
    officials: list[str]  # named on the posted version: staff and official parties
    residents: list[str]  # masked on the posted version

    @property
    def day(self) -> dt.date:
        return self.starts_at.date()


def _vote_line(decision: Decision) -> str:
    if decision.rule == "none" and decision.votes_for is None:
        return ""
    counts = _("Votes: for {votes_for}, against {votes_against}, abstentions "
               "{abstentions}.").format(votes_for=decision.votes_for or 0,
                                        votes_against=decision.votes_against or 0,
                                        abstentions=decision.abstentions or 0)
    try:
        outcome = vote_outcome(decision.rule, decision.votes_for, decision.votes_against,
                               decision.abstentions, decision.members)
    except ValidationError as exc:  # counts that cannot be (a merge): printed, not judged
        return f"{counts} {exc.message}"
    if outcome.passed is None:
        return counts
    return f"{counts} {outcome.explanation}"


def _action_line(item: ActionItem, day: dt.date) -> ActionLine:
    unit = item.responsible_unit.strip() or label(PARTIES_, item.responsible)
    responsible = " / ".join(p for p in (unit, item.responsible_person.strip()) if p)
    status = label(STATUSES_, item.status)
    if item.status in ("open", "in_progress") and item.due is not None and item.due < day:
        status = _("{status}, overdue").format(status=status)
    due = item.due.isoformat() if item.due is not None else ""  # fits its column
    return ActionLine(item.problem, responsible, item.remedy, due, status)


def _people(session: Session, meeting_id: str) -> list[MeetingAttendee]:
    rows = session.execute(
        select(MeetingAttendee).where(MeetingAttendee.meeting_id == meeting_id,
                                      MeetingAttendee.deleted.is_(False))
        .order_by(MeetingAttendee.sort_key, MeetingAttendee.name)).scalars().all()
    order = {p: i for i, p in enumerate(PARTIES)}
    return sorted(rows, key=lambda a: order.get(a.party, len(order)))  # stable: sort_key kept


def _actions(session: Session, meeting: Meeting, carries: bool) -> list[tuple[str, list]]:
    """The items carried over (as the meeting page lists them), then those born here."""
    day = meeting.starts_at.date()
    carried = carried_items(session, meeting) if carries else []
    new = session.execute(
        select(ActionItem).where(ActionItem.origin_meeting_id == meeting.id,
                                 ActionItem.deleted.is_(False))
        .order_by(ActionItem.opened_on, ActionItem.created_hlc)).scalars().all()
    return [(_("Items carried over from earlier meetings"),
             [_action_line(i, day) for i in carried]),
            (_("Items opened at this meeting"), [_action_line(i, day) for i in new])]


def minutes_content(session: Session, meeting_id: str) -> MinutesContent:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.deleted:
        raise ValidationError(_("This meeting no longer exists."), field="meeting")
    people = _people(session, meeting_id)
    persons = [Person(a.name, a.party, label(PARTIES_, a.party), a.organisation, a.title,
                      a.phone, a.attendance) for a in people]
    attendance = []
    for status in ATTENDANCE:
        parties: dict[str, list[Person]] = {}
        for person in persons:
            if person.attendance == status:
                parties.setdefault(person.party_label, []).append(person)
        attendance.append((label(ATTENDANCE_, status), list(parties.items())))
    agenda_rows = session.execute(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting_id,
                                 AgendaItem.deleted.is_(False))
        .order_by(AgendaItem.position, AgendaItem.created_hlc)).scalars().all()
    campaigns = campaign_names(session, [a.campaign_id for a in agenda_rows])
    votes = vote_lines(session, [a.ballot_id for a in agenda_rows])
    agenda_order = {a.id: i for i, a in enumerate(agenda_rows)}
    decisions = session.execute(
        select(Decision).where(Decision.meeting_id == meeting_id, Decision.deleted.is_(False))
        .order_by(Decision.position, Decision.created_hlc)).scalars().all()
    # Decisions in the order of their agenda items, then their own order.
    decisions = sorted(decisions, key=lambda d: (agenda_order.get(d.agenda_item_id, -1)
                                                 if d.agenda_item_id else len(agenda_order)))
    community = current_community(session)
    residents = [a.name for a in people if a.party in ("resident", "representative")]
    officials = [a.name for a in people if a.party not in ("resident", "representative")]
    officials += [n for n in (meeting.chair, meeting.recorder, meeting.convener)
                  if n.strip() and n not in residents]
    return MinutesContent(
        title=meeting.title, number=meeting.number, starts_at=meeting.starts_at,
        place=meeting.place, convener=meeting.convener, chair=meeting.chair,
        recorder=meeting.recorder,
        issuing_body=(community.issuing_body or community.name) if community else "",
        attendance=attendance, invited=persons,
        agenda=[AgendaLine(carried_title() if a.carried_over else a.title, a.raised_by,
                           a.discussion, campaigns.get(a.campaign_id, ""),
                           votes.get(a.ballot_id, ""))
                for a in agenda_rows],
        decisions=[DecisionLine(d.text, _vote_line(d)) for d in decisions],
        actions=_actions(session, meeting, any(a.carried_over for a in agenda_rows)),
        officials=officials, residents=residents)
