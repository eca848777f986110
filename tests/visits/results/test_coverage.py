"""Coverage on a real SQLite file: each door's state by its latest visit, attempts counted,
two laptops at one door, a correction, a visit at a door outside the campaign left out; rooms
placed per unit so a building draws as floors × rooms."""

from __future__ import annotations

import pytest

from desktop.core.errors import ValidationError
from desktop.visits.records.state import NOT_VISITED, UNVISITED, door_states
from desktop.visits.results.coverage import RoomColumn, campaign_coverage, read_coverage
from tests.visits.results.conftest import DAY1, DAY2, visit


def _cover(setup):
    # Each building's doors are read when asked, in a read session of their own.
    return read_coverage(setup.db, setup.campaign_id)


def test_counts_per_door_building_visitor_and_day(story):
    setup = story.setup
    cover = _cover(setup)
    cells = {c.door_id: c for b in cover.buildings for c in b.cells}
    assert set(cells) == set(setup.doors)  # the stray visit's door is no door here
    states = [cells[d] for d in setup.doors[:8]]
    assert [(c.state, c.attempts) for c in states] == [
        ("completed", 2), ("completed", 2), ("completed", 2), ("refused", 1),
        ("revisit", 1), ("vacant", 1), ("refused", 2), (NOT_VISITED, 0)]
    doors = len(setup.doors)
    totals = cover.totals
    assert (totals.doors, totals.visited, totals.done, totals.attempts) == (doors, 7, 6, 11)
    assert totals.by_state == {"completed": 3, "refused": 2, "revisit": 1, "vacant": 1,
                               NOT_VISITED: doors - 7}
    first, second = cover.buildings
    assert [b.building_id for b in cover.buildings] == setup.buildings
    assert (first.counts.visited, first.counts.done) == (7, 6)
    assert (second.counts.visited, second.counts.done) == (0, 0)
    assert first.counts.doors + second.counts.doors == doors
    # Days: every attempt, and the doors whose deciding visit fell that day.
    assert [(d.day, d.visits, d.doors_done) for d in cover.days] == [
        (DAY1.date(), 6, 1), (DAY2.date(), 5, 5)]
    # Visitors: the doors that are theirs, and the visits each made (李 knocked once).
    zhang, li = cover.visitors
    assert (zhang.name, li.name) == ("张志愿", "李网格")
    assert (zhang.visits, li.visits) == (10, 1)
    assert zhang.counts.doors + li.counts.doors == doors
    assert (zhang.counts.visited, zhang.counts.done) == (7, 6)
    assert li.counts.visited == 0


def test_rooms_are_columns_per_unit_and_floors_top_first(setup):
    cover = _cover(setup)
    for building in cover.buildings:
        units = {c.unit for c in building.cells}
        assert len(units) >= 2  # the demo's buildings have several stairwells
        # 501 and 502 of unit 1 and 501 and 502 of unit 2 are four columns, never two.
        assert RoomColumn("1", "01") in building.columns
        assert RoomColumn("2", "01") in building.columns
        assert len(building.columns) == len({(c.unit, c.room[-2:]) for c in building.cells})
        assert building.floors == tuple(sorted(building.floors, reverse=True))
        assert building.floors[0] == 6 and building.floors[-1] == 1
        for cell in building.cells:
            column = building.columns[cell.column]
            assert (column.unit, cell.floor) == (cell.unit, int(cell.room[0]))
            assert cell.room.endswith(column.position)
            assert cell.short.endswith(f"-{cell.unit}-{cell.room}")
            assert cell in building.cells_at(cell.floor, cell.column)
        # Each place of the grid holds one door here (one household per flat).
        places = [(c.floor, c.column) for c in building.cells]
        assert len(places) == len(set(places))


def test_a_campaign_that_is_gone_is_a_clear_error(setup):
    with setup.db.reading() as session, pytest.raises(ValidationError) as raised:
        campaign_coverage(session, "no-such-campaign")
    assert "no longer exists" in str(raised.value)


def test_states_follow_the_one_rule_of_door_states(story):
    setup = story.setup
    # Two laptops recorded door 9 in the same minute: the visit made later (its id) decides.
    visit(setup, 9, "not_home", DAY1)
    visit(setup, 9, "refused", DAY1, visitor_id=setup.visitors[1])
    with setup.db.reading() as session:
        expected = door_states(session.connection(), setup.campaign_id)
        cover = campaign_coverage(session, setup.campaign_id)
        cells = {c.door_id: c for b in cover.buildings for c in b.cells}  # read while open
    for door_id, cell in cells.items():
        state = expected.get(door_id, UNVISITED)
        assert (cell.state, cell.attempts, cell.visited_at) == (
            state.outcome, state.attempts, state.visited_at), cell.short
    assert (cells[setup.doors[9]].state, cells[setup.doors[9]].attempts) == ("refused", 2)


def test_each_buildings_counts_agree_with_its_doors_when_they_are_read(story):
    """The counts come from SQLite's groups, the doors from a read per building when drawn:
    both must tell the same story, door for door."""
    setup = story.setup
    visit(setup, 9, "not_home", DAY1)
    visit(setup, 9, "refused", DAY1, visitor_id=setup.visitors[1])
    cover = _cover(setup)
    every = [c for b in cover.buildings for c in b.cells]
    assert len(every) == cover.totals.doors == len(setup.doors)
    for building in cover.buildings:
        cells = building.cells
        states = {}
        for cell in cells:
            states[cell.state] = states.get(cell.state, 0) + 1
        assert building.counts.by_state == states, building.label
        assert building.counts.attempts == sum(c.attempts for c in cells)
        assert building.counts.done == sum(c.done for c in cells)
        assert [c.door_id for c in cells] == sorted(
            (c.door_id for c in cells), key=[d for d in setup.doors].index)
