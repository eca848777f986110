"""The reads of the "At the door" screen: each opens one short read session on the ``Database``
and returns plain data (never an ORM object), as ``desktop.visits.forms.reading`` does.

Labels for outcomes and roster-change kinds live here too, so the door screen, the office's
views and the exports say the same words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from desktop.core.i18n import N_
from desktop.roster.models import Resident
from desktop.storage.database import Database
from desktop.visits.doors.reading import DoorDetail, DoorRow, door_detail, my_doors
from desktop.visits.doors.recording import (
    DraftSummary,
    ProposalInput,
    check_proposal,
    draft_answers,
    draft_proposals,
    open_drafts,
)
from desktop.visits.forms.model import Form
from desktop.visits.records.campaigns import Campaign, CampaignVisitor
from desktop.visits.records.state import NOT_VISITED
from desktop.visits.records.visits import VisitDraft

OUTCOME_LABELS = {
    "completed": N_("Completed"),  # 已完成
    "not_home": N_("Not at home"),  # 不在家
    "refused": N_("Refused"),  # 拒访
    "vacant": N_("Vacant"),  # 空置
    "revisit": N_("Come back later"),  # 需回访
    NOT_VISITED: N_("Not visited"),  # 未走访
}

PROPOSAL_LABELS = {
    "phone": N_("New phone number"),
    "moved_out": N_("Moved out"),
    "deceased": N_("Deceased"),
    "new_member": N_("New member"),
    "vacant": N_("Flat is vacant"),
    "other": N_("Other change"),
}

# The roster's fields a form's per-member repeat may start from (never the ID number).
MEMBER_FIELDS = ("name", "sex", "birth_date", "phone", "phone2", "relationship",
                 "residence_status", "ethnicity", "political_status", "hukou_address",
                 "work_unit")


@dataclass(frozen=True)
class Choice:
    id: str
    name: str


@dataclass(frozen=True)
class DraftState:
    """A draft as the door screen restores it."""

    id: str
    door_id: str
    outcome: str
    answers: dict
    callback_at: dt.datetime | None
    follow_up: bool
    follow_up_note: str
    note: str
    proposals: tuple[ProposalInput, ...]
    replaces_id: str | None


def campaigns(db: Database) -> list[Choice]:
    """The campaigns still running, newest first."""
    with db.reading() as session:
        rows = session.execute(
            select(Campaign.id, Campaign.name, Campaign.starts_on, Campaign.created_hlc)
            .where(Campaign.deleted.is_(False), Campaign.archived.is_(False))).all()
    rows.sort(key=lambda r: (r[2] or dt.date.min, r[3]), reverse=True)
    return [Choice(r[0], r[1]) for r in rows]


def visitors(db: Database, campaign_id: str) -> list[Choice]:
    with db.reading() as session:
        return [Choice(i, n) for i, n in session.execute(
            select(CampaignVisitor.id, CampaignVisitor.name)
            .where(CampaignVisitor.campaign_id == campaign_id,
                   CampaignVisitor.deleted.is_(False))
            .order_by(CampaignVisitor.sort_key, CampaignVisitor.name))]


def doors(db: Database, campaign_id: str, visitor_id: str | None) -> list[DoorRow]:
    with db.reading() as session:
        return my_doors(session, campaign_id, visitor_id)


def door(db: Database, door_id: str) -> DoorDetail:
    with db.reading() as session:
        return door_detail(session, door_id)


def drafts(db: Database) -> list[DraftSummary]:
    with db.reading() as session:
        return open_drafts(session)


def draft(db: Database, draft_id: str) -> DraftState | None:
    with db.reading() as session:
        row = session.get(VisitDraft, draft_id)
        if row is None:
            return None
        return DraftState(row.id, row.door_id, row.outcome, draft_answers(row), row.callback_at,
                          row.follow_up, row.follow_up_note, row.note, draft_proposals(row),
                          row.replaces_id)


def form(db: Database, campaign_id: str) -> tuple[str, Form] | None:
    """The campaign's form version (id and form), or None when this copy lacks it."""
    from desktop.core.errors import ValidationError
    from desktop.visits.forms.service import load_version

    with db.reading() as session:
        campaign = session.get(Campaign, campaign_id)
        if campaign is None:
            return None
        try:
            return campaign.form_version_id, load_version(session, campaign.form_version_id)
        except (ValidationError, ValueError, KeyError):
            return None


def household_members(db: Database, household_id: str | None) -> list[dict]:
    """The members a form's per-member repeat starts from: present members, head first, with
    the roster fields a question may name (``Question.roster_field``), never the ID number."""
    if household_id is None:
        return []
    columns = [getattr(Resident, name) for name in MEMBER_FIELDS]
    with db.reading() as session:
        rows = session.execute(
            select(Resident.id, *columns)
            .where(Resident.household_id == household_id, Resident.deleted.is_(False),
                   Resident.moved_out.is_(False), Resident.deceased.is_(False))
            .order_by(Resident.relationship, Resident.birth_date)).all()
    out = []
    for rid, *values in rows:
        member = {"resident_id": rid}
        for name, value in zip(MEMBER_FIELDS, values):
            member[name] = value.isoformat() if isinstance(value, dt.date) else (value or "")
        out.append(member)
    return out


def checked_proposal(db: Database, proposal: ProposalInput) -> None:
    """Raise the ValidationError a proposal would meet when the visit is finished (a resident
    no longer on this laptop's roster, a date that is no date), before it is kept."""
    with db.reading() as session:
        check_proposal(session, proposal)
