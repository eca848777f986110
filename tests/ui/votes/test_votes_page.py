"""The Owners' votes page driven as the office uses it (qtbot, a real SQLite file with the demo
roster's owners and areas): a vote made through the New vote dialog (refused while a register
gap is neither fixed nor left out), ballots typed by code with the keys 1/2/3 and the tally
and margin redrawn at once, a mistyped code refused with nothing written, a correction shown
beside the ballot it replaces, several dwellings found by a room number picked from a list."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from desktop.ui.operations import Operations
from desktop.ui.votes.page import VotesPage
from desktop.votes.electorate import scope_gaps
from desktop.votes.reading import ballot_history, list_votes, vote_tally
from desktop.votes.service import VoteDraft, create_vote
from desktop.votes.tables import Ballot, Vote
from tests.ui.votes.vote_data import TODAY, first_building, make_vote, roster


@pytest.fixture
def page(qtbot, ctx, runner):
    roster(ctx.db)
    ctx.settings.set("operator", "王小红")
    widget = VotesPage(ctx, runner)
    Operations.of(runner).changed.connect(widget.refresh)  # as the main window does
    qtbot.addWidget(widget)
    widget.resize(910, 512)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activated()
    return widget


def _settle(runner, qtbot) -> None:
    assert runner.wait_idle(30)
    qtbot.wait(10)


def _count(db, table) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(table))


def _focus():
    return QApplication.focusWidget()


def type_ballot(qtbot, view, code: str, key) -> None:
    """As the office types it: the code, Enter, then the opinion's key on what has focus."""
    entry = view.entry
    entry.code.setFocus()
    qtbot.keyClicks(entry.code, code)
    qtbot.keyClick(entry.code, Qt.Key.Key_Return)
    assert view.window().focusWidget() is entry.pad, entry.message.text()
    qtbot.keyClick(entry.pad, key)


def test_a_vote_is_made_in_the_dialog_once_the_register_gap_is_left_out(qtbot, ctx, runner,
                                                                        page):
    tab = page.votes
    assert tab.empty.isVisibleTo(tab) and not tab.close_button.isEnabled()
    compound_id, building_id, name = first_building(ctx.db)
    dialog = tab.new_vote()
    dialog.title.setText("1幢电梯更新")
    dialog.proposal.setPlainText("更换1幢电梯。")
    dialog.item.setCurrentIndex(dialog.item.findData(7))
    assert "three quarters" in dialog.bar.text()
    dialog.compound.setCurrentIndex(dialog.compound.findData(compound_id))
    dialog.building.setCurrentIndex(dialog.building.findData(building_id))
    gaps = dialog.gap_table.rowCount()
    assert gaps >= 1 and not dialog.gap_box.isHidden()
    gap_address = dialog.gap_table.item(0, 0).text()

    # Not left out: the service refuses, names the dwelling, and nothing is written.
    dialog.create()
    _settle(runner, qtbot)
    assert gap_address in dialog.message.text()
    assert dialog.pages.currentIndex() == 1 and dialog.isVisible()
    assert _count(ctx.db, Vote) == 0

    # Left out without a reason: refused too.
    dialog.gap_table.boxes[0].setChecked(True)
    dialog.create()
    _settle(runner, qtbot)
    assert _count(ctx.db, Vote) == 0 and dialog.message.text()

    dialog.gap_table.leave_all_out("产权未登记")
    dialog.create()
    _settle(runner, qtbot)
    with ctx.db.reading() as session:
        [row] = list_votes(session, TODAY)
    assert (row.title, row.item, row.state) == ("1幢电梯更新", 7, "collecting")
    assert tab.current_id() == row.id and name in tab.list.currentItem().text()
    assert "Not passing yet" in tab.view.tally_view.outcome.text()
    assert tab.close_button.isEnabled()


def test_ballots_typed_by_code_redraw_the_tally_and_margin(qtbot, ctx, runner, page):
    vote_id = make_vote(ctx.db)
    tab = page.votes
    tab.load(vote_id)
    view = tab.view
    first, second = [r for r in view.electors if not r.excluded][:2]
    electors = sum(1 for r in view.electors if not r.excluded)
    before = view.tally_view.margin.text()
    assert f"0 of {electors} owners" in view.tally_view.texts()

    type_ballot(qtbot, view, first.code, Qt.Key.Key_1)
    _settle(runner, qtbot)
    assert view.window().focusWidget() is view.entry.code  # ready for the next ballot
    assert view.entry.code.text() == ""
    assert first.address in view.entry.done and "Agree" in view.entry.done
    shown = view.tally_view.texts()
    assert f"1 of {electors} owners" in shown and view.tally_view.margin.text() != before
    assert "Approval is met." in view.tally_view.margin.text()

    type_ballot(qtbot, view, second.code, Qt.Key.Key_2)
    _settle(runner, qtbot)
    assert f"2 of {electors} owners" in view.tally_view.texts()
    assert "Approval is met." not in view.tally_view.margin.text()

    # The page shows what the core counts.
    with ctx.db.reading() as session:
        counted = vote_tally(session, vote_id, TODAY)
    assert view.tally_view.margin.text() == "\n".join(counted.sentences)
    assert (counted.tally.participating_heads, counted.tally.agree_heads) == (2, 1)
    # After the pause the list says how many voted.
    qtbot.waitUntil(lambda: f"2 of {electors} voted" in tab.list.currentItem().text(),
                    timeout=5000)


def test_a_mistyped_code_is_refused_and_writes_nothing(qtbot, ctx, runner, page):
    vote_id = make_vote(ctx.db)
    tab = page.votes
    tab.load(vote_id)
    view = tab.view
    good = view.electors[0].code
    # The last digit changed: the check digit no longer holds.
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    entry = view.entry
    entry.code.setFocus()
    qtbot.keyClicks(entry.code, bad)
    qtbot.keyClick(entry.code, Qt.Key.Key_Return)
    assert bad in entry.message.text() and "No dwelling" in entry.message.text()
    assert not entry.pad.isEnabled() and view.window().focusWidget() is entry.code
    qtbot.keyClick(entry.pad, Qt.Key.Key_1)  # a stray key press goes nowhere
    _settle(runner, qtbot)
    assert _count(ctx.db, Ballot) == 0


def test_a_correction_is_a_second_ballot_and_the_history_shows_both(qtbot, ctx, runner,
                                                                     page):
    vote_id = make_vote(ctx.db)
    tab = page.votes
    tab.load(vote_id)
    view = tab.view
    row = view.electors[0]
    type_ballot(qtbot, view, row.code, Qt.Key.Key_2)
    _settle(runner, qtbot)
    type_ballot(qtbot, view, row.code, Qt.Key.Key_1)
    _settle(runner, qtbot)
    assert "replaces the earlier ballot (Against)" in view.entry.done
    assert "1 of" in view.tally_view.cells[1][1].text()  # one owner takes part, not two
    with ctx.db.reading() as session:
        history = ballot_history(session, vote_id, row.dwelling_id)
    assert sorted(b.opinion for b in history) == ["against", "agree"]

    view.views.setCurrentIndex(1)
    table = view.history.table
    assert table.rowCount() == 2
    rows = table.texts()
    assert rows[0][2] == "Agree" and rows[0][3] == "Counted"
    assert rows[1][2] == "Against" and rows[1][3] == "Replaced by a later ballot"


def test_a_room_number_found_in_several_buildings_is_picked_from_a_list(qtbot, ctx, runner,
                                                                      page):
    compound_id, _b, _n = first_building(ctx.db)
    with ctx.db.reading() as session:
        gaps = scope_gaps(session, compound_id)
    with ctx.db.unit_of_work("测试") as uow:
        vote_id = create_vote(uow, VoteDraft("小区议事规则", 1, compound_id, TODAY,
                                             TODAY + dt.timedelta(days=7)),
                              exclude={g.dwelling_id: "产权未登记" for g in gaps})
    tab = page.votes
    tab.load(vote_id)
    view = tab.view
    entry = view.entry
    room = view.electors[0].room
    entry.code.setFocus()
    qtbot.keyClicks(entry.code, room)
    qtbot.keyClick(entry.code, Qt.Key.Key_Return)
    assert entry.matches.isVisibleTo(entry) and entry.matches.count() > 1
    assert view.window().focusWidget() is entry.matches
    qtbot.keyClick(entry.matches, Qt.Key.Key_Escape)  # back to the text, to type it better
    assert view.window().focusWidget() is entry.code and entry.code.text() == room
    assert not entry.matches.isVisibleTo(entry)
    qtbot.keyClick(entry.code, Qt.Key.Key_Return)
    assert view.window().focusWidget() is entry.matches
    qtbot.keyClick(entry.matches, Qt.Key.Key_Down)
    picked = entry.matches.currentItem().text()
    qtbot.keyClick(entry.matches, Qt.Key.Key_Return)
    assert view.window().focusWidget() is entry.pad
    assert entry.elector.code in picked
    qtbot.keyClick(entry.pad, Qt.Key.Key_3)
    _settle(runner, qtbot)
    with ctx.db.reading() as session:
        [ballot] = ballot_history(session, vote_id)
    assert ballot.opinion == "abstain" and ballot.code in picked


def test_fix_in_the_register_goes_to_the_owner_register_tab(qtbot, ctx, runner, page):
    dialog = page.votes.new_vote()
    compound_id, building_id, _name = first_building(ctx.db)
    dialog.title.setText("3幢电梯更新")
    dialog.item.setCurrentIndex(dialog.item.findData(7))
    dialog.compound.setCurrentIndex(dialog.compound.findData(compound_id))
    dialog.building.setCurrentIndex(dialog.building.findData(building_id))
    assert not dialog.register_button.isHidden()
    with qtbot.waitSignal(dialog.finished):
        dialog.register_button.click()
    _settle(runner, qtbot)
    assert page.tabs.currentWidget() is page.register_holder
    assert page.register.tree.topLevelItemCount() >= 1  # loaded when shown
    # New vote… again: the vote as it was typed before going to the register.
    page.tabs.setCurrentWidget(page.votes)
    again = page.votes.new_vote()
    assert again.title.text() == "3幢电梯更新" and again.item.currentData() == 7
    assert again.building.currentData() == building_id
    assert again.gap_table.rowCount() >= 1


def test_a_proxy_is_named_between_the_code_and_the_key_and_esc_starts_over(qtbot, ctx,
                                                                          runner, page):
    vote_id = make_vote(ctx.db)
    tab = page.votes
    tab.load(vote_id)
    view = tab.view
    entry = view.entry
    first, second = view.electors[:2]

    # Esc on a found dwelling goes back to the code, and nothing is written.
    entry.code.setFocus()
    qtbot.keyClicks(entry.code, first.code)
    qtbot.keyClick(entry.code, Qt.Key.Key_Return)
    qtbot.keyClick(entry.pad, Qt.Key.Key_Escape)
    assert view.window().focusWidget() is entry.code and entry.elector is None
    assert entry.code.text() == ""
    _settle(runner, qtbot)
    assert _count(ctx.db, Ballot) == 0

    # Tab from the keys to the proxy's name; Enter there back to the keys.
    qtbot.keyClicks(entry.code, second.code)
    qtbot.keyClick(entry.code, Qt.Key.Key_Return)
    qtbot.keyClick(entry.pad, Qt.Key.Key_Tab)
    assert view.window().focusWidget() is entry.proxy
    entry.proxy.setText("李四")  # (keyClicks cannot type Chinese)
    qtbot.keyClick(entry.proxy, Qt.Key.Key_Return)
    assert view.window().focusWidget() is entry.pad
    qtbot.keyClick(entry.pad, Qt.Key.Key_1)
    _settle(runner, qtbot)
    with ctx.db.reading() as session:
        [ballot] = ballot_history(session, vote_id)
    assert (ballot.dwelling_id, ballot.proxy_name, ballot.cast_on) == (
        second.dwelling_id, "李四", TODAY)
    assert ballot.recorded_by == "王小红" and ballot.source == "office"
    assert entry.proxy.text() == ""  # the next ballot starts without a proxy


def test_a_reading_begun_before_a_ballot_is_typed_does_not_undo_its_count(qtbot, ctx, runner,
                                                                          page):
    from desktop.ui.votes.vote_view import read_vote

    vote_id = make_vote(ctx.db)
    tab = page.votes
    tab.load(vote_id)
    view = tab.view
    generation = view.begin_read()
    stale = read_vote(ctx.db, vote_id, TODAY)  # read before the ballot, back after it
    type_ballot(qtbot, view, view.electors[0].code, Qt.Key.Key_1)
    _settle(runner, qtbot)
    assert "1 of" in view.tally_view.cells[1][1].text()
    assert view.apply_read(generation, stale) is False
    assert "1 of" in view.tally_view.cells[1][1].text()
    assert view.electors[0].opinion == "agree"
    # A reading begun after it is shown.
    assert view.apply_read(view.begin_read(), read_vote(ctx.db, vote_id, TODAY))
    assert "1 of" in view.tally_view.cells[1][1].text()


def test_the_page_opens_ready_to_type_a_ballot(qtbot, ctx, runner):
    from desktop.ui.shell.main_window import MainWindow

    roster(ctx.db)
    make_vote(ctx.db)
    window = MainWindow(ctx, runner)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.show_page("votes")
    _settle(runner, qtbot)
    assert window.focusWidget() is page.votes.view.entry.code
    window.hide()


def test_going_down_the_list_of_votes_keeps_the_cursor_in_the_list(qtbot, ctx, runner, page):
    make_vote(ctx.db, "第一个表决")
    make_vote(ctx.db, "第二个表决", item=5)
    tab = page.votes
    tab.load()
    tab.list.setCurrentRow(0)
    tab.list.setFocus()
    qtbot.keyClick(tab.list, Qt.Key.Key_Down)
    assert tab.list.currentRow() == 1 and tab.view.detail.id == tab.current_id()
    assert page.window().focusWidget() is tab.list


def test_a_ballot_for_a_dwelling_left_out_is_refused_and_the_next_can_be_typed(
        qtbot, ctx, runner, page):
    vote_id = make_vote(ctx.db)
    tab = page.votes
    tab.load(vote_id)
    view = tab.view
    left_out = next(r for r in view.electors if r.excluded)
    entry = view.entry
    entry.code.setFocus()
    qtbot.keyClicks(entry.code, left_out.code)
    qtbot.keyClick(entry.code, Qt.Key.Key_Return)
    assert "excluded from the count" in entry.found.text()
    qtbot.keyClick(entry.pad, Qt.Key.Key_1)
    _settle(runner, qtbot)
    assert left_out.address in view.entry.message.text()
    assert view.window().focusWidget() is view.entry.code and view.entry.elector is None
    assert _count(ctx.db, Ballot) == 0
    assert "0 of" in view.tally_view.cells[1][1].text()


def test_the_period_is_extended_in_edit_and_a_bad_period_is_refused(qtbot, ctx, runner, page):
    from PySide6.QtCore import QDate

    from desktop.votes.reading import vote_detail

    vote_id = make_vote(ctx.db)
    tab = page.votes
    tab.load(vote_id)
    before = tab.detail
    dialog = tab.edit_vote()
    dialog.closes_on.setDate(QDate(2000, 1, 1))  # before it opens
    dialog.save()
    _settle(runner, qtbot)
    assert dialog.isVisible() and dialog.message.text()
    with ctx.db.reading() as session:
        assert vote_detail(session, vote_id).closes_on == before.closes_on
    later = before.closes_on + dt.timedelta(days=7)
    dialog.closes_on.setDate(QDate(later.year, later.month, later.day))
    dialog.title.setText("1幢电梯更新（延期）")
    with qtbot.waitSignal(dialog.finished):
        dialog.save()
        _settle(runner, qtbot)
    with ctx.db.reading() as session:
        after = vote_detail(session, vote_id)
    assert (after.title, after.closes_on) == ("1幢电梯更新（延期）", later)
    assert "1幢电梯更新（延期）" in tab.list.currentItem().text()
    tab.close_count(confirm=False)
    _settle(runner, qtbot)
    assert not tab.edit_button.isEnabled()  # a closed count is not edited


def test_a_new_vote_without_any_compound_is_refused_in_the_dialog(qtbot, ctx, community,
                                                                 runner):
    widget = VotesPage(ctx, runner)
    qtbot.addWidget(widget)
    widget.show()
    widget.activated()
    dialog = widget.votes.new_vote()
    assert dialog.compound.count() == 0 and not dialog.gap_note.text()
    dialog.title.setText("表决")
    dialog.create()
    _settle(runner, qtbot)
    assert "compound" in dialog.message.text() and dialog.pages.currentIndex() == 1
    assert _count(ctx.db, Vote) == 0


def test_undo_takes_a_typed_ballot_back_and_the_count_with_it(qtbot, ctx, runner):
    from desktop.ui.shell.main_window import MainWindow

    roster(ctx.db)
    vote_id = make_vote(ctx.db)
    window = MainWindow(ctx, runner)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.show_page("votes")
    _settle(runner, qtbot)
    view = page.votes.view
    row = view.electors[0]
    type_ballot(qtbot, view, row.code, Qt.Key.Key_1)
    _settle(runner, qtbot)
    assert "1 of" in view.tally_view.cells[1][1].text()
    assert ctx.undo.undo_label == f"Ballot for {row.address}"
    window.actions_.undo.trigger()
    _settle(runner, qtbot)
    assert "0 of" in view.tally_view.cells[1][1].text()
    with ctx.db.reading() as session:
        assert vote_tally(session, vote_id).tally.participating_heads == 0
    window.hide()


def test_choosing_another_vote_while_a_ballot_is_written_leaves_each_count_right(
        qtbot, ctx, runner, page):
    first = make_vote(ctx.db, "第一个表决")
    second = make_vote(ctx.db, "第二个表决", item=5)
    tab = page.votes
    tab.load(first)
    view = tab.view
    row = view.electors[0]
    type_ballot(qtbot, view, row.code, Qt.Key.Key_1)  # written on the database lane…
    tab.select(second)  # …while the office moves on
    _settle(runner, qtbot)
    assert view.vote_id == second and "0 of" in view.tally_view.cells[1][1].text()
    tab.select(first)
    assert "1 of" in view.tally_view.cells[1][1].text()


def test_edit_find_on_the_votes_page_goes_to_the_ballot_code(qtbot, ctx, runner):
    from desktop.ui.shell.main_window import MainWindow

    roster(ctx.db)
    make_vote(ctx.db)
    window = MainWindow(ctx, runner)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.show_page("votes")
    _settle(runner, qtbot)
    page.votes.list.setFocus()
    window.actions_.find.trigger()
    assert window.current_page is page  # not the roster's search
    assert window.focusWidget() is page.votes.view.entry.code
    window.hide()
