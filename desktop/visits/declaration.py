"""What visits declare about themselves: survey forms and their versions, campaigns with their
visitors and doors, the visits and the roster proposals made at the door.

Every scoped bundle carries all the forms (a volunteer's laptop needs them; they hold no
personal data), and withdrawing a volunteer's places leaves them there. A bundle "for a
visitor" names the campaign's visitor (``campaign_visitors``): it carries that visitor, their
doors and the visits already made at those doors, and — through ``expand_scope`` — the
households living at those doors, so the roster's own rules add their residents and tags (with
ID numbers left out, as in every scoped bundle) and the dwellings come along; not the owners. Visits are never taken back from a laptop:
a withdrawal leaves them, so nothing answered is lost before it reaches the office.
"""

from __future__ import annotations

from desktop.core.features import (
    EVERYWHERE,
    ONLY_REFERENCED,
    FeatureDeclaration,
    ScopeRule,
    SyncedTable,
    register,
)
from desktop.core.i18n import N_


def _expand_scope(session, scope: dict) -> dict:
    from desktop.visits.campaigns.scoping import (
        visitor_households,  # the ORM only when asked
    )

    return visitor_households(session, scope)


def _scope_places(session, scope: dict) -> list[str]:
    from desktop.visits.campaigns.bundle_labels import visitor_labels

    return visitor_labels(session, scope)  # "外墙维修走访 · 张三"


def _scope_from_names(session, names: dict) -> dict:
    from desktop.visits.campaigns.bundle_labels import visitor_scope_from_names

    return visitor_scope_from_names(session, names)  # --campaign NAME --visitor NAME


FEATURE = register(FeatureDeclaration("visits", (
    SyncedTable("form", N_("Survey forms"), EVERYWHERE,
                field_labels={"form_key": N_("Form id"), "title": N_("Title"),
                              "source": N_("Source"), "archived": N_("Archived")}),
    SyncedTable("form_version", N_("Survey form versions"), EVERYWHERE,
                field_labels={"number": N_("Version number"), "version": N_("Version"),
                              "definition": N_("Questions"), "file_name": N_("File")}),
    SyncedTable("campaign", N_("Campaigns"), ONLY_REFERENCED,
                field_labels={"name": N_("Name"), "purpose": N_("Purpose"),
                              "starts_on": N_("From"), "ends_on": N_("Until")}),
    SyncedTable("campaign_visitor", N_("Campaign visitors"),
                ScopeRule(chosen="campaign_visitors"),
                field_labels={"name": N_("Name"), "phone": N_("Phone")}),
    SyncedTable("campaign_door", N_("Campaign doors"),
                ScopeRule(follows=(("visitor_id", "campaign_visitor"),)),
                field_labels={"visitor_id": N_("Visitor")}),
    SyncedTable("visit", N_("Visits"),
                ScopeRule(follows=(("door_id", "campaign_door"),), withdrawn=False)),
    SyncedTable("roster_proposal", N_("Roster proposals"), ONLY_REFERENCED,
                field_labels={"status": N_("Status")}),
), expand_scope=_expand_scope, scope_places=_scope_places,
    scope_from_names=_scope_from_names,
    models=("desktop.visits.forms.tables", "desktop.visits.records.campaigns",
            "desktop.visits.records.visits")))
