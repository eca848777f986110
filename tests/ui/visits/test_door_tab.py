"""The "At the door" tab driven like a volunteer: keyboard only from the list to the next door,
every change a draft at once, drafts offered again on the next start, a door whose household
moved explained, and roster changes recorded as proposals."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desktop.visits.records.campaigns import CampaignDoor
from desktop.visits.records.visits import RosterProposal, Visit, VisitDraft
from tests.ui.visits.test_filler import Keyboard, ten_question_form
from tests.visits.doors.door_fixtures import door_ids, make_campaign, visitors

SIZE = (910, 512)  # a 1366×768 laptop at 150 %


@pytest.fixture
def campaign(ctx):
    return make_campaign(ctx.db, form=ten_question_form())


def _tab(qtbot, ctx, runner):
    from desktop.ui.visits.door import DoorTab

    tab = DoorTab(ctx, runner)
    qtbot.addWidget(tab)
    tab.resize(*SIZE)
    tab.show()
    qtbot.waitExposed(tab)
    tab.activateWindow()
    tab.load()
    return tab


@pytest.fixture
def tab(qtbot, ctx, runner, campaign):
    return _tab(qtbot, ctx, runner)


def _wait(runner):
    assert runner.wait_idle(30)


def _focus_in(qtbot, widget):
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and (QApplication.focusWidget() is widget
                         or widget.isAncestorOf(QApplication.focusWidget())), timeout=3000)


def test_keyboard_only_next_door_completed_ten_answers_finish_lands_on_the_next(
        qtbot, ctx, runner, tab, campaign):
    (me, _name), _other = visitors(ctx.db, campaign)
    mine = door_ids(ctx.db, campaign, me)
    assert tab.visitor.currentData() == me and len(tab.rows) == len(mine)
    tab.list.setFocus()
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_N)  # the next door not done yet: the first of the walk
    assert tab.stack.currentWidget() is tab.door and tab.door_id == mine[0]
    assert tab.door.title.text() == tab.rows[0].place.short_address
    keys.press("1")  # completed: the form opens on its first question
    _focus_in(qtbot, tab.door.filler)
    keys.answer("Li Ming")
    keys.answer("78")
    keys.press("1")  # lives alone
    keys.answer("13812345678")
    keys.press("1")  # needs help: yes
    _wait(runner)
    with ctx.db.reading() as session:  # saved as a draft already, before Finish
        draft = session.execute(select(VisitDraft)).scalar_one()
        assert draft.outcome == "completed"
        assert json.loads(draft.answers)["phone"] == "13812345678"
    keys.press("0")  # the tenth kind of help
    keys.answer("56.5")
    keys.press("2")  # satisfied
    keys.answer("14:30")
    keys.type("ok")
    keys.press(Qt.Key.Key_Return, modifier=Qt.KeyboardModifier.ControlModifier)  # finish
    _wait(runner)
    qtbot.waitUntil(lambda: tab.door_id == mine[1], timeout=3000)
    with ctx.db.reading() as session:
        (visit,) = session.execute(select(Visit.door_id, Visit.outcome, Visit.answers)).all()
        assert session.execute(select(VisitDraft)).first() is None
    answers = json.loads(visit.answers)
    assert visit.door_id == mine[0] and visit.outcome == "completed"
    assert answers["name"] == "Li Ming" and answers["help"] == "h10"
    assert answers["remarks"] == "ok"
    # Landed on the next door, with the outcome bar ready for the next key.
    assert tab.stack.currentWidget() is tab.door
    assert tab.door.title.text() == tab.rows[1].place.short_address
    _focus_in(qtbot, tab.door.outcomes)
    assert tab.rows[0].done
    text_keys = sum(len(s) + 1 for s in ("Li Ming", "78", "13812345678", "56.5", "14:30"))
    # N, the outcome, 4 choice keys, "ok", Ctrl+Enter: nothing else needed.
    assert keys.count == text_keys + 1 + 1 + 4 + 2 + 1 <= 50


def test_not_at_home_is_two_keys_and_the_door_stays_to_do(qtbot, ctx, runner, tab, campaign):
    (me, _name), _other = visitors(ctx.db, campaign)
    mine = door_ids(ctx.db, campaign, me)
    tab.list.setFocus()
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_N)
    keys.press("2")
    keys.press(Qt.Key.Key_Return, modifier=Qt.KeyboardModifier.ControlModifier)
    _wait(runner)
    qtbot.waitUntil(lambda: tab.door_id == mine[1], timeout=3000)
    assert not tab.rows[0].done and tab.rows[0].state.attempts == 1
    keys.press(Qt.Key.Key_Escape)  # back to the list, on the door that is open
    assert tab.stack.currentWidget() is tab.list
    keys.press(Qt.Key.Key_N)  # from the second door, the next to do is the third
    assert tab.door_id == mine[2]


def test_finishing_without_an_outcome_says_so_and_writes_nothing(qtbot, ctx, runner, tab):
    tab.open_next()
    tab.finish()
    _wait(runner)
    assert "outcome" in tab.door.message.text()
    with ctx.db.reading() as session:
        assert session.execute(select(Visit)).first() is None


def test_a_draft_is_offered_again_on_the_next_start(qtbot, ctx, runner, tab, campaign):
    (_me, _name), (other, _n) = visitors(ctx.db, campaign)
    theirs = door_ids(ctx.db, campaign, other)
    tab.visitor.setCurrentIndex(tab.visitor.findData(other))
    tab.open_door(theirs[3])
    qtbot.keyClick(tab.door.outcomes, "5")  # come back later
    _wait(runner)
    short = tab.door.title.text()
    # The app starts again: a new tab on the same database.
    again = _tab(qtbot, ctx, runner)
    assert again.banner.isVisible()
    assert again.banner_text.text() == f"Continue the visit at {short}?"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is again.continue_button, timeout=3000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Continue has the focus
    assert again.door_id == theirs[3] and again.visitor.currentData() == other
    assert again.door.outcomes.outcome == "revisit"
    assert again.door.callback_row.isVisible()


def test_a_draft_whose_household_moved_opens_with_the_reason(qtbot, ctx, runner, tab,
                                                              campaign):
    from desktop.roster.models import Household

    door = tab.rows[0].id
    tab.open_door(door)
    qtbot.keyClick(tab.door.outcomes, "3")
    _wait(runner)
    doors = door_ids(ctx.db, campaign)
    with ctx.db.unit_of_work("社工") as uow:
        household = uow.session.get(Household, uow.session.get(CampaignDoor, door).household_id)
        household.dwelling_id = uow.session.get(CampaignDoor, doors[-1]).dwelling_id
    again = _tab(qtbot, ctx, runner)
    assert "moved" in again.banner_text.text()
    model = again.list.doors
    assert model.data(model.index(0, 1)) == "(roster changed)"  # in the list too
    again.continue_draft()
    assert again.door.problem.isVisible() and "moved" in again.door.problem.text()
    assert again.door.detail.members == ()


def test_a_roster_change_becomes_a_proposal_with_the_visit(qtbot, ctx, runner, tab):
    tab.open_next()
    detail = tab.door.detail
    qtbot.keyClick(tab.door.outcomes, "3")  # refused, but said the phone changed
    dialog = tab.door.add_proposal()
    dialog.kind.setCurrentIndex(dialog.kind.findData("phone"))
    dialog.member.setCurrentIndex(1)
    dialog.accept()  # no number yet: refused in the dialog
    assert dialog.isVisible() and "phone number" in dialog.message.text()
    dialog.phone.setText("13900002222")
    dialog.accept()
    assert "13900002222" in tab.door.proposal_list.text()
    _wait(runner)
    tab.finish()
    _wait(runner)
    with ctx.db.reading() as session:
        (proposal,) = session.execute(select(RosterProposal.kind, RosterProposal.status,
                                             RosterProposal.resident_id)).all()
        assert proposal.kind == "phone" and proposal.status == "pending"
        assert proposal.resident_id == detail.members[0].id


def test_the_household_shows_without_id_numbers(qtbot, ctx, tab):
    from desktop.roster.models import Resident

    tab.open_next()
    with ctx.db.reading() as session:
        numbers = [n for n in session.execute(select(Resident.id_number)).scalars() if n]
    text = tab.door.household.text()
    assert tab.door.detail.members and tab.door.detail.members[0].name in text
    assert not any(n in text or n[-6:] in text for n in numbers)


def test_full_screen_and_back(qtbot, tab):
    tab.open_next()
    tab.toggle_full_screen()
    assert tab.full_screen is not None and tab.body.window() is tab.full_screen
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab.full_screen, timeout=3000)
    qtbot.keyClick(tab.door.outcomes, Qt.Key.Key_F11)
    assert tab.full_screen is None and tab.body.window() is tab.window()
    assert tab.door.isVisible()


def test_a_roster_change_while_answering_updates_the_household_and_keeps_the_answers(
        qtbot, ctx, runner, tab):
    from desktop.roster.models import Resident
    from desktop.storage.changes import ChangeSet

    tab.open_next()
    qtbot.keyClick(tab.door.outcomes, "1")
    _focus_in(qtbot, tab.door.filler)
    filler = tab.door.filler
    keys = Keyboard(qtbot)
    keys.type("Li")  # the first question, still being typed when the office's change lands
    member = tab.door.detail.members[0]
    with ctx.db.unit_of_work("社工") as uow:
        uow.session.get(Resident, member.id).name = "新名字"
    tab.refresh(ChangeSet(updated={"resident": {member.id}}))
    keys.type(" Ming")
    _wait(runner)
    assert tab.door.filler is filler and filler.fill.answers["name"] == "Li Ming"
    assert "新名字" in tab.door.household.text()
    with ctx.db.reading() as session:
        draft = session.execute(select(VisitDraft)).scalar_one()
        assert json.loads(draft.answers)["name"] == "Li Ming"


def test_n_at_a_door_opens_the_next_but_not_while_typing_an_answer(qtbot, ctx, runner, tab,
                                                                    campaign):
    (me, _name), _other = visitors(ctx.db, campaign)
    mine = door_ids(ctx.db, campaign, me)
    tab.open_door(mine[0])
    _focus_in(qtbot, tab.door.outcomes)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N)
    assert tab.door_id == mine[1]
    qtbot.keyClick(tab.door.outcomes, "1")
    _focus_in(qtbot, tab.door.filler)
    qtbot.keyClicks(QApplication.focusWidget(), "Nan")
    assert tab.door_id == mine[1] and tab.door.filler.fill.answers["name"] == "Nan"


def test_correcting_the_last_visit_writes_a_new_visit_replacing_it(qtbot, ctx, runner, tab,
                                                                   campaign):
    (me, _name), _other = visitors(ctx.db, campaign)
    mine = door_ids(ctx.db, campaign, me)
    tab.open_door(mine[0])
    qtbot.keyClick(tab.door.outcomes, "3")  # refused …
    tab.finish()
    _wait(runner)
    tab.open_door(mine[0])  # … but it was the neighbour: correct it
    assert tab.door.correct.isVisible()
    tab.door.correct.click()
    _wait(runner)
    assert tab.door.outcomes.outcome == "refused" and not tab.door.correct.isVisible()
    qtbot.keyClick(tab.door.outcomes, "2")
    tab.finish()
    _wait(runner)
    with ctx.db.reading() as session:
        visits = session.execute(select(Visit.id, Visit.outcome, Visit.replaces_id)
                                 .order_by(Visit.visited_at, Visit.id)).all()
    assert [v.outcome for v in visits] == ["refused", "not_home"]
    assert visits[1].replaces_id == visits[0].id


def test_a_reload_keeps_the_visitor_chosen_even_with_a_draft_of_another(qtbot, ctx, runner,
                                                                       campaign):
    from desktop.storage.changes import ChangeSet

    (me, _name), (other, _n) = visitors(ctx.db, campaign)
    first = _tab(qtbot, ctx, runner)
    first.visitor.setCurrentIndex(first.visitor.findData(other))
    first.open_next()
    qtbot.keyClick(first.door.outcomes, "2")
    _wait(runner)
    tab = _tab(qtbot, ctx, runner)  # starts on the draft's visitor
    assert tab.visitor.currentData() == other
    tab.visitor.setCurrentIndex(tab.visitor.findData(me))
    tab.refresh(ChangeSet(updated={"household": {"x"}}))
    assert tab.visitor.currentData() == me


def test_changes_still_on_their_way_when_leaving_a_door_reach_its_draft(qtbot, ctx, runner,
                                                                        tab, campaign):
    (me, _name), _other = visitors(ctx.db, campaign)
    mine = door_ids(ctx.db, campaign, me)
    tab.open_door(mine[0])
    qtbot.keyClick(tab.door.outcomes, "1")  # a save on its way …
    _focus_in(qtbot, tab.door.filler)
    qtbot.keyClicks(QApplication.focusWidget(), "Wang")  # … these wait for it
    assert tab.saver.pending
    tab.show_list()
    tab.open_door(mine[1])  # left at once
    _wait(runner)
    with ctx.db.reading() as session:
        draft = session.execute(select(VisitDraft.door_id, VisitDraft.answers)).one()
    assert draft.door_id == mine[0] and json.loads(draft.answers)["name"] == "Wang"


def test_without_a_campaign_the_tab_says_where_campaigns_come_from(qtbot, ctx, runner):
    tab = _tab(qtbot, ctx, runner)
    assert tab.empty.isVisible() and "Campaigns tab" in tab.empty.text()
    assert not tab.banner.isVisible() and not tab.next_button.isEnabled()
    assert tab.open_next() is False

