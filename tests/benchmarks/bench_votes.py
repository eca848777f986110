"""Owners' votes (issue 16): the live tally of a large compound, from the database.

vote_tally_5k_ms  ``desktop.votes.reading.vote_tally`` end to end for a compound-wide vote of
                  5,000 dwellings (25 buildings × 4 units × 25 floors × 2 rooms, every one with
                  an exclusive area and an outside owner; 100 owners hold two flats each) with
                  4,000 ballots: 3,600 dwellings voted, 400 of them corrected once, 200 of the
                  ballots late. What the vote page redraws after a ballot: the electorate, the
                  latest counted ballot per dwelling, the exact tally, both margins in words,
                  and the warnings (which read the owner register for likely duplicates).

Built in its own small data folder (the standard dataset has no owners' votes); reads only,
each measured ``--repeat`` times, the median printed.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from run import benchmark, figure

BUILDINGS, UNITS, FLOORS, ROOMS = 25, 4, 25, 2
DWELLINGS = BUILDINGS * UNITS * FLOORS * ROOMS  # 5,000
VOTED, CORRECTED, LATE = 3_600, 400, 200
OPENS, CLOSES = dt.date(2026, 11, 1), dt.date(2026, 11, 30)


def _prepare(root: Path):
    from sqlalchemy import select

    from desktop.core.paths import DataDir
    from desktop.roster.community import SetupAnswers, save_setup
    from desktop.roster.models import Dwelling, DwellingOwner
    from desktop.roster.places import (
        create_dwellings,
        plan_dwellings,
        save_building,
        save_compound,
    )
    from desktop.storage.bulk_insert import BulkInserter
    from desktop.storage.ids import uuid7_many
    from desktop.storage.lifecycle import open_database
    from desktop.votes.service import VoteDraft, create_vote
    from desktop.votes.tables import Ballot

    db = open_database(DataDir(root).prepare(), device_name="bench")
    rng = random.Random(16)
    with db.unit_of_work("bench") as uow:
        save_setup(uow, SetupAnswers("翠苑社区", "", "社区办公室", "bench"))
        compound_id = save_compound(uow, "翠苑一区", "commercial", "文一西路100号", "绿城物业")
        for number in range(1, BUILDINGS + 1):
            building_id = save_building(uow, compound_id, f"{number}幢", FLOORS, UNITS, True)
            create_dwellings(uow, building_id, plan_dwellings(
                [str(u) for u in range(1, UNITS + 1)], (1, FLOORS), ROOMS))
    with db.unit_of_work("bench") as uow:
        connection = uow.session.connection()
        flats = list(uow.session.scalars(select(Dwelling)))
        assert len(flats) == DWELLINGS
        for flat in flats:  # areas 60.00–160.00 m², exact hundredths
            flat.exclusive_area = Decimal(rng.randint(6000, 16000)) / 100
        uow.session.flush()
        dwellings = [flat.id for flat in flats]
        owners = []
        ids = uuid7_many(DWELLINGS)
        stamps = uow.new_stamps(DWELLINGS)
        for n, dwelling_id in enumerate(dwellings):
            person = n if n >= 200 else n // 2  # the first 200 flats: 100 owners of two
            owners.append({
                "id": ids[n], "created_hlc": stamps[n], "created_by": "bench", "deleted": False,
                "dwelling_id": dwelling_id, "resident_id": None,
                "outside_name": f"业主{person:05d}", "outside_phone": f"139{person:08d}",
                "outside_id_number": "", "share_percent": Decimal(100)})
        BulkInserter().insert(connection, DwellingOwner.__table__, owners)
    with db.unit_of_work("bench") as uow:
        vote_id = create_vote(uow, VoteDraft("一区外立面维修", 1, compound_id, OPENS, CLOSES))
    with db.unit_of_work("bench") as uow:
        voters = rng.sample(dwellings, VOTED)
        rows = []
        ids = uuid7_many(VOTED + CORRECTED)
        stamps = uow.new_stamps(VOTED + CORRECTED)
        start = dt.datetime(2026, 11, 2, 9, 0)
        for n, dwelling_id in enumerate(voters + voters[:CORRECTED]):
            late = n >= VOTED + CORRECTED - LATE
            rows.append({
                "id": ids[n], "created_hlc": stamps[n], "created_by": "bench",
                "deleted": False, "vote_id": vote_id, "dwelling_id": dwelling_id,
                "opinion": rng.choice(("agree", "agree", "agree", "against", "abstain")),
                "cast_on": CLOSES + dt.timedelta(days=1) if late else OPENS,
                "recorded_at": start + dt.timedelta(seconds=n), "source": "office",
                "proxy_name": "", "replaces_id": ids[n - VOTED] if n >= VOTED else None,
                "recorded_by": "bench", "note": ""})
        BulkInserter().insert(uow.session.connection(), Ballot.__table__, rows)
    return db, vote_id


@benchmark("votes", figures=("vote_tally_5k_ms",))
def bench_votes(args) -> list[dict]:
    from desktop.votes.reading import vote_tally

    with tempfile.TemporaryDirectory() as tmp:
        db, vote_id = _prepare(Path(tmp) / "d")
        try:
            times = []
            for _ in range(max(args.repeat, 3)):
                with db.reading() as session:
                    start = time.perf_counter()
                    result = vote_tally(session, vote_id)
                    times.append((time.perf_counter() - start) * 1000)
                assert result.tally.total_heads == DWELLINGS - 100
                assert result.tally.participating_heads + len(result.tally.outstanding) > 0
                assert result.late_not_counted == LATE and result.sentences
        finally:
            db.close()
    return [figure("vote_tally_5k_ms", statistics.median(times), "ms", times)]
