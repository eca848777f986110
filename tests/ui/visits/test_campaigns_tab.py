"""The Campaigns tab driven as the office uses it (qtbot, a real SQLite file): a campaign made
through the dialog over two buildings for two visitors, a copy for next month, unfinished doors
handed to another visitor, the coverage picture coloured door by door, a roster proposal
accepted and the roster changed."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from sqlalchemy import select

from desktop.core.tasks import TaskContext
from desktop.roster.models import Resident
from desktop.setup.demo import fill_demo
from desktop.ui.visits.campaigns import CampaignsTab
from desktop.ui.visits.campaigns.states import STATE_COLORS
from desktop.visits.campaigns.reading import campaign_summary, list_campaigns
from desktop.visits.records.campaigns import Campaign, CampaignDoor
from desktop.visits.records.state import door_states
from tests.roster.editing_fixtures import snapshot
from tests.ui.visits.campaign_data import make_office
from tests.visits.doors.office_fixtures import buildings, doors


@pytest.fixture
def tab(qtbot, ctx, runner):
    widget = CampaignsTab(ctx, runner)
    qtbot.addWidget(widget)
    widget.resize(900, 560)
    widget.show()
    return widget


def _settle(runner, qtbot) -> None:
    assert runner.wait_idle(30)
    qtbot.wait(10)


def _campaigns(db):
    with db.reading() as session:
        return list_campaigns(session)


def test_a_campaign_made_through_the_dialog_over_two_buildings_for_two_visitors(
        qtbot, ctx, runner, tab):
    fill_demo(ctx.db, 200, TaskContext(), campaigns=False)
    tab.load()
    assert tab.empty.isVisibleTo(tab) and not tab.copy_button.isEnabled()
    dialog = tab.new_campaign()
    dialog.name.setText("外墙维修入户走访")
    dialog.form.setCurrentIndex(1)
    version = dialog.form.currentData()
    chosen = buildings(ctx.db, 2)
    for building_id in chosen:
        dialog.places.check_place(building_id)
    assert [kind for kind, _id, _label in dialog.places.chosen()] == ["building", "building"]
    dialog.visitors.add("张志愿", "13800000001", edit=False)
    dialog.visitors.add("李网格", "", "staff", edit=False)
    dialog.create_button.click()
    _settle(runner, qtbot)
    [made] = _campaigns(ctx.db)
    assert made.name == "外墙维修入户走访"
    assert made.form_version_id == version
    with ctx.db.reading() as session:
        summary = campaign_summary(session, made.id)
        scope = session.get(Campaign, made.id).scope
    assert [(v.name, v.role) for v in summary.visitors] == [("张志愿", "volunteer"),
                                                            ("李网格", "staff")]
    assert all(v.doors for v in summary.visitors)
    assert sorted(made.scope["buildings"]) == sorted(chosen) and scope
    # The tab shows it, chosen, with its coverage.
    assert tab.current_id() == made.id
    assert "外墙维修入户走访" in tab.list.currentItem().text()
    assert sum(b.counts.doors for b in tab.coverage.coverage.buildings) == made.doors


def test_a_refused_campaign_says_why_on_its_page_and_writes_nothing(qtbot, ctx, runner, tab):
    fill_demo(ctx.db, 200, TaskContext(), campaigns=False)
    tab.load()
    dialog = tab.new_campaign()
    dialog.name.setText("走访")
    dialog.visitors.add("张志愿", edit=False)
    dialog.pages.setCurrentIndex(2)
    before = snapshot(ctx.db)
    dialog.create_button.click()
    _settle(runner, qtbot)
    assert dialog.message.text() == "Choose the places to visit in the place tree."
    assert dialog.pages.currentIndex() == 1  # the Places page, where the fix is
    assert dialog.isVisible() and dialog.create_button.isEnabled()
    assert snapshot(ctx.db) == before


def test_copy_for_next_month_opens_the_dialog_filled_in_and_makes_the_copy(
        qtbot, ctx, runner, tab):
    original = make_office(ctx.db)
    tab.load()
    dialog = tab.copy_campaign()
    assert dialog.name.text() == "加装电梯入户走访 (copy)"
    assert dialog.starts_on.date().toPython() == dt.date(2027, 1, 1)
    assert dialog.visitors.names() == ["张志愿", "李网格"]
    assert sorted(p[1] for p in dialog.places.chosen()) == sorted(buildings(ctx.db, 2))
    dialog.name.setText("加装电梯入户走访（一月）")
    dialog.create_button.click()
    _settle(runner, qtbot)
    with ctx.db.reading() as session:
        copy = session.execute(select(Campaign).where(
            Campaign.name == "加装电梯入户走访（一月）")).scalar_one()
        assert copy.copied_from_id == original
        assert copy.ends_on == dt.date(2027, 1, 31)
    assert len(doors(ctx.db, tab.current_id())) == len(doors(ctx.db, original))
    assert tab.summary.done == 0


def test_reassign_hands_only_unfinished_doors_in_one_action(qtbot, ctx, runner, tab):
    campaign_id = make_office(ctx.db)
    tab.load()
    first, second = tab.summary.visitors
    with ctx.db.reading() as session:
        states = door_states(session.connection(), campaign_id)
    theirs = [d for d in doors(ctx.db, campaign_id) if d.visitor_id == first.id]
    unfinished = {d.id for d in theirs if not (states.get(d.id) and states[d.id].done)}
    dialog = tab.reassign()
    dialog.source.setCurrentIndex(dialog.source.findData(first.id))
    dialog.target.setCurrentIndex(dialog.target.findData(second.id))
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    _settle(runner, qtbot)
    after = {d.id: d.visitor_id for d in doors(ctx.db, campaign_id)}
    assert unfinished and all(after[d] == second.id for d in unfinished)
    assert all(after[d.id] == first.id for d in theirs if d.id not in unfinished)
    assert next(v.doors - v.done for v in tab.summary.visitors) == 0


def test_reassign_to_a_new_visitor_named_in_the_dialog(qtbot, ctx, runner, tab):
    campaign_id = make_office(ctx.db)
    tab.load()
    dialog = tab.reassign()
    dialog.target.setCurrentIndex(dialog.target.count() - 1)
    assert dialog.new_name.isEnabled()
    dialog.new_name.setText("王新来")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    _settle(runner, qtbot)
    names = [v.name for v in tab.summary.visitors]
    assert names[-1] == "王新来" and tab.summary.visitors[-1].doors > 0
    assert tab.current_id() == campaign_id


def test_the_coverage_picture_paints_each_door_in_the_colour_of_its_state(
        qtbot, ctx, runner, tab):
    make_office(ctx.db)
    tab.load()
    view = tab.coverage
    cells = {c.door_id: c for b in view.coverage.buildings for c in b.cells}
    painted = [(grid, door) for grid in view.grids for door in grid.cell_rects()]
    assert {door.door_id for _g, door in painted} == set(cells)  # every door, once
    states = set()
    for grid, door in painted:
        state = cells[door.door_id].state
        states.add(state)
        assert door.color == STATE_COLORS[state]
    assert states == set(STATE_COLORS)  # every state is in this campaign, and drawn
    # And on screen: the picture's pixels at each door are its state's colour.
    for grid in view.grids:
        image = grid.grab().toImage()
        ratio = image.devicePixelRatio()
        for door in grid.cell_rects():
            x = int((door.rect.left() + 3) * ratio)
            y = int((door.rect.top() + door.rect.height() // 2) * ratio)
            assert image.pixelColor(x, y).name() == QColor(door.color).name(), door
    # The legend counts what the picture shows.
    assert view.legend.labels["refused"].text().endswith(
        str(view.coverage.totals.by_state["refused"]))


def test_accepting_a_proposal_changes_the_roster_and_leaves_the_list(
        qtbot, ctx, runner, tab):
    make_office(ctx.db)
    tab.load()
    assert tab.views.tabText(3) == "Proposals (2)"
    tab.views.setCurrentIndex(3)
    view = tab.proposals
    row = next(i for i, r in enumerate(view.rows) if r.kind == "phone")
    proposal = view.rows[row]
    view.table.selectRow(row)
    qtbot.mouseClick(view.accept_button, Qt.MouseButton.LeftButton)
    _settle(runner, qtbot)
    with ctx.db.reading() as session:
        phone = session.execute(select(Resident.phone).where(
            Resident.id == proposal.resident_id)).scalar_one()
    assert phone == "13912345678"
    assert [r.kind for r in view.rows] == ["moved_out"]
    assert tab.views.tabText(3) == "Proposals (1)"
    # Rejecting the other leaves its resident living there.
    view.table.selectRow(0)
    moving = view.rows[0].resident_id
    view.reject_button.click()
    _settle(runner, qtbot)
    with ctx.db.reading() as session:
        assert session.get(Resident, moving).moved_out is False
    assert view.rows == [] and view.empty.isVisibleTo(view)


def test_visits_to_review_and_follow_ups_are_listed(qtbot, ctx, runner, tab):
    make_office(ctx.db)
    tab.load()
    assert tab.views.tabText(4) == "To review (1)"
    tab.views.setCurrentIndex(4)
    assert tab.review.table.texts()[0][0] == (
        "The visit was made at a door this campaign does not hold.")
    tab.views.setCurrentIndex(2)
    assert len(tab.follow_ups.rows) == 2
    assert all("独居老人" in r[1] for r in tab.follow_ups.table.texts())


def test_results_per_question_with_a_building_filter_and_a_cross_tab(qtbot, ctx, runner, tab):
    make_office(ctx.db)
    tab.load()
    tab.views.setCurrentIndex(1)
    results = tab.results
    assert results.charts, "a chart per choice question"
    name, chart = next(iter(results.charts.items()))
    tally = next(t for t in results.tallies if t.name == name)
    assert [count for _k, _l, count in chart.bars] == [c.count for c in tally.choices]
    assert all("%" in label for _k, label, _n in chart.bars)
    whole = sum(t.answered for t in results.tallies)
    results.building.setCurrentIndex(1)
    assert sum(t.answered for t in results.tallies) < whole
    assert results.cross.rowCount() >= 2
    assert results.cross.texts()[-1][0] == "Total"


def test_archive_takes_the_campaign_out_of_the_list(qtbot, ctx, runner, tab):
    make_office(ctx.db)
    tab.load()
    tab.archive(confirm=False)
    _settle(runner, qtbot)
    assert tab.rows == [] and tab.summary is None
    assert not tab.archive_button.isEnabled()


def test_visits_export_runs_off_the_ui_thread_and_writes_the_file(
        qtbot, ctx, runner, tab, tmp_path):
    from desktop.ui.visits.campaigns import files

    make_office(ctx.db)
    tab.load()
    files.export_visits(tab, tmp_path / "visits")
    _settle(runner, qtbot)
    assert (tmp_path / "visits.xlsx").stat().st_size > 1000
    assert tab.exported.masked is True


def test_shared_by_places_each_visitor_walks_the_building_given_them(qtbot, ctx, runner, tab):
    fill_demo(ctx.db, 200, TaskContext(), campaigns=False)
    tab.load()
    dialog = tab.new_campaign()
    dialog.name.setText("楼栋长走访")
    first, second = buildings(ctx.db, 2)
    dialog.places.check_place(first)
    dialog.places.check_place(second)
    dialog.visitors.add("张志愿", edit=False)
    dialog.visitors.add("李网格", edit=False)
    dialog.by_places.setChecked(True)
    assert not dialog.owners.isHidden()
    dialog.owners.set_owner(first, 1)  # the first building to 李网格,
    dialog.owners.set_owner(second, 0)  # the second to 张志愿
    dialog.create_button.click()
    _settle(runner, qtbot)
    campaign_id = tab.current_id()
    by_name = {v.id: v.name for v in tab.summary.visitors}
    with ctx.db.reading() as session:
        from desktop.roster.models import Dwelling

        rows = session.execute(
            select(Dwelling.building_id, CampaignDoor.visitor_id)
            .join(Dwelling, Dwelling.id == CampaignDoor.dwelling_id)
            .where(CampaignDoor.campaign_id == campaign_id)).all()
    assert {(b, by_name[v]) for b, v in rows} == {(first, "李网格"), (second, "张志愿")}


def test_a_proposal_the_roster_refuses_is_said_beside_the_list_and_nothing_changes(
        qtbot, ctx, runner, tab):
    make_office(ctx.db)
    tab.load()
    tab.views.setCurrentIndex(3)
    view = tab.proposals
    row = next(i for i, r in enumerate(view.rows) if r.kind == "phone")
    with ctx.db.unit_of_work("王社工") as uow:  # the resident left the roster meanwhile
        uow.session.get(Resident, view.rows[row].resident_id).deleted = True
    tab.load()
    assert view.rows[row].problem == "The resident is no longer on the roster."
    before = snapshot(ctx.db)
    view.table.selectRow(row)
    view.accept_button.click()
    _settle(runner, qtbot)
    assert "no longer on the roster" in view.message.text()
    assert view.message.isVisibleTo(view)
    assert snapshot(ctx.db) == before
