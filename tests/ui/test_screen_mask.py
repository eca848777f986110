"""Masking on screen: on a volunteer's laptop nobody at the counter reads full ID and phone
numbers off the roster, its windows or what is copied; the full value is one click away."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from desktop.core.masking import mask_id_number, mask_phone
from desktop.roster.editing import ResidentDraft, save_resident
from desktop.roster.models import Resident
from desktop.sync.exchange.state import mark_partial
from desktop.ui.roster.dialogs import HouseholdDialog, ResidentDialog
from tests.roster.editing_fixtures import ZHANG_ID, make_places
from tests.ui.roster_pages import open_roster_page

PHONE = "13812345678"


@pytest.fixture
def zhang(ctx):
    ctx.settings.set("operator", "王小红")
    places = make_places(ctx.db)
    with ctx.db.unit_of_work("王小红") as uow:
        resident_id = save_resident(uow, ResidentDraft(
            name="张三", id_number=ZHANG_ID, phone=PHONE, relationship="02"),
            places.households[0])
    return resident_id, places.households[0]


def _volunteer_laptop(ctx) -> None:
    """What importing a volunteer's scoped bundle leaves behind."""
    with ctx.db.unit_of_work("import") as uow:
        mark_partial(uow.session)


def _cells(page) -> dict[str, str]:
    model = page.residents
    return {column: model.text(0, model.columns.index(column))
            for column in ("name", "id_number", "phone", "birth_date")}


def test_the_office_computer_shows_numbers_in_full(qtbot, ctx, runner, zhang):
    page = open_roster_page(qtbot, ctx, runner)
    assert _cells(page)["id_number"] == ZHANG_ID
    assert _cells(page)["phone"] == PHONE


def test_a_volunteers_laptop_masks_the_table_the_copy_and_the_tooltip(qtbot, ctx, runner,
                                                                       zhang):
    _volunteer_laptop(ctx)
    page = open_roster_page(qtbot, ctx, runner)
    cells = _cells(page)
    assert cells["name"] == "张三"  # the worker still needs to know whom they talk to
    assert cells["id_number"] == mask_id_number(ZHANG_ID) != ZHANG_ID
    assert cells["phone"] == mask_phone(PHONE) == "138****5678"
    assert cells["birth_date"] == "1980-**-**"  # the hidden middle of the ID, not beside it
    index = page.residents.index(0, page.residents.columns.index("id_number"))
    assert page.residents.data(index) == mask_id_number(ZHANG_ID)
    page.resident_table.selectRow(0)
    assert page.copy_selection()
    copied = QApplication.clipboard().text()
    assert ZHANG_ID not in copied and PHONE not in copied
    assert mask_id_number(ZHANG_ID) in copied

    # One deliberate click: "Show ID and phone numbers" on the selected resident.
    menu = page.resident_menu()
    show = next(a for a in menu.actions() if "Show" in a.text())
    show.trigger()
    assert _cells(page)["id_number"] == ZHANG_ID and _cells(page)["phone"] == PHONE
    assert not any("Show" in a.text() for a in page.resident_menu().actions())


def test_the_resident_window_covers_the_numbers_until_show_and_saves_the_real_ones(
        qtbot, ctx, runner, zhang):
    _volunteer_laptop(ctx)
    resident_id, _household = zhang
    dialog = ResidentDialog(ctx, runner, resident_id=resident_id)
    qtbot.addWidget(dialog)
    dialog.show()
    covers = dialog.masked_fields.covers
    assert covers["id_number"].stand_in.text() == mask_id_number(ZHANG_ID)
    assert covers["id_number"].stand_in.isVisible()
    assert covers["phone"].stand_in.text() == mask_phone(PHONE)
    assert not dialog.edits["id_number"].isVisible()
    shown = [w.text() for w in dialog.findChildren(type(dialog.edits["name"]))
             if w.isVisible()]
    assert ZHANG_ID not in shown and PHONE not in shown

    # Saving while masked keeps the real numbers: the stand-ins are never saved.
    dialog.edits["name"].setText("张三丰")
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled())
    dialog.accept()
    assert runner.wait_idle(10)  # the write runs on the database lane
    with ctx.db.reading() as session:
        person = session.get(Resident, resident_id)
        assert (person.name, person.id_number, person.phone) == ("张三丰", ZHANG_ID, PHONE)


def test_show_in_the_resident_window_uncovers_every_number(qtbot, ctx, runner, zhang):
    _volunteer_laptop(ctx)
    resident_id, _household = zhang
    dialog = ResidentDialog(ctx, runner, resident_id=resident_id)
    qtbot.addWidget(dialog)
    dialog.show()
    cover = dialog.masked_fields.covers["id_number"]
    caption = dialog.grids["id_number"].captions[1]  # "&ID number:"
    assert caption.buddy() is cover.show_button  # Alt+I leads to Show, not a hidden field
    cover.show_button.click()
    assert caption.buddy() is dialog.edits["id_number"]
    assert dialog.edits["id_number"].isVisible()
    assert dialog.edits["id_number"].text() == ZHANG_ID
    assert dialog.edits["phone"].isVisible()
    assert not dialog.masked_fields.covers["phone"].stand_in.isVisible()


def test_the_household_window_masks_members_phones(qtbot, ctx, runner, zhang):
    _volunteer_laptop(ctx)
    _resident, household_id = zhang
    dialog = HouseholdDialog(ctx, runner, household_id)
    qtbot.addWidget(dialog)
    texts = [dialog.members.item(0, c).text() for c in range(dialog.members.columnCount())]
    assert mask_phone(PHONE) in texts and PHONE not in texts


def test_the_setting_turns_masking_on_for_the_office_and_applies_at_once(qtbot, ctx,
                                                                        community, runner,
                                                                        zhang):
    from desktop.ui.shell.main_window import MainWindow

    main = MainWindow(ctx, runner)
    qtbot.addWidget(main)
    main.show()
    roster = main.pages["roster"]
    qtbot.waitUntil(lambda: roster.residents.rowCount() > 0)
    assert roster.residents.text(0, roster.residents.columns.index("phone")) == PHONE
    form = main.show_page("settings").form
    assert not form.mask_on_screen.isChecked()  # an office computer: off unless chosen
    form.mask_on_screen.setChecked(True)
    assert form.save()
    assert ctx.settings.get("mask_on_screen") is True
    assert roster.residents.text(0, roster.residents.columns.index("phone")) == mask_phone(PHONE)
    runner.wait_idle(10)


def test_on_a_volunteers_laptop_the_box_starts_ticked_and_is_not_stored_until_chosen(
        qtbot, ctx, zhang):
    from desktop.ui.settings.form import SettingsForm

    _volunteer_laptop(ctx)
    form = SettingsForm(ctx)
    qtbot.addWidget(form)
    assert form.mask_on_screen.isChecked()
    assert "mask_on_screen" not in form.values()  # keeps following the copy
    form.mask_on_screen.setChecked(False)
    assert form.values()["mask_on_screen"] is False


def test_a_copy_from_a_minimised_bundle_counts_as_a_volunteers_laptop(ctx, zhang):
    from desktop.roster.screen_mask import is_volunteer_copy, mask_on_screen
    from desktop.sync.exchange.models import WithheldField

    assert not is_volunteer_copy(ctx.db) and not mask_on_screen(ctx)
    resident_id, _household = zhang
    with ctx.db.unit_of_work("import") as uow:  # an ID number the bundle left out
        uow.session.add(WithheldField(row_id=resident_id, field="id_number",
                                      table_name="resident"))
    assert is_volunteer_copy(ctx.db) and mask_on_screen(ctx)
    ctx.settings.set("mask_on_screen", False)  # the user's choice wins
    assert not mask_on_screen(ctx)
