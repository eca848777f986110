"""The states a door can be in, with the words and colours the office's pictures use: the
same as the visitor's screen at the door (one colour per state, everywhere), each also told
apart by more than colour — the legend names it, and a door's tooltip says it.
"""

from __future__ import annotations

from desktop.core.i18n import _
from desktop.ui.visits.door.outcomes import STATE_COLOURS
from desktop.visits.doors.at_door import OUTCOME_LABELS
from desktop.visits.records.state import NOT_VISITED

# In the order the legend lists them: not yet, then the outcomes from best to worst.
STATES = (NOT_VISITED, "completed", "not_home", "revisit", "refused", "vacant")
STATE_LABELS = OUTCOME_LABELS
STATE_COLORS = STATE_COLOURS
# Text on a filled door: dark on the pale and yellow ones, white on the dark ones.
TEXT_COLORS = {NOT_VISITED: "#374151", "not_home": "#3b2f00"}


def state_label(state: str) -> str:
    return _(STATE_LABELS.get(state, state))


def state_color(state: str) -> str:
    return STATE_COLORS.get(state, "#bbbbbb")


def text_color(state: str) -> str:
    return TEXT_COLORS.get(state, "#ffffff")
