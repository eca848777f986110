"""The window's bundle panels: the export tab chooses places by id and says which places and
how many records it wrote; the import tab asks before taking another community's data."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.core.paths import DataDir
from desktop.roster.community import SetupAnswers, save_setup
from desktop.roster.models import Building, Compound, Dwelling, Household, Resident
from desktop.storage.lifecycle import open_database
from desktop.sync.transfer import ExportRequest, export_bundle
from tests.ui.conftest import community, ctx, runner, shown_errors  # noqa: F401 (fixtures)

PASSPHRASE = "翠苑 correct horse"


def _compound_with_3(db, community_id: str, name: str, residents: int) -> str:
    """A compound with a building called 3幢 (one dwelling, one household); its id."""
    with db.unit_of_work("王小红") as uow:
        s = uow.session
        compound = Compound(community_id=community_id, name=name)
        s.add(compound)
        s.flush()
        building = Building(compound_id=compound.id, name="3幢")
        s.add(building)
        s.flush()
        dwelling = Dwelling(building_id=building.id, room="101")
        s.add(dwelling)
        s.flush()
        household = Household(dwelling_id=dwelling.id, number=name)
        s.add(household)
        s.flush()
        for r in range(residents):
            s.add(Resident(household_id=household.id, name=f"{name}居民{r}"))
        return building.id


def _page(qtbot, ctx, runner):  # noqa: F811
    from desktop.ui.sync.page import SyncPage

    page = SyncPage(ctx, runner)
    qtbot.addWidget(page)
    page.show()
    page.activated()
    assert runner.wait_idle(30)
    return page


def test_export_tab_sends_the_ticked_building_and_says_which_and_how_many(
        qtbot, ctx, community, runner, tmp_path, shown_errors):  # noqa: F811
    _compound_with_3(ctx.db, community, "翠苑一区", residents=3)
    second = _compound_with_3(ctx.db, community, "翠苑二区", residents=2)
    page = _page(qtbot, ctx, runner)
    panel = page.export_panel
    page.show_tab("export")
    panel.scoped_radio.setChecked(True)
    panel.check_place(second)
    assert panel.scope() == {"grids": [], "compounds": [], "buildings": [second]}
    panel.path_edit.setText(str(tmp_path / "second"))
    panel.passphrase.set_passphrase(PASSPHRASE)
    panel.export_button.click()
    assert runner.wait_idle(60)
    assert not panel.message.text(), panel.message.text()
    said = panel.result_label.text()
    assert "Places: 翠苑二区 3幢" in said
    assert "Residents 2" in said and "Households 1" in said
    assert panel.summary.header.summary["places"] == ["翠苑二区 3幢"]
    assert shown_errors == []


@pytest.fixture
def other_office_bundle(tmp_path):
    office = open_database(DataDir(tmp_path / "other").prepare(), device_name="滨江办公室")
    try:
        with office.unit_of_work("张") as uow:
            other_id = save_setup(uow, SetupAnswers("滨江花园社区", "滨江花园社区居民委员会",
                                                    "滨江办公室", "张"))
        _compound_with_3(office, other_id, "滨江花园", residents=2)
        return export_bundle(office, ExportRequest(tmp_path / "binjiang.linli",
                                                   PASSPHRASE)).path
    finally:
        office.close()


def test_import_tab_asks_before_taking_another_communitys_data(
        qtbot, ctx, community, runner, other_office_bundle, shown_errors):  # noqa: F811
    page = _page(qtbot, ctx, runner)
    panel = page.import_panel
    page.show_tab("import")
    panel.open_file(other_office_bundle)
    assert runner.wait_idle(30)
    assert panel.places_label.text() == "滨江花园社区"
    panel.passphrase_edit.setText(PASSPHRASE)
    panel.preview_button.click()
    assert runner.wait_idle(60)
    assert not panel.other_box.isHidden()
    assert "滨江花园社区" in panel.other_heading.text()
    panel.trust_check.setChecked(True)
    assert not panel.import_button.isEnabled()  # trusting the sender is not enough
    panel.other_check.setChecked(True)
    assert panel.import_button.isEnabled()
    panel.import_button.click()
    assert runner.wait_idle(60)
    assert panel.summary is not None, panel.message.text()
    with ctx.db.reading() as session:
        assert session.execute(select(Compound.id).where(
            Compound.name == "滨江花园")).scalar_one()
    assert shown_errors == []
