"""The demo community's owners' votes: a closed lift vote that passed with its result notice
posted, and a facade vote in collection three owners short of two-thirds participation — made
through the same services as the window, so the demo opens on a real margin sentence."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from desktop.core.tasks import TaskContext
from desktop.notices.models import Notice
from desktop.roster.models import Dwelling, DwellingOwner
from desktop.setup.demo import fill_demo
from desktop.votes.demo import LANDLORD
from desktop.votes.reading import list_votes, vote_tally
from desktop.votes.tables import DEVELOPER_KEY, Vote, VoteDwelling

TODAY = dt.date(2026, 12, 6)


def test_the_demo_has_a_passed_lift_vote_and_a_facade_vote_a_few_owners_short(db):
    fill_demo(db, 400, TaskContext(), campaigns=False, meetings=False)
    with db.reading() as session:
        votes = {row.state: row for row in list_votes(session, TODAY)}
        assert set(votes) == {"closed", "collecting"}

        lift = session.get(Vote, votes["closed"].id)
        assert lift.item == 7 and lift.rule_version and lift.result
        notice = session.get(Notice, lift.notice_id)
        assert notice is not None and lift.title in notice.title + notice.body
        lift_tally = vote_tally(session, lift.id)
        assert lift_tally.tally.passed

        facade = vote_tally(session, votes["collecting"].id, TODAY)
        assert not facade.tally.participation_met
        assert facade.participation.heads == 3  # three owners short of two thirds
        assert facade.tally.approval_met

        # The landlord's three flats: three times by area, once by head.
        electorate = session.execute(
            select(VoteDwelling.owner_key, VoteDwelling.owners)
            .where(VoteDwelling.vote_id == lift.id)).all()
        landlord_keys = {key for key, owners in electorate if LANDLORD.name in owners}
        assert len(landlord_keys) == 1
        assert sum(LANDLORD.name in owners for _key, owners in electorate) == 3
        # Flats nobody is known to own are the developer's: together one head.
        developer = [key for key, _owners in electorate if key == DEVELOPER_KEY]
        held = session.execute(select(Dwelling.id).where(
            Dwelling.developer_held.is_(True))).scalars().all()
        assert held and all(not session.execute(select(DwellingOwner.id).where(
            DwellingOwner.dwelling_id == d, DwellingOwner.deleted.is_(False))).first()
            for d in held)
        assert len(developer) == sum(1 for d in held if d in {
            row[0] for row in session.execute(select(VoteDwelling.dwelling_id).where(
                VoteDwelling.vote_id == lift.id))})
