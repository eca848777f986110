"""The form filler widget (``FormFiller``) over a Qt-free ``FormFill``."""

from desktop.ui.visits.filler.filler import FormFiller

__all__ = ["FormFiller"]
