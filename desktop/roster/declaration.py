"""What the roster declares about itself: its synced tables, their labels, how a volunteer's
scoped bundle picks their rows from the chosen places, and the personal fields left out of it.

A scoped bundle holds the chosen grids, compounds and buildings; the compounds and buildings
of a chosen grid and the buildings of a chosen compound; the dwellings of those buildings with
their households, residents, residents' tags and owners — and every row those reference (the
community, the tags, a grid's parent, an owner living elsewhere). Taking the scope back removes
the selected rows, never those only referenced.
"""

from __future__ import annotations

from desktop.core.features import (
    ONLY_REFERENCED,
    FeatureDeclaration,
    ScopeRule,
    SyncedTable,
    register,
)
from desktop.core.i18n import N_
from desktop.roster.importing.fields import FIELDS

# The resident's fields under the names the import and the roster page give them.
_RESIDENT_FIELDS = {f.key: f.label for f in FIELDS}


def _scope_places(session, scope: dict) -> list[str]:
    from desktop.roster.place_lookup import (
        place_labels,  # the ORM only when a bundle is made
    )

    return place_labels(session, scope)


def _scope_from_names(session, names: dict) -> dict:
    from desktop.roster.place_lookup import scope_from_names

    return scope_from_names(session, names)

FEATURE = register(FeatureDeclaration("roster", (
    SyncedTable("community", N_("Community"), ONLY_REFERENCED, is_community=True),
    SyncedTable("grid", N_("Grids"), ScopeRule(chosen="grids")),
    SyncedTable("compound", N_("Compounds"),
                ScopeRule(chosen="compounds", follows=(("grid_id", "grid"),))),
    SyncedTable("building", N_("Buildings"),
                ScopeRule(chosen="buildings", follows=(("grid_id", "grid"),
                                                       ("compound_id", "compound")))),
    SyncedTable("dwelling", N_("Dwellings"),
                ScopeRule(chosen="dwellings", follows=(("building_id", "building"),))),
    SyncedTable("household", N_("Households"),  # chosen: those at a campaign visitor's doors
                ScopeRule(chosen="households", follows=(("dwelling_id", "dwelling"),))),
    SyncedTable("resident", N_("Residents"), ScopeRule(follows=(("household_id", "household"),)),
                field_labels=_RESIDENT_FIELDS,
                minimised=("id_number", "id_number_original")),
    SyncedTable("dwelling_owner", N_("Owners"),
                ScopeRule(follows=(("dwelling_id", "dwelling"),)),
                minimised=("outside_id_number",)),
    SyncedTable("tag", N_("Tags"), ONLY_REFERENCED),
    SyncedTable("resident_tag", N_("Residents' tags"),
                ScopeRule(follows=(("resident_id", "resident"),))),
), scope_places=_scope_places, scope_from_names=_scope_from_names,
    models=("desktop.roster.models", "desktop.roster.importing.models")))
