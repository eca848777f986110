"""The "At the door" tab of the Home visits page: the volunteer's screen."""

from desktop.ui.visits.door.tab import DoorTab

__all__ = ["DoorTab"]
