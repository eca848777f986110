"""The survey form builder (the dialog) and its question editor."""

from desktop.ui.visits.builder.dialog import FormBuilder

__all__ = ["FormBuilder"]
