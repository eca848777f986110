"""The few reads the printouts need beyond desktop.votes.reading: the vote's heading facts
(title, scope as people say it, the issuing body) and the electorate as slips to print, one
query each, so 1,000 ballots do not wait on a per-dwelling read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.roster.address import format_address
from desktop.roster.community import current_community
from desktop.roster.models import Building, Compound
from desktop.votes.tables import Vote


@dataclass(frozen=True)
class VoteHead:
    id: str
    title: str
    proposal: str
    item: int
    scope: str  # "翠苑一区3幢2单元"
    compound: str
    opens_on: dt.date
    closes_on: dt.date
    closed_on: dt.date | None
    rule_version: str
    issuing_body: str
    notice_id: str | None


def scope_label(compound: str, building: str | None, unit: str) -> str:
    if not building:
        return compound
    return compound + format_address(building, unit, "")


def vote_head(session: Session, vote_id: str) -> VoteHead:
    vote = session.get(Vote, vote_id)
    if vote is None or vote.deleted:
        raise ValidationError(_("This vote no longer exists."), field="vote")
    compound = session.get(Compound, vote.compound_id)
    building = session.get(Building, vote.building_id) if vote.building_id else None
    community = current_community(session)
    issuing = (community.issuing_body or community.name) if community else ""
    compound_name = compound.name if compound else ""
    return VoteHead(vote.id, vote.title, vote.proposal or "", vote.item,
                    scope_label(compound_name, building.name if building else None,
                                vote.unit or ""),
                    compound_name, vote.opens_on, vote.closes_on, vote.closed_on,
                    vote.rule_version or "", issuing, vote.notice_id)
