"""Coverage: every door of a campaign with its state, building by building, placed so a page can
draw each building as people know it — floors up the side, rooms across, a stairwell (unit)
after another — and the counts per building, per visitor and per day.

A door's state is the one rule of ``doors.state`` (its latest visit decides). Rooms are placed
in columns by their position on the floor ("501" and "601" are one column, "01"), one set of
columns per unit: a two-unit building has 501/502 in unit 1 and 501/502 in unit 2, four
columns, never two. Read with plain SQL on the session's connection: 50,000 doors and visits
are a few queries, not 50,000 objects.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

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
from desktop.visits.doors.state import NOT_VISITED, UNVISITED, door_states
from desktop.visits.doors.tables import FINAL_OUTCOMES


@dataclass(frozen=True)
class DoorCell:
    door_id: str
    floor: int  # the row of the building's grid
    column: int  # index into BuildingCoverage.columns
    unit: str
    room: str
    address: str  # "3幢2单元501", as the roster writes it
    short: str  # "3-2-501", as people say it
    state: str  # an outcome (doors.tables.OUTCOMES) or state.NOT_VISITED
    attempts: int
    visitor_id: str | None
    household_id: str | None
    visited_at: dt.datetime | None = None

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


@dataclass(frozen=True)
class BuildingCoverage:
    building_id: str | None
    compound: str
    name: str  # "3幢"
    floors: tuple[int, ...]  # top floor first, as the building is drawn
    columns: tuple[RoomColumn, ...]  # unit by unit, rooms in order
    cells: tuple[DoorCell, ...]  # in walking order
    counts: Counts

    @property
    def label(self) -> str:
        return f"{self.compound} {self.name}".strip()

    def cells_at(self, floor: int, column: int) -> tuple[DoorCell, ...]:
        """The doors at one place of the grid (two households may share a flat)."""
        return tuple(c for c in self.cells if c.floor == floor and c.column == column)


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


def _counts(cells) -> Counts:
    cells = list(cells)
    by_state = Counter(c.state for c in cells)
    return Counts(len(cells), sum(1 for c in cells if c.state != NOT_VISITED),
                  sum(1 for c in cells if c.done), sum(c.attempts for c in cells),
                  dict(by_state))


def _position(floor: int, room: str) -> str:
    """Where on its floor a room is: "501" on floor 5 → "01"."""
    prefix = str(floor)
    if floor and room.isdigit() and len(room) > len(prefix) and room.startswith(prefix):
        return room[len(prefix):]
    return room


def _door_rows(session: Session, campaign_id: str) -> list[tuple]:
    # LEFT joins: a door stays the campaign's even when its flat left the roster meanwhile.
    return raw_select(session.connection(), """
        SELECT cd.id, cd.visitor_id, cd.household_id, b.id, b.name, b.sort_key, c.name,
               d.unit, d.floor, d.room
        FROM campaign_door cd
        LEFT JOIN dwelling d ON d.id = cd.dwelling_id
        LEFT JOIN building b ON b.id = d.building_id
        LEFT JOIN compound c ON c.id = b.compound_id
        WHERE cd.campaign_id = ? AND cd.deleted = 0
        ORDER BY cd.walk_order, cd.id""", (campaign_id,))


def _campaign_exists(session: Session, campaign_id: str) -> None:
    found = raw_select(session.connection(),
                       "SELECT 1 FROM campaign WHERE id = ? AND deleted = 0", (campaign_id,))
    if not found:
        raise ValidationError(_("This campaign no longer exists."), field="campaign")


def campaign_coverage(session: Session, campaign_id: str) -> Coverage:
    """Every door of the campaign with its state, per building in walking order, and the
    counts per building, per visitor, per day and in all."""
    _campaign_exists(session, campaign_id)
    states = door_states(session.connection(), campaign_id)
    groups: dict[str | None, list[tuple]] = {}
    names: dict[str | None, tuple[str, str]] = {}
    for row in _door_rows(session, campaign_id):
        building_id = row[3]
        groups.setdefault(building_id, []).append(row)
        names.setdefault(building_id, (row[6] or "", row[4] or _("(no address)")))
    buildings = tuple(_building(building_id, names[building_id], rows, states)
                      for building_id, rows in groups.items())
    cells = [c for b in buildings for c in b.cells]
    return Coverage(campaign_id, buildings, _visitors(session, campaign_id, cells),
                    _days(session, campaign_id, states, {c.door_id for c in cells}),
                    _counts(cells))


def _building(building_id, name: tuple[str, str], rows: list[tuple], states) -> BuildingCoverage:
    compound, building_name = name
    placed = []
    for door_id, visitor_id, household_id, _b, _n, _s, _c, unit, floor, room in rows:
        unit, room = unit or "", room or ""
        level = floor_of(floor, room)
        placed.append((door_id, visitor_id, household_id, unit, level, room,
                       RoomColumn(unit, _position(level, room))))
    columns = tuple(sorted({p[6] for p in placed},
                           key=lambda c: (natural_key(c.unit), natural_key(c.position))))
    index = {column: i for i, column in enumerate(columns)}
    number = building_number(building_name, None) if building_id else ""
    cells = []
    for door_id, visitor_id, household_id, unit, level, room, column in placed:
        state = states.get(door_id, UNVISITED)
        short = "-".join(p for p in (number, unit, room) if p)
        cells.append(DoorCell(door_id, level, index[column], unit, room,
                              format_address(building_name if building_id else "", unit, room),
                              short, state.outcome, state.attempts, visitor_id, household_id,
                              state.visited_at))
    floors = tuple(sorted({c.floor for c in cells}, reverse=True))
    return BuildingCoverage(building_id, compound, building_name, floors, columns,
                            tuple(cells), _counts(cells))


def _visitors(session: Session, campaign_id: str, cells: list[DoorCell]
              ) -> tuple[VisitorCoverage, ...]:
    connection = session.connection()
    visits = dict(raw_select(connection, """
        SELECT visitor_id, COUNT(*) FROM visit
        WHERE campaign_id = ? AND deleted = 0 AND door_id IS NOT NULL GROUP BY visitor_id""",
                             (campaign_id,)))
    per_visitor: dict[str | None, list[DoorCell]] = defaultdict(list)
    for cell in cells:
        per_visitor[cell.visitor_id].append(cell)
    rows = raw_select(connection, """
        SELECT id, name FROM campaign_visitor WHERE campaign_id = ? AND deleted = 0
        ORDER BY sort_key, name""", (campaign_id,))
    return tuple(VisitorCoverage(vid, name, _counts(per_visitor.get(vid, ())),
                                 visits.get(vid, 0)) for vid, name in rows)


def _days(session: Session, campaign_id: str, states, door_ids: set[str]
          ) -> tuple[DayCoverage, ...]:
    visits = dict(raw_select(session.connection(), """
        SELECT substr(visited_at, 1, 10), COUNT(*) FROM visit
        WHERE campaign_id = ? AND deleted = 0 AND door_id IS NOT NULL GROUP BY 1""",
                             (campaign_id,)))
    done = Counter(state.visited_at.date().isoformat() for door_id, state in states.items()
                   if state.done and state.visited_at and door_id in door_ids)
    days = sorted(set(visits) | set(done))
    return tuple(DayCoverage(dt.date.fromisoformat(day), visits.get(day, 0), done.get(day, 0))
                 for day in days if day)
