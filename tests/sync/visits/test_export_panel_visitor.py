"""The sync page's third export choice, "For a visitor of a campaign": a campaign list and a
visitor list (with their door counts), a bundle that says the campaign and the visitor, ID
numbers always left out, a visitor without doors refused; and it fits at 910×512."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.core import i18n
from desktop.visits.campaigns.service import VisitorPlan, add_visitor
from tests.sync.visits.conftest import PASS, add_campaign, fill_roster
from tests.ui.conftest import ctx, runner, shown_errors  # noqa: F401 (fixtures)
from tests.ui.layout_check import layout_problems
from tests.ui.test_layout_small_screen import (  # noqa: F401 (fixture)
    app_fonts,
    open_small_window,
    show_view,
)

SHOTS = os.environ.get("LINLI_SHOTS")  # a folder: pictures of the panel to look at


@pytest.fixture
def office(ctx):  # noqa: F811
    fill_roster(ctx.db, 300)
    return add_campaign(ctx.db)


def _page(qtbot, ctx, runner):  # noqa: F811
    from desktop.ui.sync.page import SyncPage

    page = SyncPage(ctx, runner)
    qtbot.addWidget(page)
    page.show()
    page.activated()
    assert runner.wait_idle(30)
    page.show_tab("export")
    return page


def test_export_for_a_visitor_names_the_campaign_and_the_visitor(
        qtbot, ctx, office, runner, tmp_path, shown_errors):  # noqa: F811
    page = _page(qtbot, ctx, runner)
    panel = page.export_panel
    assert panel.campaign_combo.itemText(0) == "外墙维修走访"
    doors = len(office.doors["李四"])
    panel.choose_visitor(office.campaign_id, office.visitors["李四"])
    assert panel.visitor_combo.currentText() == f"李四 ({doors} doors)"
    assert panel.minimise_box.isChecked() and not panel.minimise_box.isEnabled()
    assert not panel.tree.isEnabled()
    # the file offered says whose laptop it is for
    assert Path(panel.path_edit.text()).name.startswith("外墙维修走访-李四-")
    panel.path_edit.setText(str(tmp_path / "li"))
    panel.passphrase.set_passphrase(PASS)
    panel.export_button.click()
    assert runner.wait_idle(60)
    assert not panel.message.text(), panel.message.text()
    assert "Places: 外墙维修走访 · 李四" in panel.result_label.text()
    summary = panel.summary.header.summary
    assert summary["scope"] == {"campaign_visitors": [office.visitors["李四"]]}
    assert summary["counts"]["campaign_door"] == doors
    assert "resident.id_number" in summary["minimised"]
    assert panel.summary.path == tmp_path / "li.linli"
    assert shown_errors == []


def test_the_visitors_bundle_opened_on_the_office_is_named_and_refused_clearly(
        qtbot, ctx, office, runner, tmp_path, shown_errors):  # noqa: F811
    page = _page(qtbot, ctx, runner)
    panel = page.export_panel
    panel.choose_visitor(office.campaign_id, office.visitors["张三"])
    panel.path_edit.setText(str(tmp_path / "zhang.linli"))
    panel.passphrase.set_passphrase(PASS)
    panel.export_button.click()
    assert runner.wait_idle(60)
    incoming = page.show_tab("import")
    incoming.open_file(tmp_path / "zhang.linli")
    assert runner.wait_idle(30)
    assert incoming.places_label.text() == "外墙维修走访 · 张三"  # before the passphrase
    incoming.passphrase_edit.setText(PASS)
    incoming.start_preview()
    assert runner.wait_idle(30)
    assert incoming.message.text().startswith("zhang.linli was made on this computer")
    assert shown_errors == []  # said on the page, not as a crash


def test_a_visitor_without_doors_is_refused_and_nothing_is_written(
        qtbot, ctx, office, runner, tmp_path):  # noqa: F811
    with ctx.db.unit_of_work("王社工") as uow:
        newcomer = add_visitor(uow, office.campaign_id, VisitorPlan("赵六"))
    page = _page(qtbot, ctx, runner)
    panel = page.export_panel
    panel.choose_visitor(office.campaign_id, newcomer)
    assert panel.visitor_combo.currentText() == "赵六 (0 doors)"
    panel.path_edit.setText(str(tmp_path / "zhao.linli"))
    panel.passphrase.set_passphrase(PASS)
    panel.export_button.click()
    assert runner.wait_idle(30)
    assert panel.message.text() == ("This visitor has no doors in the campaign: hand them "
                                    "some doors first.")
    assert not (tmp_path / "zhao.linli").exists()


def test_leaving_the_visitor_choice_puts_the_id_number_box_back(
        qtbot, ctx, office, runner):  # noqa: F811
    panel = _page(qtbot, ctx, runner).export_panel
    assert not panel.minimise_box.isChecked()  # everything: ID numbers go along
    panel.choose_visitor(office.campaign_id, office.visitors["张三"])
    assert panel.minimise_box.isChecked() and not panel.minimise_box.isEnabled()
    panel.everything_radio.setChecked(True)
    assert panel.minimise_box.isEnabled() and not panel.minimise_box.isChecked()
    assert panel.scope() is None
    panel.choose_visitor(office.campaign_id, office.visitors["张三"])
    panel.scoped_radio.setChecked(True)
    assert panel.minimise_box.isEnabled() and panel.minimise_box.isChecked()
    assert panel.tree.isEnabled()
    assert not panel.campaign_combo.isEnabled() and not panel.visitor_combo.isEnabled()


def test_without_campaigns_the_lists_say_so_and_stay_off(qtbot, ctx, runner):  # noqa: F811
    page = _page(qtbot, ctx, runner)
    panel = page.export_panel
    panel.visitor_radio.setChecked(True)
    assert panel.campaign_combo.currentText() == "No campaigns yet"
    assert not panel.campaign_combo.isEnabled() and not panel.visitor_combo.isEnabled()
    panel.passphrase.set_passphrase(PASS)
    panel.export_button.click()
    assert panel.message.text() == "Choose a campaign and one of its visitors."


@pytest.fixture(scope="module")
def campaign_folder(tmp_path_factory):
    from desktop.core.paths import DataDir
    from desktop.storage.lifecycle import open_database

    root = tmp_path_factory.mktemp("panel") / "demo"
    db = open_database(DataDir(root).prepare(), device_name="社区办公室1")
    fill_roster(db, 300)
    add_campaign(db)
    db.close()
    return root


@pytest.mark.parametrize("language", ("en", "zh_Hans"))
def test_the_visitor_choice_fits_910_by_512(qtbot, campaign_folder, tmp_path, runner,  # noqa: F811
                                            app_fonts, language):  # noqa: F811
    window, db = open_small_window(qtbot, campaign_folder, tmp_path, runner, language,
                                   app_fonts, size=(910, 512))
    try:
        page = show_view(window, runner, "sync", "export")
        panel = page.export_panel
        panel.visitor_radio.setChecked(True)
        runner.wait_idle(10)
        assert panel.visitor_combo.count() == 2
        problems = layout_problems(window)
        if SHOTS:
            window.grab().save(str(Path(SHOTS) / f"export_visitor_{language}.png"))
        assert not problems, "\n".join(problems)
    finally:
        window.hide()
        runner.wait_idle(30)
        db.close()
        i18n.set_language("en")
