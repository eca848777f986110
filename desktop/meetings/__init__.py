"""Meetings (会议纪要): joint meetings and consultations with their attendance, agenda and
decisions, and the "three lists" of action items followed from meeting to meeting until
each is closed."""
