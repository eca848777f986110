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

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session, aliased

from desktop.core.i18n import _
from desktop.roster.households import dwelling_address
from desktop.roster.models import Household
from desktop.visits.forms.tables import FormVersion
from desktop.visits.records.campaigns import Campaign, CampaignDoor
from desktop.visits.records.visits import Visit


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


def _door_reason(campaign_id: str, door_id: str | None, door_campaign: str | None,
                 door_deleted: bool | None) -> str:
    if door_id is None:
        return _("The visit was made at a door this campaign does not hold.")
    if door_campaign is None or door_deleted:
        return _("The visit's door is no longer part of this campaign.")
    if door_campaign != campaign_id:
        return _("The visit names a door of another campaign.")
    return ""


def visits_for_review(session: Session, campaign_id: str | None = None) -> list[ReviewVisit]:
    """Every stored visit (of one campaign, or all) that coverage and results cannot place,
    oldest first, each with why. The misfits are picked out in SQL: a campaign of 50,000
    fitting visits reads none of them."""
    replacement = aliased(Visit)
    query = (
        select(Visit.id, Visit.campaign_id, Visit.door_id, Visit.dwelling_id,
               Visit.visitor_name, Visit.visited_at, Visit.outcome, Visit.form_version_id,
               Visit.household_id, CampaignDoor.campaign_id, CampaignDoor.deleted,
               FormVersion.id, Household.id)
        .outerjoin(CampaignDoor, CampaignDoor.id == Visit.door_id)
        .outerjoin(FormVersion, (FormVersion.id == Visit.form_version_id)
                   & FormVersion.deleted.is_(False))
        .outerjoin(Household, (Household.id == Visit.household_id)
                   & Household.deleted.is_(False))
        .where(Visit.deleted.is_(False),
               or_(Visit.door_id.is_(None), CampaignDoor.id.is_(None),
                   CampaignDoor.deleted.is_(True),
                   CampaignDoor.campaign_id != Visit.campaign_id,
                   Visit.form_version_id.is_not(None) & FormVersion.id.is_(None),
                   Visit.household_id.is_not(None) & Household.id.is_(None)),
               ~exists().where(replacement.replaces_id == Visit.id,
                               replacement.deleted.is_(False)))
        .order_by(Visit.visited_at, Visit.id))
    if campaign_id is not None:
        query = query.where(Visit.campaign_id == campaign_id)
    names = dict(session.execute(select(Campaign.id, Campaign.name)).all())
    out: list[ReviewVisit] = []
    for (visit_id, visit_campaign, door_id, dwelling_id, visitor, at, outcome, version_id,
         household_id, door_campaign, door_deleted, version_found,
         household_found) in session.execute(query):
        reasons = [_door_reason(visit_campaign, door_id, door_campaign, door_deleted)]
        if version_id and version_found is None:
            reasons.append(_("It answers a version of the form this computer does not have "
                             "yet; its answers are kept."))
        if household_id and household_found is None:
            reasons.append(_("Its household was deleted from the roster after the visit."))
        compound, address = dwelling_address(session, dwelling_id)
        out.append(ReviewVisit(visit_id, visit_campaign, names.get(visit_campaign, ""),
                               compound + address, visitor, at, outcome,
                               tuple(r for r in reasons if r)))
    return out
