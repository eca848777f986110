"""The places visits tests choose: the community's first buildings in walking order."""

from __future__ import annotations

from sqlalchemy import select

from desktop.roster.address import natural_key
from desktop.roster.models import Building, Compound


def first_buildings(db, count: int = 2) -> list[str]:
    """The first buildings of the community, compound by compound, in their sort order (the
    order a campaign walks them in)."""
    with db.reading() as session:
        rows = session.execute(select(Building.id, Building.sort_key, Building.name,
                                      Compound.name)
                               .join(Compound, Compound.id == Building.compound_id)).all()
    rows.sort(key=lambda r: (natural_key(r[3]), r[1] or 0, natural_key(r[2])))
    return [r[0] for r in rows][:count]
