"""Roster proposals for the office: the pending list, and accepting or rejecting one.

A visitor at a door records what they learnt (a new phone, someone moved out or died, a new
member, a vacant flat) as a proposal, never as a roster edit: the office decides. Accepting
applies it through the roster's own services (``desktop.roster.editing``), so it is an
ordinary stamped roster edit with the same checks the resident dialog makes, and undo and sync
treat it like any other. Rejecting keeps the proposal as a record of what was said.

Each decision runs in the caller's unit of work: a proposal already decided, one whose resident
or household is gone, or one whose detail the roster refuses (a malformed phone, a date in the
future) raises a ``ValidationError`` and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.i18n import N_, _, format_date
from desktop.roster import codes
from desktop.roster.editing import (
    ResidentDraft,
    load_draft,
    mark_deceased,
    mark_moved_out,
    save_resident,
)
from desktop.roster.households import dwelling_address
from desktop.roster.models import Household, Resident
from desktop.roster.phones import check_phone
from desktop.storage.database import UnitOfWork
from desktop.visits.doors.at_door import PROPOSAL_LABELS
from desktop.visits.records.campaigns import Campaign
from desktop.visits.records.visits import PROPOSAL_KINDS, RosterProposal

# The words the visitor chose them by at the door, so the office reads the same.
KIND_LABELS = PROPOSAL_LABELS
STATE_LABELS = {"pending": N_("pending"), "accepted": N_("accepted"),
                "rejected": N_("rejected")}


@dataclass(frozen=True)
class ProposalRow:
    id: str
    campaign_id: str
    campaign: str
    address: str  # compound + "3幢2单元501"
    resident_id: str | None
    resident: str  # the name on the roster now (a new member: the name proposed)
    kind: str  # tables.PROPOSAL_KINDS
    learnt: str  # what was learnt, in plain words
    note: str
    proposed_by: str
    proposed_at: dt.datetime
    status: str
    detail: dict = field(default_factory=dict, hash=False)
    problem: str = ""  # why accepting cannot work as things stand ("" when it can)

    @property
    def kind_label(self) -> str:
        return _(KIND_LABELS.get(self.kind, self.kind))


def _detail(proposal: RosterProposal) -> dict:
    try:
        value = json.loads(proposal.detail or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _day(text) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def _learnt(kind: str, detail: dict) -> str:
    if kind == "phone":
        return _("New phone: {phone}").format(phone=detail.get("phone", ""))
    if kind in ("moved_out", "deceased"):
        day = _day(detail.get("on"))
        words = _("Moved out") if kind == "moved_out" else _("Deceased")
        return _("{what} on {date}").format(what=words, date=format_date(day)) if day else words
    if kind == "new_member":
        parts = [str(detail.get("name", "")).strip()]
        relationship = codes.RELATIONSHIPS.get(detail.get("relationship", ""))
        if relationship:
            parts.append(_(relationship))
        born = _day(detail.get("birth_date"))
        if born:
            parts.append(_("born {date}").format(date=format_date(born)))
        return _("New member: {who}").format(who=", ".join(p for p in parts if p))
    return _(KIND_LABELS.get(kind, kind))


def _problem(session: Session, proposal: RosterProposal) -> str:
    """What stands in the way of accepting (as the office will be told), or ""."""
    if proposal.kind in ("phone", "moved_out", "deceased"):
        person = session.get(Resident, proposal.resident_id or "")
        if person is None or person.deleted:
            return _("The resident is no longer on the roster.")
    if proposal.kind == "new_member" and proposal.household_id:
        household = session.get(Household, proposal.household_id)
        if household is None or household.deleted:
            return _("The household is no longer on the roster.")
    return ""


def _row(session: Session, proposal: RosterProposal, campaigns: dict[str, str]) -> ProposalRow:
    detail = _detail(proposal)
    name = ""
    if proposal.resident_id:
        person = session.get(Resident, proposal.resident_id)
        name = person.name if person is not None and not person.deleted else ""
    elif proposal.kind == "new_member":
        name = str(detail.get("name", ""))
    compound, address = dwelling_address(session, proposal.dwelling_id)
    return ProposalRow(
        proposal.id, proposal.campaign_id, campaigns.get(proposal.campaign_id, ""),
        compound + address, proposal.resident_id, name, proposal.kind,
        _learnt(proposal.kind, detail), proposal.note, proposal.proposed_by,
        proposal.proposed_at, proposal.status, detail, _problem(session, proposal))


def pending_proposals(session: Session, campaign_id: str | None = None) -> list[ProposalRow]:
    """The proposals waiting for the office (of one campaign, or all), oldest first."""
    query = select(RosterProposal).where(RosterProposal.deleted.is_(False),
                                         RosterProposal.status == "pending")
    if campaign_id is not None:
        query = query.where(RosterProposal.campaign_id == campaign_id)
    campaigns = dict(session.execute(select(Campaign.id, Campaign.name)).all())
    return [_row(session, p, campaigns) for p in session.execute(
        query.order_by(RosterProposal.proposed_at, RosterProposal.id)).scalars()]


def _resident(session: Session, proposal: RosterProposal) -> Resident:
    person = session.get(Resident, proposal.resident_id or "")
    if person is None or person.deleted:
        raise ValidationError(_("The resident of this proposal is no longer on the roster: "
                                "reject it, or change the roster by hand."), field="resident")
    return person


def _on(proposal: RosterProposal, detail: dict) -> dt.date:
    """The date given at the door, else the day it was learnt."""
    if detail.get("on") and _day(detail["on"]) is None:
        raise ValidationError(_("The date {value} is not a date (YYYY-MM-DD).").format(
            value=detail["on"]), field="date")
    return _day(detail.get("on")) or proposal.proposed_at.date()


def _apply_phone(uow: UnitOfWork, proposal: RosterProposal, detail: dict) -> None:
    person = _resident(uow.session, proposal)
    checked = check_phone(str(detail.get("phone", "")))
    if checked.error or not checked.number:
        raise ValidationError(checked.error or _("The proposal gives no phone number."),
                              field="phone")
    draft, _household = load_draft(uow.session, person.id)
    # The roster's own save: the same checks as the resident dialog, stamped like any edit.
    # The ID number is not touched here, so a duplicate already on the roster stays allowed.
    save_resident(uow, replace(draft, phone=checked.number, tag_ids=None), None, person.id,
                  allow_duplicate=True)


def _apply_left(uow: UnitOfWork, proposal: RosterProposal, detail: dict) -> None:
    person = _resident(uow.session, proposal)
    on = _on(proposal, detail)
    if proposal.kind == "moved_out":
        if person.moved_out:
            raise ValidationError(_("{name} is already recorded as moved out.").format(
                name=person.name), field="resident")
        mark_moved_out(uow, person.id, on)
    else:
        if person.deceased:
            raise ValidationError(_("{name} is already recorded as deceased.").format(
                name=person.name), field="resident")
        mark_deceased(uow, person.id, on)


def _apply_new_member(uow: UnitOfWork, proposal: RosterProposal, detail: dict) -> None:
    from desktop.roster.households import save_household

    session = uow.session
    household_id = proposal.household_id
    if household_id:
        household = session.get(Household, household_id)
        if household is None or household.deleted:
            raise ValidationError(_("The household of this proposal is no longer on the "
                                    "roster: reject it, or add the person by hand."),
                                  field="household")
    elif proposal.dwelling_id:
        # A person met in a flat with no household on the roster: the household begins here.
        household_id = save_household(uow, "", proposal.dwelling_id)
    else:
        raise ValidationError(_("The proposal names no household or flat."), field="household")
    birth = _day(detail.get("birth_date"))
    if detail.get("birth_date") and birth is None:
        raise ValidationError(_("The date {value} is not a date (YYYY-MM-DD).").format(
            value=detail["birth_date"]), field="birth_date")
    draft = ResidentDraft(name=str(detail.get("name", "")),
                          sex=str(detail.get("sex") or "0"), birth_date=birth,
                          relationship=str(detail.get("relationship", "")),
                          phone=str(detail.get("phone", "")))
    save_resident(uow, draft, household_id)


_APPLY = {"phone": _apply_phone, "moved_out": _apply_left, "deceased": _apply_left,
          "new_member": _apply_new_member}


def decide_proposal(uow: UnitOfWork, proposal_id: str, accept: bool,
                    now: dt.datetime | None = None) -> None:
    """Accept or reject one proposal; ``decided_by`` is the unit of work's operator.

    Accepting:
    - ``phone``: the resident's phone becomes the new number (checked and normalised as the
      resident dialog does);
    - ``moved_out`` / ``deceased``: the resident is marked so on the date given (else the day
      it was learnt), as the roster's "Moved out…" / "Deceased…" do;
    - ``new_member``: a new resident in the household (in a flat with no household, a new
      household there), with the name, sex, birth date and relationship given;
    - ``vacant``: acknowledged only — the roster holds no "vacant" mark on a dwelling, and who
      lived there is decided person by person (their own moved-out proposals, or by hand);
      accepting records that the office has seen it;
    - ``other``: acknowledged only — the note is for a person to act on; accepting records
      that the office has dealt with it.
    """
    proposal = uow.session.get(RosterProposal, proposal_id)
    if proposal is None or proposal.deleted:
        raise ValidationError(_("This proposal no longer exists."), field="proposal")
    if proposal.status != "pending":
        when = format_date(proposal.decided_at.date()) if proposal.decided_at else ""
        raise ValidationError(_("This proposal was already {state} by {who} on {date}.").format(
            state=_(STATE_LABELS.get(proposal.status, proposal.status)),
            who=proposal.decided_by or _("someone"), date=when), field="proposal")
    if proposal.kind not in PROPOSAL_KINDS:
        raise ValidationError(_("This proposal is of a kind this copy does not know: "
                                "{kind}.").format(kind=proposal.kind), field="proposal")
    if accept and proposal.kind in _APPLY:
        try:
            _APPLY[proposal.kind](uow, proposal, _detail(proposal))
        except ValidationError as exc:
            # Say which proposal: the office may be going down a list of twenty.
            row = _row(uow.session, proposal, {})
            who = " ".join(p for p in (row.address, row.resident) if p)
            raise ValidationError(_("{proposal} ({who}): {problem}").format(
                proposal=row.kind_label, who=who, problem=exc.message),
                field=exc.field) from exc
    proposal.status = "accepted" if accept else "rejected"
    proposal.decided_by = uow.operator
    proposal.decided_at = now or dt.datetime.now().replace(microsecond=0)
    uow.session.flush()
