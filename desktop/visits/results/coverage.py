"""Coverage: the counts of a campaign's doors by state — per building, per visitor, per day
and in all — and each building's doors with their states, placed so a page can draw the
building as people know it: floors up the side, rooms across, a stairwell (unit) after
another.

A door's state is the one rule of ``records.state`` (its latest visit decides). Rooms are placed
in columns by their position on the floor ("501" and "601" are one column, "01"), one set of
columns per unit: a two-unit building has 501/502 in unit 1 and 501/502 in unit 2, four
columns, never two. The counts are grouped inside SQLite (a sub-district's 80,000 doors come
back as a few thousand groups); a building's doors are read when it is first drawn.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, partial
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
    """One building: its counts at once; its doors read and its grid (floors, columns, cells)
    placed on first use, since a page draws the buildings it shows, not all 1,000 of a
    sub-district at once. ``rows`` are the doors' rows (``_BUILDING_DOORS``) in walking order,
    or what reads them when asked."""

    def __init__(self, building_id: str | None, compound: str, name: str,
                 rows: list[tuple] | Callable[[], list[tuple]], counts: Counts) -> None:
        self.building_id, self.compound, self.name = building_id, compound, name
        self.counts = counts
        self._rows = rows
        self._grid: dict[tuple[int, int], tuple[DoorCell, ...]] | None = None

    def __repr__(self) -> str:
        return f"BuildingCoverage({self.label!r}, {self.counts.doors} doors)"

    @property
    def label(self) -> str:
        return f"{self.compound} {self.name}".strip()

    @cached_property
    def _placed(self) -> tuple[tuple[int, ...], tuple[RoomColumn, ...], tuple[DoorCell, ...]]:
        rows = self._rows() if callable(self._rows) else self._rows
        return _place(self.building_id, self.name, rows)

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


class _Tally:
    """Counts being added up from the summary's groups."""

    __slots__ = ("doors", "attempts", "by_state")

    def __init__(self) -> None:
        self.doors = self.attempts = 0
        self.by_state: dict[str, int] = {}

    def add(self, state: str | None, doors: int, attempts: int | None) -> None:
        state = state or NOT_VISITED  # a door with no visit (NULL), or an empty outcome
        self.doors += doors
        self.attempts += attempts or 0
        self.by_state[state] = self.by_state.get(state, 0) + doors

    def counts(self) -> Counts:
        done = sum(n for state, n in self.by_state.items() if state in FINAL_OUTCOMES)
        return Counts(self.doors, self.doors - self.by_state.get(NOT_VISITED, 0), done,
                      self.attempts, dict(self.by_state))


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


# Each door's latest visit and how many it had: the rule of ``records.state`` (latest by time,
# then id; see ``counted``: SQLite gives the bare columns the row of the one max()), grouped
# in SQLite over the campaign's visits (the covering index ix_visit_campaign_door_latest).
_LATEST = """
    SELECT door_id, outcome, visited_at, COUNT(*) AS attempts, MAX(visited_at || id)
    FROM visit WHERE campaign_id = ? AND deleted = 0 AND door_id IS NOT NULL {doors}
    GROUP BY door_id"""

# The whole campaign in a few thousand groups — building, visitor, state and the day of the
# deciding visit — instead of a row per door: a sub-district's 80,000 doors are counted inside
# SQLite. LEFT joins: a door stays the campaign's even when its flat left the roster meanwhile.
_SUMMARY = f"""
    SELECT d.building_id, cd.visitor_id, s.outcome, substr(s.visited_at, 1, 10), COUNT(*),
           SUM(s.attempts), MIN(COALESCE(cd.walk_order, 0))
    FROM campaign_door cd
    LEFT JOIN dwelling d ON d.id = cd.dwelling_id
    LEFT JOIN ({_LATEST.format(doors="")}) s ON s.door_id = cd.id
    WHERE cd.campaign_id = ? AND cd.deleted = 0
    GROUP BY 1, 2, 3, 4"""

# One building's doors with their states, when it is drawn. From the building's flats to their
# doors (the dwelling indexes), so a building is a few hundred rows, not a scan of the
# campaign: CROSS JOIN is SQLite's way of keeping that order (its planner would otherwise start
# from the campaign's 80,000 doors, 80 ms a building).
_BUILDING_DOORS = """
    SELECT cd.id, cd.visitor_id, cd.household_id, d.building_id, d.unit, d.floor, d.room,
           s.outcome, s.attempts, s.visited_at, COALESCE(cd.walk_order, 0)
    FROM {doors}
    LEFT JOIN ({latest}) s ON s.door_id = cd.id
    WHERE cd.campaign_id = ? AND cd.deleted = 0 AND {building}"""
_IN_BUILDING = ("dwelling d CROSS JOIN campaign_door cd ON cd.dwelling_id = d.id",
                "d.building_id = ?")
_NO_BUILDING = ("campaign_door cd LEFT JOIN dwelling d ON d.id = cd.dwelling_id",
                "d.building_id IS NULL")
_STATE, _ATTEMPTS, _AT = 7, 8, 9


def building_doors(connection, campaign_id: str, building_id: str | None) -> list[tuple]:
    """One building's door rows (``None``: the doors whose flat is no longer on the roster),
    in walking order."""
    joins, where = _IN_BUILDING if building_id is not None else _NO_BUILDING
    of_these = ("AND door_id IN (SELECT cd2.id FROM dwelling d2 CROSS JOIN campaign_door cd2 "
                "ON cd2.dwelling_id = d2.id WHERE cd2.campaign_id = ? AND d2.building_id = ?)"
                if building_id is not None else "")
    sql = _BUILDING_DOORS.format(doors=joins, latest=_LATEST.format(doors=of_these),
                                 building=where)
    params = (campaign_id, campaign_id, building_id, campaign_id, building_id) \
        if building_id is not None else (campaign_id, campaign_id)
    rows = raw_select(connection, sql, params)
    rows.sort(key=itemgetter(10, 0))
    return rows


def _campaign_exists(connection, campaign_id: str) -> None:
    found = raw_select(connection, "SELECT 1 FROM campaign WHERE id = ? AND deleted = 0",
                       (campaign_id,))
    if not found:
        raise ValidationError(_("This campaign no longer exists."), field="campaign")


def campaign_coverage(session: Session, campaign_id: str,
                      doors_of: Callable[[str | None], list[tuple]] | None = None) -> Coverage:
    """The counts per building (in walking order), per visitor, per day and in all, and each
    building's doors with their states. The doors are read when a building is first asked for
    them, by ``doors_of(building_id)`` — by default on this session, so ask while it is open;
    ``read_coverage`` reads them in a session of their own (a page drawing later)."""
    connection = session.connection()
    _campaign_exists(connection, campaign_id)
    if doors_of is None:
        def doors_of(building_id):
            return building_doors(connection, campaign_id, building_id)
    totals = _Tally()
    per_building: dict[str | None, _Tally] = defaultdict(_Tally)
    per_visitor: dict[str | None, _Tally] = defaultdict(_Tally)
    first_door: dict[str | None, int] = {}
    done_on: Counter[str] = Counter()
    for building_id, visitor_id, state, day, doors, attempts, walk in raw_select(
            connection, _SUMMARY, (campaign_id, campaign_id)):
        for tally in (totals, per_building[building_id], per_visitor[visitor_id]):
            tally.add(state, doors, attempts)
        if walk < first_door.get(building_id, walk + 1):
            first_door[building_id] = walk
        if state in FINAL_OUTCOMES and day:
            done_on[day] += doors
    names = {b: (c or "", n or "") for b, n, c in raw_select(connection, """
        SELECT b.id, b.name, c.name FROM building b
        LEFT JOIN compound c ON c.id = b.compound_id""")}
    buildings = []
    for building_id in sorted(per_building, key=lambda b: (first_door[b], b or "")):
        compound, name = names.get(building_id, ("", "")) if building_id else \
            ("", _("(no address)"))
        buildings.append(BuildingCoverage(building_id, compound, name,
                                          partial(doors_of, building_id),
                                          per_building[building_id].counts()))
    visits_by = _visits_by_day_and_visitor(connection, campaign_id)
    return Coverage(campaign_id, tuple(buildings),
                    _visitors(connection, campaign_id, per_visitor, visits_by),
                    _days(done_on, visits_by), totals.counts())


def read_coverage(db, campaign_id: str) -> Coverage:
    """``campaign_coverage`` for a page: the counts now, each building's doors in a short read
    session of their own when the page draws it."""
    def doors_of(building_id):
        with db.reading() as session:
            return building_doors(session.connection(), campaign_id, building_id)

    with db.reading() as session:
        return campaign_coverage(session, campaign_id, doors_of)


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


def _visitors(connection, campaign_id: str, per_visitor: dict[str | None, _Tally],
              visits_by: list[tuple]) -> tuple[VisitorCoverage, ...]:
    visits: Counter[str | None] = Counter()
    for _day, visitor_id, count in visits_by:
        visits[visitor_id] += count
    visitors = raw_select(connection, """
        SELECT id, name FROM campaign_visitor WHERE campaign_id = ? AND deleted = 0
        ORDER BY sort_key, name""", (campaign_id,))
    return tuple(VisitorCoverage(vid, name, (per_visitor.get(vid) or _Tally()).counts(),
                                 visits.get(vid, 0)) for vid, name in visitors)


def _days(done_on: Counter[str], visits_by: list[tuple]) -> tuple[DayCoverage, ...]:
    visits: Counter[str] = Counter()
    for day, _visitor, count in visits_by:
        visits[day] += count
    days = sorted(set(visits) | set(done_on))
    return tuple(DayCoverage(dt.date.fromisoformat(day), visits.get(day, 0),
                             done_on.get(day, 0)) for day in days if day)
