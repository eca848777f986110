"""A vote's ballot form and its door-to-door campaign: ballots collected at the door are the
completed visits of that campaign (their ``opinion`` answer), counted with the ballots typed at
the office (``reading``).

Each vote gets its own copy of the 业主表决票 template with the vote's proposal as the form's
note, marked as a ballot form (``FormRecord.kind``), so what a volunteer reads at the door is
what the owners vote on, and a visit's answers always meet that text."""

from __future__ import annotations

from dataclasses import replace

from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.storage.database import UnitOfWork
from desktop.visits.campaigns.service import CampaignPlan, VisitorPlan, create_campaign
from desktop.visits.forms.model import Question, Text
from desktop.visits.forms.service import save_form
from desktop.visits.forms.tables import FormRecord
from desktop.visits.forms.templates.ballot import BALLOT, PROPOSAL_NOTE
from desktop.votes.tables import Vote


def _vote(uow: UnitOfWork, vote_id: str) -> Vote:
    vote = uow.session.get(Vote, vote_id)
    if vote is None or vote.deleted:
        raise ValidationError(_("This vote no longer exists."), field="vote")
    return vote


def vote_scope(vote: Vote) -> dict:
    """The vote's electorate as a campaign's chosen places."""
    if vote.building_id and vote.unit:
        return {"units": [[vote.building_id, vote.unit]]}
    if vote.building_id:
        return {"buildings": [vote.building_id]}
    return {"compounds": [vote.compound_id]}


def ballot_form(uow: UnitOfWork, vote_id: str) -> str:
    """The vote's ballot form (made the first time): its current version's id."""
    vote = _vote(uow, vote_id)
    proposal = f"{vote.title}\n\n{vote.proposal}".strip()
    children = tuple(
        replace(node, label=Text({language: proposal for language in BALLOT.languages}))
        if isinstance(node, Question) and node.name == PROPOSAL_NOTE else node
        for node in BALLOT.children)
    title = _("Ballot: {title}").format(title=vote.title)
    form = replace(BALLOT, children=children, form_id=f"ballot_{vote.id[-12:]}",
                   title=Text({language: title for language in BALLOT.languages}))
    saved = save_form(uow, form, _existing_form(uow, form.form_id), source="template")
    record = uow.session.get(FormRecord, saved.form_id)
    record.kind = "ballot"
    uow.session.flush()
    return saved.version_id


def _existing_form(uow: UnitOfWork, form_key: str) -> str | None:
    from desktop.visits.forms.service import form_by_key

    return form_by_key(uow.session, form_key)


def door_campaign(uow: UnitOfWork, vote_id: str, visitors: list[VisitorPlan],
                  name: str | None = None, ctx=None) -> str:
    """A campaign visiting every dwelling of the vote's scope with its ballot form, shared
    evenly among ``visitors``; the vote counts its completed visits as ballots."""
    vote = _vote(uow, vote_id)
    if vote.campaign_id:
        raise ValidationError(_("This vote already collects ballots at the door."),
                              field="campaign")
    plan = CampaignPlan(
        name=name or _("Ballots: {title}").format(title=vote.title),
        form_version_id=ballot_form(uow, vote_id), scope=vote_scope(vote),
        visitors=tuple(visitors), purpose=vote.title, starts_on=vote.opens_on,
        ends_on=vote.closes_on, target="dwellings")
    campaign_id = create_campaign(uow, plan, ctx)
    vote.campaign_id = campaign_id
    uow.session.flush()
    return campaign_id

