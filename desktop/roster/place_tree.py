"""The place tree beside the roster: community → compound → building → unit.

Built from three grouped queries (compounds, buildings, living residents per building and
unit), never one query per node: a 200,000-resident community has ~1,000 buildings.
"""

from __future__ import annotations

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from desktop.roster.community import current_community
from desktop.roster.models import Building, Compound, Dwelling, Household, Resident
from desktop.roster.place_choices import number_key
from desktop.roster.views import PlaceNode, PlaceScope


def place_tree(session: Session) -> PlaceNode:
    """The whole tree; each node counts the living residents (not moved out) below it."""
    community = current_community(session)
    per_unit = session.execute(
        select(Dwelling.building_id, Dwelling.unit, func.count(Resident.id))
        .join(Household, and_(Household.dwelling_id == Dwelling.id,
                              Household.deleted.is_(False)))
        .join(Resident, and_(Resident.household_id == Household.id,
                             Resident.deleted.is_(False), Resident.moved_out.is_(False),
                             Resident.deceased.is_(False)))
        .where(Dwelling.deleted.is_(False))
        .group_by(Dwelling.building_id, Dwelling.unit)
    ).all()
    units_of: dict[str, dict[str, int]] = {}
    for building_id, unit, count in per_unit:
        units_of.setdefault(building_id, {})[unit or ""] = count
    # Units without residents still appear (an empty stairwell is a place to visit).
    for building_id, unit in session.execute(
        select(Dwelling.building_id, Dwelling.unit).where(Dwelling.deleted.is_(False))
        .group_by(Dwelling.building_id, Dwelling.unit)
    ):
        units_of.setdefault(building_id, {}).setdefault(unit or "", 0)
    buildings_of: dict[str, list[PlaceNode]] = {}
    for building_id, compound_id, name in session.execute(
        select(Building.id, Building.compound_id, Building.name)
        .where(Building.deleted.is_(False)).order_by(Building.sort_key, Building.name)
    ):
        units = units_of.get(building_id, {})
        unit_nodes = tuple(
            PlaceNode("unit", f"{building_id}/{unit}", f"{unit}单元" if unit else name,
                      PlaceScope(compound_id=compound_id, building_id=building_id, unit=unit),
                      count)
            for unit, count in sorted(units.items(), key=lambda kv: number_key(kv[0]))
        )
        buildings_of.setdefault(compound_id, []).append(PlaceNode(
            "building", building_id, name,
            PlaceScope(compound_id=compound_id, building_id=building_id),
            sum(units.values()), unit_nodes))
    compounds = tuple(
        PlaceNode("compound", compound_id, name, PlaceScope(compound_id=compound_id),
                  sum(b.residents for b in buildings_of.get(compound_id, ())),
                  tuple(buildings_of.get(compound_id, ())))
        for compound_id, name in session.execute(
            select(Compound.id, Compound.name).where(Compound.deleted.is_(False))
            .order_by(Compound.name))
    )
    living = session.execute(
        select(func.count()).select_from(Resident)
        .where(Resident.deleted.is_(False), Resident.moved_out.is_(False),
               Resident.deceased.is_(False))
    ).scalar_one()
    return PlaceNode("community", community.id if community else "",
                     community.name if community else "", PlaceScope(), living, compounds)
