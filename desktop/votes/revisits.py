"""A revisit: a door-to-door campaign of the dwellings that have not voted yet, in walking
order, with the vote's ballot form, so the ballots it collects count like any other.

Every campaign answering the vote's ballot form counts (``reading`` reads the campaigns whose
form is the one of ``vote.campaign_id``): a revisit adds to the first door campaign rather
than replacing it. A vote without a door campaign yet takes the revisit as its campaign.
"""

from __future__ import annotations

import datetime as dt

from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.core.tasks import TaskContext
from desktop.storage.database import UnitOfWork
from desktop.visits.campaigns.service import CampaignPlan, VisitorPlan, create_campaign
from desktop.votes.ballot_form import ballot_form, vote_scope
from desktop.votes.reading import vote_tally
from desktop.votes.service import open_vote


def revisit_campaign(uow: UnitOfWork, vote_id: str, name: str, visitor_names: list[str],
                     ctx: TaskContext | None = None, today: dt.date | None = None) -> str:
    """A campaign visiting the vote's outstanding dwellings, shared evenly among the named
    visitors; its id."""
    session = uow.session
    vote = open_vote(session, vote_id)
    name = (name or "").strip() or _("Revisit: {title}").format(title=vote.title)
    if len(name) > 100:
        raise ValidationError(_("{label} is too long: at most {limit} characters.").format(
            label=_("The campaign's name"), limit=100), field="name")
    visitors = [v.strip() for v in visitor_names if isinstance(v, str) and v.strip()]
    if not visitors:
        raise ValidationError(_("Name at least one visitor."), field="visitors")
    outstanding = {e.dwelling_id for e in vote_tally(session, vote_id).tally.outstanding}
    if not outstanding:
        raise ValidationError(_("Every dwelling of the electorate has voted: there is no one "
                              "to revisit."), field="vote")
    today = today or dt.date.today()
    plan = CampaignPlan(
        name=name, form_version_id=ballot_form(uow, vote_id), scope=vote_scope(vote),
        visitors=tuple(VisitorPlan(v) for v in visitors), purpose=vote.title,
        starts_on=min(max(today, vote.opens_on), vote.closes_on), ends_on=vote.closes_on,
        target="dwellings")
    campaign_id = create_campaign(uow, plan, ctx, only_dwellings=outstanding)
    if not vote.campaign_id:
        vote.campaign_id = campaign_id
    session.flush()
    return campaign_id
