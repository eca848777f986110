"""What the volunteer reads at the door: "my doors" in walking order with their state, one
door's household (no ID numbers anywhere), and the next door still to do.

The doors were fixed when the campaign was made; the roster may have changed since (the
household moved, was deleted, its dwelling removed). The door keeps its place in the walk and
``roster_problem`` says in plain words why it no longer fits, so the volunteer is not sent to
knock for people who left. Sessions in, plain data out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.core.masking import mask_name, mask_phone
from desktop.roster.address import building_number, floor_of, format_address
from desktop.roster.codes import BUILTIN_TAGS, HEAD_RELATIONSHIP, RELATIONSHIPS
from desktop.roster.id_number import age_on
from desktop.roster.models import (
    Building,
    Compound,
    Dwelling,
    Household,
    Resident,
    ResidentTag,
    Tag,
)
from desktop.visits.records.campaigns import Campaign, CampaignDoor
from desktop.visits.records.state import UNVISITED, DoorState, door_states
from desktop.visits.records.visits import Visit, VisitDraft


@dataclass(frozen=True)
class DoorPlace:
    door_id: str
    campaign_id: str
    visitor_id: str | None
    walk_order: int
    dwelling_id: str | None
    household_id: str | None
    compound: str
    building: str  # as written on the building: "3幢"
    unit: str
    floor: int
    room: str
    # Whether the door still fits the roster (the household lives here, the flat exists);
    # ``roster_problem`` says why not.
    fits: bool = True

    @property
    def address(self) -> str:
        """"翠苑一区3幢2单元501"."""
        return self.compound + format_address(self.building, self.unit, self.room)

    @property
    def dwelling_address(self) -> str:
        """"3幢2单元501"."""
        return format_address(self.building, self.unit, self.room)

    @property
    def short_address(self) -> str:
        """"3-2-501" (building–unit–room), "3-501" without a unit."""
        parts = [building_number(self.building), self.unit, self.room]
        return "-".join(p for p in parts if p)


@dataclass(frozen=True)
class DoorRow:
    place: DoorPlace
    state: DoorState
    has_draft: bool
    head: str  # the head of household, masked ("张*明"); "" when none

    @property
    def id(self) -> str:
        return self.place.door_id

    @property
    def done(self) -> bool:
        return self.state.done


@dataclass(frozen=True)
class DoorMember:
    id: str
    name: str
    relationship: str  # the label, translated
    sex: str
    age: int | None
    phone: str  # masked
    tags: tuple[str, ...]  # labels: "Elderly living alone" …
    is_head: bool


@dataclass(frozen=True)
class EarlierVisit:
    id: str
    visited_at: dt.datetime
    outcome: str
    visitor_name: str
    callback_at: dt.datetime | None
    follow_up: bool
    follow_up_note: str
    note: str
    replaced: bool  # a later visit corrects this one


@dataclass(frozen=True)
class DoorDetail:
    place: DoorPlace
    state: DoorState
    members: tuple[DoorMember, ...]  # the household's present members, head first
    visits: tuple[EarlierVisit, ...]  # this door's visits in this campaign, oldest first
    problem: str  # why the door no longer fits the roster; "" when it does
    draft_id: str | None

    @property
    def tags(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for member in self.members:
            seen.update(dict.fromkeys(member.tags))
        return tuple(seen)


def _place_query():
    return (select(CampaignDoor.id, CampaignDoor.campaign_id, CampaignDoor.visitor_id,
                   CampaignDoor.walk_order, CampaignDoor.dwelling_id, CampaignDoor.household_id,
                   Compound.name, Building.name, Dwelling.unit, Dwelling.floor, Dwelling.room,
                   Dwelling.deleted, Household.deleted, Household.dwelling_id)
            .outerjoin(Household, Household.id == CampaignDoor.household_id)
            .outerjoin(Dwelling, Dwelling.id == CampaignDoor.dwelling_id)
            .outerjoin(Building, Building.id == Dwelling.building_id)
            .outerjoin(Compound, Compound.id == Building.compound_id))


def _place(row) -> DoorPlace:
    (door_id, campaign_id, visitor_id, walk_order, dwelling_id, household_id, compound,
     building, unit, floor, room, dwelling_gone, household_gone, lives_in) = row
    fits = dwelling_gone is False and (household_id is None or (
        household_gone is False and lives_in == dwelling_id))
    return DoorPlace(door_id, campaign_id, visitor_id, walk_order or 0, dwelling_id,
                     household_id, compound or "", building or "", unit or "",
                     floor_of(floor, room), room or "", fits)


def door_places(session: Session, door_ids: Iterable[str]) -> dict[str, DoorPlace]:
    ids = list(dict.fromkeys(door_ids))
    out: dict[str, DoorPlace] = {}
    for start in range(0, len(ids), 500):
        for row in session.execute(_place_query().where(
                CampaignDoor.id.in_(ids[start:start + 500]), CampaignDoor.deleted.is_(False))):
            place = _place(row)
            out[place.door_id] = place
    return out


def my_doors(session: Session, campaign_id: str, visitor_id: str | None) -> list[DoorRow]:
    """The visitor's doors (every door of the campaign for None) in walking order."""
    query = _place_query().where(CampaignDoor.campaign_id == campaign_id,
                                 CampaignDoor.deleted.is_(False))
    if visitor_id is not None:
        query = query.where(CampaignDoor.visitor_id == visitor_id)
    places = [_place(row) for row in session.execute(
        query.order_by(CampaignDoor.walk_order, CampaignDoor.id))]
    states = door_states(session.connection(), campaign_id)
    drafts = set(session.execute(select(VisitDraft.door_id).where(
        VisitDraft.campaign_id == campaign_id)).scalars())
    heads = _heads(session, campaign_id, visitor_id)
    return [DoorRow(p, states.get(p.door_id, UNVISITED), p.door_id in drafts,
                    heads.get(p.household_id, "") if p.household_id else "")
            for p in places]


def _heads(session: Session, campaign_id: str, visitor_id: str | None) -> dict[str, str]:
    """household id → its head's masked name, for the doors of one visitor (one query)."""
    query = (select(Resident.household_id, Resident.name)
             .join(CampaignDoor, CampaignDoor.household_id == Resident.household_id)
             .where(CampaignDoor.campaign_id == campaign_id, CampaignDoor.deleted.is_(False),
                    Resident.relationship == HEAD_RELATIONSHIP, Resident.deleted.is_(False),
                    Resident.moved_out.is_(False), Resident.deceased.is_(False)))
    if visitor_id is not None:
        query = query.where(CampaignDoor.visitor_id == visitor_id)
    return {household_id: mask_name(name) for household_id, name in session.execute(query)}


def next_door(session: Session, campaign_id: str, visitor_id: str | None,
              after_door_id: str | None = None) -> str | None:
    """The next door not done yet after this one in walking order (from the start when None
    or when none is left after it); None when every door is done."""
    rows = session.execute(
        select(CampaignDoor.id, CampaignDoor.walk_order)
        .where(CampaignDoor.campaign_id == campaign_id, CampaignDoor.deleted.is_(False),
               *([CampaignDoor.visitor_id == visitor_id] if visitor_id is not None else []))
        .order_by(CampaignDoor.walk_order, CampaignDoor.id)).all()
    return next_undone([door_id for door_id, _order in rows],
                       door_states(session.connection(), campaign_id), after_door_id)


def next_undone(door_ids: list[str], states: dict[str, DoorState],
                after_door_id: str | None = None) -> str | None:
    """The first door not done after ``after_door_id`` in this order, wrapping round once."""
    start = door_ids.index(after_door_id) + 1 if after_door_id in door_ids else 0
    for door_id in door_ids[start:] + door_ids[:start]:
        state = states.get(door_id)
        if door_id != after_door_id and not (state and state.done):
            return door_id
    return None


def roster_problem(session: Session, door_id: str) -> str:
    """Why this door no longer fits the roster, in words for the volunteer; "" when it does."""
    places = door_places(session, [door_id])
    place = places.get(door_id)
    if place is None:
        return _("This door is no longer in the campaign.")
    dwelling = session.get(Dwelling, place.dwelling_id) if place.dwelling_id else None
    if dwelling is None or dwelling.deleted:
        return _("The dwelling {address} was deleted from the roster after the campaign "
                 "began. Ask the office before visiting.").format(address=place.address)
    if place.household_id is None:
        return ""
    household = session.get(Household, place.household_id)
    if household is None or household.deleted:
        return _("The household at {address} was deleted from the roster after the campaign "
                 "began. Record the visit as it is, and note who lives here now.").format(
                     address=place.address)
    if household.dwelling_id != place.dwelling_id:
        if household.dwelling_id is None:
            return _("The household has moved away from {address} and has no dwelling on the "
                     "roster now. Record who you find here, or mark the flat vacant.").format(
                         address=place.address)
        new_place = session.execute(
            select(Compound.name, Building.name, Dwelling.unit, Dwelling.room)
            .join(Building, Building.compound_id == Compound.id)
            .join(Dwelling, Dwelling.building_id == Building.id)
            .where(Dwelling.id == household.dwelling_id)).first()
        moved_to = (new_place[0] + format_address(*new_place[1:])) if new_place else ""
        return _("The household has moved from {address} to {moved_to} since the campaign "
                 "began. Record who you find here, or mark the flat vacant.").format(
                     address=place.address, moved_to=moved_to)
    return ""


def _members(session: Session, household_id: str | None, today: dt.date
             ) -> tuple[DoorMember, ...]:
    if household_id is None:
        return ()
    people = session.execute(
        select(Resident.id, Resident.name, Resident.relationship, Resident.sex,
               Resident.birth_date, Resident.phone)
        .where(Resident.household_id == household_id, Resident.deleted.is_(False),
               Resident.moved_out.is_(False), Resident.deceased.is_(False))).all()
    tag = aliased(Tag)
    tags: dict[str, list[str]] = {}
    for resident_id, code, name in session.execute(
            select(ResidentTag.resident_id, tag.code, tag.name)
            .join(tag, tag.id == ResidentTag.tag_id)
            .join(Resident, Resident.id == ResidentTag.resident_id)
            .where(Resident.household_id == household_id, ResidentTag.deleted.is_(False),
                   tag.deleted.is_(False))):
        label = _(BUILTIN_TAGS[code]) if code in BUILTIN_TAGS else name
        tags.setdefault(resident_id, []).append(label)
    members = [DoorMember(
        rid, name, _(RELATIONSHIPS[rel]) if rel in RELATIONSHIPS else "", sex or "0",
        age_on(birth, today) if birth else None, mask_phone(phone) if phone else "",
        tuple(sorted(tags.get(rid, ()))), rel == HEAD_RELATIONSHIP)
        for rid, name, rel, sex, birth, phone in people]
    members.sort(key=lambda m: (not m.is_head, -(m.age or 0), m.name))
    return tuple(members)


def door_visits(session: Session, door_id: str) -> tuple[EarlierVisit, ...]:
    rows = session.execute(
        select(Visit).where(Visit.door_id == door_id, Visit.deleted.is_(False))
        .order_by(Visit.visited_at, Visit.id)).scalars().all()
    replaced = {v.replaces_id for v in rows if v.replaces_id}
    return tuple(EarlierVisit(v.id, v.visited_at, v.outcome, v.visitor_name, v.callback_at,
                              v.follow_up, v.follow_up_note, v.note, v.id in replaced)
                 for v in rows)


def _state_of(visits: tuple[EarlierVisit, ...]) -> DoorState:
    # The rule of state.door_states for one door: its latest visit (by time, then id) decides.
    if not visits:
        return UNVISITED
    last = visits[-1]
    return DoorState(last.outcome, len(visits), last.visited_at, last.id, last.callback_at)


def door_detail(session: Session, door_id: str, today: dt.date | None = None) -> DoorDetail:
    """One door: its place, household members (age, relationship, tags; no ID numbers), the
    visits made there in this campaign, and why it no longer fits the roster if it does not."""
    place = door_places(session, [door_id]).get(door_id)
    if place is None:
        raise ValidationError(_("This door is not in the campaign."), field="door")
    campaign = session.get(Campaign, place.campaign_id)
    if campaign is None or campaign.deleted:
        raise ValidationError(_("This campaign no longer exists."), field="campaign")
    visits = door_visits(session, door_id)
    problem = roster_problem(session, door_id)
    # A household that moved away is not who lives behind this door: show no one.
    household_id = place.household_id if not problem else None
    draft_id = session.execute(select(VisitDraft.id).where(
        VisitDraft.door_id == door_id).order_by(VisitDraft.saved_at.desc()).limit(1)).scalar()
    return DoorDetail(place, _state_of(visits),
                      _members(session, household_id, today or dt.date.today()), visits,
                      problem, draft_id)
