"""The Campaigns tab of the Home visits page (see ``tab``)."""

from desktop.ui.visits.campaigns.tab import CampaignsTab

__all__ = ["CampaignsTab"]
