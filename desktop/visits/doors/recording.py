"""Recording visits: a draft saved on every change at the door, then one finished visit.

A draft lives in the laptop's own ``visit_draft`` table; each save is the caller's unit of work
(one small transaction), so a crash, a closed lid or a flat battery loses at most the keystroke
being typed. Finishing writes one ``Visit`` (stamped, synced) and one ``RosterProposal`` per
change learnt at the door, and deletes the draft — all in the caller's one transaction, so a
failure half-way leaves the database as it was and the draft still there.

A visit is never edited: correcting one starts a draft whose ``replaces_id`` names it, and
finishing that draft writes a new visit. Bad input raises ``ValidationError`` naming its field
before anything is written.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.roster.models import Resident
from desktop.storage.database import UnitOfWork
from desktop.storage.ids import uuid7
from desktop.visits.records.campaigns import Campaign, CampaignDoor, CampaignVisitor
from desktop.visits.records.visits import (
    OUTCOMES,
    PROPOSAL_KINDS,
    RosterProposal,
    Visit,
    VisitDraft,
)

# What save_draft may change, and the types each accepts.
DRAFT_FIELDS = ("outcome", "answers", "callback_at", "follow_up", "follow_up_note", "note",
                "proposals")


@dataclass(frozen=True)
class ProposalInput:
    """A roster change learnt at the door (kind: tables.PROPOSAL_KINDS)."""

    kind: str
    resident_id: str | None = None
    # {"phone": …} | {"on": "YYYY-MM-DD"} | {"name", "sex", "birth_date", "relationship"} | {}
    detail: dict = field(default_factory=dict, hash=False)
    note: str = ""

    def as_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> ProposalInput:
        return cls(str(data.get("kind", "")), data.get("resident_id") or None,
                   dict(data.get("detail") or {}), str(data.get("note", "")))


@dataclass(frozen=True)
class VisitInput:
    """One finished visit in one go (demo, tests, headless)."""

    door_id: str
    outcome: str  # tables.OUTCOMES
    visited_at: dt.datetime
    answers: dict | None = field(default=None, hash=False)  # completed only
    visitor_id: str | None = None  # default: the door's visitor
    callback_at: dt.datetime | None = None
    follow_up: bool = False
    follow_up_note: str = ""
    note: str = ""
    proposals: tuple[ProposalInput, ...] = ()
    replaces_id: str | None = None


@dataclass(frozen=True)
class DraftSummary:
    """A visit being answered on this laptop, for "Continue the visit at 3-2-501?"."""

    id: str
    campaign_id: str
    campaign: str
    door_id: str
    visitor_id: str | None
    address: str  # "翠苑一区3幢2单元501"
    short_address: str  # "3-2-501"
    outcome: str
    replaces_id: str | None
    started_at: dt.datetime
    saved_at: dt.datetime
    # Why the door no longer fits the roster ("" when it does): the household moved away…
    problem: str = ""


def _now(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now()).replace(microsecond=0)


def _door(session: Session, door_id: str | None) -> CampaignDoor:
    door = session.get(CampaignDoor, door_id) if door_id else None
    if door is None or door.deleted:
        raise ValidationError(_("This door is not in the campaign."), field="door")
    campaign = session.get(Campaign, door.campaign_id)
    if campaign is None or campaign.deleted:
        raise ValidationError(_("This campaign no longer exists."), field="campaign")
    return door


def _visitor(session: Session, door: CampaignDoor, visitor_id: str | None) -> CampaignVisitor:
    visitor = session.get(CampaignVisitor, visitor_id or door.visitor_id or "")
    if visitor is None or visitor.deleted or visitor.campaign_id != door.campaign_id:
        raise ValidationError(_("Choose a visitor of this campaign."), field="visitor")
    return visitor


def _check_date(text, field_name: str) -> None:
    if text in (None, ""):
        return
    try:
        dt.date.fromisoformat(str(text))
    except ValueError:
        raise ValidationError(_("{value} is not a date (YYYY-MM-DD).").format(value=text),
                              field=field_name) from None


def check_proposal(session: Session, proposal: ProposalInput, number: int = 1) -> None:
    """Raise a ValidationError naming the proposal when it cannot be sent as it is."""
    where = f"proposals[{number - 1}]"
    if proposal.kind not in PROPOSAL_KINDS:
        raise ValidationError(_("Change {number}: choose what changed.").format(
            number=number), field=where)
    if not isinstance(proposal.detail, dict):
        raise ValidationError(_("Change {number}: the details are not readable.").format(
            number=number), field=where)
    if proposal.resident_id:
        resident = session.get(Resident, proposal.resident_id)
        if resident is None or resident.deleted:
            raise ValidationError(_("Change {number}: this resident is no longer on the "
                                    "roster.").format(number=number), field=where)
    elif proposal.kind in ("moved_out", "deceased"):
        raise ValidationError(_("Change {number}: choose the household member it concerns."
                                ).format(number=number), field=where)
    detail = proposal.detail
    if proposal.kind == "phone" and not str(detail.get("phone", "")).strip():
        raise ValidationError(_("Change {number}: write the new phone number.").format(
            number=number), field=where)
    if proposal.kind == "new_member" and not str(detail.get("name", "")).strip():
        raise ValidationError(_("Change {number}: write the new member's name.").format(
            number=number), field=where)
    if proposal.kind == "other" and not proposal.note.strip():
        raise ValidationError(_("Change {number}: say what changed in the note.").format(
            number=number), field=where)
    _check_date(detail.get("on"), where)
    _check_date(detail.get("birth_date"), where)


def _check_outcome(outcome: str, answers, callback_at) -> None:
    if outcome not in OUTCOMES:
        raise ValidationError(_("Choose the outcome of the visit."), field="outcome")
    if outcome == "completed" and not (isinstance(answers, dict) and answers):
        raise ValidationError(_("A completed visit needs the answers of the form."),
                              field="answers")
    if outcome == "revisit" and callback_at is None:
        raise ValidationError(_("Say when to come back."), field="callback_at")


def _check_replaced(session: Session, door: CampaignDoor, replaces_id: str) -> None:
    earlier = session.get(Visit, replaces_id)
    if earlier is None or earlier.campaign_id != door.campaign_id:
        raise ValidationError(_("The visit being corrected is not in this campaign."),
                              field="replaces")


def record_visit(uow: UnitOfWork, visit: VisitInput) -> str:
    """Write one visit (and its roster proposals); return the new visit's id."""
    session = uow.session
    door = _door(session, visit.door_id)
    visitor = _visitor(session, door, visit.visitor_id)
    if not isinstance(visit.visited_at, dt.datetime):
        raise ValidationError(_("The visit has no time."), field="visited_at")
    _check_outcome(visit.outcome, visit.answers, visit.callback_at)
    if visit.replaces_id is not None:
        _check_replaced(session, door, visit.replaces_id)
    for number, proposal in enumerate(visit.proposals, start=1):
        check_proposal(session, proposal, number)
    campaign = session.get(Campaign, door.campaign_id)
    completed = visit.outcome == "completed"
    visited_at = visit.visited_at.replace(microsecond=0)
    row = Visit(
        id=uuid7(), campaign_id=door.campaign_id, door_id=door.id,
        dwelling_id=door.dwelling_id, household_id=door.household_id, visitor_id=visitor.id,
        visitor_name=visitor.name, visited_at=visited_at, outcome=visit.outcome,
        callback_at=visit.callback_at if visit.outcome == "revisit" else None,
        answers=json.dumps(visit.answers, ensure_ascii=False) if completed else "",
        form_version_id=campaign.form_version_id if completed else None,
        replaces_id=visit.replaces_id, follow_up=bool(visit.follow_up),
        follow_up_note=visit.follow_up_note.strip() if visit.follow_up else "",
        note=visit.note.strip())
    session.add(row)
    session.add_all(
        RosterProposal(campaign_id=door.campaign_id, visit_id=row.id,
                       dwelling_id=door.dwelling_id, household_id=door.household_id,
                       resident_id=p.resident_id, kind=p.kind,
                       detail=json.dumps(p.detail, ensure_ascii=False), note=p.note.strip(),
                       proposed_by=visitor.name, proposed_at=visited_at, status="pending")
        for p in visit.proposals)
    session.flush()
    return row.id


def _existing_draft(session: Session, door: CampaignDoor) -> VisitDraft | None:
    return session.execute(
        select(VisitDraft).where(VisitDraft.campaign_id == door.campaign_id,
                                 VisitDraft.door_id == door.id)
        .order_by(VisitDraft.saved_at.desc()).limit(1)).scalar()


def start_visit(uow: UnitOfWork, door_id: str, visitor_id: str | None = None,
                replaces_id: str | None = None, now: dt.datetime | None = None) -> str:
    """The draft of a visit at this door: the one already begun there, else a new one."""
    session = uow.session
    door = _door(session, door_id)
    existing = _existing_draft(session, door)
    if existing is not None:
        return existing.id
    visitor = _visitor(session, door, visitor_id)
    if replaces_id is not None:
        _check_replaced(session, door, replaces_id)
    campaign = session.get(Campaign, door.campaign_id)
    at = _now(now)
    draft = VisitDraft(id=uuid7(), campaign_id=door.campaign_id, door_id=door.id,
                       household_id=door.household_id, visitor_id=visitor.id,
                       replaces_id=replaces_id, form_version_id=campaign.form_version_id,
                       started_at=at, saved_at=at)
    session.add(draft)
    session.flush()
    return draft.id


def _draft(session: Session, draft_id: str) -> VisitDraft:
    draft = session.get(VisitDraft, draft_id) if draft_id else None
    if draft is None:
        raise ValidationError(_("This visit was finished or discarded already."),
                              field="draft")
    return draft


def save_draft(uow: UnitOfWork, draft_id: str, *, now: dt.datetime | None = None,
               **fields) -> None:
    """Save what was given at the door so far (any of DRAFT_FIELDS)."""
    draft = _draft(uow.session, draft_id)
    for name in fields:
        if name not in DRAFT_FIELDS:
            raise ValidationError(_("A visit has no field {name}.").format(name=name),
                                  field=name)
    values: dict = {}
    if "outcome" in fields:
        outcome = fields["outcome"] or ""
        if outcome and outcome not in OUTCOMES:
            raise ValidationError(_("Choose the outcome of the visit."), field="outcome")
        values["outcome"] = outcome
    if "answers" in fields:
        answers = fields["answers"]
        if answers is not None and not isinstance(answers, dict):
            raise ValidationError(_("The answers are not readable."), field="answers")
        values["answers"] = json.dumps(answers, ensure_ascii=False) if answers else ""
    if "callback_at" in fields:
        callback_at = fields["callback_at"]
        if callback_at is not None and not isinstance(callback_at, dt.datetime):
            raise ValidationError(_("Say when to come back."), field="callback_at")
        values["callback_at"] = callback_at
    if "follow_up" in fields:
        values["follow_up"] = bool(fields["follow_up"])
    for text in ("follow_up_note", "note"):
        if text in fields:
            values[text] = str(fields[text] or "")
    if "proposals" in fields:
        proposals = list(fields["proposals"] or ())
        for number, proposal in enumerate(proposals, start=1):
            check_proposal(uow.session, proposal, number)
        values["proposals"] = json.dumps([p.as_json() for p in proposals],
                                         ensure_ascii=False)
    for name, value in values.items():
        setattr(draft, name, value)
    draft.saved_at = _now(now)


def draft_proposals(draft: VisitDraft) -> tuple[ProposalInput, ...]:
    try:
        items = json.loads(draft.proposals or "[]")
    except ValueError:
        items = []
    return tuple(ProposalInput.from_json(p) for p in items if isinstance(p, dict))


def draft_answers(draft: VisitDraft) -> dict:
    try:
        answers = json.loads(draft.answers) if draft.answers else {}
    except ValueError:
        answers = {}
    return answers if isinstance(answers, dict) else {}


def finish_visit(uow: UnitOfWork, draft_id: str, now: dt.datetime | None = None) -> str:
    """Write the visit the draft holds (and its proposals), delete the draft; the visit's id."""
    session = uow.session
    draft = _draft(session, draft_id)
    if not draft.outcome:
        raise ValidationError(_("Choose the outcome of the visit."), field="outcome")
    visit_id = record_visit(uow, VisitInput(
        door_id=draft.door_id, outcome=draft.outcome, visited_at=_now(now),
        answers=draft_answers(draft) if draft.outcome == "completed" else None,
        visitor_id=draft.visitor_id, callback_at=draft.callback_at,
        follow_up=draft.follow_up, follow_up_note=draft.follow_up_note, note=draft.note,
        proposals=draft_proposals(draft), replaces_id=draft.replaces_id))
    session.delete(draft)
    session.flush()
    return visit_id


def discard_draft(uow: UnitOfWork, draft_id: str) -> None:
    uow.session.delete(_draft(uow.session, draft_id))
    uow.session.flush()


def correct_visit(uow: UnitOfWork, visit_id: str, now: dt.datetime | None = None) -> str:
    """A draft that will replace this visit, prefilled with what it said; the draft's id."""
    session = uow.session
    visit = session.get(Visit, visit_id) if visit_id else None
    if visit is None or visit.deleted:
        raise ValidationError(_("This visit is not on this computer."), field="visit")
    if visit.door_id is None:
        raise ValidationError(_("This visit is for a door outside the campaign: the office "
                              "reviews it."), field="visit")
    later = session.execute(select(Visit.id).where(Visit.replaces_id == visit.id,
                                                   Visit.deleted.is_(False)).limit(1)).scalar()
    if later is not None:
        raise ValidationError(_("This visit was corrected already: correct the newer one."),
                              field="visit")
    door = _door(session, visit.door_id)
    existing = _existing_draft(session, door)
    if existing is not None:
        if existing.replaces_id == visit.id:
            return existing.id
        raise ValidationError(_("A visit at this door is being answered: finish or discard it "
                                "first."), field="draft")
    at = _now(now)
    campaign = session.get(Campaign, door.campaign_id)
    visitor = session.get(CampaignVisitor, visit.visitor_id or "")
    draft = VisitDraft(
        id=uuid7(), campaign_id=door.campaign_id, door_id=door.id,
        household_id=door.household_id,
        visitor_id=visitor.id if visitor is not None else door.visitor_id,
        replaces_id=visit.id, outcome=visit.outcome, callback_at=visit.callback_at,
        answers=visit.answers or "",
        form_version_id=visit.form_version_id or campaign.form_version_id,
        follow_up=visit.follow_up, follow_up_note=visit.follow_up_note, note=visit.note,
        started_at=at, saved_at=at)
    session.add(draft)
    session.flush()
    return draft.id


def open_drafts(session: Session) -> list[DraftSummary]:
    """The visits being answered on this laptop, the latest saved first."""
    from desktop.visits.doors.reading import door_places, roster_problem

    drafts = session.execute(select(VisitDraft).order_by(VisitDraft.saved_at.desc(),
                                                          VisitDraft.id.desc())).scalars().all()
    if not drafts:
        return []
    names = dict(session.execute(select(Campaign.id, Campaign.name).where(
        Campaign.id.in_({d.campaign_id for d in drafts}))).all())
    places = door_places(session, [d.door_id for d in drafts])
    out = []
    for d in drafts:
        place = places.get(d.door_id)
        out.append(DraftSummary(
            d.id, d.campaign_id, names.get(d.campaign_id, ""), d.door_id, d.visitor_id,
            place.address if place else "", place.short_address if place else "",
            d.outcome, d.replaces_id, d.started_at, d.saved_at,
            roster_problem(session, d.door_id) if place else
            _("This door is no longer in the campaign.")))
    return out
