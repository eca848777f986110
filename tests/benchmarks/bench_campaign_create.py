"""Making a campaign on the standard dataset (issue 15).

campaign_create_*_s   a campaign over every household of the sub-district (every compound
                      chosen), shared evenly among 40 visitors: create_campaign in one unit of
                      work, committed (the doors found in walking order, shared, written and
                      stamped); each run on a fresh copy of the cached dataset (median)
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

from run import benchmark, dataset, figure

VISITORS = 40


def _copy(source, root: Path):
    from desktop.core.paths import DataDir
    from desktop.storage.lifecycle import open_database
    from desktop.visits.forms.demo import add_demo_forms

    shutil.copytree(source.root, root)
    db = open_database(DataDir(root), device_name="bench")
    add_demo_forms(db)  # the standard dataset is a roster: the campaign needs a form
    return db


@benchmark("campaign_create", figures=("campaign_create_*_s",))
def bench_campaign_create(args) -> list[dict]:
    from sqlalchemy import func, select

    from desktop.roster.models import Compound, Household
    from desktop.visits.campaigns.service import (
        CampaignPlan,
        VisitorPlan,
        create_campaign,
    )
    from desktop.visits.forms.service import list_forms
    from desktop.visits.records.campaigns import CampaignDoor

    label = f"{args.residents // 1000}k"
    source = dataset(args.residents)
    samples = []
    for n in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            db = _copy(source, Path(tmp) / "office")
            try:
                with db.reading() as session:
                    version = list_forms(session)[0].version_id
                    compounds = session.execute(select(Compound.id).where(
                        Compound.deleted.is_(False))).scalars().all()
                    households = session.execute(select(func.count()).select_from(Household)
                                                 .where(Household.deleted.is_(False))
                                                 ).scalar_one()
                plan = CampaignPlan(f"全街道走访 {n}", version, {"compounds": compounds},
                                    tuple(VisitorPlan(f"走访员{i + 1}")
                                          for i in range(VISITORS)))
                start = time.perf_counter()
                with db.unit_of_work("bench") as uow:
                    campaign_id = create_campaign(uow, plan)
                samples.append(time.perf_counter() - start)
                with db.reading() as session:
                    doors = session.execute(select(func.count()).select_from(CampaignDoor).where(
                        CampaignDoor.campaign_id == campaign_id)).scalar_one()
                assert doors == households, (doors, households)
            finally:
                db.close()
    return [figure(f"campaign_create_{label}_s", statistics.median(samples), "s", samples)]
