"""What the security layer declares: its models (operators, local; the audit log, synced).

The audit log travels from every copy to the office in its bundles, never out to volunteers'
copies in a scoped bundle: its rule selects no rows by place, and no place references it.
"""

from __future__ import annotations

from desktop.core.features import (
    FeatureDeclaration,
    ScopeRule,
    SyncedTable,
    register,
)
from desktop.core.i18n import N_

FEATURE = register(FeatureDeclaration(
    "security",
    # Selects nothing (as ONLY_REFERENCED), and says outright that taking a scope back from a
    # copy removes none of it: nothing deletes audit entries.
    synced_tables=(SyncedTable("audit_entry", N_("Audit log"), ScopeRule(withdrawn=False)),),
    models=("desktop.security.tables",),
))

# The audit log installs itself where sync records the bundles it makes and imports
# (desktop.core.auditing): loading the declarations is enough.
import desktop.security.audit  # noqa: F401
