"""An agenda item about a visiting campaign (by reference): named where it is shown."""

from __future__ import annotations

import datetime as dt

from desktop.meetings.service import MeetingDraft, save_agenda_item, save_meeting

DAY = dt.datetime(2026, 11, 5, 9, 0)


def _meeting(db, title: str) -> str:
    with db.unit_of_work("社工") as uow:
        return save_meeting(uow, MeetingDraft("tripartite", title, DAY, place="社区会议室"))


def test_an_agenda_item_about_a_campaign_names_it_in_the_detail_and_the_minutes(db, tmp_path):
    """Linked by reference: the campaign's name is read where it is shown; an unknown
    campaign is refused, naming the field, and nothing is written."""
    import subprocess

    import pytest

    from desktop.core.errors import ValidationError
    from desktop.core.tasks import TaskContext
    from desktop.meetings.minutes import render_minutes
    from desktop.meetings.reading import meeting_detail
    from desktop.setup.demo import fill_demo
    from desktop.visits.campaigns.reading import campaign_list
    from tests.roster.editing_fixtures import snapshot

    fill_demo(db, 300, TaskContext(), meetings=False)
    with db.reading() as session:
        campaign_id, name = campaign_list(session)[0]
    meeting = _meeting(db, "翠苑一区三方联席会议")
    with db.unit_of_work("社工") as uow:
        item = save_agenda_item(uow, meeting, "外墙维修征询进展", campaign_id=campaign_id)
    before = snapshot(db)
    with pytest.raises(ValidationError) as refused, db.unit_of_work("社工") as uow:
        save_agenda_item(uow, meeting, "另一个议题", campaign_id="no-such-campaign")
    assert refused.value.field == "campaign" and snapshot(db) == before
    with db.reading() as session:
        agenda = meeting_detail(session, meeting).agenda
        pdf = render_minutes(session, meeting)
    assert [(a.id, a.campaign_id, a.campaign) for a in agenda] == [(item, campaign_id, name)]
    path = tmp_path / "minutes.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert name in "".join(text.split())
