"""Meetings: joint meetings, attendance, decisions and the three lists (a page saying what is
to come, until the feature is built)."""
