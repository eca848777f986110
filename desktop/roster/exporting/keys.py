"""The export's column keys: the import's fields plus what the roster derives (age, status).

Kept apart from ``columns`` (which formats cells and reads rows) so the command line can list
them in its help without loading the roster's queries at every start of the app.
"""

from __future__ import annotations

from desktop.roster.importing.fields import IMPORTED_KEYS

EXPORT_KEYS: tuple[str, ...] = (*IMPORTED_KEYS, "age", "status")
DEFAULT_COLUMNS: tuple[str, ...] = (
    "name", "sex", "id_number", "birth_date", "phone", "compound", "building", "unit", "room",
    "household_number", "relationship", "ethnicity", "political_status", "residence_status",
    "tags",
)
