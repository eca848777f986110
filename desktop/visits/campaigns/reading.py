"""Reading campaigns: the list with progress, one campaign with its visitors, and the plain
rows the pages and ``linli campaign list`` show. Sessions in, plain data out."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.visits.forms.tables import FormRecord, FormVersion
from desktop.visits.records.campaigns import Campaign, CampaignDoor, CampaignVisitor
from desktop.visits.records.state import door_states


@dataclass(frozen=True)
class VisitorSummary:
    id: str
    name: str
    phone: str
    role: str
    doors: int
    done: int
    places: dict


@dataclass(frozen=True)
class CampaignSummary:
    id: str
    name: str
    purpose: str
    form_id: str
    form_title: str
    form_version_id: str
    form_version_number: int
    starts_on: dt.date | None
    ends_on: dt.date | None
    target: str
    share: str
    scope: dict
    archived: bool
    doors: int
    visited: int  # doors with at least one visit
    done: int  # doors whose latest visit is final
    visitors: tuple[VisitorSummary, ...] = ()

    @property
    def progress(self) -> float:
        return self.done / self.doors if self.doors else 0.0


def _summary(session: Session, campaign: Campaign, with_visitors: bool) -> CampaignSummary:
    connection = session.connection()
    states = door_states(connection, campaign.id)
    doors = session.execute(
        select(CampaignDoor.id, CampaignDoor.visitor_id)
        .where(CampaignDoor.campaign_id == campaign.id, CampaignDoor.deleted.is_(False))).all()
    form = session.execute(
        select(FormRecord.id, FormRecord.title, FormVersion.number)
        .join(FormVersion, FormVersion.form_id == FormRecord.id)
        .where(FormVersion.id == campaign.form_version_id)).first()
    visitors: list[VisitorSummary] = []
    if with_visitors:
        per_visitor: dict[str, list[int]] = {}
        for door_id, visitor_id in doors:
            counts = per_visitor.setdefault(visitor_id, [0, 0])
            counts[0] += 1
            state = states.get(door_id)
            counts[1] += bool(state and state.done)
        for v in session.execute(
                select(CampaignVisitor).where(CampaignVisitor.campaign_id == campaign.id,
                                              CampaignVisitor.deleted.is_(False))
                .order_by(CampaignVisitor.sort_key, CampaignVisitor.name)).scalars():
            total, done = per_visitor.get(v.id, (0, 0))
            visitors.append(VisitorSummary(v.id, v.name, v.phone, v.role, total, done,
                                           json.loads(v.places or "{}")))
    door_ids = {door_id for door_id, _v in doors}
    return CampaignSummary(
        campaign.id, campaign.name, campaign.purpose, form[0] if form else "",
        form[1] if form else _("(form not on this computer)"), campaign.form_version_id,
        form[2] if form else 0, campaign.starts_on, campaign.ends_on, campaign.target,
        campaign.share, json.loads(campaign.scope or "{}"), campaign.archived, len(doors),
        sum(1 for d in states if d in door_ids),
        sum(1 for d, s in states.items() if s.done and d in door_ids), tuple(visitors))


def list_campaigns(session: Session, include_archived: bool = False) -> list[CampaignSummary]:
    """Every campaign, newest first (by start, then by when it was made)."""
    query = select(Campaign).where(Campaign.deleted.is_(False))
    if not include_archived:
        query = query.where(Campaign.archived.is_(False))
    campaigns = session.execute(query).scalars().all()
    campaigns.sort(key=lambda c: (c.starts_on or dt.date.min, c.created_hlc), reverse=True)
    return [_summary(session, c, with_visitors=False) for c in campaigns]


def campaign_summary(session: Session, campaign_id: str) -> CampaignSummary:
    """One campaign with its visitors and their progress."""
    campaign = session.get(Campaign, campaign_id)
    if campaign is None or campaign.deleted:
        raise ValidationError(_("This campaign no longer exists."), field="campaign")
    return _summary(session, campaign, with_visitors=True)


def find_campaign(session: Session, name: str) -> str:
    """The id of the campaign named so (for ``linli campaign …``); a clear error otherwise."""
    wanted = name.strip()
    rows = session.execute(select(Campaign.id, Campaign.name)
                           .where(Campaign.deleted.is_(False))).all()
    exact = [cid for cid, n in rows if n == wanted]
    if len(exact) == 1:
        return exact[0]
    if not exact:
        known = "、".join(sorted(n for _cid, n in rows)) or _("none")
        raise ValidationError(_("No campaign is named {name}. Campaigns: {known}.").format(
            name=wanted, known=known), field="campaign")
    raise ValidationError(_("{count} campaigns are named {name}: rename one in the window "
                            "first.").format(count=len(exact), name=wanted), field="campaign")


def door_count(session: Session, campaign_id: str) -> int:
    return session.execute(select(func.count()).select_from(CampaignDoor).where(
        CampaignDoor.campaign_id == campaign_id, CampaignDoor.deleted.is_(False))).scalar_one()


def campaign_list(session: Session) -> list[tuple[str, str]]:
    """(id, name) of every campaign, newest first, without their progress (a choice list)."""
    return [(cid, name) for cid, name in session.execute(
        select(Campaign.id, Campaign.name).where(Campaign.deleted.is_(False))
        .order_by(Campaign.created_hlc.desc())).all()]
