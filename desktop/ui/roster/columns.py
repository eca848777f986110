"""Column headers and cell text of the roster tables: codes shown translated, plain text out.

Copy uses the same text as the screen (ID numbers and phones as plain digits: a spreadsheet that
reads the clipboard as numbers may round an 18-digit ID — paste into a column formatted as Text,
or use the export, which writes them as text).
"""

from __future__ import annotations

import logging

from desktop.core.errors import SettingsError
from desktop.core.i18n import N_, _
from desktop.roster import codes
from desktop.roster.views import HouseholdRow, ResidentRow

log = logging.getLogger(__name__)

RESIDENT_LABELS = {
    "name": N_("Name"),
    "sex": N_("Sex"),
    "age": N_("Age"),
    "id_number": N_("ID number"),
    "phone": N_("Phone"),
    "address": N_("Address"),
    "compound": N_("Compound"),
    "household_number": N_("Household no."),
    "relationship": N_("Relationship"),
    "residence_status": N_("Residence"),
    "tags": N_("Tags"),
    "birth_date": N_("Date of birth"),
    "ethnicity": N_("Ethnic group"),
    "political_status": N_("Political status"),
    "work_unit": N_("Work unit"),
    "status": N_("Status"),
}
HOUSEHOLD_LABELS = {
    "number": N_("Household no."),
    "head": N_("Head of household"),
    "address": N_("Address"),
    "compound": N_("Compound"),
    "members": N_("Members"),
    "floor_area": N_("Floor area (m²)"),
    "owners": N_("Owners"),
}
# Shown when the page opens; the others are a right-click on the header away.
RESIDENT_DEFAULT_COLUMNS = (
    "name", "sex", "age", "id_number", "phone", "address", "compound", "relationship",
    "residence_status", "tags",
)
HOUSEHOLD_DEFAULT_COLUMNS = ("number", "head", "address", "compound", "members", "floor_area",
                             "owners")
NUMERIC_COLUMNS = {"age", "members", "floor_area"}


# Columns that show a code's translated label: the widths fit the longest label.
_CODE_TABLES = {
    "sex": codes.SEXES, "relationship": codes.RELATIONSHIPS,
    "residence_status": codes.RESIDENCE_STATUSES, "ethnicity": codes.ETHNICITIES,
    "political_status": codes.POLITICAL_STATUSES,
}


def column_samples(column: str) -> list[str]:
    """Texts the column shows whatever the rows: its code labels, in the current language."""
    if column in _CODE_TABLES:
        return [_(label) for label in _CODE_TABLES[column].values()]
    if column == "tags":
        return [translated_tag(code) for code in codes.BUILTIN_TAGS]
    if column == "status":
        return [_("Deceased"), _("Moved out"), _("Living here")]
    return []


def _code(table: dict[str, str], value: str) -> str:
    label = table.get(value)
    return _(label) if label else value


def translated_tag(name: str) -> str:
    """A tag as shown: built-in tags arrive as their code or English name."""
    label = codes.BUILTIN_TAGS.get(name)
    return _(label) if label else _(name) if name in codes.BUILTIN_TAGS.values() else name


def resident_status(row: ResidentRow) -> str:
    if row.deceased:
        return _("Deceased")
    if row.moved_out:
        return _("Moved out")
    return _("Living here")


def resident_cell(row: ResidentRow, column: str) -> str:
    if column == "sex":
        return _code(codes.SEXES, row.sex)
    if column == "age":
        return "" if row.age is None else str(row.age)
    if column == "relationship":
        return _code(codes.RELATIONSHIPS, row.relationship)
    if column == "residence_status":
        return _code(codes.RESIDENCE_STATUSES, row.residence_status)
    if column == "ethnicity":
        return _code(codes.ETHNICITIES, row.ethnicity)
    if column == "political_status":
        return _code(codes.POLITICAL_STATUSES, row.political_status)
    if column == "tags":
        return "、".join(translated_tag(t) for t in row.tags)
    if column == "birth_date":
        return row.birth_date.isoformat() if row.birth_date else ""
    if column == "status":
        return resident_status(row)
    value = getattr(row, column, "")
    return "" if value is None else str(value)


def household_cell(row: HouseholdRow, column: str) -> str:
    if column == "members":
        return str(row.members)
    if column == "floor_area":
        return "" if row.floor_area is None else f"{row.floor_area:.2f}"
    value = getattr(row, column, "")
    return "" if value is None else str(value)


def chosen_columns(settings, option: str, default, model) -> list[str]:
    """The columns the user chose last time (those this version knows), else the default."""
    chosen = [key for key in (settings.get(option) or ()) if key in model.columns]
    return chosen or list(default)


def remember_columns(settings, option: str, keys: list[str]) -> None:
    try:
        settings.set(option, list(keys))
        settings.save()
    except SettingsError as exc:  # a read-only settings file: the choice lasts this session
        log.warning("column choice not saved: %s", exc.details or exc.message)
