"""Meetings: joint meetings, attendance, decisions and votes, and the three lists followed
from meeting to meeting until each item is closed."""
