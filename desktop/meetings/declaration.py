"""What meetings declare about themselves: their synced tables and labels. Meetings are the
office's: a volunteer's scoped bundle carries none of them (their rows travel only where a
selected row references them, which none does); an attendee's phone is left out of any
minimised bundle."""

from __future__ import annotations

from desktop.core.features import (
    ONLY_REFERENCED,
    FeatureDeclaration,
    SyncedTable,
    register,
)
from desktop.core.i18n import N_

FEATURE = register(FeatureDeclaration("meetings", (
    SyncedTable("meeting_series", N_("Meeting series"), ONLY_REFERENCED,
                field_labels={"name": N_("Name"), "kind": N_("Kind")}),
    SyncedTable("meeting", N_("Meetings"), ONLY_REFERENCED,
                field_labels={"title": N_("Title"), "starts_at": N_("Date and time"),
                              "place": N_("Place"), "chair": N_("Chair"),
                              "recorder": N_("Recorder"), "number": N_("Number")}),
    SyncedTable("meeting_attendee", N_("Meeting attendees"), ONLY_REFERENCED,
                field_labels={"attendance": N_("Attendance"), "party": N_("Party")},
                minimised=("phone",)),
    SyncedTable("agenda_item", N_("Agenda items"), ONLY_REFERENCED,
                field_labels={"discussion": N_("Discussion")}),
    SyncedTable("decision", N_("Decisions"), ONLY_REFERENCED,
                field_labels={"text": N_("Decision")}),
    SyncedTable("action_item", N_("Action items"), ONLY_REFERENCED,
                field_labels={"problem": N_("Problem"), "responsible": N_("Responsible party"),
                              "responsible_person": N_("Responsible person"),
                              "remedy": N_("Remedy"), "due": N_("Due"),
                              "status": N_("Status")}),
    SyncedTable("action_progress", N_("Action item progress"), ONLY_REFERENCED),
), models=("desktop.meetings.tables",)))
