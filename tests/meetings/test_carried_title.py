"""The carried-over agenda item reads in the reader's language, whatever language the copy
that opened the meeting ran in (the headless demo runs in English)."""

from __future__ import annotations

import datetime as dt

from desktop.core.i18n import set_language
from desktop.meetings.reading import meeting_detail
from desktop.meetings.service import MeetingDraft, next_meeting, save_meeting


def test_the_carried_over_item_reads_in_the_readers_language(db):
    with db.unit_of_work("社工") as uow:
        first = save_meeting(uow, MeetingDraft("tripartite", "翠苑一区三方联席会议",
                                               dt.datetime(2026, 11, 5, 9, 0)))
        second = next_meeting(uow, first, dt.datetime(2026, 12, 5, 9, 0))  # made in English
    set_language("zh_Hans")
    with db.reading() as session:
        title = meeting_detail(session, second).agenda[0].title
    assert title == "上次会议事项落实情况"
