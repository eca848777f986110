"""What an import would do: each checked row matched against the roster under a policy.

The same function makes the dry run (in a reading session, shown as the summary before import)
and the real plan (inside the import's unit of work, so what is written is decided on the data
as it is at that moment).

Policies:
- ``add``: every row becomes a new resident; a row whose ID number is already on the roster is
  an error (an import never creates a second person with one ID number).
- ``update``: a row matching a resident — by ID number, else by name and dwelling — updates the
  fields the file gives (an empty cell never clears a field; tags are added, never removed; a
  different address moves the resident); other rows are added.
- ``skip``: matching rows are left alone; other rows are added.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.i18n import _, ngettext
from desktop.core.tasks import TaskContext
from desktop.roster.importing import POLICIES
from desktop.roster.importing.addresses import PlaceKey
from desktop.roster.importing.roster_index import RosterIndex, name_key
from desktop.roster.importing.rows import Problem, ReadRows
from desktop.roster.importing.values import ERROR, WARNING
from desktop.roster.models import (
    Resident,
    ResidentTag,
)
from desktop.roster.tags import builtin_tag_id

_PROGRESS_EVERY = 5000  # rows between progress reports and Cancel checks
CREATE, UPDATE, UNCHANGED, SKIP = "create", "update", "unchanged", "skip"
# The resident fields an import may set (the rest of the values are places and tags).
RESIDENT_FIELDS = ("name", "id_number", "id_number_original", "sex", "birth_date", "phone",
                   "phone2", "relationship", "residence_status", "ethnicity",
                   "political_status", "hukou_address", "work_unit", "notes")


@dataclass
class NewPlaces:
    """Places the import creates, keyed as the plan found them missing."""

    compounds: dict[str, str] = field(default_factory=dict)  # name key → name
    buildings: dict[tuple[str, str], str] = field(default_factory=dict)  # (compound, no) → name
    dwellings: set[tuple[str, str, str]] = field(default_factory=set)  # building, unit, room
    households: int = 0
    tags: dict[str, str] = field(default_factory=dict)  # name key → name (user tags)


@dataclass
class ImportPlan:
    policy: str
    read: ReadRows
    actions: list[str | None]  # per data row: create / update / unchanged / skip, None = error
    matches: list[str | None]  # per data row: the matched resident's id
    updates: dict[int, dict[str, tuple[object, object]]]  # pos → field → (old, new)
    moves: dict[int, tuple[str, str]]  # pos → (old address, new address) of moved residents
    new_places: NewPlaces
    problems_by_row: dict[int, list[Problem]]  # problems found against the roster
    # What apply needs beyond the summary: each row's place, and the user tags already there.
    resolved: list = field(default_factory=list)
    existing_tags: dict[str, str] = field(default_factory=dict)

    def count(self, action: str | None) -> int:
        return sum(1 for a in self.actions if a == action)

    @property
    def errors(self) -> int:
        return self.count(None)

    @property
    def problems(self) -> list[Problem]:
        found = self.read.problems + [p for ps in self.problems_by_row.values() for p in ps]
        return sorted(found, key=lambda p: p.row)

    def has_errors(self, pos: int) -> bool:
        return self.actions[pos] is None


@dataclass(frozen=True)
class _Resolved:
    """A row's place: existing ids where found, else the keys of what will be created."""

    compound: str  # id, or "new:<name key>"
    building: str | None  # id, or "new:<compound>|<no>"
    dwelling: str | None  # id, or "new:<compound>|<no>|<unit>|<room>"
    household: str | None  # id, or "new:…"
    address: str


class _Planner:
    def __init__(self, session: Session, read: ReadRows, policy: str) -> None:
        self.index = RosterIndex(session)
        self.read = read
        self.policy = policy
        self.new = NewPlaces()
        self.problems: dict[int, list[Problem]] = {}
        self._resolved: dict[tuple, _Resolved | None] = {}
        self.single_compound = (next(iter(self.index.compound_names))
                                if len(self.index.compound_names) == 1 else None)

    def problem(self, pos: int, field_key: str, severity: str, code: str, message: str) -> None:
        mapping = self.read.mapping
        col = mapping.index(field_key) if field_key in mapping else None
        column = self.read.columns[col] if col is not None else ""
        self.problems.setdefault(pos, []).append(
            Problem(self.read.row_numbers[pos], column, field_key, severity, code, message))

    def resolve(self, pos: int, place: PlaceKey | None, number: str) -> _Resolved | None:
        """The row's place; rows naming the same place share one answer (and one object)."""
        key = (place, number)
        if key in self._resolved:
            found = self._resolved[key]
            if found is None and place is not None and not place.compound:
                self._no_compound(pos)
            return found
        found = self._resolved[key] = self._resolve(pos, place, number)
        return found

    def _no_compound(self, pos: int) -> None:
        self.problem(pos, "address", WARNING, "no_compound", _(
            "The address names no compound, and the roster has several; the resident "
            "was imported without a dwelling."))

    def _resolve(self, pos: int, place: PlaceKey | None, number: str) -> _Resolved | None:
        index = self.index
        household_by_number = index.household_by_number.get(number) if number else None
        if place is None:
            if household_by_number:
                return _Resolved("", None, None, household_by_number, "")
            if number:
                return _Resolved("", None, None, f"new:number|{number}", "")
            return None
        compound_name = place.compound
        compound_id = index.compound_id(compound_name) if compound_name else self.single_compound
        if compound_id is None:
            if not compound_name:
                self._no_compound(pos)
                return None
            key = name_key(compound_name)
            self.new.compounds.setdefault(key, compound_name)
            compound_id = f"new:{key}"
        building_no = place.building_no or name_key(compound_name or "")
        building_id = index.buildings.get((compound_id, building_no))
        if building_id is None and place.building:
            building_id = index.buildings.get((compound_id, name_key(place.building)))
        if building_id is None:
            name = place.building or (f"{place.building_no}幢" if place.building_no
                                      else (compound_name or index.compound_names.get(
                                          compound_id, "")))
            self.new.buildings.setdefault((compound_id, building_no), name)
            building_id = f"new:{compound_id}|{building_no}"
        dwelling_id = index.dwellings.get((building_id, place.unit, place.room))
        if dwelling_id is None:
            self.new.dwellings.add((building_id, place.unit, place.room))
            dwelling_id = f"new:{building_id}|{place.unit}|{place.room}"
        if household_by_number:
            household = household_by_number
        elif number:
            household = f"new:number|{number}"
        else:
            household = (index.household_of_dwelling.get(dwelling_id)
                         or f"new:dwelling|{dwelling_id}")
        building_name = (index.building_names.get(building_id)
                         or self.new.buildings.get((compound_id, building_no), ""))
        unit = f"{place.unit}单元" if place.unit else ""
        return _Resolved(compound_id, building_id, dwelling_id, household,
                         f"{building_name}{unit}{place.room}")

    def match(self, number: str | None, name: str, resolved: _Resolved | None) -> str | None:
        index = self.index
        if number:
            return index.by_id_number.get(number)
        if resolved and resolved.dwelling and not resolved.dwelling.startswith("new:"):
            return index.by_name_dwelling.get((name_key(name), resolved.dwelling))
        return None


# The owners' list import (desktop.roster.owners) resolves places the same way.
Planner = _Planner


def plan_import(session: Session, read: ReadRows, policy: str,
                ctx: TaskContext | None = None) -> ImportPlan:
    """Decide, for every checked row, what the import does under ``policy``."""
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}")
    ctx = ctx or TaskContext()
    message = ngettext("Comparing {count} row with the roster…",
                       "Comparing {count} rows with the roster…", len(read)).format(
        count=len(read))
    ctx.report(0, len(read), message)
    planner = _Planner(session, read, policy)
    count = len(read)
    actions: list[str | None] = [None] * count
    matches: list[str | None] = [None] * count
    resolved_of: list[_Resolved | None] = [None] * count
    households = read.values.get("household_number")
    places = read.places
    matched_rows: dict[str, int] = {}
    id_numbers = read.values.get("id_number") or [None] * count
    names = read.values.get("name") or [""] * count
    with_errors = set(read.error_positions)
    for pos in range(count):
        if pos % _PROGRESS_EVERY == 0:
            ctx.check()
            ctx.report(pos, count, message)
        if pos in with_errors:
            continue
        number = households[pos] if households else ""
        resolved = planner.resolve(pos, places[pos] if places else None, number or "")
        resolved_of[pos] = resolved
        id_number = id_numbers[pos]
        match = planner.match(id_number, names[pos], resolved)
        if match is not None and match in matched_rows:
            planner.problem(pos, "id_number" if id_number else "name", ERROR,
                            "matches_same_resident", _(
                                "This row and row {row} both match {name} on the roster."
                            ).format(row=read.row_numbers[matched_rows[match]],
                                     name=planner.index.resident_names[match]))
            continue
        if match is None:
            actions[pos] = CREATE
            continue
        matched_rows[match] = pos
        matches[pos] = match
        if policy == "add":
            if id_number:
                planner.problem(pos, "id_number", ERROR, "on_roster", _(
                    "{name} with this ID number is already on the roster; choose “update "
                    "matching residents” or “skip” to import this file."
                ).format(name=planner.index.resident_names[match]))
                matches[pos] = None
                continue
            planner.problem(pos, "name", WARNING, "maybe_on_roster", _(
                "A resident named {name} already lives at this address; a second one was "
                "added.").format(name=planner.index.resident_names[match]))
            matches[pos] = None
            actions[pos] = CREATE
        elif policy == "skip":
            actions[pos] = SKIP
        else:
            actions[pos] = UPDATE  # refined to UNCHANGED once the values are compared
    updates, moves = _compare(session, planner, read, actions, matches, resolved_of, ctx)
    _count_new_households(planner, actions, resolved_of, moves)
    _collect_new_tags(planner, read, actions)
    return ImportPlan(policy, read, actions, matches, updates, moves, planner.new,
                      planner.problems, resolved_of, planner.index.tags)


def _compare(session: Session, planner: _Planner, read: ReadRows, actions: list,
             matches: list, resolved_of: list, ctx: TaskContext) -> tuple[dict, dict]:
    """Field-by-field differences of matched rows; rows with none become UNCHANGED."""
    positions = [pos for pos, action in enumerate(actions) if action == UPDATE]
    updates: dict[int, dict] = {}
    moves: dict[int, tuple[str, str]] = {}
    if not positions:
        return updates, moves
    fields = [key for key in RESIDENT_FIELDS if key in read.values]
    current = _current_values(session, [matches[pos] for pos in positions], fields, ctx)
    tag_columns = read.tags
    for pos in positions:
        rid = matches[pos]
        now = current[rid]
        changed = {}
        for key in fields:
            new = read.values[key][pos]
            if new is None or new == "":
                continue  # an empty cell never clears a field
            if now[key] != new:
                changed[key] = (now[key], new)
        if tag_columns is not None:
            builtin, other = tag_columns[pos]
            wanted = {builtin_tag_id(code) for code in builtin}
            wanted |= {planner.index.tags.get(name_key(name), f"new:{name_key(name)}")
                       for name in other}
            missing = wanted - now["tag_ids"]
            if missing:
                changed["tags"] = (None, tuple(sorted(missing)))
        resolved = resolved_of[pos]
        if resolved and resolved.household != planner.index.household_of_resident.get(rid):
            changed["household_id"] = (planner.index.household_of_resident.get(rid),
                                       resolved.household)
            moves[pos] = ("", resolved.address)
        if changed:
            updates[pos] = changed
        else:
            actions[pos] = UNCHANGED
    return updates, moves


def _current_values(session: Session, ids: list[str], fields: list[str],
                    ctx: TaskContext) -> dict[str, dict]:
    columns = [getattr(Resident, key) for key in fields]
    out: dict[str, dict] = {}
    message = _("Comparing {count} matching residents…").format(count=len(ids))
    for start in range(0, len(ids), 500):
        if start % _PROGRESS_EVERY == 0:
            ctx.check()
            ctx.report(start, len(ids), message)
        chunk = ids[start:start + 500]
        for row in session.execute(select(Resident.id, *columns).where(Resident.id.in_(chunk))):
            out[row[0]] = dict(zip(fields, row[1:], strict=True)) | {"tag_ids": set()}
        for rid, tid in session.execute(
                select(ResidentTag.resident_id, ResidentTag.tag_id).where(
                    ResidentTag.resident_id.in_(chunk), ResidentTag.deleted.is_(False))):
            out[rid]["tag_ids"].add(tid)
    return out


def _count_new_households(planner: _Planner, actions: list, resolved_of: list,
                          moves: dict) -> None:
    wanted = {resolved_of[pos].household for pos, action in enumerate(actions)
              if action in (CREATE, UPDATE) and resolved_of[pos] is not None}
    planner.new.households = sum(1 for key in wanted if key and key.startswith("new:"))
    # Places only the skipped or failed rows named are not created.
    used = {resolved_of[pos] for pos, action in enumerate(actions)
            if action in (CREATE, UPDATE) and resolved_of[pos] is not None}
    used_dwellings = {r.dwelling for r in used if r.dwelling}
    used_buildings = {r.building for r in used if r.building}
    used_compounds = {r.compound for r in used if r.compound}
    new = planner.new
    new.dwellings = {d for d in new.dwellings if f"new:{d[0]}|{d[1]}|{d[2]}" in used_dwellings}
    new.buildings = {k: v for k, v in new.buildings.items()
                     if f"new:{k[0]}|{k[1]}" in used_buildings}
    new.compounds = {k: v for k, v in new.compounds.items() if f"new:{k}" in used_compounds}


def _collect_new_tags(planner: _Planner, read: ReadRows, actions: Iterable) -> None:
    if read.tags is None:
        return
    for pos, action in enumerate(actions):
        if action in (CREATE, UPDATE):
            for name in read.tags[pos][1]:
                key = name_key(name)
                if key not in planner.index.tags:
                    planner.new.tags.setdefault(key, name)
