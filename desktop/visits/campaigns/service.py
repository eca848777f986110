"""Making campaigns: create one over chosen places for named visitors, copy one for next
month, hand a visitor's unfinished doors to another, take one out of the list.

Services get a unit of work and return plain data (the new campaign's id, how many doors moved);
a plan that cannot be carried out raises a ``ValidationError`` naming its field, and nothing is
written. The doors of a large campaign (200,000 households) are written with Core bulk inserts
and stamped like any other rows (one creation stamp each).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection
from dataclasses import dataclass, field, replace

from sqlalchemy import select

from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.core.tasks import TaskContext
from desktop.storage.bulk_insert import BulkInserter
from desktop.storage.database import UnitOfWork
from desktop.storage.ids import uuid7_many
from desktop.visits.campaigns.places import (
    DoorPlace,
    clean_scope,
    doors_in_scope,
    is_empty,
)
from desktop.visits.campaigns.sharing import share_by_places, share_evenly
from desktop.visits.forms.tables import FormVersion
from desktop.visits.records.campaigns import (
    SHARES,
    TARGETS,
    VISITOR_ROLES,
    Campaign,
    CampaignDoor,
    CampaignVisitor,
)
from desktop.visits.records.state import door_states

_CHUNK = 20_000


@dataclass(frozen=True)
class VisitorPlan:
    name: str
    phone: str = ""
    role: str = "volunteer"  # tables.VISITOR_ROLES
    # With the "places" share: the places that are this visitor's (like CampaignPlan.scope).
    places: dict = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class CampaignPlan:
    name: str
    form_version_id: str
    scope: dict = field(hash=False)  # places.SCOPE_KEYS
    visitors: tuple[VisitorPlan, ...]
    purpose: str = ""
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    target: str = "households"  # tables.TARGETS
    share: str = "even"  # tables.SHARES


def _check(uow: UnitOfWork, plan: CampaignPlan) -> None:
    if not plan.name.strip():
        raise ValidationError(_("Give the campaign a name."), field="name")
    version = uow.session.get(FormVersion, plan.form_version_id or "")
    if version is None or version.deleted:
        raise ValidationError(_("Choose the survey form the visitors will fill in."),
                              field="form")
    if plan.starts_on and plan.ends_on and plan.ends_on < plan.starts_on:
        raise ValidationError(_("The campaign cannot end before it starts."), field="ends_on")
    if plan.target not in TARGETS:
        raise ValidationError(_("Choose who is visited."), field="target")
    if plan.share not in SHARES:
        raise ValidationError(_("Choose how the doors are shared."), field="share")
    if is_empty(plan.scope):
        raise ValidationError(_("Choose the places to visit in the place tree."), field="scope")
    if not plan.visitors:
        raise ValidationError(_("Name at least one visitor."), field="visitors")
    for number, visitor in enumerate(plan.visitors, start=1):
        if not visitor.name.strip():
            raise ValidationError(_("Visitor {number} has no name.").format(number=number),
                                  field="visitors")
        if visitor.role not in VISITOR_ROLES:
            raise ValidationError(_("Visitor {name}: choose staff or volunteer.").format(
                name=visitor.name.strip()), field="visitors")


def _owners(uow: UnitOfWork, plan: CampaignPlan, doors: list[DoorPlace]) -> list[int]:
    if plan.share == "even":
        return share_evenly(doors, len(plan.visitors))
    owners = share_by_places(doors, [v.places for v in plan.visitors])
    missing = next((door for door, owner in zip(doors, owners) if owner is None), None)
    if missing is not None:
        from desktop.roster.households import dwelling_address

        address = "".join(dwelling_address(uow.session, missing.dwelling_id))
        raise ValidationError(_("No visitor has the place of {address}: give every chosen "
                                "place to a visitor, or share the doors evenly.").format(
                                    address=address), field="visitors")
    return owners  # type: ignore[return-value]


def create_campaign(uow: UnitOfWork, plan: CampaignPlan, ctx: TaskContext | None = None,
                    copied_from_id: str | None = None,
                    only_dwellings: Collection[str] | None = None) -> str:
    """Write the campaign, its visitors and one door per household (or dwelling) of the
    chosen places, shared among the visitors; return the campaign's id. ``only_dwellings``:
    just these dwellings of the places (a revisit of the doors an owners' vote still lacks)."""
    ctx = ctx or TaskContext()
    _check(uow, plan)
    doors = doors_in_scope(uow.session, plan.scope, plan.target)
    if only_dwellings is not None:
        doors = [door for door in doors if door.dwelling_id in only_dwellings]
    if not doors:
        raise ValidationError(_("The chosen places hold no households to visit."),
                              field="scope")
    owners = _owners(uow, plan, doors)
    ctx.check()
    campaign = Campaign(name=plan.name.strip(), purpose=plan.purpose.strip(),
                        form_version_id=plan.form_version_id, starts_on=plan.starts_on,
                        ends_on=plan.ends_on, target=plan.target, share=plan.share,
                        scope=json.dumps(clean_scope(plan.scope), ensure_ascii=False),
                        copied_from_id=copied_from_id)
    uow.session.add(campaign)
    visitors = [CampaignVisitor(name=v.name.strip(), phone=v.phone.strip(), role=v.role,
                                sort_key=i, places=json.dumps(clean_scope(v.places),
                                                              ensure_ascii=False))
                for i, v in enumerate(plan.visitors)]
    uow.session.flush()  # the campaign's id, and its stamp before its doors'
    for visitor in visitors:
        visitor.campaign_id = campaign.id
    uow.session.add_all(visitors)
    uow.session.flush()
    _write_doors(uow, campaign.id, doors, [visitors[o].id for o in owners], ctx)
    return campaign.id


def _write_doors(uow: UnitOfWork, campaign_id: str, doors: list[DoorPlace],
                 visitor_ids: list[str], ctx: TaskContext) -> None:
    table = CampaignDoor.__table__
    inserter = BulkInserter()
    connection = uow.session.connection()
    count = len(doors)
    ids = uuid7_many(count)
    stamps = uow.new_stamps(count)
    for start in range(0, count, _CHUNK):
        ctx.check()
        stop = min(start + _CHUNK, count)
        chunk = doors[start:stop]
        inserter.insert_columns(connection, table, {
            "id": ids[start:stop], "created_hlc": stamps[start:stop],
            "created_by": uow.operator, "deleted": False, "campaign_id": campaign_id,
            "visitor_id": visitor_ids[start:stop],
            "dwelling_id": [d.dwelling_id for d in chunk],
            "household_id": [d.household_id for d in chunk],
            "walk_order": list(range(start, stop)),
        }, stop - start)
        ctx.report(stop, count, _("Sharing the doors: {done} of {total}").format(
            done=stop, total=count))
    # Core inserts bypass the stamping hook: tell the change set, as the ORM would.
    uow.changes.created.setdefault("campaign_door", set()).update(ids)


def _campaign(uow_or_session, campaign_id: str) -> Campaign:
    session = getattr(uow_or_session, "session", uow_or_session)
    campaign = session.get(Campaign, campaign_id)
    if campaign is None or campaign.deleted:
        raise ValidationError(_("This campaign no longer exists."), field="campaign")
    return campaign


def _newest_version_of_same_form(uow: UnitOfWork, version_id: str) -> str:
    version = uow.session.get(FormVersion, version_id)
    if version is None:
        return version_id
    newest = uow.session.execute(
        select(FormVersion.id).where(FormVersion.form_id == version.form_id,
                                     FormVersion.deleted.is_(False))
        .order_by(FormVersion.number.desc()).limit(1)).scalar()
    return newest or version_id


def _next_period(starts_on: dt.date | None, ends_on: dt.date | None
                 ) -> tuple[dt.date | None, dt.date | None]:
    def month_later(day: dt.date | None) -> dt.date | None:
        if day is None:
            return None
        year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
        for last in (31, 30, 29, 28):
            try:
                return day.replace(year=year, month=month, day=min(day.day, last))
            except ValueError:
                continue
        return None
    return month_later(starts_on), month_later(ends_on)


def copy_plan(uow: UnitOfWork, campaign_id: str) -> CampaignPlan:
    """The plan of a campaign, for the next month: the same places, visitors and share, the
    newest version of its form, the period a month later, and the name marked as a copy."""
    campaign = _campaign(uow, campaign_id)
    visitors = uow.session.execute(
        select(CampaignVisitor).where(CampaignVisitor.campaign_id == campaign_id,
                                      CampaignVisitor.deleted.is_(False))
        .order_by(CampaignVisitor.sort_key)).scalars().all()
    starts_on, ends_on = _next_period(campaign.starts_on, campaign.ends_on)
    return CampaignPlan(
        name=_("{name} (copy)").format(name=campaign.name),
        form_version_id=_newest_version_of_same_form(uow, campaign.form_version_id),
        scope=json.loads(campaign.scope or "{}"),
        visitors=tuple(VisitorPlan(v.name, v.phone, v.role, json.loads(v.places or "{}"))
                       for v in visitors),
        purpose=campaign.purpose, starts_on=starts_on, ends_on=ends_on,
        target=campaign.target, share=campaign.share)


def copy_campaign(uow: UnitOfWork, campaign_id: str, name: str | None = None,
                  ctx: TaskContext | None = None) -> str:
    """A new campaign like this one for next month, its doors taken from today's roster."""
    plan = copy_plan(uow, campaign_id)
    if name is not None:
        plan = replace(plan, name=name)
    return create_campaign(uow, plan, ctx, copied_from_id=campaign_id)


def reassign_unfinished(uow: UnitOfWork, campaign_id: str, from_visitor_id: str,
                        to_visitor_id: str) -> int:
    """Give every door of one visitor that is not done yet to another; return how many."""
    _campaign(uow, campaign_id)
    target = uow.session.get(CampaignVisitor, to_visitor_id)
    if target is None or target.deleted or target.campaign_id != campaign_id:
        raise ValidationError(_("Choose a visitor of this campaign to take the doors."),
                              field="to_visitor")
    if to_visitor_id == from_visitor_id:
        raise ValidationError(_("Choose another visitor to take the doors."),
                              field="to_visitor")
    states = door_states(uow.session.connection(), campaign_id)
    doors = uow.session.execute(
        select(CampaignDoor).where(CampaignDoor.campaign_id == campaign_id,
                                   CampaignDoor.visitor_id == from_visitor_id,
                                   CampaignDoor.deleted.is_(False))).scalars().all()
    moved = 0
    for door in doors:
        state = states.get(door.id)
        if state is None or not state.done:
            door.visitor_id = to_visitor_id
            moved += 1
    return moved


def add_visitor(uow: UnitOfWork, campaign_id: str, visitor: VisitorPlan) -> str:
    """A new visitor for a campaign (with no doors yet: hand them some with ``reassign``)."""
    _campaign(uow, campaign_id)
    if not visitor.name.strip():
        raise ValidationError(_("Give the visitor a name."), field="name")
    count = len(uow.session.execute(
        select(CampaignVisitor.id).where(CampaignVisitor.campaign_id == campaign_id)).all())
    row = CampaignVisitor(campaign_id=campaign_id, name=visitor.name.strip(),
                          phone=visitor.phone.strip(), role=visitor.role, sort_key=count,
                          places="{}")
    uow.session.add(row)
    uow.session.flush()
    return row.id


def set_archived(uow: UnitOfWork, campaign_id: str, archived: bool = True) -> None:
    _campaign(uow, campaign_id).archived = archived
