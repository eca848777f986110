"""The states a door can be in, with the words and colours the office's pictures use.

One colour per state, everywhere (the coverage picture, its legend, the counts): green is
done and answered, red refused, amber tried and not found, orange to come back, slate a
vacant flat, pale grey not knocked on yet. Each is also told apart by more than colour: the
legend names it, and a door's tooltip says it.
"""

from __future__ import annotations

from desktop.core.i18n import N_, _
from desktop.visits.doors.state import NOT_VISITED

# In the order the legend lists them: not yet, then the outcomes from best to worst.
STATES = (NOT_VISITED, "completed", "not_home", "revisit", "refused", "vacant")
STATE_LABELS = {
    NOT_VISITED: N_("Not visited"),
    "completed": N_("Completed"),
    "not_home": N_("Not at home"),
    "refused": N_("Refused"),
    "vacant": N_("Vacant"),
    "revisit": N_("Come back later"),
}
STATE_COLORS = {
    NOT_VISITED: "#e5e7eb",
    "completed": "#2e9b57",
    "not_home": "#e8b322",
    "refused": "#d1453b",
    "vacant": "#7c8aa5",
    "revisit": "#ef7d22",
}
# Text on a filled door: dark on the pale and yellow ones, white on the dark ones.
TEXT_COLORS = {NOT_VISITED: "#374151", "not_home": "#3b2f00"}


def state_label(state: str) -> str:
    return _(STATE_LABELS.get(state, state))


def state_color(state: str) -> str:
    return STATE_COLORS.get(state, "#bbbbbb")


def text_color(state: str) -> str:
    return TEXT_COLORS.get(state, "#ffffff")
