"""What owners' votes declare about themselves: their synced tables and labels. Votes are the
office's: a volunteer's scoped bundle carries none of them (a ballot collected at the door is
a visit of the vote's campaign, and travels as visits do); the owners' names of the electorate
are left out of any minimised bundle."""

from __future__ import annotations

from desktop.core.features import (
    ONLY_REFERENCED,
    FeatureDeclaration,
    SyncedTable,
    register,
)
from desktop.core.i18n import N_

FEATURE = register(FeatureDeclaration("votes", (
    SyncedTable("vote", N_("Owners' votes"), ONLY_REFERENCED,
                field_labels={"title": N_("Title"), "proposal": N_("The proposal put to the vote"),
                              "item": N_("Matter"), "opens_on": N_("From"),
                              "closes_on": N_("Until"), "include_late": N_("Late ballots count"),
                              "closed_on": N_("Closed on")}),
    SyncedTable("vote_dwelling", N_("Vote electorate"), ONLY_REFERENCED,
                field_labels={"area": N_("Exclusive area"), "excluded": N_("Excluded")},
                minimised=("owners",)),
    SyncedTable("ballot", N_("Ballots"), ONLY_REFERENCED,
                field_labels={"opinion": N_("Opinion")}),
), models=("desktop.votes.tables",)))
