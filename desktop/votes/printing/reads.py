"""The few reads the printouts need beyond desktop.votes.reading: the vote's heading facts
(title, scope as people say it, the issuing body) and the electorate as slips to print, one
query each, so 1,000 ballots do not wait on a per-dwelling read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.roster.address import format_address, natural_key
from desktop.roster.community import current_community
from desktop.roster.models import Building, Compound, Dwelling
from desktop.votes.tables import Vote, VoteDwelling


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


@dataclass(frozen=True)
class Slip:
    """One dwelling of the electorate as a printout shows it."""

    dwelling_id: str
    code: str
    building: str
    unit: str
    room: str
    address: str  # "3幢2单元501"
    area: Decimal | None
    owners: str
    developer_held: bool
    excluded: bool
    reason: str
    walk_order: int


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


def slips(session: Session, vote_id: str, *, with_excluded: bool = False) -> list[Slip]:
    """The electorate in walking order (the order it was written in when the vote opened)."""
    query = (select(VoteDwelling.dwelling_id, VoteDwelling.code, Building.name, Dwelling.unit,
                    Dwelling.room, VoteDwelling.area, VoteDwelling.owners,
                    VoteDwelling.developer_held, VoteDwelling.excluded,
                    VoteDwelling.exclusion_reason, VoteDwelling.walk_order, Building.sort_key)
             .join(Dwelling, Dwelling.id == VoteDwelling.dwelling_id)
             .join(Building, Building.id == Dwelling.building_id)
             .where(VoteDwelling.vote_id == vote_id, VoteDwelling.deleted.is_(False)))
    if not with_excluded:
        query = query.where(VoteDwelling.excluded.is_(False))
    out = [Slip(r[0], r[1], r[2], r[3] or "", r[4] or "", format_address(r[2], r[3], r[4]),
                r[5], r[6] or "", bool(r[7]), bool(r[8]), r[9] or "", r[10] or 0)
           for r in session.execute(query)]
    out.sort(key=lambda s: (s.walk_order, natural_key(s.address)))
    return out
