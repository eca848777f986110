"""What notices declare about themselves: their synced tables and labels.

Notices are the office's own papers, not a volunteer's work: a scoped bundle selects none of
them (they travel only in full bundles and deltas).
"""

from __future__ import annotations

from desktop.core.features import (
    ONLY_REFERENCED,
    FeatureDeclaration,
    SyncedTable,
    register,
)
from desktop.core.i18n import N_

FEATURE = register(FeatureDeclaration("notices", (
    SyncedTable("notice", N_("Notices"), ONLY_REFERENCED),
    SyncedTable("notice_print", N_("Printed notices"), ONLY_REFERENCED),
), models=("desktop.notices.models",)))
