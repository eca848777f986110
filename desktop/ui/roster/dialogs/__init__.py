"""Dialogs that edit the roster: residents, households, and places (compounds, buildings,
dwellings in bulk)."""

from desktop.ui.roster.dialogs.household import HouseholdDialog, HouseholdEditDialog
from desktop.ui.roster.dialogs.household_new import NewHouseholdDialog
from desktop.ui.roster.dialogs.places import (
           BuildingDialog,
           BulkDwellingsDialog,
           CompoundDialog,
)
from desktop.ui.roster.dialogs.resident import ResidentDialog

__all__ = ["BuildingDialog", "BulkDwellingsDialog", "CompoundDialog", "HouseholdDialog",
           "HouseholdEditDialog", "NewHouseholdDialog", "ResidentDialog"]
