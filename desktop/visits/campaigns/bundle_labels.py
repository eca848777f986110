"""A bundle "for a visitor": what it is called, and how a person chooses it.

The scope of such a bundle names campaign visitors (``{"campaign_visitors": [id]}``); people
read it as the campaign and the visitor ("外墙维修走访 · 张三"), in the bundle's header (shown
before the passphrase is typed) and on the sync page. The command line names the campaign and
the visitor by name (``linli bundle export --campaign 外墙维修走访 --visitor 张三``, resolved
through the visits declaration's ``scope_from_names``: the sync layer names no feature); the
sync page offers the campaigns and their visitors in two lists. Sessions in, plain data out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.visits.campaigns.reading import find_campaign
from desktop.visits.records.campaigns import Campaign, CampaignDoor, CampaignVisitor

SCOPE_KEY = "campaign_visitors"  # the scope key the visits declaration chooses visitors by


@dataclass(frozen=True)
class VisitorChoice:
    id: str
    name: str
    doors: int


@dataclass(frozen=True)
class CampaignChoice:
    id: str
    name: str
    visitors: tuple[VisitorChoice, ...]


def visitor_scope(visitor_id: str) -> dict:
    """The scope of a bundle for one visitor of a campaign."""
    return {SCOPE_KEY: [visitor_id]}


def visitor_labels(session: Session, scope: dict) -> list[str]:
    """The visitors a scope names as people read them: "外墙维修走访 · 张三" (the
    ``scope_places`` of the visits declaration)."""
    ids = list(scope.get(SCOPE_KEY, ()))
    if not ids:
        return []
    rows = session.execute(
        select(Campaign.name, CampaignVisitor.name)
        .join(Campaign, Campaign.id == CampaignVisitor.campaign_id)
        .where(CampaignVisitor.id.in_(ids))
        .order_by(Campaign.name, CampaignVisitor.sort_key, CampaignVisitor.name)).all()
    return [_("{campaign} · {visitor}").format(campaign=c, visitor=v) for c, v in rows]


def find_visitor(session: Session, campaign_name: str, visitor_name: str) -> str:
    """The id of the visitor named so in the campaign named so; a clear error naming the
    campaign's visitors when there is none, or several, of that name."""
    campaign_id = find_campaign(session, campaign_name)
    wanted = visitor_name.strip()
    rows = session.execute(
        select(CampaignVisitor.id, CampaignVisitor.name)
        .where(CampaignVisitor.campaign_id == campaign_id, CampaignVisitor.deleted.is_(False))
        .order_by(CampaignVisitor.sort_key, CampaignVisitor.name)).all()
    exact = [vid for vid, name in rows if name == wanted]
    if len(exact) == 1:
        return exact[0]
    campaign = campaign_name.strip()
    if not exact:
        known = "、".join(name for _vid, name in rows) or _("none")
        raise ValidationError(_("{campaign} has no visitor named {name}. Its visitors: "
                                "{known}.").format(campaign=campaign, name=wanted, known=known),
                              field="visitor")
    raise ValidationError(_("{count} visitors of {campaign} are named {name}: rename one in "
                            "the window first.").format(count=len(exact), campaign=campaign,
                                                        name=wanted), field="visitor")


def require_doors(session: Session, visitor_id: str) -> None:
    """Refuse a bundle for a visitor with no doors (all handed to someone else): it would
    carry no one to visit."""
    row = session.execute(
        select(CampaignVisitor.name, Campaign.name)
        .join(Campaign, Campaign.id == CampaignVisitor.campaign_id)
        .where(CampaignVisitor.id == visitor_id, CampaignVisitor.deleted.is_(False))).first()
    if row is None:
        raise ValidationError(_("This visitor is no longer in the campaign."), field="visitor")
    doors = session.execute(select(func.count()).select_from(CampaignDoor).where(
        CampaignDoor.visitor_id == visitor_id, CampaignDoor.deleted.is_(False))).scalar_one()
    if not doors:
        raise ValidationError(_("{visitor} has no doors in {campaign}: hand them some doors "
                                "first.").format(visitor=row[0], campaign=row[1]),
                              field="visitor")


def visitor_scope_from_names(session: Session, names: dict) -> dict:
    """The scope of ``names["campaign_visitors"]``, pairs of (campaign name, visitor name):
    ``{"campaign_visitors": [id, …]}``, each pair exactly one visitor with doors (the
    ``scope_from_names`` of the visits declaration, for ``linli bundle export``)."""
    ids = []
    for campaign, visitor in names.get(SCOPE_KEY, ()):
        visitor_id = find_visitor(session, campaign, visitor)
        require_doors(session, visitor_id)
        ids.append(visitor_id)
    return {SCOPE_KEY: ids} if ids else {}


def campaign_choices(session: Session) -> list[CampaignChoice]:
    """The campaigns not archived, newest first, each with its visitors and their door count:
    the two lists of the sync page's "for a visitor" choice."""
    campaigns = session.execute(
        select(Campaign.id, Campaign.name, Campaign.starts_on, Campaign.created_hlc)
        .where(Campaign.deleted.is_(False), Campaign.archived.is_(False))).all()
    campaigns.sort(key=lambda c: (c.starts_on or dt.date.min, c.created_hlc), reverse=True)
    visitors: dict[str, list[VisitorChoice]] = {}
    counts = dict(session.execute(
        select(CampaignDoor.visitor_id, func.count())
        .where(CampaignDoor.deleted.is_(False), CampaignDoor.visitor_id.is_not(None))
        .group_by(CampaignDoor.visitor_id)).all())
    for vid, campaign_id, name in session.execute(
            select(CampaignVisitor.id, CampaignVisitor.campaign_id, CampaignVisitor.name)
            .where(CampaignVisitor.deleted.is_(False))
            .order_by(CampaignVisitor.sort_key, CampaignVisitor.name)):
        visitors.setdefault(campaign_id, []).append(VisitorChoice(vid, name, counts.get(vid, 0)))
    return [CampaignChoice(c.id, c.name, tuple(visitors.get(c.id, ()))) for c in campaigns]

