"""The 数据同步 page driven as a user would, between two real databases: export everything,
import it on a second copy (header, wrong passphrase, preview, trusting the sender, import,
history, importing again), and settle a value changed on both sides from the Review tab."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.context import AppContext
from desktop.core.paths import DataDir
from desktop.core.settings import Settings
from desktop.roster.models import Building, Compound, Dwelling, Household, Resident
from desktop.storage.lifecycle import open_database

SHOTS = Path("/tmp/shots")
PASSPHRASE = "翠苑 correct horse"


def seed_roster(db, community_id: str, residents: int = 4) -> dict:
    with db.unit_of_work("王小红") as uow:
        s = uow.session
        compound = Compound(community_id=community_id, name="翠苑一区")
        s.add(compound)
        s.flush()
        ids = {"compound": compound.id, "buildings": [], "residents": []}
        households = []
        for b in range(2):
            building = Building(compound_id=compound.id, name=f"{b + 1}幢")
            s.add(building)
            s.flush()
            dwelling = Dwelling(building_id=building.id, room=f"{b + 1}01")
            s.add(dwelling)
            s.flush()
            household = Household(dwelling_id=dwelling.id, number=f"H{b}")
            s.add(household)
            s.flush()
            ids["buildings"].append(building.id)
            households.append(household.id)
        for r in range(residents):
            resident = Resident(household_id=households[r % 2], name=f"居民{r}",
                                phone=f"1380000000{r}", birth_date=dt.date(1960, 1, 1))
            s.add(resident)
            s.flush()
            ids["residents"].append(resident.id)
    return ids


@pytest.fixture
def other_ctx(tmp_path):
    data_dir = DataDir(tmp_path / "laptop").prepare()
    database = open_database(data_dir, device_name="志愿者笔记本")
    yield AppContext(data_dir, Settings.load(data_dir.settings_file), database)
    database.close()


def make_page(qtbot, ctx, runner, styled: bool = False):
    from desktop.ui.sync.page import SyncPage

    page = SyncPage(ctx, runner)
    if styled:  # screenshots: the app's fonts and style sheet, on this page only
        from PySide6.QtWidgets import QApplication

        from desktop.core.paths import resources_dir
        from desktop.ui.fonts import apply_fonts
        from desktop.ui.style import STYLESHEET

        apply_fonts(QApplication.instance(), "zh_Hans", resources_dir() / "fonts")
        page.setStyleSheet(STYLESHEET)
    qtbot.addWidget(page)
    page.resize(1000, 820)
    page.show()
    page.activated()
    assert runner.wait_idle(30)
    return page


def export_everything(page, runner, path: Path):
    panel = page.export_panel
    page.show_tab("export")
    panel.path_edit.setText(str(path))
    panel.passphrase.set_passphrase(PASSPHRASE)
    panel.export_button.click()
    assert runner.wait_idle(60)
    assert not panel.message.text(), panel.message.text()
    return panel.summary


def preview(panel, runner, passphrase: str) -> None:
    panel.passphrase_edit.setText(passphrase)
    panel.preview_button.click()
    assert runner.wait_idle(60)


def phone_of(db, resident_id: str) -> str:
    with db.reading() as session:
        return session.execute(select(Resident.phone).where(
            Resident.id == resident_id)).scalar_one()


def test_export_everything_then_import_on_another_copy(qtbot, window, ctx, community, runner,
                                                       other_ctx, tmp_path, shown_errors):
    seed_roster(ctx.db, community)
    page = window.show_page("sync")
    assert runner.wait_idle(30)
    assert page.devices_panel.fingerprint_label.text().count("-") == 4
    assert page.export_panel.path_edit.text().endswith(".linli")
    assert "翠苑一区社区" in Path(page.export_panel.path_edit.text()).name

    # Passphrases are checked before anything runs.
    panel = page.export_panel
    page.show_tab("export")
    panel.passphrase.first.setText("short")
    panel.export_button.click()
    assert "at least 8" in panel.message.text()
    panel.passphrase.first.setText(PASSPHRASE)
    panel.passphrase.again.setText(PASSPHRASE + "x")
    panel.export_button.click()
    assert "not the same" in panel.message.text()

    bundle = tmp_path / "翠苑一区社区-2026-11-23.linli"
    summary = export_everything(page, runner, bundle)
    assert bundle.is_file() and summary.size_bytes > 0
    assert summary.counts["resident"] == 4
    assert str(bundle) in panel.result_label.text()
    assert panel.result_label.isVisible()
    history = page.history_panel
    assert history.tree.topLevelItemCount() == 1
    assert history.tree.topLevelItem(0).text(1) == "Sent"

    # The laptop: its own page.
    laptop = make_page(qtbot, other_ctx, runner)
    incoming = laptop.show_tab("import")
    assert incoming is laptop.import_panel
    incoming.open_file(bundle)
    assert runner.wait_idle(30)
    assert incoming.header_box.isVisible()
    assert incoming.sender_label.text() == ctx.db.identity.name
    assert incoming.fingerprint_label.text() == page.devices_panel.fingerprint_label.text()
    assert "Residents 4" in incoming.contents_label.text()
    assert incoming.kind_label.text() == "Everything"

    preview(incoming, runner, "not the passphrase")
    assert "not correct" in incoming.message.text()
    assert not incoming.preview_box.isVisible()
    assert not incoming.import_button.isEnabled()

    preview(incoming, runner, PASSPHRASE)
    assert not incoming.message.text(), incoming.message.text()
    assert incoming.preview_box.isVisible()
    assert incoming.counts_table.total(1) > 0  # new records
    # An unknown device: its fingerprint, and Import waits until the user trusts it.
    assert incoming.trust_box.isVisible()
    assert incoming.trust_fingerprint.text() == page.devices_panel.fingerprint_label.text()
    assert not incoming.import_button.isEnabled()
    incoming.start_import()  # even if forced: refused inline, nothing written
    assert runner.wait_idle(60)
    assert "does not know" in incoming.message.text()
    with other_ctx.db.reading() as session:
        assert session.execute(select(Resident.id)).first() is None
    incoming.trust_check.setChecked(True)
    assert incoming.import_button.isEnabled()

    from desktop.core.i18n import set_language

    SHOTS.mkdir(exist_ok=True)
    set_language("zh_Hans")
    try:
        shot = make_page(qtbot, other_ctx, runner, styled=True)
        shot.resize(1000, 900)
        panel_zh = shot.show_tab("import")
        panel_zh.open_file(bundle)
        assert runner.wait_idle(30)
        preview(panel_zh, runner, PASSPHRASE)
        panel_zh.trust_check.setChecked(True)
        qtbot.wait(50)
        assert shot.grab().save(str(SHOTS / "sync_import.png"))
    finally:
        set_language("en")

    incoming.import_button.click()
    assert runner.wait_idle(60)
    assert not incoming.message.text(), incoming.message.text()
    assert incoming.result_label.isVisible()
    assert "4" in incoming.result_label.text() or incoming.summary is not None
    assert incoming.summary.per_table["resident"].new == 4
    with other_ctx.db.reading() as session:
        assert len(session.execute(select(Resident.id)).all()) == 4
    assert runner.wait_idle(30)
    rows = laptop.history_panel.rows
    assert [r.direction for r in rows] == ["in"]
    assert laptop.history_panel.tree.topLevelItem(0).text(1) == "Received"
    peers = laptop.devices_panel.peer_rows
    assert [p.name for p in peers] == [ctx.db.identity.name] and peers[0].trusted
    assert laptop.devices_panel.peers.topLevelItem(0).text(2) == "Trusted"

    # Again: the preview says so, and a forced import is refused inline.
    incoming.open_file(bundle)
    assert runner.wait_idle(30)
    preview(incoming, runner, PASSPHRASE)
    assert "already imported" in incoming.message.text()
    assert not incoming.trust_box.isVisible()
    assert not incoming.import_button.isEnabled()
    incoming.start_import()
    assert runner.wait_idle(60)
    assert "already imported" in incoming.message.text()

    # Not a bundle at all: said under the file, never a crash dialog.
    junk = tmp_path / "notes.linli"
    junk.write_text("hello", encoding="utf-8")
    incoming.open_file(junk)
    assert runner.wait_idle(30)
    assert "not a Linli Desk bundle" in incoming.message.text()
    assert not incoming.header_box.isVisible()
    assert shown_errors == []


def test_scoped_export_for_a_known_device(qtbot, window, ctx, community, runner, other_ctx,
                                          tmp_path, shown_errors):
    from desktop.sync.transfer import import_bundle

    ids = seed_roster(ctx.db, community)
    page = window.show_page("sync")
    assert runner.wait_idle(30)
    panel = page.export_panel
    page.show_tab("export")
    panel.scoped_radio.setChecked(True)
    assert panel.minimise_box.isChecked()
    panel.path_edit.setText(str(tmp_path / "scoped"))
    panel.passphrase.set_passphrase(PASSPHRASE)
    panel.export_button.click()
    assert "Tick at least one" in panel.message.text()
    panel.check_place(ids["buildings"][0])
    assert panel.scope() == {"grids": [], "compounds": [], "buildings": [ids["buildings"][0]]}
    panel.export_button.click()
    assert runner.wait_idle(60)
    assert not panel.message.text(), panel.message.text()
    assert panel.summary.path.suffix == ".linli"
    assert panel.summary.header.kind == "scoped"
    assert panel.summary.counts["resident"] == 2
    import_bundle(other_ctx.db, panel.summary.path, PASSPHRASE, trust_signer=True)
    assert shown_errors == []

    # then take the building back: the other copy drops its residents, this one keeps them
    assert panel.withdraw_box.isEnabled()
    panel.withdraw_box.setChecked(True)
    panel.path_edit.setText(str(tmp_path / "take-back"))
    panel.passphrase.set_passphrase(PASSPHRASE)  # cleared after each export
    panel.export_button.click()
    assert runner.wait_idle(60)
    assert not panel.message.text(), panel.message.text()
    assert panel.summary.header.summary["withdraw"] is True
    import_bundle(other_ctx.db, panel.summary.path, PASSPHRASE)
    with other_ctx.db.reading() as session:
        assert session.execute(select(Resident.id)).first() is None
    with ctx.db.reading() as session:
        assert session.execute(select(Resident.id)).first() is not None
    assert shown_errors == []


def test_review_settles_a_value_changed_on_both_sides(qtbot, window, ctx, community, runner,
                                                      other_ctx, tmp_path, shown_errors):
    from desktop.sync.transfer import ExportRequest, export_bundle, import_bundle

    ids = seed_roster(ctx.db, community)
    office, laptop = ctx.db, other_ctx.db
    first = export_bundle(office, ExportRequest(tmp_path / "1.linli", PASSPHRASE))
    import_bundle(laptop, first.path, PASSPHRASE, trust_signer=True)
    target = ids["residents"][0]
    for db, phone, who in ((office, "13911112222", "王小红"), (laptop, "13733334444", "李志愿")):
        with db.unit_of_work(who) as uow:
            uow.session.get(Resident, target).phone = phone
    back = export_bundle(laptop, ExportRequest(tmp_path / "2.linli", PASSPHRASE))
    import_bundle(office, back.path, PASSPHRASE, trust_signer=True)
    again = export_bundle(office, ExportRequest(tmp_path / "3.linli", PASSPHRASE))
    import_bundle(laptop, again.path, PASSPHRASE, trust_signer=True)
    assert phone_of(office, target) == phone_of(laptop, target)

    page = window.show_page("sync")
    assert runner.wait_idle(30)
    review = page.show_tab("review")
    assert review is page.review_panel
    assert page.review_count == 1
    assert page.tabs.tabText(3) == "Review (1)"
    entry = review.current()
    conflict = entry.conflict
    assert (conflict.table_name, conflict.field) == ("resident", "phone")
    assert entry.record == "居民0"
    row = review.tree.topLevelItem(0)
    assert row.text(1) == "Phone"
    assert {row.text(2), row.text(3)} == {"13911112222", "13733334444"}
    kept, lost = conflict.kept_value, conflict.lost_value
    assert conflict.lost_operator in row.text(4)
    assert review.take_button.isVisible() and not review.restore_button.isVisible()

    devices = page.show_tab("devices")
    assert [p.name for p in devices.peer_rows] == [laptop.identity.name]

    from desktop.core.i18n import set_language

    SHOTS.mkdir(exist_ok=True)
    set_language("zh_Hans")
    try:
        shot = make_page(qtbot, ctx, runner, styled=True)
        shot.resize(1000, 700)
        shot.show_tab("review")
        qtbot.wait(50)
        assert shot.grab().save(str(SHOTS / "sync_review.png"))
        shot.show_tab("devices")
        qtbot.wait(50)
        assert shot.grab().save(str(SHOTS / "sync_devices.png"))
        export = shot.show_tab("export")
        export.scoped_radio.setChecked(True)
        export.tree.expandAll()
        export.check_place(ids["buildings"][0])
        export.set_peers(shot.state.peers)
        export.device_combo.setCurrentIndex(1)
        qtbot.wait(50)
        assert shot.grab().save(str(SHOTS / "sync_export.png"))
    finally:
        set_language("en")

    # Take the value that lost: an ordinary edit, and the list empties.
    page.show_tab("review")
    review.take_button.click()
    assert runner.wait_idle(30)
    assert not review.message.text(), review.message.text()
    assert phone_of(office, target) == lost
    assert page.review_count == 0
    assert page.tabs.tabText(3) == "Review"
    assert review.empty_hint.isVisible()
    assert kept != lost
    assert shown_errors == []


def test_review_types_a_new_value(qtbot, ctx, community, runner, other_ctx, tmp_path):
    from desktop.sync.transfer import ExportRequest, export_bundle, import_bundle

    ids = seed_roster(ctx.db, community)
    office, laptop = ctx.db, other_ctx.db
    first = export_bundle(office, ExportRequest(tmp_path / "1.linli", PASSPHRASE))
    import_bundle(laptop, first.path, PASSPHRASE, trust_signer=True)
    target = ids["residents"][1]
    for db, phone in ((office, "1"), (laptop, "2")):
        with db.unit_of_work("x") as uow:
            uow.session.get(Resident, target).phone = phone
    back = export_bundle(laptop, ExportRequest(tmp_path / "2.linli", PASSPHRASE))
    import_bundle(office, back.path, PASSPHRASE, trust_signer=True)

    page = make_page(qtbot, ctx, runner)
    review = page.show_tab("review")
    assert page.review_count == 1
    review.typed_edit.setText("13500001111")
    review.typed_button.click()
    assert runner.wait_idle(30)
    assert phone_of(office, target) == "13500001111"
    assert page.review_count == 0


def test_file_menu_opens_the_bundle_tabs(window, ctx, community, runner, tmp_path):
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert "Export &bundle…" in texts and "Import b&undle…" in texts
    window.actions_.export_bundle.trigger()
    assert window.current_key == "sync"
    page = window.pages["sync"]
    assert page.tabs.currentWidget() is page.export_panel
    window.show_page("roster")
    junk = tmp_path / "x.linli"
    junk.write_bytes(b"LINLIBDL")
    panel = window.run_command("import_bundle", junk)
    assert runner.wait_idle(30)
    assert window.current_key == "sync" and page.tabs.currentWidget() is panel
    assert "incomplete" in panel.message.text()


def test_review_restores_a_record_deleted_while_edited_elsewhere(qtbot, ctx, community, runner,
                                                                 other_ctx, tmp_path):
    from desktop.sync.transfer import ExportRequest, export_bundle, import_bundle

    ids = seed_roster(ctx.db, community)
    office, laptop = ctx.db, other_ctx.db
    first = export_bundle(office, ExportRequest(tmp_path / "1.linli", PASSPHRASE))
    import_bundle(laptop, first.path, PASSPHRASE, trust_signer=True)
    target = ids["residents"][2]
    with office.unit_of_work("王小红") as uow:
        uow.session.get(Resident, target).deleted = True
    with laptop.unit_of_work("李志愿") as uow:
        uow.session.get(Resident, target).phone = "13622220000"
    back = export_bundle(laptop, ExportRequest(tmp_path / "2.linli", PASSPHRASE))
    import_bundle(office, back.path, PASSPHRASE, trust_signer=True)

    page = make_page(qtbot, ctx, runner)
    review = page.show_tab("review")
    assert page.review_count == 1
    assert review.current().conflict.kind == "edited_after_delete"
    assert review.tree.topLevelItem(0).text(5) == "Edited after delete"
    assert review.restore_button.isVisible() and not review.take_button.isVisible()
    assert review.keep_button.text() == "Keep it deleted"
    review.restore_button.click()
    assert runner.wait_idle(30)
    assert not review.message.text(), review.message.text()
    with office.reading() as session:
        row = session.get(Resident, target)
        assert not row.deleted and row.phone == "13622220000"
    assert page.review_count == 0
