"""Search across meetings on a real SQLite file: 简体 finds 繁體 and back, pinyin initials and
full pinyin find Chinese words, every kind of text is searched, deleted meetings are not."""

from __future__ import annotations

import datetime as dt

from desktop.meetings.actions import ActionDraft, add_action
from desktop.meetings.search import search_meetings
from desktop.meetings.service import (
    MeetingDraft,
    delete_meeting,
    save_agenda_item,
    save_decision,
    save_meeting,
)

DAY = dt.datetime(2026, 11, 5, 9, 0)


def _meeting(db, title: str, when=DAY) -> str:
    with db.unit_of_work("社工") as uow:
        return save_meeting(uow, MeetingDraft("tripartite", title, when, place="社区会议室"))


def _search(db, text):
    with db.reading() as session:
        return search_meetings(session, text)


def test_every_kind_of_text_is_found_in_either_script_and_in_pinyin(db):
    meeting = _meeting(db, "翠苑一区三方聯席會議")  # written in 繁體
    with db.unit_of_work("社工") as uow:
        save_agenda_item(uow, meeting, "加装电梯", discussion="3幢业主希望加装电梯，物业同意配合。")
        save_decision(uow, meeting, "同意由业委会牵头征求3幢业主意见")
        add_action(uow, ActionDraft("楼道堆放杂物", "property_company",
                                    remedy="物业一周内清理", responsible_person="王经理"),
                   meeting_id=meeting, opened_on=DAY.date())
    assert {h.kind for h in _search(db, "联席")} == {"meeting"}  # 简 finds 繁
    assert {h.kind for h in _search(db, "電梯")} == {"agenda_item"}  # 繁 finds 简
    assert {h.kind for h in _search(db, "业委会")} == {"decision"}
    hits = _search(db, "清理")
    assert [h.kind for h in hits] == ["action_item"] and hits[0].title == "楼道堆放杂物"
    assert hits[0].meeting_id == meeting and hits[0].action_id
    assert {h.kind for h in _search(db, "dianti")} == {"agenda_item"}  # full pinyin
    assert {h.kind for h in _search(db, "dfzw")} == {"action_item"}  # initials of 堆放杂物
    assert _search(db, "王经理")[0].kind == "action_item"
    assert "加装电梯" in _search(db, "加装")[0].snippet


def test_an_empty_search_finds_nothing_and_a_deleted_meeting_is_not_found(db):
    meeting = _meeting(db, "红茶议事会")
    assert [h.row_id for h in _search(db, "红茶")] == [meeting]
    assert _search(db, "   ") == []
    with db.unit_of_work("社工") as uow:
        delete_meeting(uow, meeting)
    assert _search(db, "红茶") == []

