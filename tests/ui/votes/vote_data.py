"""Votes for the page's tests: the demo roster (owners and exclusive areas), and a vote over
one of its buildings, with some ballots in so that it stands mid-collection."""

from __future__ import annotations

import datetime as dt
from inspect import signature

from sqlalchemy import select

from desktop.core.tasks import TaskContext
from desktop.roster.models import Building
from desktop.setup.demo import fill_demo
from desktop.votes.ballots import record_ballot
from desktop.votes.electorate import scope_gaps
from desktop.votes.reading import electorate_rows
from desktop.votes.service import VoteDraft, create_vote

TODAY = dt.date.today()


def roster(db, residents: int = 300) -> None:
    """The demo roster with its owners and areas, without the demo's own votes (the tests
    make theirs). ``votes`` is passed only once fill_demo has it (it lands beside this)."""
    extra = {"votes": False} if "votes" in signature(fill_demo).parameters else {}
    fill_demo(db, residents, TaskContext(), campaigns=False, meetings=False, **extra)


def first_building(db) -> tuple[str, str, str]:
    """(compound id, building id, building name) of the first building with a gap-free
    majority (every building of the demo will do)."""
    with db.reading() as session:
        row = session.execute(select(Building.compound_id, Building.id, Building.name)
                              .where(Building.deleted.is_(False))
                              .order_by(Building.sort_key, Building.name)).first()
    return row.compound_id, row.id, row.name


def make_vote(db, title: str = "1幢电梯更新", item: int = 7, building: str | None = None
              ) -> str:
    """A vote over the first building (register gaps left out), open from today."""
    compound_id, building_id, _name = first_building(db)
    building_id = building or building_id
    with db.reading() as session:
        gaps = scope_gaps(session, compound_id, building_id)
    with db.unit_of_work("测试") as uow:
        return create_vote(uow, VoteDraft(title, item, compound_id, TODAY,
                                          TODAY + dt.timedelta(days=14),
                                          proposal="更换1幢电梯，费用按专有面积分摊。",
                                          building_id=building_id),
                           exclude={g.dwelling_id: "产权未登记" for g in gaps})


def cast(db, vote_id: str, share: float = 0.55, against_every: int = 5) -> int:
    """Ballots for the first ``share`` of the electorate (every ``against_every``-th
    against): a vote mid-collection, some owners short. The number cast."""
    with db.reading() as session:
        rows = [r for r in electorate_rows(session, vote_id) if not r.excluded]
    chosen = rows[:int(len(rows) * share)]
    with db.unit_of_work("测试") as uow:
        for n, row in enumerate(chosen, 1):
            record_ballot(uow, vote_id, row.dwelling_id,
                          "against" if n % against_every == 0 else "agree", TODAY)
    return len(chosen)
