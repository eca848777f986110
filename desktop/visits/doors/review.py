"""Visits kept but needing a person's eye.

Sync never refuses a visit (an answer lost is worse than an answer in the wrong place), so a
visit that does not fit this copy is stored and listed here with the reason in plain words:

- made at a door the campaign does not hold (no door, or a door of another campaign): it
  counts in neither coverage nor results until someone sorts it out;
- answering a version of the form this copy lacks (its bundle has not come yet): the answers
  are kept, but cannot be shown or counted;
- for a household deleted from the roster meanwhile.

A visit that a later visit replaces is not listed: the correction is what counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.i18n import _
from desktop.roster.households import dwelling_address
from desktop.roster.models import Household
from desktop.visits.campaigns.tables import Campaign, CampaignDoor
from desktop.visits.doors.tables import Visit
from desktop.visits.forms.tables import FormVersion


@dataclass(frozen=True)
class ReviewVisit:
    id: str
    campaign_id: str
    campaign: str
    address: str  # compound + "3幢2单元501"; "" when the dwelling is not on this copy
    visitor: str
    visited_at: dt.datetime
    outcome: str  # tables.OUTCOMES
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        return " ".join(self.reasons)


def _door_reason(visit: Visit, doors: dict[str, tuple[str, bool]]) -> str:
    if visit.door_id is None:
        return _("The visit was made at a door this campaign does not hold.")
    door = doors.get(visit.door_id)
    if door is None or door[1]:
        return _("The visit's door is no longer part of this campaign.")
    if door[0] != visit.campaign_id:
        return _("The visit names a door of another campaign.")
    return ""


def visits_for_review(session: Session, campaign_id: str | None = None) -> list[ReviewVisit]:
    """Every stored visit (of one campaign, or all) that coverage and results cannot place,
    oldest first, each with why."""
    query = select(Visit).where(Visit.deleted.is_(False))
    if campaign_id is not None:
        query = query.where(Visit.campaign_id == campaign_id)
    visits = session.execute(query.order_by(Visit.visited_at, Visit.id)).scalars().all()
    if not visits:
        return []
    replaced = set(session.execute(
        select(Visit.replaces_id).where(Visit.replaces_id.is_not(None),
                                        Visit.deleted.is_(False))).scalars())
    door_ids = {v.door_id for v in visits if v.door_id}
    doors = {row.id: (row.campaign_id, row.deleted) for row in session.execute(
        select(CampaignDoor.id, CampaignDoor.campaign_id, CampaignDoor.deleted)
        .where(CampaignDoor.id.in_(door_ids)))} if door_ids else {}
    versions = set(session.execute(select(FormVersion.id).where(
        FormVersion.id.in_({v.form_version_id for v in visits if v.form_version_id}),
        FormVersion.deleted.is_(False))).scalars())
    households = set(session.execute(select(Household.id).where(
        Household.id.in_({v.household_id for v in visits if v.household_id}),
        Household.deleted.is_(False))).scalars())
    names = dict(session.execute(select(Campaign.id, Campaign.name)).all())
    out: list[ReviewVisit] = []
    for visit in visits:
        if visit.id in replaced:
            continue
        reasons = [_door_reason(visit, doors)]
        if visit.form_version_id and visit.form_version_id not in versions:
            reasons.append(_("It answers a version of the form this computer does not have "
                             "yet; its answers are kept."))
        if visit.household_id and visit.household_id not in households:
            reasons.append(_("Its household was deleted from the roster after the visit."))
        reasons = [r for r in reasons if r]
        if not reasons:
            continue
        compound, address = dwelling_address(session, visit.dwelling_id)
        out.append(ReviewVisit(visit.id, visit.campaign_id, names.get(visit.campaign_id, ""),
                               compound + address, visit.visitor_name, visit.visited_at,
                               visit.outcome, tuple(reasons)))
    return out
