"""An office and volunteers' laptops as real data folders, and a campaign between them.

The office holds a small demo community (roster, tags, survey forms) and a campaign over its
first two buildings for two volunteers, 张三 and 李四; a laptop is set up from the bundle made
for one of them, exactly as ``linli setup --from-bundle`` does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.core.paths import DataDir
from desktop.core.settings import Settings
from desktop.core.tasks import TaskContext
from desktop.roster.community import SetupAnswers
from desktop.storage.lifecycle import open_database
from desktop.visits.records.campaigns import CampaignDoor, CampaignVisitor

PASS = "外墙维修-走访-2026"
CAMPAIGN = "外墙维修走访"
VISITORS = ("张三", "李四")
DAY = dt.datetime(2026, 11, 14, 9, 0)


@dataclass
class Office:
    db: object
    root: Path
    campaign_id: str
    form_version_id: str
    visitors: dict[str, str]  # name → visitor id
    doors: dict[str, list[str]] = field(default_factory=dict)  # visitor name → door ids

    def close(self) -> None:
        self.db.close()


def open_copy(root: Path, device: str):
    return open_database(DataDir(root).prepare(), device_name=device)


def first_buildings(db, count: int = 2) -> list[str]:
    from tests.visits.campaigns.conftest import buildings

    return buildings(db, count)


def fill_roster(db, residents: int) -> None:
    """The demo's roster and survey forms, without the demo's own campaigns: every visit
    these tests count is one they made."""
    from desktop.roster.demo import generate_demo
    from desktop.visits.forms.demo import add_demo_forms

    generate_demo(db, residents=residents, ctx=TaskContext())
    add_demo_forms(db)


def make_office(root: Path, residents: int = 600) -> Office:
    db = open_copy(root, "社区办公室")
    fill_roster(db, residents)
    return add_campaign(db, root)


def add_campaign(db, root: Path | None = None) -> Office:
    """The campaign over the first two buildings for 张三 and 李四 (shared evenly)."""
    from desktop.visits.campaigns.service import (
        CampaignPlan,
        VisitorPlan,
        create_campaign,
    )
    from desktop.visits.forms.service import list_forms

    with db.reading() as session:
        version = list_forms(session)[0].version_id
    plan = CampaignPlan(CAMPAIGN, version, {"buildings": first_buildings(db)},
                        tuple(VisitorPlan(name) for name in VISITORS),
                        purpose="外墙维修征求意见", starts_on=DAY.date())
    with db.unit_of_work("王社工") as uow:
        campaign_id = create_campaign(uow, plan)
    office = Office(db, root or db.path.parent, campaign_id, version, {})
    with db.reading() as session:
        for visitor_id, name in session.execute(
                select(CampaignVisitor.id, CampaignVisitor.name)
                .where(CampaignVisitor.campaign_id == campaign_id)):
            office.visitors[name] = visitor_id
            office.doors[name] = list(session.execute(
                select(CampaignDoor.id).where(CampaignDoor.visitor_id == visitor_id)
                .order_by(CampaignDoor.walk_order)).scalars())
    return office


@pytest.fixture
def office(tmp_path):
    made = make_office(tmp_path / "office")
    yield made
    made.close()


def visitor_bundle(office: Office, name: str, path: Path, recipient: str | None = None):
    from desktop.sync.transfer import ExportRequest, export_bundle
    from desktop.visits.campaigns.bundle_labels import visitor_scope

    return export_bundle(office.db, ExportRequest(
        path, PASS, scope=visitor_scope(office.visitors[name]), recipient_device_id=recipient))


def laptop_from(path: Path, root: Path, device: str, operator: str):
    """A new laptop set up from a visitor's bundle (``linli setup --from-bundle``)."""
    from desktop.setup.service import set_up_from_bundle

    data_dir = DataDir(root).prepare()
    db = open_database(data_dir, device_name=device)
    set_up_from_bundle(db, Settings.load(data_dir.settings_file),
                       SetupAnswers("", "", device, operator), path, PASS)
    return db


def rows(db, sql: str, params=()) -> list[tuple]:
    with db.engine.connect() as conn:
        return list(conn.exec_driver_sql(sql, tuple(params)))


def ids(db, table: str, where: str = "1", params=()) -> set[str]:
    return {r[0] for r in rows(db, f'SELECT id FROM "{table}" WHERE {where}', params)}
