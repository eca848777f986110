"""Reading meetings and the three lists: sessions in, plain dataclasses out.

A meeting's detail holds its attendees by party, its agenda with decisions (and whether each
passed, computed here), the items born in it, and, for a meeting that opens with how the earlier
meetings' items went, every item opened before it and not closed before it (those it closes are
listed too, so the page shows what this meeting closed).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.meetings.labels import carried_title
from desktop.meetings.links import campaign_names, vote_lines
from desktop.meetings.tables import (
    PARTIES,
    ActionItem,
    ActionProgress,
    AgendaItem,
    Decision,
    Meeting,
    MeetingAttendee,
    MeetingSeries,
)
from desktop.meetings.voting import VoteOutcome, vote_outcome


@dataclass(frozen=True)
class MeetingRow:
    id: str
    starts_at: dt.datetime
    date: dt.date
    kind: str
    title: str
    number: str
    series_id: str | None
    series: str  # the series' name, "" without one


@dataclass(frozen=True)
class AttendeeRow:
    id: str
    name: str
    party: str
    attendance: str
    organisation: str
    title: str
    resident_id: str | None
    phone: str


@dataclass(frozen=True)
class DecisionRow:
    id: str
    number: int  # 1, 2… across the meeting (议定事项 numbered)
    text: str
    agenda_item_id: str | None
    rule: str
    votes_for: int | None
    votes_against: int | None
    abstentions: int | None
    members: int | None
    outcome: VoteOutcome


@dataclass(frozen=True)
class AgendaRow:
    id: str
    position: int
    title: str
    raised_by: str
    discussion: str
    carried_over: bool
    campaign_id: str | None
    vote_id: str | None  # the owners' vote it is about (AgendaItem.ballot_id)
    decisions: tuple[DecisionRow, ...]
    campaign: str = ""  # the linked campaign's name ("" when none, or not on this computer)
    vote: str = ""  # the linked vote's title and how it stands (vote_lines)


@dataclass(frozen=True)
class ProgressRow:
    id: str
    on: dt.date
    note: str
    status: str  # the status it moved to, "" for a note only
    reopened: bool
    meeting_id: str | None
    meeting: str  # that meeting's title and date, "" without one
    by: str


@dataclass(frozen=True)
class ActionRow:
    id: str
    number: int  # 序号: its place in the list returned
    problem: str
    responsible: str
    responsible_unit: str
    responsible_person: str
    remedy: str
    due: dt.date | None
    status: str
    overdue: bool
    opened_on: dt.date
    done_on: dt.date | None
    closed_on: dt.date | None
    closed_meeting_id: str | None
    origin_meeting_id: str | None
    origin: str  # "title (date)", the deleted label, or "" when raised between meetings
    origin_deleted: bool
    source: str
    compound_id: str | None
    compound: str
    progress: tuple[ProgressRow, ...]
    age_days: int  # opened until closed, or until today


@dataclass(frozen=True)
class MeetingDetail:
    id: str
    kind: str
    title: str
    number: str
    starts_at: dt.datetime
    place: str
    convener: str
    chair: str
    recorder: str
    notes: str
    series_id: str | None
    series: str
    attendees: tuple[AttendeeRow, ...]
    by_party: dict  # party → tuple[AttendeeRow, ...], in PARTIES order, parties present only
    attendance_counts: dict  # party → {attendance: count}
    agenda: tuple[AgendaRow, ...]
    decisions: tuple[DecisionRow, ...]
    born: tuple[ActionRow, ...]  # items raised in this meeting
    carried: tuple[ActionRow, ...]  # earlier items to update here (carried-over agenda item)


def _label(title: str, when: dt.datetime | dt.date) -> str:
    day = when.date() if isinstance(when, dt.datetime) else when
    return f"{title} ({day.isoformat()})"


def list_meetings(session: Session) -> list[MeetingRow]:
    """Every meeting, oldest first."""
    series = dict(session.execute(select(MeetingSeries.id, MeetingSeries.name)
                                  .where(MeetingSeries.deleted.is_(False))).all())
    rows = session.execute(select(Meeting).where(Meeting.deleted.is_(False))
                           .order_by(Meeting.starts_at, Meeting.created_hlc)).scalars()
    return [MeetingRow(m.id, m.starts_at, m.starts_at.date(), m.kind, m.title, m.number,
                       m.series_id, series.get(m.series_id, "")) for m in rows]


_PROGRESS_COLUMNS = tuple(ActionProgress.__table__.columns)


def _action_rows(session: Session, items: list, today: dt.date
                 ) -> list[ActionRow]:
    from desktop.roster.models import Compound

    ids = [i.id for i in items]
    progress: dict[str, list] = defaultdict(list)
    meeting_ids = {i.origin_meeting_id for i in items if i.origin_meeting_id}
    connection = session.connection()  # Core rows: no ORM bookkeeping for 10,000 items
    live = ActionProgress.deleted.is_(False)
    # Many items: one pass over the whole log beats hundreds of IN lists.
    chunks = ([None] if len(ids) > 2000 else
              [ids[start:start + 500] for start in range(0, len(ids), 500)])
    wanted_items = set(ids)
    for chunk in chunks:
        query = select(*_PROGRESS_COLUMNS).where(live)
        if chunk is not None:
            query = query.where(ActionProgress.action_item_id.in_(chunk))
        for entry in connection.execute(query).all():
            if entry.action_item_id in wanted_items:
                progress[entry.action_item_id].append(entry)
                if entry.meeting_id:
                    meeting_ids.add(entry.meeting_id)
    meetings = {mid: (title, starts_at, deleted) for mid, title, starts_at, deleted in
                connection.execute(select(Meeting.id, Meeting.title, Meeting.starts_at,
                                          Meeting.deleted)).all()
                if mid in meeting_ids}
    deleted_label = _("deleted")
    labels = {mid: _meeting_label(found, deleted_label) for mid, found in meetings.items()}
    compounds = dict(session.execute(select(Compound.id, Compound.name)).all())
    rows = []
    for number, item in enumerate(items, start=1):
        entries = sorted(progress.get(item.id, ()), key=lambda e: (e.on, e.created_hlc))
        origin, origin_deleted = "", False
        if item.origin_meeting_id:
            found = meetings.get(item.origin_meeting_id)
            origin_deleted = found is None or bool(found[2])
            origin = deleted_label if origin_deleted else labels[item.origin_meeting_id]
        finished = item.status in ("done", "closed")
        # Two copies merge field by field: one closing an item while the other moved it back
        # to work leaves a status and a closing day that disagree. The status wins (it is in
        # the review list); the days are shown only when the status agrees.
        closed = item.status == "closed"
        closed_on = item.closed_on if closed else None
        done_on = item.done_on if finished else None
        end = closed_on if closed_on else today
        rows.append(ActionRow(
            item.id, number, item.problem, item.responsible, item.responsible_unit,
            item.responsible_person, item.remedy, item.due, item.status,
            bool(not finished and item.due is not None and item.due < today),
            item.opened_on, done_on, closed_on, item.closed_meeting_id if closed else None,
            item.origin_meeting_id, origin, origin_deleted, item.source, item.compound_id,
            compounds.get(item.compound_id, ""),
            tuple(ProgressRow(e.id, e.on, e.note, e.status, e.reopened, e.meeting_id,
                              labels.get(e.meeting_id, ""),
                              e.by) for e in entries),
            max(0, (end - item.opened_on).days)))
    return rows


def _meeting_label(found, deleted_label: str) -> str:
    if found is None:
        return ""
    title, starts_at, deleted = found
    return deleted_label if deleted else _label(title, starts_at)


def action_rows(session: Session, *, today: dt.date, open_only: bool = False,
                party: str | None = None, compound_id: str | None = None) -> list[ActionRow]:
    """The three lists: every item (or only those not closed), oldest first."""
    # Plain column rows, not ORM objects: 10,000 items read in a fraction of the time.
    query = select(*ActionItem.__table__.columns).where(ActionItem.deleted.is_(False))
    if open_only:
        query = query.where(ActionItem.status != "closed")
    if party is not None:
        query = query.where(ActionItem.responsible == party)
    if compound_id is not None:
        query = query.where(ActionItem.compound_id == compound_id)
    items = session.connection().execute(query.order_by(ActionItem.opened_on,
                                                        ActionItem.created_hlc)).all()
    return _action_rows(session, list(items), today)


def carried_items(session: Session, meeting: Meeting) -> list[ActionItem]:
    """The items a meeting takes up from earlier: opened before its day and not closed before
    it (closed later, or by this very meeting, or still open), of its series' compound when the
    series has one. An item ever reopened is judged by its log, so a past meeting still lists
    what it took up then."""
    day = meeting.starts_at.date()
    reopened = select(ActionProgress.action_item_id).where(ActionProgress.reopened.is_(True),
                                                           ActionProgress.deleted.is_(False))
    query = select(ActionItem).where(
        ActionItem.deleted.is_(False), ActionItem.opened_on <= day,
        or_(ActionItem.origin_meeting_id.is_(None), ActionItem.origin_meeting_id != meeting.id),
        or_(ActionItem.status != "closed", ActionItem.closed_on.is_(None),
            ActionItem.closed_on > day, ActionItem.closed_meeting_id == meeting.id,
            ActionItem.id.in_(reopened)))
    series = session.get(MeetingSeries, meeting.series_id) if meeting.series_id else None
    if series is not None and series.compound_id:
        query = query.where(or_(ActionItem.compound_id.is_(None),
                                ActionItem.compound_id == series.compound_id))
    items = session.execute(query.order_by(ActionItem.opened_on,
                                           ActionItem.created_hlc)).scalars().all()
    # Items born in a later meeting held the same day are not "earlier".
    born_at = {i.origin_meeting_id for i in items if i.origin_meeting_id}
    later = set()
    if born_at:
        later = set(session.execute(select(Meeting.id).where(
            Meeting.id.in_(sorted(born_at)), Meeting.starts_at >= meeting.starts_at)).scalars())
    items = [i for i in items if i.origin_meeting_id not in later]
    ever_reopened = set(session.execute(
        reopened.where(ActionProgress.action_item_id.in_([i.id for i in items]))).scalars()) \
        if items else set()
    if ever_reopened:
        closed_then = _closed_before(session, sorted(ever_reopened), meeting)
        items = [i for i in items if i.id not in closed_then]
    return items


def _closed_before(session: Session, item_ids: list[str], meeting: Meeting) -> set[str]:
    """Of these items, those whose log says they stood closed when the meeting began."""
    day = meeting.starts_at.date()
    state: dict[str, str] = {}
    for entry in session.execute(
            select(ActionProgress).where(ActionProgress.action_item_id.in_(item_ids),
                                         ActionProgress.deleted.is_(False),
                                         ActionProgress.status != "")
            .order_by(ActionProgress.on, ActionProgress.created_hlc)).scalars():
        if entry.on < day or (entry.on == day and entry.meeting_id != meeting.id):
            state[entry.action_item_id] = entry.status
    return {item_id for item_id, status in state.items() if status == "closed"}


def meeting_detail(session: Session, meeting_id: str, today: dt.date | None = None
                   ) -> MeetingDetail:
    meeting = session.get(Meeting, meeting_id) if meeting_id else None
    if meeting is None or meeting.deleted:
        raise ValidationError(_("This meeting no longer exists."), field="meeting")
    today = today or dt.date.today()
    series = session.get(MeetingSeries, meeting.series_id) if meeting.series_id else None
    attendees = tuple(
        AttendeeRow(a.id, a.name, a.party, a.attendance, a.organisation, a.title,
                    a.resident_id, a.phone)
        for a in session.execute(
            select(MeetingAttendee).where(MeetingAttendee.meeting_id == meeting_id,
                                          MeetingAttendee.deleted.is_(False))
            .order_by(MeetingAttendee.sort_key, MeetingAttendee.created_hlc)).scalars())
    order = {p: i for i, p in enumerate(PARTIES)}
    by_party: dict = {}
    counts: dict = {}
    for a in sorted(attendees, key=lambda a: order.get(a.party, len(order))):
        by_party.setdefault(a.party, []).append(a)
        per = counts.setdefault(a.party, {})
        per[a.attendance] = per.get(a.attendance, 0) + 1
    by_party = {p: tuple(rows) for p, rows in by_party.items()}
    decisions_by_item: dict = defaultdict(list)
    decisions = []
    for number, d in enumerate(session.execute(
            select(Decision).where(Decision.meeting_id == meeting_id,
                                   Decision.deleted.is_(False))
            .order_by(Decision.position, Decision.created_hlc)).scalars(), start=1):
        try:
            outcome = vote_outcome(d.rule, d.votes_for, d.votes_against, d.abstentions,
                                   d.members)
        except ValidationError as exc:  # counts merged from two copies may not add up
            outcome = VoteOutcome(None, 0, exc.message)
        row = DecisionRow(d.id, number, d.text, d.agenda_item_id, d.rule, d.votes_for,
                          d.votes_against, d.abstentions, d.members, outcome)
        decisions.append(row)
        decisions_by_item[d.agenda_item_id].append(row)
    agenda_rows = session.execute(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting_id,
                                 AgendaItem.deleted.is_(False))
        .order_by(AgendaItem.position, AgendaItem.created_hlc)).scalars().all()
    campaigns = campaign_names(session, [a.campaign_id for a in agenda_rows])
    votes = vote_lines(session, [a.ballot_id for a in agenda_rows])
    agenda = tuple(AgendaRow(a.id, a.position, carried_title() if a.carried_over else a.title,
                             a.raised_by, a.discussion,
                             a.carried_over, a.campaign_id, a.ballot_id,
                             tuple(decisions_by_item.get(a.id, ())),
                             campaigns.get(a.campaign_id, ""), votes.get(a.ballot_id, ""))
                   for a in agenda_rows)
    born = session.execute(
        select(ActionItem).where(ActionItem.origin_meeting_id == meeting_id,
                                 ActionItem.deleted.is_(False))
        .order_by(ActionItem.opened_on, ActionItem.created_hlc)).scalars().all()
    carried = (carried_items(session, meeting) if any(a.carried_over for a in agenda_rows)
               else [])
    return MeetingDetail(
        meeting.id, meeting.kind, meeting.title, meeting.number, meeting.starts_at,
        meeting.place, meeting.convener, meeting.chair, meeting.recorder, meeting.notes,
        meeting.series_id, series.name if series is not None and not series.deleted else "",
        attendees, by_party, counts, agenda, tuple(decisions),
        tuple(_action_rows(session, list(born), today)),
        tuple(_action_rows(session, carried, today)))
