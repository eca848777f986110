"""Writing meetings: series, a meeting's details, its attendees, agenda and decisions, the next
meeting of a series, and deleting one (its action items stay: they are the community's).

Services get a unit of work and return plain data (ids). Every input is checked before the
first row is touched, so bad input raises a ``ValidationError`` naming its field and nothing is
written; anything failing later rolls the whole unit of work back.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.fields import checked_text
from desktop.core.i18n import _
from desktop.meetings.labels import carried_title
from desktop.meetings.tables import (
    ATTENDANCE,
    MEETING_KINDS,
    PARTIES,
    ActionItem,
    AgendaItem,
    Decision,
    Meeting,
    MeetingAttendee,
    MeetingSeries,
)
from desktop.meetings.voting import check_counts
from desktop.storage.database import UnitOfWork


@dataclass(frozen=True)
class MeetingDraft:
    kind: str
    title: str
    starts_at: dt.datetime
    place: str = ""
    convener: str = ""
    chair: str = ""
    recorder: str = ""
    number: str = ""
    notes: str = ""
    series_id: str | None = None


@dataclass(frozen=True)
class AttendeeDraft:
    name: str
    party: str
    attendance: str = "present"
    organisation: str = ""
    title: str = ""
    resident_id: str | None = None
    phone: str = ""


def get_meeting(session, meeting_id: str | None) -> Meeting:
    meeting = session.get(Meeting, meeting_id) if meeting_id else None
    if meeting is None or meeting.deleted:
        raise ValidationError(_("This meeting no longer exists."), field="meeting")
    return meeting


def _series(session, series_id: str | None) -> MeetingSeries | None:
    if series_id is None:
        return None
    series = session.get(MeetingSeries, series_id)
    if series is None or series.deleted:
        raise ValidationError(_("This meeting series no longer exists."), field="series")
    return series


def _check_compound(session, compound_id: str | None) -> None:
    from desktop.roster.models import Compound

    if compound_id is None:
        return
    compound = session.get(Compound, compound_id)
    if compound is None or compound.deleted:
        raise ValidationError(_("This compound no longer exists."), field="compound")


def save_series(uow: UnitOfWork, name: str, kind: str, compound_id: str | None = None,
                series_id: str | None = None) -> str:
    name = checked_text(name, "name", 100, _("The series' name"), required=True)
    if kind not in MEETING_KINDS:
        raise ValidationError(_("Choose the kind of meeting."), field="kind")
    _check_compound(uow.session, compound_id)
    if series_id is None:
        series = MeetingSeries(name=name, kind=kind, compound_id=compound_id)
        uow.session.add(series)
        uow.session.flush()
        return series.id
    series = _series(uow.session, series_id)
    series.name, series.kind, series.compound_id = name, kind, compound_id
    return series.id


def _checked_draft(session, draft: MeetingDraft) -> dict:
    if draft.kind not in MEETING_KINDS:
        raise ValidationError(_("Choose the kind of meeting."), field="kind")
    if not isinstance(draft.starts_at, dt.datetime):
        raise ValidationError(_("Give the meeting's date and time."), field="starts_at")
    _series(session, draft.series_id)
    return {
        "kind": draft.kind,
        "title": checked_text(draft.title, "title", 200, _("The meeting's title"), required=True),
        "starts_at": draft.starts_at.replace(tzinfo=None),
        "place": checked_text(draft.place, "place", 200, _("Place")),
        "convener": checked_text(draft.convener, "convener", 100, _("Convener")),
        "chair": checked_text(draft.chair, "chair", 50, _("Chair")),
        "recorder": checked_text(draft.recorder, "recorder", 50, _("Recorder")),
        "number": checked_text(draft.number, "number", 40, _("Number")),
        "notes": checked_text(draft.notes, "notes", None, _("Notes")),
        "series_id": draft.series_id,
    }


def save_meeting(uow: UnitOfWork, draft: MeetingDraft, meeting_id: str | None = None) -> str:
    """A new meeting, or the details of an existing one; return its id."""
    values = _checked_draft(uow.session, draft)
    if meeting_id is None:
        meeting = Meeting(**values)
        uow.session.add(meeting)
        uow.session.flush()
        return meeting.id
    meeting = get_meeting(uow.session, meeting_id)
    # An item born here may not fall due before the meeting: moving the meeting later than an
    # item's due date would make that item impossible, so it is refused like the item would be.
    day = values["starts_at"].date()
    early = uow.session.execute(
        select(ActionItem.problem).where(ActionItem.origin_meeting_id == meeting_id,
                                         ActionItem.deleted.is_(False),
                                         ActionItem.due < day).limit(1)).scalar()
    if early is not None:
        raise ValidationError(_("The item “{problem}” born in this meeting falls due before "
                                "{date}: change its due date first.").format(
                                    problem=early[:40], date=day.isoformat()),
                              field="starts_at")
    for key, value in values.items():
        if getattr(meeting, key) != value:
            setattr(meeting, key, value)
    return meeting.id


def _next_number(number: str, year: int) -> str:
    """〔2026〕第12期 → 〔2026〕第13期; a new year starts again at 第1期."""
    match = re.fullmatch(r"〔(\d{4})〕第(\d+)期", number.strip())
    if not match:
        return ""
    if int(match.group(1)) != year:
        return f"〔{year}〕第1期"
    return f"〔{year}〕第{int(match.group(2)) + 1}期"


def next_meeting(uow: UnitOfWork, meeting_id: str, starts_at: dt.datetime) -> str:
    """The next meeting of this one's series: the same kind, place, convener, chair, recorder
    and attendees (all marked present), and as its first agenda item how the earlier meetings'
    items went, where every item still open is updated. A meeting without a series starts one
    under its own title."""
    meeting = get_meeting(uow.session, meeting_id)
    if not isinstance(starts_at, dt.datetime):
        raise ValidationError(_("Give the meeting's date and time."), field="starts_at")
    starts_at = starts_at.replace(tzinfo=None)
    if starts_at <= meeting.starts_at:
        raise ValidationError(_("The next meeting must come after {date}.").format(
            date=meeting.starts_at.strftime("%Y-%m-%d %H:%M")), field="starts_at")
    attendees = uow.session.execute(
        select(MeetingAttendee).where(MeetingAttendee.meeting_id == meeting_id,
                                      MeetingAttendee.deleted.is_(False))
        .order_by(MeetingAttendee.sort_key)).scalars().all()
    series_id = meeting.series_id
    if series_id is None:
        series = MeetingSeries(name=meeting.title[:100], kind=meeting.kind)
        uow.session.add(series)
        uow.session.flush()
        series_id = meeting.series_id = series.id
    series = uow.session.get(MeetingSeries, series_id)
    title = series.name if series is not None and not series.deleted else meeting.title
    new = Meeting(series_id=series_id, kind=meeting.kind, title=title,
                  number=_next_number(meeting.number, starts_at.year), starts_at=starts_at,
                  place=meeting.place, convener=meeting.convener, chair=meeting.chair,
                  recorder=meeting.recorder, notes="")
    uow.session.add(new)
    uow.session.flush()
    uow.session.add_all([
        MeetingAttendee(meeting_id=new.id, party=a.party, name=a.name,
                        organisation=a.organisation, title=a.title, resident_id=a.resident_id,
                        phone=a.phone, attendance="present", sort_key=a.sort_key)
        for a in attendees])
    uow.session.add(AgendaItem(meeting_id=new.id, position=0, title=carried_title(),
                               carried_over=True))
    uow.session.flush()
    return new.id


def delete_meeting(uow: UnitOfWork, meeting_id: str) -> None:
    """Take a meeting out (a tombstone). Its action items stay: they belong to the community,
    and show their origin as a deleted meeting."""
    get_meeting(uow.session, meeting_id).deleted = True


def set_attendees(uow: UnitOfWork, meeting_id: str, attendees: list[AttendeeDraft]) -> None:
    """The meeting's attendees, in this order. A row kept (same roster person, or same name and
    party) is updated in place so its history stays; the others are added or taken out. A
    person since deleted from the roster keeps the name the meeting stored."""
    from desktop.roster.models import Resident

    get_meeting(uow.session, meeting_id)
    clean = []
    for number, person in enumerate(attendees, start=1):
        name = checked_text(person.name, "attendees", 50,
                            _("Attendee {number}: the name").format(number=number), required=True)
        if person.party not in PARTIES:
            raise ValidationError(_("{name}: choose the party they attend for.").format(
                name=name), field="attendees")
        if person.attendance not in ATTENDANCE:
            raise ValidationError(_("{name}: choose present, observer, excused or "
                                    "absent.").format(name=name), field="attendees")
        # A resident deleted since stays acceptable (a tombstone): the meeting keeps the name.
        if person.resident_id is not None and \
                uow.session.get(Resident, person.resident_id) is None:
            raise ValidationError(_("{name} is not in the roster on this computer.").format(
                name=name), field="attendees")
        clean.append({
            "name": name, "party": person.party, "attendance": person.attendance,
            "organisation": checked_text(person.organisation, "attendees", 100,
                                         _("{name}: the organisation").format(name=name)),
            "title": checked_text(person.title, "attendees", 50,
                                  _("{name}: the title").format(name=name)),
            "resident_id": person.resident_id,
            "phone": checked_text(person.phone, "attendees", 40,
                                  _("{name}: the phone").format(name=name)),
            "sort_key": number - 1})
    existing = uow.session.execute(
        select(MeetingAttendee).where(MeetingAttendee.meeting_id == meeting_id,
                                      MeetingAttendee.deleted.is_(False))).scalars().all()

    def key(resident_id, name, party):
        return ("r", resident_id) if resident_id else ("n", name, party)

    free: dict = {}
    for row in existing:
        free.setdefault(key(row.resident_id, row.name, row.party), []).append(row)
    for values in clean:
        rows = free.get(key(values["resident_id"], values["name"], values["party"]))
        if rows:
            row = rows.pop(0)
            for field, value in values.items():
                if getattr(row, field) != value:
                    setattr(row, field, value)
        else:
            uow.session.add(MeetingAttendee(meeting_id=meeting_id, **values))
    for rows in free.values():
        for row in rows:
            row.deleted = True
    uow.session.flush()


def _agenda_item(session, meeting_id: str, item_id: str | None) -> AgendaItem | None:
    if item_id is None:
        return None
    item = session.get(AgendaItem, item_id)
    if item is None or item.deleted or item.meeting_id != meeting_id:
        raise ValidationError(_("This agenda item is not part of the meeting."),
                              field="agenda_item")
    return item


def save_agenda_item(uow: UnitOfWork, meeting_id: str, title: str, raised_by: str = "",
                     discussion: str = "", item_id: str | None = None,
                     campaign_id: str | None = None, vote_id: str | None = None) -> str:
    """An agenda item; ``campaign_id`` links it by reference to the visiting campaign it is
    about (the facade repair's 入户征询), ``vote_id`` to the owners' vote (the lift's 业主表决),
    which the minutes then name with how it stands."""
    get_meeting(uow.session, meeting_id)
    values = {"title": checked_text(title, "title", 200, _("The agenda item's title"),
                                    required=True),
              "raised_by": checked_text(raised_by, "raised_by", 100, _("Raised by")),
              "discussion": checked_text(discussion, "discussion", None, _("Discussion")),
              "campaign_id": _campaign(uow.session, campaign_id),
              "ballot_id": _vote(uow.session, vote_id)}
    item = _agenda_item(uow.session, meeting_id, item_id)
    if item is None:
        last = uow.session.execute(
            select(func.max(AgendaItem.position)).where(AgendaItem.meeting_id == meeting_id,
                                                        AgendaItem.deleted.is_(False))).scalar()
        item = AgendaItem(meeting_id=meeting_id, position=(last + 1) if last is not None else 0,
                          **values)
        uow.session.add(item)
        uow.session.flush()
        return item.id
    for key, value in values.items():
        if getattr(item, key) != value:
            setattr(item, key, value)
    return item.id


def _linked(session: Session, model, row_id: str | None, field: str, gone: str) -> str | None:
    """The id of the ``model`` row an agenda item links to (None: no link); refused with
    ``gone`` on ``field`` when that row was deleted meanwhile."""
    if not row_id:
        return None
    row = session.get(model, row_id)
    if row is None or row.deleted:
        raise ValidationError(gone, field=field)
    return row_id


def _campaign(session: Session, campaign_id: str | None) -> str | None:
    from desktop.visits.records.campaigns import Campaign

    return _linked(session, Campaign, campaign_id, "campaign",
                   _("This campaign no longer exists."))


def _vote(session: Session, vote_id: str | None) -> str | None:
    from desktop.votes.tables import Vote

    return _linked(session, Vote, vote_id, "vote", _("This owners' vote no longer exists."))


def save_decision(uow: UnitOfWork, meeting_id: str, text: str,
                  agenda_item_id: str | None = None, rule: str = "none",
                  votes_for: int | None = None, votes_against: int | None = None,
                  abstentions: int | None = None, members: int | None = None,
                  decision_id: str | None = None) -> str:
    """A decision (议定事项) and, when voted, its counts; whether it passed is computed when
    read (voting.vote_outcome), never stored."""
    get_meeting(uow.session, meeting_id)
    text = checked_text(text, "text", None, _("The decision"), required=True)
    check_counts(rule, votes_for, votes_against, abstentions, members)
    _agenda_item(uow.session, meeting_id, agenda_item_id)
    values = {"text": text, "agenda_item_id": agenda_item_id, "rule": rule,
              "votes_for": votes_for, "votes_against": votes_against,
              "abstentions": abstentions, "members": members}
    if decision_id is None:
        last = uow.session.execute(
            select(func.max(Decision.position)).where(Decision.meeting_id == meeting_id,
                                                      Decision.deleted.is_(False))).scalar()
        decision = Decision(meeting_id=meeting_id,
                            position=(last + 1) if last is not None else 0, **values)
        uow.session.add(decision)
        uow.session.flush()
        return decision.id
    decision = uow.session.get(Decision, decision_id)
    if decision is None or decision.deleted or decision.meeting_id != meeting_id:
        raise ValidationError(_("This decision is not part of the meeting."), field="decision")
    for key, value in values.items():
        if getattr(decision, key) != value:
            setattr(decision, key, value)
    return decision.id


def delete_agenda_item(uow: UnitOfWork, meeting_id: str, item_id: str) -> None:
    """Take an agenda item out with its decisions. The carried-over item stays: it is where
    the earlier items are updated."""
    get_meeting(uow.session, meeting_id)
    item = _agenda_item(uow.session, meeting_id, item_id)
    if item.carried_over:
        raise ValidationError(_("The earlier meetings' items are taken up here: this agenda "
                                "item stays."), field="agenda_item")
    item.deleted = True
    for decision in uow.session.execute(
            select(Decision).where(Decision.agenda_item_id == item_id,
                                   Decision.deleted.is_(False))).scalars():
        decision.deleted = True


def delete_decision(uow: UnitOfWork, meeting_id: str, decision_id: str) -> None:
    get_meeting(uow.session, meeting_id)
    decision = uow.session.get(Decision, decision_id) if decision_id else None
    if decision is None or decision.deleted or decision.meeting_id != meeting_id:
        raise ValidationError(_("This decision is not part of the meeting."), field="decision")
    decision.deleted = True
