"""Two copies of the office's data collect ballots for the same vote and exchange bundles:
both end with the same ballots and the same count, and a dwelling voted on both copies keeps
both ballots, the later one counting."""

from __future__ import annotations

import datetime as dt

from desktop.core.paths import DataDir
from desktop.core.tasks import TaskContext
from desktop.setup.demo import fill_demo
from desktop.storage.lifecycle import open_database
from desktop.sync.transfer import ExportRequest, export_bundle, import_bundle
from desktop.votes.ballots import record_ballot
from desktop.votes.reading import (
    ballot_history,
    electorate_rows,
    list_votes,
    tally_json,
    vote_tally,
)

PASS = "votes-sync"


def _exchange(source, target, path):
    import_bundle(target, export_bundle(source, ExportRequest(path, PASS)).path, PASS,
                  trust_signer=True)


def _collecting(db) -> str:
    with db.reading() as session:
        return next(v.id for v in list_votes(session, dt.date.today())
                    if v.state == "collecting")


def _not_voted(db, vote_id):
    with db.reading() as session:
        return [row.dwelling_id for row in electorate_rows(session, vote_id)
                if row.opinion is None and not row.excluded]


def test_ballots_from_two_copies_converge_to_the_same_count(tmp_path):
    office = open_database(DataDir(tmp_path / "office").prepare(), device_name="office")
    fill_demo(office, 300, TaskContext(), campaigns=False, meetings=False)
    laptop = open_database(DataDir(tmp_path / "laptop").prepare(), device_name="laptop")
    _exchange(office, laptop, tmp_path / "to-laptop.linli")
    vote_id = _collecting(office)
    waiting = _not_voted(office, vote_id)
    assert len(waiting) >= 3
    today = dt.date.today()
    with office.unit_of_work("王社工") as uow:
        record_ballot(uow, vote_id, waiting[0], "agree", today)
        record_ballot(uow, vote_id, waiting[1], "against", today)
    with laptop.unit_of_work("李志愿") as uow:
        record_ballot(uow, vote_id, waiting[2], "abstain", today)
        record_ballot(uow, vote_id, waiting[1], "agree", today)  # the same dwelling, later

    _exchange(laptop, office, tmp_path / "to-office.linli")
    _exchange(office, laptop, tmp_path / "back.linli")
    counts = []
    for db in (office, laptop):
        with db.reading() as session:
            counts.append(tally_json(vote_tally(session, vote_id)))
            history = ballot_history(session, vote_id, waiting[1])
            assert sorted(b.opinion for b in history) == ["against", "agree"]
            assert [b.opinion for b in history if b.counted] == ["agree"]
    assert counts[0] == counts[1]
    office.close()
    laptop.close()
