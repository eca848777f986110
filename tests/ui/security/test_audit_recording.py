"""In the window: every export, printout and saved PDF leaves exactly one audit row, opening a
resident's details records the resident's id, the first plaintext file of a session is
followed by a one-time warning, and a volunteer is refused an unmasked printout or a
spreadsheet (said inline, no file written, the database as it was) and never sees a full ID."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core.access import Actor, Role
from desktop.ui.printing.pdf_dialog import PdfDialog
from desktop.ui.visits.campaigns import CampaignsTab, files
from tests.security.audit.conftest import audit_rows, snapshot
from tests.ui.roster_pages import open_roster_page
from tests.ui.test_printing_roster import settle, to_file
from tests.ui.visits.campaign_data import make_office

OFFICE = Actor("王芳", Role.OFFICE, signed_in=True)
VOLUNTEER = Actor("小李", Role.VOLUNTEER, signed_in=True)


def _warnings() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == "plaintextWarning"
            and w.isVisible()]


def _close_warnings() -> None:
    for box in _warnings():
        box.close()


@pytest.fixture
def tab(qtbot, ctx, runner):
    _close_warnings()  # an earlier test's warning, over a page it left open, is not this one
    make_office(ctx.db)
    ctx.db.actor = OFFICE
    widget = CampaignsTab(ctx, runner)
    qtbot.addWidget(widget)
    widget.resize(900, 560)
    widget.show()
    widget.load()
    yield widget
    _close_warnings()


def test_each_export_one_row_and_one_warning_a_session(tab, runner, tmp_path):
    files.export_visits(tab, tmp_path / "visits.xlsx", masked=False)
    assert runner.wait_idle(60)
    assert (tmp_path / "visits.xlsx").exists()
    assert len(_warnings()) == 1
    assert "not encrypted" in _warnings()[0].text()
    _close_warnings()
    files.export_visits(tab, tmp_path / "again.xlsx")
    assert runner.wait_idle(60)
    assert _warnings() == []  # once a session
    rows = audit_rows(tab._ctx.db)
    assert [(r.action, r.subject, r.detail["masked"], r.operator) for r in rows] == [
        ("export", "visits.xlsx", False, "王芳"), ("export", "again.xlsx", True, "王芳")]
    assert rows[0].detail["rows"] == tab.exported.visits


def test_a_pdf_printed_and_saved_one_row_each(tab, runner, tmp_path):
    files.print_report(tab)
    assert runner.wait_idle(60)
    dialog = tab.dialog
    assert isinstance(dialog, PdfDialog)
    assert audit_rows(tab._ctx.db) == []  # a preview is not a printout
    dialog.choose_printer = to_file(tmp_path / "printed.pdf")
    dialog.print_()
    assert runner.wait_idle(60)
    dialog.ask_pdf_path = lambda _parent, _suggested: tmp_path / "report.pdf"
    dialog.save()
    assert runner.wait_idle(60)
    dialog.close()
    rows = audit_rows(tab._ctx.db)
    assert [(r.action, r.subject) for r in rows] == [("print", ""), ("print", "report.pdf")]
    assert len(_warnings()) == 1  # the saved PDF is a plaintext file


def test_a_volunteer_is_refused_a_spreadsheet_inline(tab, runner, tmp_path):
    tab._ctx.db.actor = VOLUNTEER
    before = snapshot(tab._ctx.db)
    files.export_visits(tab, tmp_path / "visits.xlsx")
    assert runner.wait_idle(60)
    assert tab.message.text().startswith("Volunteers cannot export spreadsheets")
    assert not (tmp_path / "visits.xlsx").exists()
    assert snapshot(tab._ctx.db) == before and _warnings() == []


@pytest.fixture
def roster(qtbot, ctx, community, runner):
    from desktop.roster.demo import generate_demo

    generate_demo(ctx.db, residents=80)
    page = open_roster_page(qtbot, ctx, runner)
    yield page
    _close_warnings()


def test_roster_printout_full_data_recorded_unmasked(qtbot, roster, runner, tmp_path):
    roster._ctx.db.actor = OFFICE
    dialog = roster.open_print()
    qtbot.addWidget(dialog)
    dialog.full_data.setChecked(True)
    settle(qtbot, dialog, runner)
    with qtbot.waitSignal(dialog.printed, timeout=30000):
        dialog.choose_printer = to_file(tmp_path / "full.pdf")
        dialog.print_()
    assert runner.wait_idle(30)
    [row] = audit_rows(roster._ctx.db)
    assert (row.action, row.operator, row.detail) == ("print", "王芳", {"masked": False})


def test_a_volunteer_cannot_print_the_full_roster(qtbot, roster, runner, tmp_path):
    roster._ctx.db.actor = VOLUNTEER
    dialog = roster.open_print()
    qtbot.addWidget(dialog)
    assert not dialog.full_data.isEnabled()
    dialog.full_data.setChecked(True)  # were the box enabled: the service refuses it
    dialog.render_preview()
    assert runner.wait_idle(30)
    assert dialog.message.text().startswith("Volunteers cannot print lists")
    before = snapshot(roster._ctx.db)
    dialog.choose_printer = to_file(tmp_path / "full.pdf")
    dialog.pdf, dialog.pdf_generation = b"%PDF-", dialog.generation  # as if previewed
    dialog._timer.stop()
    dialog.print_()
    dialog.ask_pdf_path = lambda _parent, _suggested: tmp_path / "saved.pdf"
    dialog.save()
    assert runner.wait_idle(30)
    assert "Volunteers cannot print lists" in dialog.message.text()
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.xlsx"))
    assert snapshot(roster._ctx.db) == before


def test_a_volunteer_is_refused_the_roster_export(qtbot, roster, runner, tmp_path):
    roster._ctx.db.actor = VOLUNTEER
    before = snapshot(roster._ctx.db)
    dialog = roster.open_export()
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(tmp_path / "all.xlsx"))
    dialog.export_button.click()
    assert runner.wait_idle(30)
    assert dialog.message.text().startswith("Volunteers cannot export spreadsheets")
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.xlsx"))
    assert snapshot(roster._ctx.db) == before


def test_the_roster_export_one_row_and_the_warning(qtbot, roster, runner, tmp_path):
    dialog = roster.open_export()  # accepted when done, and deleted
    dialog.path_edit.setText(str(tmp_path / "all.csv"))
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("csv"))
    with qtbot.waitSignal(dialog.exported, timeout=30000):
        dialog.export_button.click()
    assert runner.wait_idle(30)
    [row] = audit_rows(roster._ctx.db)
    assert row.action == "export" and row.detail["rows"] == dialog.summary.rows
    assert len(_warnings()) == 1
    roster.close()  # the warning goes with the window it was shown over
    assert _warnings() == []


def test_opening_a_resident_records_the_id_never_the_name(qtbot, roster, runner):
    resident_id = roster.residents.ids[0]
    name = roster.residents.rows([0])[0].name
    dialog = roster.editing.open_resident(resident_id)
    assert runner.wait_idle(30)
    dialog.reject()
    [row] = audit_rows(roster._ctx.db)
    assert (row.action, row.subject) == ("resident_opened", resident_id)
    assert name not in repr(row)


def test_a_notice_printed_and_saved_one_row_each(qtbot, notices_page, runner, tmp_path):
    from tests.ui.test_notices_page import fill, pdf_printer_to

    page = notices_page
    fill(page)
    page.choose_printer = pdf_printer_to(tmp_path / "printed.pdf")
    with qtbot.waitSignal(page.posted, timeout=30000):
        page.post_and_print()
    assert runner.wait_idle(30)
    page.ask_pdf_path = lambda _parent, suggested: tmp_path / "notice.pdf"
    page.save_as_pdf()
    assert runner.wait_idle(30)
    _close_warnings()
    rows = audit_rows(page._ctx.db)
    assert [(r.action, r.subject, r.detail["masked"]) for r in rows] == [
        ("print", "", True), ("print", "notice.pdf", True)]


def test_a_household_member_opened_is_recorded_too(qtbot, roster, runner):
    from desktop.ui.roster.dialogs import HouseholdDialog

    resident_id = roster.residents.ids[0]
    household_id = roster.residents.rows([0])[0].household_id
    dialog = HouseholdDialog(roster._ctx, runner, household_id, parent=roster)
    qtbot.addWidget(dialog)
    member = dialog._open_resident(resident_id)
    assert runner.wait_idle(30)
    member.reject()
    dialog.reject()
    assert [(r.action, r.subject) for r in audit_rows(roster._ctx.db)] == [
        ("resident_opened", resident_id)]


def test_show_gives_a_volunteer_the_phone_never_the_id(qtbot, ctx, runner):
    from desktop.core.masking import mask_id_number
    from desktop.roster.editing import ResidentDraft, save_resident
    from desktop.ui.roster.dialogs import ResidentDialog
    from tests.roster.editing_fixtures import ZHANG_ID, make_places

    places = make_places(ctx.db)
    with ctx.db.unit_of_work("王小红") as uow:
        resident_id = save_resident(uow, ResidentDraft(
            name="张三", id_number=ZHANG_ID, phone="13812345678", relationship="02"),
            places.households[0])
    ctx.db.actor = VOLUNTEER  # masking on screen is off on this office copy: still masked
    dialog = ResidentDialog(ctx, runner, resident_id=resident_id)
    qtbot.addWidget(dialog)
    dialog.show()
    covers = dialog.masked_fields.covers
    assert set(covers) == {"id_number", "birth_date"}  # the phone was never hidden
    covers["id_number"].show_button.click()
    assert covers["id_number"].stand_in.isVisible()
    assert covers["id_number"].stand_in.text() == mask_id_number(ZHANG_ID)
    assert not dialog.edits["id_number"].isVisible()
    assert runner.wait_idle(30)
    dialog.reject()
