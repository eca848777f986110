"""The words people read for the meetings' codes — kinds, parties, attendance, vote rules,
item statuses — in one place, so the page, the minutes, the export, the tracker and the
command line say the same thing (marked with N_, shown with ``label``)."""

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
# Attendees' parties and the parties responsible for items (tables.PARTIES and
# RESPONSIBLE_PARTIES; "other" is a responsible party only).
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


def label(table: dict[str, str], code: str | None) -> str:
    """The translated word for ``code``; an unknown code (a newer copy's) as it is."""
    return _(table[code]) if code in table else (code or "")


def carried_title() -> str:
    """The first agenda item of a series' next meeting (上次会议事项落实情况). It is shown in
    the reader's language whatever was stored when the meeting was opened (a copy made by the
    headless demo in English, read by an office in Chinese)."""
    return _("How the earlier meetings' items went")
