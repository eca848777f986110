"""The roster page over a real demo community of 1,500 residents: search, filters, sorting,
the place tree, copy, opening a resident, and undo from the Edit menu."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desktop.roster.models import Resident
from desktop.ui.roster.page import HOUSEHOLDS_TAB, OVERVIEW_TAB
from tests.ui.roster_pages import open_roster_page, wait_loaded


@pytest.fixture
def demo_ctx(ctx):
    from desktop.roster.demo import generate_demo

    generate_demo(ctx.db, residents=1500)
    ctx.settings.set("operator", "王小红")
    return ctx


@pytest.fixture
def page(qtbot, demo_ctx, runner):
    return open_roster_page(qtbot, demo_ctx, runner)


def all_rows(page):
    return page.residents.rows(range(page.residents.rowCount()))


def test_models_pass_the_model_tester(page, qtmodeltester):
    qtmodeltester.check(page.residents)
    page.tabs.setCurrentIndex(HOUSEHOLDS_TAB)
    assert page.households.rowCount() > 0
    qtmodeltester.check(page.households)


def test_opening_shows_living_residents_and_counts(page, runner):
    assert page.residents.rowCount() > 1000
    assert page.filters.count_label.text().startswith(f"{page.residents.rowCount():,}")
    assert page.counts is not None and page.counts.residents == 1500
    assert page.tree.root is not None and page.tree.topLevelItemCount() == 1
    assert not page.empty_hint.isVisible()


def test_the_count_reads_as_english_for_one_and_many(page):
    page.filters.show_count(1)
    assert page.filters.count_label.text() == "1 resident"
    page.filters.show_count(1200, households=True)
    assert page.filters.count_label.text() == "1,200 households"


def test_search_by_name_pinyin_initials_and_phone(page, demo_ctx):
    from pypinyin import Style, lazy_pinyin

    everyone = {r.id: r for r in all_rows(page)}
    person = next(r for r in everyone.values() if len(r.name) == 3 and r.phone)

    page.search(person.name)
    found = all_rows(page)
    assert person.id in {r.id for r in found}
    assert all(person.name in r.name for r in found)

    initials = "".join(lazy_pinyin(person.name, style=Style.FIRST_LETTER))
    page.search(initials)
    assert person.id in page.residents.ids
    assert page.residents.rowCount() < len(everyone)

    fragment = person.phone[-6:]
    page.search(fragment)
    found = all_rows(page)
    assert person.id in {r.id for r in found}
    assert all(fragment in r.phone or fragment in r.id_number or fragment in r.household_number
               for r in found)

    page.search("")
    assert page.residents.rowCount() == len(everyone)


def test_typing_searches_after_a_short_pause(page, qtbot):
    before = page.residents.rowCount()
    qtbot.keyClicks(page.filters.search, "zh")
    qtbot.waitUntil(lambda: page.residents.rowCount() < before, timeout=2000)


def test_tag_chip_and_age_range_narrow_the_rows(page):
    everyone = all_rows(page)
    page.filters.check_tag("elderly")
    page.filters.set_age_range(80, None)
    rows = all_rows(page)
    assert rows
    assert all(r.age is not None and r.age >= 80 for r in rows)
    elderly = page.filters._tag_ids["elderly"]
    assert elderly
    expected = {r.id for r in everyone if r.age is not None and r.age >= 80
                and any(t in ("elderly", "Elderly") for t in r.tags)}
    assert {r.id for r in rows} == expected
    page.filters.clear_filters()
    assert page.residents.rowCount() == len(everyone)


@pytest.mark.parametrize("column", ["id_number", "age", "phone"])
def test_sorting_by_a_header_matches_a_python_sort(page, qtbot, column):
    table = page.resident_table
    section = page.residents.columns.index(column)
    table.horizontalHeader().setSortIndicator(section, Qt.SortOrder.AscendingOrder)
    values = [getattr(r, column) for r in all_rows(page)]
    present = [v for v in values if v not in (None, "")]
    assert present == sorted(present)
    table.horizontalHeader().setSortIndicator(section, Qt.SortOrder.DescendingOrder)
    values = [getattr(r, column) for r in all_rows(page)]
    present = [v for v in values if v not in (None, "")]
    assert present == sorted(present, reverse=True)
    assert page.resident_sort.column == column and page.resident_sort.descending


def test_moved_out_and_deceased_hidden_unless_asked(page, demo_ctx):
    with demo_ctx.db.reading() as session:
        inactive = set(session.execute(select(Resident.id).where(
            (Resident.moved_out.is_(True)) | (Resident.deceased.is_(True)))).scalars())
    assert inactive
    assert not inactive & set(page.residents.ids)
    page.filters.inactive.setChecked(True)
    assert inactive <= set(page.residents.ids)
    assert page.residents.rowCount() == 1500


def test_copy_puts_tab_separated_rows_with_a_header_on_the_clipboard(page):
    table = page.resident_table
    table.selectRow(0)
    table.selectionModel().select(
        page.residents.index(2, 0),
        table.selectionModel().SelectionFlag.Select | table.selectionModel().SelectionFlag.Rows)
    assert page.copy_selection()
    text = QApplication.clipboard().text()
    lines = text.rstrip("\r\n").split("\r\n")
    assert len(lines) == 3
    columns = table.visible_columns()
    assert lines[0].split("\t") == [page.residents.label(page.residents.columns.index(c))
                                    for c in columns]
    first = page.residents.row_at(0)
    cells = lines[1].split("\t")
    assert len(cells) == len(columns)
    assert cells[columns.index("name")] == first.name
    assert cells[columns.index("id_number")] == first.id_number


def test_choosing_a_building_scopes_the_table(page, qtbot):
    tree = page.tree
    building = tree.find_kind("building")[0]
    tree.setCurrentItem(building)
    scope = page.scope
    assert scope.building_id is not None
    rows = all_rows(page)
    assert rows
    node_count = int(building.text(0).rsplit("(", 1)[1].rstrip(")").replace(",", ""))
    assert len(rows) == node_count
    assert len({r.compound for r in rows}) == 1
    tree.setCurrentItem(tree.topLevelItem(0))
    assert page.residents.rowCount() > len(rows)


def test_keyboard_tab_order_runs_tree_search_filters_table(page):
    assert page.tree.nextInFocusChain() is not None
    chain, widget = [], page.tree
    for _ in range(60):
        widget = widget.nextInFocusChain()
        chain.append(widget)
        if widget is page.resident_table:
            break
    assert page.filters.search in chain
    assert chain.index(page.filters.search) < chain.index(page.resident_table)


def test_overview_tab_shows_charts(page):
    page.tabs.setCurrentIndex(OVERVIEW_TAB)
    tab = page.overview_tab
    assert len(tab.age.chart.bars) >= 6
    assert tab.tags.chart.bars and tab.compounds.chart.bars
    assert not page.filters.isVisible()


def test_double_click_opens_the_resident_dialog(page, qtbot):
    table = page.resident_table
    rect = table.visualRect(page.residents.index(0, 0))
    # A real double click is a press first: the view opens only the row the press was on.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = page.editing.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.resident_id == page.residents.id_at(0)
    dialog.reject()


def test_undo_after_an_edit_restores_the_old_value(qtbot, demo_ctx, runner):
    from desktop.roster.editing import load_draft, save_resident
    from desktop.sync.undo import UndoEntry
    from desktop.ui.shell.main_window import MainWindow

    window = MainWindow(demo_ctx, runner)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.pages["roster"]
    wait_loaded(qtbot, page, runner)
    actions = window.actions_
    assert not actions.undo.isEnabled()
    resident_id = page.residents.id_at(0)
    old = page.residents.row_at(0).name

    with demo_ctx.db.reading() as session:
        draft, _household = load_draft(session, resident_id)
    with demo_ctx.db.unit_of_work(demo_ctx.operator) as uow:
        save_resident(uow, draft.__class__(**{**draft.__dict__, "name": "改名字"}), None,
                      resident_id)
    demo_ctx.undo.push(UndoEntry.from_unit_of_work(f"Edit {old}", uow))
    from desktop.ui.operations import Operations

    Operations.of(runner).broadcast(uow.changes)  # as the window's one write path does
    assert page.residents.row_at(page.residents.row_of(resident_id)).name == "改名字"
    assert actions.undo.isEnabled()
    assert old in actions.undo.text()

    page.resident_table.setFocus()
    qtbot.keyClick(page.resident_table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert runner.wait_idle(10)  # undo runs on the database lane
    row = page.residents.row_of(resident_id)
    assert page.residents.row_at(row).name == old
    assert page.residents.data(page.residents.index(row, 0)) == old
    assert actions.redo.isEnabled() and not actions.undo.isEnabled()
    actions.redo.trigger()
    assert runner.wait_idle(10)
    assert page.residents.row_at(page.residents.row_of(resident_id)).name == "改名字"


def test_find_focuses_the_search_box(qtbot, demo_ctx, runner):
    from desktop.ui.shell.main_window import MainWindow

    window = MainWindow(demo_ctx, runner, page="settings")
    qtbot.addWidget(window)
    window.show()
    window.actions_.find.trigger()
    assert window.current_key == "roster"
    page = window.pages["roster"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.filters.search or
                    page.filters.search.hasFocus(), timeout=2000)
    wait_loaded(qtbot, page, runner)


def test_add_menu_opens_the_place_forms_for_the_chosen_place(qtbot, demo_ctx, runner):
    from desktop.ui.shell.main_window import MainWindow

    window = MainWindow(demo_ctx, runner)
    qtbot.addWidget(window)
    window.show()
    page = window.pages["roster"]
    wait_loaded(qtbot, page, runner)
    actions = window.actions_

    actions.create_dwellings.trigger()  # the whole community is chosen: no building
    assert page.editing.dialog is None and page.editing.message
    page.tree.setCurrentItem(page.tree.find_kind("building")[0])
    actions.create_dwellings.trigger()
    dialog = page.editing.dialog
    assert dialog is not None and dialog.objectName() == "bulkDwellingsDialog"
    assert dialog.building_id == page.scope.building_id
    dialog.reject()

    actions.new_compound.trigger()
    assert page.editing.dialog is not None and page.editing.dialog.isVisible()
    page.editing.dialog.reject()
    assert runner.wait_idle(30)


def test_a_new_household_moves_into_a_vacant_dwelling_and_its_view_opens(
        qtbot, demo_ctx, runner):
    from sqlalchemy import select

    from desktop.roster.models import Household
    from desktop.ui.shell.main_window import MainWindow

    window = MainWindow(demo_ctx, runner)
    qtbot.addWidget(window)
    window.show()
    page = window.pages["roster"]
    wait_loaded(qtbot, page, runner)
    window.actions_.new_household.trigger()  # no building chosen yet: a hint, no form
    assert page.editing.dialog is None and page.editing.message

    page.tree.setCurrentItem(page.tree.find_kind("building")[0])
    window.actions_.new_household.trigger()
    dialog = page.editing.dialog
    assert dialog.objectName() == "newHouseholdDialog"
    assert dialog.dwelling.count() > 0
    chosen = dialog.dwelling.currentData()
    dialog.number.setText("H-2026-001")
    dialog.accept()
    assert runner.wait_idle(10)  # the write runs on the database lane
    with demo_ctx.db.reading() as s:
        home = s.execute(select(Household).where(Household.number == "H-2026-001")).scalar_one()
        assert home.dwelling_id == chosen
    view = page.editing.dialog
    assert view is not None and view.objectName() != "newHouseholdDialog"
    assert demo_ctx.undo.undo_label and "H-2026-001" not in demo_ctx.undo.undo_label
    view.reject()
    assert runner.wait_idle(30)


def test_saving_the_resident_dialog_refreshes_the_row_and_keeps_the_selection(page, runner):
    table = page.resident_table
    table.selectRow(5)
    resident_id = page.residents.id_at(5)
    dialog = page.editing.open_resident(resident_id)
    dialog.edits["name"].setText("新名字")
    dialog.accept()
    assert runner.wait_idle(10)  # the write runs on the database lane
    row = page.residents.row_of(resident_id)
    assert page.residents.row_at(row).name == "新名字"
    assert table.selected_ids() == [resident_id]
    page.search("新名字")
    assert page.residents.ids == [resident_id]  # the search index saw the edit
    assert page._ctx.undo.undo_label


def test_column_chooser_shows_and_hides_columns(page):
    table = page.resident_table
    menu = table.column_menu()
    labels = {a.text(): a for a in menu.actions()}
    assert len(labels) == len(page.residents.columns)
    assert "phone" in table.visible_columns()
    labels[page.residents.label(page.residents.columns.index("phone"))].setChecked(False)
    assert "phone" not in table.visible_columns()
    labels[page.residents.label(page.residents.columns.index("work_unit"))].setChecked(True)
    assert "work_unit" in table.visible_columns()
    table.selectRow(0)
    header = page.resident_table.selection_text().split("\r\n")[0].split("\t")
    assert len(header) == len(table.visible_columns())


def test_after_edits_the_last_order_paints_first_and_the_exact_list_follows(
        qtbot, demo_ctx, runner, monkeypatch):
    """A big roster (forced here) opens with yesterday's order, then the exact list."""
    from desktop.roster import source
    from desktop.roster.models import Resident
    from desktop.ui.roster.page import RosterPage

    monkeypatch.setattr(source, "SMALL_ROSTER", 0)

    def open_page():
        roster = RosterPage(demo_ctx, runner)
        qtbot.addWidget(roster)
        roster.resize(1180, 700)
        roster.show()
        roster.activated()
        return roster

    first = open_page()
    wait_loaded(qtbot, first, runner)  # the exact list is read and its order kept
    kept = list(first.residents.ids)
    first.close()
    with demo_ctx.db.unit_of_work("王小红") as uow:
        uow.session.get(Resident, kept[0]).moved_out = True
    second = open_page()
    assert second.residents.ids == kept  # painted at once from the kept (now stale) order
    wait_loaded(qtbot, second, runner)
    qtbot.waitUntil(lambda: kept[0] not in second.residents.ids, timeout=10000)
    assert len(second.residents.ids) == len(kept) - 1


def test_the_column_choice_is_remembered_for_the_next_session(qtbot, page, demo_ctx, runner):
    from desktop.core.settings import Settings
    from desktop.ui.roster.page import RosterPage

    table = page.resident_table
    table.show_column("phone", False)
    table.show_column("work_unit", True)
    chosen = table.visible_columns()
    # Saved in the settings file: a new page (the next morning) shows the same columns.
    saved = Settings.load(demo_ctx.data_dir.settings_file).get("roster_resident_columns")
    assert saved == chosen and "phone" not in saved
    later = RosterPage(demo_ctx, runner)
    qtbot.addWidget(later)
    assert later.resident_table.visible_columns() == chosen
    # A column key this version does not know (written by a newer one) is skipped.
    demo_ctx.settings.set("roster_resident_columns", ["name", "from_the_future"])
    other = RosterPage(demo_ctx, runner)
    qtbot.addWidget(other)
    assert other.resident_table.visible_columns() == ["name"]
    assert runner.wait_idle(30)
