"""The demo community's campaigns: the visits page is alive on first opening (``linli --demo``)
with a finished campaign and one in progress holding every outcome, follow-ups and roster
proposals; every completed visit's answers pass its form's own checks."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pytest
from sqlalchemy import select

from desktop.core.tasks import TaskContext
from desktop.setup.demo import fill_demo
from desktop.visits.campaigns.reading import list_campaigns
from desktop.visits.forms.filling import FormFill
from desktop.visits.forms.service import load_version
from desktop.visits.records.state import door_states
from desktop.visits.records.visits import OUTCOMES, RosterProposal, Visit


@pytest.mark.parametrize("residents", [1500, 120])
def test_the_demo_holds_a_finished_campaign_and_one_in_progress(db, residents):
    fill_demo(db, residents, TaskContext())
    with db.reading() as session:
        campaigns = list_campaigns(session)
        states = {c.id: door_states(session.connection(), c.id) for c in campaigns}
        visits = session.execute(select(
            Visit.id, Visit.campaign_id, Visit.outcome, Visit.answers, Visit.form_version_id,
            Visit.visited_at, Visit.callback_at, Visit.follow_up, Visit.follow_up_note)).all()
        proposals = session.execute(select(RosterProposal.kind, RosterProposal.status)).all()
        forms = {c.form_version_id: load_version(session, c.form_version_id) for c in campaigns}
    assert len(campaigns) == 2
    current, finished = campaigns  # the newest first
    assert finished.done == finished.doors > 0
    assert 0.4 <= current.visited / current.doors <= 0.8
    assert {s.outcome for s in states[current.id].values()} == set(OUTCOMES)
    assert any(v.follow_up and v.follow_up_note for v in visits)
    assert {p.status for p in proposals} == {"pending"}
    assert {"phone", "moved_out", "new_member"} <= {p.kind for p in proposals}
    assert all(v.callback_at for v in visits if v.outcome == "revisit")
    for visit in visits:
        if visit.outcome != "completed":
            assert not visit.answers
            continue
        fill = FormFill(forms[visit.form_version_id], json.loads(visit.answers),
                        today=visit.visited_at.date())
        assert fill.problems() == [], visit.id
    last = {c.id: max(s.visited_at for s in states[c.id].values()) for c in campaigns}
    assert last[finished.id].date() <= finished.ends_on
    assert last[current.id].date() <= dt.date.today()
    assert Counter(v.campaign_id for v in visits)[finished.id] >= finished.doors
