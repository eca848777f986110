"""Filling a form (Qt-free): ``FormFill`` holds the answers and recomputes only what a change
reaches; the widget in ``desktop/ui/visits/filler`` shows it."""

from desktop.visits.forms.filling.engine import FormFill
from desktop.visits.forms.filling.state import (
           Change,
           Entry,
           GroupState,
           Key,
           QuestionState,
)
from desktop.visits.forms.filling.store import CONFIRMED, RESIDENT_ID

__all__ = ["CONFIRMED", "RESIDENT_ID", "Change", "Entry", "FormFill", "GroupState", "Key",
           "QuestionState"]
