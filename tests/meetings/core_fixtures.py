"""Small helpers for the meetings core tests: a series with a compound, a meeting, an item."""

from __future__ import annotations

import datetime as dt

from desktop.meetings.actions import ActionDraft, add_action
from desktop.meetings.service import (
    AttendeeDraft,
    MeetingDraft,
    save_meeting,
    save_series,
    set_attendees,
)
from tests.roster.editing_fixtures import make_places

DAY1 = dt.datetime(2026, 1, 5, 9, 0)


def start_series(db, with_compound: bool = True) -> dict:
    """A compound (with two households), a 三方联席 series over it and its first meeting with
    three attendees; returns the ids."""
    places = make_places(db) if with_compound else None
    compound_id = places.compound_id if places else None
    with db.unit_of_work("王小红") as uow:
        series_id = save_series(uow, "翠苑一区三方联席会议", "tripartite", compound_id)
        meeting_id = save_meeting(uow, MeetingDraft(
            "tripartite", "翠苑一区三方联席会议", DAY1, place="社区二楼会议室",
            convener="翠苑一区社区", chair="王小红", recorder="李明", number="〔2026〕第1期",
            series_id=series_id))
        set_attendees(uow, meeting_id, [
            AttendeeDraft("王小红", "community", title="主任"),
            AttendeeDraft("赵业委", "owners_committee", title="业委会主任"),
            AttendeeDraft("钱经理", "property_company", organisation="绿城物业", attendance="excused",
                          phone="13800000001")])
    return {"places": places, "compound": compound_id, "series": series_id,
            "meeting": meeting_id}


def item(db, problem: str, meeting_id: str | None = None, due: dt.date | None = None,
         responsible: str = "property_company", opened_on: dt.date | None = None) -> str:
    with db.unit_of_work("王小红") as uow:
        return add_action(uow, ActionDraft(problem, responsible, remedy="整改", due=due),
                          meeting_id, opened_on)
