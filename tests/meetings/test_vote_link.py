"""An agenda item about an owners' vote (by reference): the detail and the minutes name the
vote and how it stands — collecting, then passed or not once the count is closed."""

from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest
from sqlalchemy import select

from desktop.core.errors import ValidationError
from desktop.core.i18n import set_language
from desktop.core.tasks import TaskContext
from desktop.meetings.minutes import render_minutes
from desktop.meetings.reading import meeting_detail
from desktop.meetings.service import MeetingDraft, save_agenda_item, save_meeting
from desktop.roster.models import Building
from desktop.setup.demo import fill_demo
from desktop.votes.tables import Vote
from tests.roster.editing_fixtures import snapshot

DAY = dt.datetime(2026, 12, 5, 9, 0)


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "minutes.pdf"
    path.write_bytes(pdf)
    return "".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                  text=True, check=True).stdout.split())


def test_an_agenda_item_about_a_vote_says_how_the_vote_stands(db, tmp_path):
    set_language("zh_Hans")
    fill_demo(db, 300, TaskContext(), campaigns=False, meetings=False)
    with db.unit_of_work("社工") as uow:
        building = uow.session.execute(select(Building).limit(1)).scalar()
        vote = Vote(title="3幢电梯更新表决", item=6, compound_id=building.compound_id,
                    building_id=building.id, opens_on=dt.date(2026, 12, 1),
                    closes_on=dt.date(2026, 12, 31))
        uow.session.add(vote)
        uow.session.flush()
        vote_id = vote.id
        meeting = save_meeting(uow, MeetingDraft("tripartite", "三方联席会议", DAY))
        item = save_agenda_item(uow, meeting, "电梯更新进展", vote_id=vote_id)
    before = snapshot(db)
    with pytest.raises(ValidationError) as refused, db.unit_of_work("社工") as uow:
        save_agenda_item(uow, meeting, "另一个议题", vote_id="no-such-vote")
    assert refused.value.field == "vote" and snapshot(db) == before

    with db.reading() as session:
        [row] = meeting_detail(session, meeting).agenda
        assert (row.id, row.vote_id) == (item, vote_id)
        assert row.vote.startswith("3幢电梯更新表决") and "2026-12-31" in row.vote
        assert "3幢电梯更新表决" in _text(render_minutes(session, meeting), tmp_path)

    with db.unit_of_work("社工") as uow:  # the office closes the count: it passed
        closed = uow.session.get(Vote, vote_id)
        closed.closed_on = dt.date(2026, 12, 31)
        closed.result = json.dumps({"passed": True})
    with db.reading() as session:
        [row] = meeting_detail(session, meeting).agenda
        assert row.vote == "3幢电梯更新表决：通过"
        assert "3幢电梯更新表决：通过" in _text(render_minutes(session, meeting), tmp_path)
