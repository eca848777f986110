"""An owners' vote's ballots as a PDF.

ballots_pdf_1k_s   the ballots of a vote over one building of 1,000 dwellings (5 units × 25
                   floors × 8 rooms, each with an exclusive area and an owner), two to an A4
                   page: reading the electorate, layout and PDF (render_ballots), median of
                   --repeat runs after a warm-up (fonts loaded). The issue asks ≤ 5 s.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from run import benchmark, figure

PROPOSAL = ("拟在本幢各单元加装电梯，总费用约700,000.00元，由本幢业主按专有部分面积分摊；"
            "施工单位经业主大会选定，工期约六个月，期间请业主配合。")


def _build(db) -> str:
    from sqlalchemy import select

    from desktop.roster.community import SetupAnswers, save_setup
    from desktop.roster.models import Dwelling
    from desktop.roster.owners.service import (
        AreasDraft,
        OwnerDraft,
        set_areas,
        set_owners,
    )
    from desktop.roster.places import (
        create_dwellings,
        plan_dwellings,
        save_building,
        save_compound,
    )
    from desktop.votes.service import VoteDraft, create_vote

    with db.unit_of_work("bench") as uow:
        save_setup(uow, SetupAnswers("翠苑一区社区", "", "社区办公室1", "bench"))
        compound = save_compound(uow, "翠苑一区", "old", "文一西路100号", "绿城物业")
        building = save_building(uow, compound, "3幢", 25, 5, True)
        create_dwellings(uow, building, plan_dwellings([str(u) for u in range(1, 6)], (1, 25),
                                                       8))
    with db.unit_of_work("bench") as uow:
        ids = uow.session.execute(select(Dwelling.id).where(
            Dwelling.building_id == building)).scalars().all()
        assert len(ids) == 1000, len(ids)
        for n, dwelling_id in enumerate(ids):
            set_areas(uow, dwelling_id, AreasDraft(exclusive_area=Decimal("70.00")
                                                   + Decimal(n % 60)))
            owners = [OwnerDraft(name=f"业主{n:04d}", phone=f"139{n:08d}")]
            if n % 7 == 0:  # co-owners: the longer owner line
                owners.append(OwnerDraft(name=f"共有人{n:04d}", phone=f"137{n:08d}"))
            set_owners(uow, dwelling_id, owners)
    with db.unit_of_work("bench") as uow:
        return create_vote(uow, VoteDraft("3幢加装电梯", 7, compound, dt.date(2026, 12, 1),
                                          dt.date(2026, 12, 31), PROPOSAL,
                                          building_id=building))


@benchmark("vote_printing", figures=("ballots_pdf_1k_s",))
def bench_vote_printing(args) -> list[dict]:
    from desktop.core.paths import DataDir
    from desktop.storage.lifecycle import open_database
    from desktop.votes.printing.ballots import render_ballots

    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(DataDir(Path(tmp) / "d").prepare(), device_name="bench")
        try:
            vote_id = _build(db)
            with db.reading() as session:
                render_ballots(session, vote_id)  # warm-up: fonts registered and subset
            samples = []
            for _ in range(max(args.repeat, 1)):
                with db.reading() as session:
                    start = time.perf_counter()
                    data = render_ballots(session, vote_id)
                    samples.append(time.perf_counter() - start)
                pages = len(re.findall(rb"/Type /Page\b(?!s)", data))
                assert pages == 500, pages  # two ballots to a page
        finally:
            db.close()
    return [figure("ballots_pdf_1k_s", statistics.median(samples), "s", samples)]
