"""Places the user names on the command line: a grid, a compound or a building, by name or id.

A name must mean exactly one place. Building names repeat across compounds (every compound
has a 3幢), so a building name found in several compounds is refused with the compounds
listed, and a compound given alongside narrows the search to it. ``linli roster export``,
``linli roster print`` and ``linli bundle export`` all resolve names here.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.core.errors import LinliError
from desktop.core.i18n import _
from desktop.roster.models import Building, Compound, Grid


def _choices(names: Iterable[str]) -> str:
    return _(", ").join(sorted(set(names)))


def find_grid(session: Session, name: str) -> str:
    found = session.execute(select(Grid.id, Grid.name).where(
        or_(Grid.id == name, Grid.name == name), Grid.deleted.is_(False))).all()
    if not found:
        raise LinliError(_("There is no grid named {name}.").format(name=name))
    if len(found) > 1:
        raise LinliError(_("Several grids are named {name}; give the grid's id instead.")
                         .format(name=name))
    return found[0].id


def find_compound(session: Session, name: str) -> str:
    found = session.execute(select(Compound.id).where(
        or_(Compound.id == name, Compound.name == name),
        Compound.deleted.is_(False))).scalars().all()
    if not found:
        raise LinliError(_("There is no compound named {name}.").format(name=name))
    if len(found) > 1:
        raise LinliError(_("Several compounds are named {name}; give the compound's id "
                           "instead.").format(name=name))
    return found[0]


def find_building(session: Session, name: str, compound_ids: Iterable[str] = ()) -> str:
    """The one building called ``name`` (or with that id), inside ``compound_ids`` if any."""
    compound_ids = list(compound_ids)
    stmt = (select(Building.id, Compound.name.label("compound"))
            .join(Compound, Compound.id == Building.compound_id)
            .where(or_(Building.id == name, Building.name == name),
                   Building.deleted.is_(False)))
    if compound_ids:
        stmt = stmt.where(Building.compound_id.in_(compound_ids))
    found = session.execute(stmt).all()
    if not found:
        if compound_ids:
            compounds = session.execute(select(Compound.name).where(
                Compound.id.in_(compound_ids))).scalars()
            raise LinliError(_("There is no building named {name} in {compounds}.").format(
                name=name, compounds=_choices(compounds)))
        raise LinliError(_("There is no building named {name}.").format(name=name))
    if len(found) > 1:
        raise LinliError(_("{name} is in several compounds: {compounds}; add --compound.")
                         .format(name=name, compounds=_choices(r.compound for r in found)))
    return found[0].id


def scope_from_names(session: Session, names: dict) -> dict:
    """The scope ({"grids": ids, "compounds": ids, "buildings": ids}) of places named on the
    command line, each exactly one place: ``compounds`` given with ``buildings`` narrow the
    buildings instead of adding the whole compounds."""
    grids = [find_grid(session, name) for name in names.get("grids", ())]
    compounds = [find_compound(session, name) for name in names.get("compounds", ())]
    buildings = [find_building(session, name, compounds) for name in names.get("buildings", ())]
    if buildings:
        compounds = []
    return {"grids": sorted(set(grids)), "compounds": sorted(set(compounds)),
            "buildings": sorted(set(buildings))}


def place_labels(session: Session, scope: dict) -> list[str]:
    """The places of a scope ({"grids": ids, "compounds": ids, "buildings": ids}) as a person
    reads them: "一网格", "翠苑一区", "翠苑一区 3幢"."""
    labels = []
    if scope.get("grids"):
        labels += sorted(session.execute(select(Grid.name).where(
            Grid.id.in_(scope["grids"]))).scalars())
    if scope.get("compounds"):
        labels += sorted(session.execute(select(Compound.name).where(
            Compound.id.in_(scope["compounds"]))).scalars())
    if scope.get("buildings"):
        rows = session.execute(
            select(Compound.name, Building.name)
            .join(Compound, Compound.id == Building.compound_id)
            .where(Building.id.in_(scope["buildings"]))
            .order_by(Compound.name, Building.sort_key, Building.name)).all()
        labels += [_("{compound} {building}").format(compound=c, building=b) for c, b in rows]
    return labels
