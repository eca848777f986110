"""The owner register's windows as a user drives them: the dwelling's "Owners and areas" from
the household view, the register tab with its gaps, an import, and how it all fits a small
screen in Chinese and English (pictures in /tmp/shots)."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import select

from desktop.core import i18n
from desktop.roster.models import Dwelling, DwellingOwner, Resident
from desktop.roster.owners.service import AreasDraft, OwnerDraft, set_areas, set_owners
from desktop.ui.roster.dialogs import HouseholdDialog
from desktop.ui.roster.owners.register_tab import OwnerRegisterTab
from tests.roster.editing_fixtures import ZHANG_ID, make_places
from tests.ui.layout_check import layout_problems

SHOTS = Path(os.environ.get("LINLI_SHOTS", "/tmp/shots"))


@pytest.fixture
def places(ctx):
    ctx.settings.set("operator", "王小红")
    found = make_places(ctx.db)
    with ctx.db.unit_of_work("王小红") as uow:
        uow.session.add(Resident(name="张三", household_id=found.households[0],
                                 id_number=ZHANG_ID, phone="13800001111"))
        for dwelling in found.dwellings[1:]:
            set_areas(uow, dwelling, AreasDraft("100", "88.5"))
            set_owners(uow, dwelling, [OwnerDraft(name="王芳", phone="13900002222")])
    return found


def _owners(ctx, dwelling_id):
    with ctx.db.reading() as session:
        return session.execute(select(DwellingOwner.resident_id, DwellingOwner.outside_name,
                                      DwellingOwner.share_percent)
                               .where(DwellingOwner.dwelling_id == dwelling_id,
                                      DwellingOwner.deleted.is_(False))
                               .order_by(DwellingOwner.created_hlc)).all()


def test_household_view_opens_owners_and_areas_and_saves(qtbot, ctx, runner, places):
    household = HouseholdDialog(ctx, runner, places.households[0])
    qtbot.addWidget(household)
    household.show()
    dialog = household.edit_owners()
    assert dialog.dwelling_id == places.dwellings[0]
    dialog.floor_area.setText("98.5")
    dialog.exclusive_area.setText("１２０．５0")  # larger than the floor area: refused
    dialog.accept()
    problem = dialog.form.problems["exclusive_area"]
    qtbot.waitUntil(lambda: problem.isVisible())
    assert "larger than the floor area" in problem.text()
    with ctx.db.reading() as session:
        assert session.get(Dwelling, places.dwellings[0]).floor_area is None  # nothing written
    dialog.exclusive_area.setText("80.25")
    # a resident found by the search, and an outside co-owner, half each
    dialog.search.setText("张")
    dialog._add_first_found()
    outside = dialog.add_outside()
    outside.name.setText("李 四")
    outside.phone.setText("13700003333")
    outside.accept()
    assert dialog.owner_names() == ["张三", "李 四"]
    dialog.owners.item(0, 3).setText("50")
    dialog.owners.item(1, 3).setText("50")
    with qtbot.waitSignal(household.changed, timeout=10000):
        dialog.accept()
    with ctx.db.reading() as session:
        row = session.get(Dwelling, places.dwellings[0])
        assert (row.floor_area, row.exclusive_area) == (Decimal("98.50"), Decimal("80.25"))
    owners = _owners(ctx, places.dwellings[0])
    assert [(bool(r), n, s) for r, n, s in owners] == [(True, "", 50), (False, "李 四", 50)]
    assert "李 四 (50%)" in household.owners_label.text()


def test_shares_not_adding_up_are_said_and_nothing_written(qtbot, ctx, runner, places):
    tab = OwnerRegisterTab(ctx, runner)
    qtbot.addWidget(tab)
    tab.load()
    dialog = tab.open_dwelling(places.dwellings[1])
    outside = dialog.add_outside()
    outside.name.setText("赵六")
    outside.accept()
    dialog.owners.item(0, 3).setText("60")
    dialog.owners.item(1, 3).setText("30")
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.owners_problem.isVisible())
    assert "90" in dialog.owners_problem.text()
    assert len(_owners(ctx, places.dwellings[1])) == 1


def test_register_tab_lists_gaps_and_refreshes(qtbot, ctx, runner, places):
    tab = OwnerRegisterTab(ctx, runner)
    qtbot.addWidget(tab)
    tab.show()
    tab.load()
    assert tab.totals.text() == ("Dwellings: 24 · owners: 1 · exclusive area: 2,035.50 m² · "
                                 "with gaps: 1")
    assert tab.gaps.count() == 1
    assert tab.gaps.item(0).text() == "翠苑一区3幢1单元101: no owner; no exclusive area"
    compound = tab.tree.topLevelItem(0)
    assert [compound.text(c) for c in range(7)] == [
        "翠苑一区", "24", "1", "2,035.50", "1", "1", "0"]
    dialog = tab.open_gap()
    dialog.exclusive_area.setText("70")
    dialog.developer_held.setChecked(True)
    from desktop.ui.operations import Operations

    Operations.of(runner).changed.connect(tab.refresh)
    with qtbot.waitSignal(dialog.changed, timeout=10000):
        dialog.accept()
    qtbot.waitUntil(lambda: tab.gaps.count() == 0)
    assert "No gaps" in tab.gaps_label.text()
    assert tab.tree.topLevelItem(0).text(6) == "1"


def test_import_from_the_tab(qtbot, ctx, runner, places, tmp_path):
    book = Workbook()
    book.active.append(["楼栋", "单元", "房号", "业主姓名", "专有面积", "联系电话"])
    book.active.append(["3幢", "1", "101", "张三", "120.5", "13800001111"])
    book.active.append(["3幢", "1", "102", "孙七", "120.505", ""])
    book.save(tmp_path / "list.xlsx")
    tab = OwnerRegisterTab(ctx, runner)
    qtbot.addWidget(tab)
    tab.load()
    tab.import_file(tmp_path / "list.xlsx")
    qtbot.waitUntil(lambda: tab.last_import is not None, timeout=10000)
    result, _plan = tab.last_import
    assert result.dwellings == 1 and result.rows_left_out == 1
    assert [bool(r) for r, _n, _s in _owners(ctx, places.dwellings[0])] == [True]


@pytest.mark.parametrize("language", ["zh_Hans", "en"])
def test_screenshots_fit_a_small_screen(qtbot, ctx, runner, places, language, app_fonts):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with ctx.db.unit_of_work("王小红") as uow:  # a likely-same-person warning to show
        set_owners(uow, places.dwellings[5], [OwnerDraft(name="王 芳芳", phone="13900002222")])
    i18n.set_language(language)
    app_fonts(language)
    try:
        tab = OwnerRegisterTab(ctx, runner)
        qtbot.addWidget(tab)
        tab.resize(910, 512)
        tab.show()
        tab.load()
        QApplication.processEvents()
        tab.grab().save(str(SHOTS / f"owner_register_{language}.png"))
        assert layout_problems(tab) == []
        dialog = tab.open_gap()
        dialog.resize(910, 512)
        dialog.search.setText("张")
        dialog._add_first_found()
        outside = dialog.add_outside()
        outside.name.setText("李四")
        outside.phone.setText("13700003333")
        outside.accept()
        dialog.owners.item(0, 3).setText("50")
        dialog.owners.item(1, 3).setText("50")
        dialog.owners_problem.setText("The shares add up to 90 %; they must add up to "
                                      "exactly 100 %.")
        dialog.owners_problem.setVisible(True)
        for _ in range(5):
            QApplication.processEvents()
        dialog.grab().save(str(SHOTS / f"owner_dwelling_{language}.png"))
        assert layout_problems(dialog) == []
        dialog.reject()
        household = HouseholdDialog(ctx, runner, places.households[0])
        qtbot.addWidget(household)
        household.resize(910, 512)
        household.show()
        for _ in range(5):
            QApplication.processEvents()
        household.grab().save(str(SHOTS / f"owner_household_{language}.png"))
        assert household.owners_button.isEnabled()
        assert layout_problems(household) == []
    finally:
        i18n.set_language("en")


def test_enter_in_the_search_adds_the_resident_and_does_not_save(qtbot, ctx, runner, places):
    tab = OwnerRegisterTab(ctx, runner)
    qtbot.addWidget(tab)
    tab.load()
    dialog = tab.open_gap()
    qtbot.waitExposed(dialog)
    dialog.search.setFocus()
    qtbot.keyClicks(dialog.search, "1111")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.owner_names() == ["张三"]
    assert dialog.writing is None and dialog.isVisible()  # no Save on its way


def test_enter_in_a_share_cell_commits_the_cell_only(qtbot, ctx, runner, places):
    tab = OwnerRegisterTab(ctx, runner)
    qtbot.addWidget(tab)
    tab.load()
    dialog = tab.open_dwelling(places.dwellings[1])
    qtbot.waitExposed(dialog)
    item = dialog.owners.item(0, 3)
    dialog.owners.setCurrentItem(item)  # every edit trigger: the cell's editor opens
    editor = dialog.owners.viewport().findChild(QLineEdit)
    assert editor is not None
    qtbot.keyClicks(editor, "100")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.owners.item(0, 3).text() == "100")  # committed (queued)
    assert dialog.writing is None and dialog.isVisible()
