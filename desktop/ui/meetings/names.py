"""The words the page shows for the meetings' codes (kinds, parties, attendance, rules,
statuses): one place, so the editor, the lists and the tracker say the same thing."""

from __future__ import annotations

from desktop.core.i18n import N_, _

KINDS = {
    "tripartite": N_("Tripartite joint meeting"),
    "quadripartite": N_("Quadripartite joint meeting"),
    "consultation": N_("Consultation meeting"),
    "owners_assembly": N_("Owners' assembly"),
    "representatives_meeting": N_("Residents' representatives meeting"),
    "owners_committee": N_("Owners' committee meeting"),
    "other": N_("Other meeting"),
}
PARTIES = {
    "community": N_("Community"),
    "owners_committee": N_("Owners' committee"),
    "property_company": N_("Property company"),
    "party_branch": N_("Party branch"),
    "resident": N_("Resident"),
    "representative": N_("Representative"),
    "outside": N_("Outside"),
    "other": N_("Other"),
}
ATTENDANCE = {
    "present": N_("Present"),
    "observer": N_("Observer"),
    "excused": N_("Excused"),
    "absent": N_("Absent"),
}
RULES = {
    "none": N_("Not voted"),
    "majority_of_members": N_("More than half of all members"),
    "simple_majority": N_("Simple majority of those voting"),
}
STATUSES = {
    "open": N_("To do"),
    "in_progress": N_("In progress"),
    "done": N_("Done"),
    "closed": N_("Closed"),
}


def name(table: dict[str, str], code: str | None) -> str:
    """The translated word for ``code``; an unknown code (a newer copy's) as it is."""
    return _(table[code]) if code in table else (code or "")


def fill_combo(combo, table: dict[str, str], codes=None) -> None:
    for code in codes or table:
        combo.addItem(name(table, code), code)


def choose(combo, code: str | None) -> None:
    index = combo.findData(code)
    combo.setCurrentIndex(max(0, index))
