"""Coverage: every door of a campaign with its state, building by building, placed so a page can
draw each building as people know it — floors up the side, rooms across, a stairwell (unit)
after another — and the counts per building, per visitor and per day.

A door's state is the one rule of ``records.state`` (its latest visit decides). Rooms are placed
in columns by their position on the floor ("501" and "601" are one column, "01"), one set of
columns per unit: a two-unit building has 501/502 in unit 1 and 501/502 in unit 2, four
columns, never two. Read with plain SQL on the session's connection: 50,000 doors and visits
are a few queries, not 50,000 objects.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress, groupby
from operator import itemgetter
from typing import NamedTuple

from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.roster.address import (
    building_number,
    floor_of,
    format_address,
    natural_key,
)
from desktop.sync.exchange.export import raw_select
from desktop.visits.records.state import NOT_VISITED
from desktop.visits.records.visits import FINAL_OUTCOMES


class DoorCell(NamedTuple):
    """One door in its building's grid. A tuple, not a dataclass: 80,000 are made per view."""

    door_id: str
    floor: int  # the row of the building's grid
    column: int  # index into BuildingCoverage.columns
    unit: str
    room: str
    state: str  # an outcome (records.visits.OUTCOMES) or state.NOT_VISITED
    attempts: int
    visitor_id: str | None
    household_id: str | None
    visited_at: dt.datetime | None
    building: str  # as written on the building: "3幢"

    @property
    def address(self) -> str:
        """"3幢2单元501", as the roster writes it."""
        return format_address(self.building, self.unit, self.room)

    @property
    def short(self) -> str:
        """"3-2-501", as people say it."""
        number = building_number(self.building) if self.building else ""
        return "-".join(p for p in (number, self.unit, self.room) if p)

    @property
    def done(self) -> bool:
        return self.state in FINAL_OUTCOMES


@dataclass(frozen=True)
class RoomColumn:
    unit: str  # "" for a building with one stairwell
    position: str  # "01" for 501, 601…; the room itself when it has no floor digits

    @property
    def label(self) -> str:
        return f"{self.unit}-{self.position}" if self.unit else self.position


@dataclass(frozen=True)
class Counts:
    doors: int = 0
    visited: int = 0  # doors with at least one visit
    done: int = 0  # doors whose latest visit is final
    attempts: int = 0  # visits at these doors
    by_state: dict[str, int] = field(default_factory=dict, hash=False)  # state → doors


class BuildingCoverage:
    """One building: its counts at once; its grid (floors, columns, cells) placed on first use,
    since a page draws the buildings it shows, not all 1,000 of a sub-district at once."""

    def __init__(self, building_id: str | None, compound: str, name: str, rows: list[tuple],
                 counts: Counts) -> None:
        self.building_id, self.compound, self.name = building_id, compound, name
        self.counts = counts
        self._rows = rows  # the doors' rows (_DOORS), in walking order
        self._grid: dict[tuple[int, int], tuple[DoorCell, ...]] | None = None

    def __repr__(self) -> str:
        return f"BuildingCoverage({self.label!r}, {self.counts.doors} doors)"

    @property
    def label(self) -> str:
        return f"{self.compound} {self.name}".strip()

    @cached_property
    def _placed(self) -> tuple[tuple[int, ...], tuple[RoomColumn, ...], tuple[DoorCell, ...]]:
        return _place(self.building_id, self.name, self._rows)

    @property
    def floors(self) -> tuple[int, ...]:
        """Top floor first, as the building is drawn."""
        return self._placed[0]

    @property
    def columns(self) -> tuple[RoomColumn, ...]:
        """Unit by unit, rooms in order."""
        return self._placed[1]

    @property
    def cells(self) -> tuple[DoorCell, ...]:
        """In walking order."""
        return self._placed[2]

    def cells_at(self, floor: int, column: int) -> tuple[DoorCell, ...]:
        """The doors at one place of the grid (two households may share a flat)."""
        if self._grid is None:
            grid: dict[tuple[int, int], list[DoorCell]] = defaultdict(list)
            for cell in self.cells:
                grid[(cell.floor, cell.column)].append(cell)
            self._grid = {key: tuple(cells) for key, cells in grid.items()}
        return self._grid.get((floor, column), ())


@dataclass(frozen=True)
class VisitorCoverage:
    visitor_id: str
    name: str
    counts: Counts  # of the doors that are theirs now
    visits: int  # visits they made (wherever the door is now)


@dataclass(frozen=True)
class DayCoverage:
    day: dt.date
    visits: int  # every attempt that day
    doors_done: int  # doors whose deciding (latest, final) visit was that day


@dataclass(frozen=True)
class Coverage:
    campaign_id: str
    buildings: tuple[BuildingCoverage, ...]  # in walking order
    visitors: tuple[VisitorCoverage, ...]
    days: tuple[DayCoverage, ...]  # oldest first, only days with visits
    totals: Counts


def _counts_of(rows: list[tuple]) -> Counts:
    """Counted in C (a Counter over the states, a sum over the attempts): no Python step per
    door."""
    by_state: dict[str, int] = {}
    for state, doors in Counter(map(itemgetter(_STATE), rows)).items():
        state = state or NOT_VISITED  # a door with no visit (NULL), or an empty outcome
        by_state[state] = by_state.get(state, 0) + doors
    count = len(rows)
    return Counts(count, count - by_state.get(NOT_VISITED, 0),
                  sum(n for state, n in by_state.items() if state in FINAL_OUTCOMES),
                  sum(filter(None, map(itemgetter(_ATTEMPTS), rows))), by_state)


def _grouped(rows: list[tuple], index: int) -> dict:
    """The rows by one of their columns, in their order: a run of equal keys (a building's
    doors follow each other in walking order) is one Python step, not one per row."""
    groups: dict = {}
    for key, run in groupby(rows, itemgetter(index)):
        group = groups.get(key)
        if group is None:
            groups[key] = list(run)
        else:
            group.extend(run)
    return groups


_positions: dict[tuple[int, str], str] = {}


def _position(floor: int, room: str) -> str:
    """Where on its floor a room is: "501" on floor 5 → "01"."""
    key = (floor, room)
    found = _positions.get(key)
    if found is None:
        prefix = str(floor)
        found = room
        if floor and room.isdigit() and len(room) > len(prefix) and room.startswith(prefix):
            found = room[len(prefix):]
        if len(_positions) < 100_000:
            _positions[key] = found
    return found


# Each door with its latest visit and how many it had: the rule of ``records.state`` (latest by
# time, then id; see ``counted``: SQLite gives the bare columns the row of the one max()),
# grouped in SQLite, so 50,000 visits come back as one row per visited door. LEFT joins: a
# door stays the campaign's even when its flat left the roster meanwhile. Sorted by walking
# order here, not in SQL (no index serves it; Python sorts 80,000 ints faster).
_DOORS = """
    SELECT cd.id, cd.visitor_id, cd.household_id, d.building_id, d.unit, d.floor, d.room,
           s.outcome, s.attempts, s.visited_at, COALESCE(cd.walk_order, 0)
    FROM campaign_door cd
    LEFT JOIN dwelling d ON d.id = cd.dwelling_id
    LEFT JOIN (SELECT door_id, outcome, visited_at, COUNT(*) AS attempts,
                      MAX(visited_at || id)
               FROM visit WHERE campaign_id = ? AND deleted = 0 AND door_id IS NOT NULL
               GROUP BY door_id) s ON s.door_id = cd.id
    WHERE cd.campaign_id = ? AND cd.deleted = 0"""
_STATE, _ATTEMPTS, _AT = 7, 8, 9


def _campaign_exists(session: Session, campaign_id: str) -> None:
    found = raw_select(session.connection(),
                       "SELECT 1 FROM campaign WHERE id = ? AND deleted = 0", (campaign_id,))
    if not found:
        raise ValidationError(_("This campaign no longer exists."), field="campaign")


def campaign_coverage(session: Session, campaign_id: str) -> Coverage:
    """Every door of the campaign with its state, per building in walking order, and the
    counts per building, per visitor, per day and in all."""
    _campaign_exists(session, campaign_id)
    connection = session.connection()
    rows = raw_select(connection, _DOORS, (campaign_id, campaign_id))
    # By walking order, then id where two doors share a place in it: a sort on one int key
    # (no key tuple per door) when none do.
    unique = len(set(map(itemgetter(10), rows))) == len(rows)
    rows.sort(key=itemgetter(10) if unique else itemgetter(10, 0))
    groups = _grouped(rows, 3)
    names = {b: (c or "", n or "") for b, n, c in raw_select(connection, """
        SELECT b.id, b.name, c.name FROM building b
        LEFT JOIN compound c ON c.id = b.compound_id""")}
    buildings = []
    for building_id, group in groups.items():
        compound, name = names.get(building_id, ("", "")) if building_id else \
            ("", _("(no address)"))
        buildings.append(BuildingCoverage(building_id, compound, name, group,
                                          _counts_of(group)))
    totals = _counts_of(rows)
    visits_by = _visits_by_day_and_visitor(connection, campaign_id)
    return Coverage(campaign_id, tuple(buildings),
                    _visitors(connection, campaign_id, rows, visits_by),
                    _days(rows, visits_by), totals)


def _place(building_id, building_name: str, rows: list[tuple]):
    """floors (top first), columns (unit by unit) and cells of one building's doors."""
    levels, positions = [], []
    for row in rows:
        room = row[6] or ""
        level = floor_of(row[5], room)
        levels.append(level)
        positions.append((row[4] or "", _position(level, room)))
    columns = tuple(RoomColumn(u, p) for u, p in sorted(
        set(positions), key=lambda c: (natural_key(c[0]), natural_key(c[1]))))
    index = {(c.unit, c.position): i for i, c in enumerate(columns)}
    label = building_name if building_id else ""
    cells = tuple(
        DoorCell(row[0], level, index[position], position[0], row[6] or "",
                 row[_STATE] or NOT_VISITED, row[_ATTEMPTS] or 0, row[1], row[2],
                 _as_datetime(row[_AT]), label)
        for row, level, position in zip(rows, levels, positions))
    return tuple(sorted(set(levels), reverse=True)), columns, cells


def _as_datetime(value) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(value)


def _visits_by_day_and_visitor(connection, campaign_id: str) -> list[tuple]:
    """(day, visitor id, visits): one pass over the visits for both the days and the
    visitors."""
    return raw_select(connection, """
        SELECT substr(visited_at, 1, 10), visitor_id, COUNT(*) FROM visit
        WHERE campaign_id = ? AND deleted = 0 AND door_id IS NOT NULL GROUP BY 1, 2""",
                      (campaign_id,))


def _visitors(connection, campaign_id: str, rows: list[tuple], visits_by: list[tuple]
              ) -> tuple[VisitorCoverage, ...]:
    visits: Counter[str | None] = Counter()
    for _day, visitor_id, count in visits_by:
        visits[visitor_id] += count
    groups = _grouped(rows, 1)
    visitors = raw_select(connection, """
        SELECT id, name FROM campaign_visitor WHERE campaign_id = ? AND deleted = 0
        ORDER BY sort_key, name""", (campaign_id,))
    return tuple(VisitorCoverage(vid, name, _counts_of(groups.get(vid, [])), visits.get(vid, 0))
                 for vid, name in visitors)


def _days(rows: list[tuple], visits_by: list[tuple]) -> tuple[DayCoverage, ...]:
    visits: Counter[str] = Counter()
    for day, _visitor, count in visits_by:
        visits[day] += count
    final = compress(rows, map(FINAL_OUTCOMES.__contains__, map(itemgetter(_STATE), rows)))
    done = Counter(str(row[_AT])[:10] for row in final if row[_AT])
    days = sorted(set(visits) | set(done))
    return tuple(DayCoverage(dt.date.fromisoformat(day), visits.get(day, 0), done.get(day, 0))
                 for day in days if day)
