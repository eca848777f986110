"""What visits declare about themselves: the survey forms and their versions. Every scoped
bundle carries them all (a volunteer's laptop needs the forms, which hold no personal data),
and withdrawing a volunteer's buildings leaves them there."""

from __future__ import annotations

from desktop.core.features import EVERYWHERE, FeatureDeclaration, SyncedTable, register
from desktop.core.i18n import N_

FEATURE = register(FeatureDeclaration("visits", (
    SyncedTable("form", N_("Survey forms"), EVERYWHERE,
                field_labels={"form_key": N_("Form id"), "title": N_("Title"),
                              "source": N_("Source"), "archived": N_("Archived")}),
    SyncedTable("form_version", N_("Survey form versions"), EVERYWHERE,
                field_labels={"number": N_("Version number"), "version": N_("Version"),
                              "definition": N_("Questions"), "file_name": N_("File")}),
), models=("desktop.visits.forms.tables",)))
