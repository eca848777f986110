"""A vote's ballot form: ballots collected at the door are the completed visits of the
campaigns answering it (``revisits`` makes them; their ``opinion`` answer), counted with the
ballots typed at the office (``counted``).

Each vote gets its own copy of the 业主表决票 template with the vote's proposal as the form's
note, marked as a ballot form (``FormRecord.kind``), so what a volunteer reads at the door is
what the owners vote on, and a visit's answers always meet that text."""

from __future__ import annotations

from dataclasses import replace

from desktop.core.i18n import _
from desktop.storage.database import UnitOfWork
from desktop.visits.forms.model import Question, Text
from desktop.visits.forms.service import form_by_key, save_form
from desktop.visits.forms.tables import FormRecord
from desktop.visits.forms.templates.ballot import BALLOT, PROPOSAL_NOTE
from desktop.votes.service import get_vote
from desktop.votes.tables import Vote


def vote_scope(vote: Vote) -> dict:
    """The vote's electorate as a campaign's chosen places."""
    if vote.building_id and vote.unit:
        return {"units": [[vote.building_id, vote.unit]]}
    if vote.building_id:
        return {"buildings": [vote.building_id]}
    return {"compounds": [vote.compound_id]}


def ballot_form(uow: UnitOfWork, vote_id: str) -> str:
    """The vote's ballot form (made the first time): its current version's id."""
    vote = get_vote(uow.session, vote_id)
    proposal = f"{vote.title}\n\n{vote.proposal}".strip()
    children = tuple(
        replace(node, label=Text({language: proposal for language in BALLOT.languages}))
        if isinstance(node, Question) and node.name == PROPOSAL_NOTE else node
        for node in BALLOT.children)
    title = _("Ballot: {title}").format(title=vote.title)
    form = replace(BALLOT, children=children, form_id=f"ballot_{vote.id[-12:]}",
                   title=Text({language: title for language in BALLOT.languages}))
    saved = save_form(uow, form, form_by_key(uow.session, form.form_id), source="template")
    record = uow.session.get(FormRecord, saved.form_id)
    record.kind = "ballot"
    uow.session.flush()
    return saved.version_id
