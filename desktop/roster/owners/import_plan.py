"""What an owners' list import would do: each row's dwelling (found, or created as the roster
import creates it), its owners — one person for rows with the same name and the same phone or ID
number, a resident of the roster when name and ID number or phone match one — and its areas.

A dwelling is imported whole or not at all: when one of its rows has an error, its other rows
are left out too (importing half of a dwelling's co-owners would drop the others).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.roster.importing.checked import Problem
from desktop.roster.importing.plan import NewPlaces, Planner
from desktop.roster.importing.roster_index import name_key
from desktop.roster.importing.values import ERROR, WARNING
from desktop.roster.models import Resident
from desktop.roster.owners.import_rows import OwnerRows
from desktop.roster.owners.service import HUNDRED, parse_share


@dataclass(frozen=True)
class PlannedOwner:
    resident_id: str | None
    name: str  # outside person only ("" for a resident)
    phone: str
    id_number: str
    share: Decimal
    label: str  # the name as the file gives it


@dataclass
class DwellingPlan:
    key: str  # the dwelling's id, or "new:…" for one the import creates
    address: str
    rows: list[int] = field(default_factory=list)  # data row positions
    owners: list[PlannedOwner] = field(default_factory=list)
    floor_area: Decimal | None = None
    exclusive_area: Decimal | None = None
    developer_held: bool | None = None


@dataclass
class OwnerImportPlan:
    rows: OwnerRows
    dwellings: dict[str, DwellingPlan]
    new_places: NewPlaces
    problems_by_row: dict[int, list[Problem]]

    @property
    def imported_rows(self) -> int:
        return sum(len(d.rows) for d in self.dwellings.values())

    @property
    def errors(self) -> int:
        """Rows left out."""
        return len(self.rows) - self.imported_rows

    @property
    def owners(self) -> int:
        return sum(len(d.owners) for d in self.dwellings.values())

    @property
    def problems(self) -> list[Problem]:
        found = self.rows.read.problems + [p for ps in self.problems_by_row.values()
                                           for p in ps]
        return sorted(found, key=lambda p: (p.row, p.severity != ERROR))


class _Union:
    def __init__(self, count: int) -> None:
        self.parent = list(range(count))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        self.parent[self.find(b)] = self.find(a)


def plan_owner_import(session: Session, rows: OwnerRows) -> OwnerImportPlan:
    read = rows.read
    count = len(rows)
    planner = Planner(session, read, "update")
    problems: dict[int, list[Problem]] = {}

    def problem(pos: int, key: str, severity: str, code: str, message: str) -> None:
        mapping = read.mapping
        column = read.columns[mapping.index(key)] if key in mapping else ""
        problems.setdefault(pos, []).append(
            Problem(read.row_numbers[pos], column, key, severity, code, message))

    ok = [not read.has_errors(pos) for pos in range(count)]
    dwellings: dict[str, DwellingPlan] = {}
    dwelling_of: list[str | None] = [None] * count
    failed: dict[str, int] = {}  # dwelling → its first row with an error
    for pos in range(count):
        place = read.places[pos] if read.places else None
        if place is None or not place.room:
            continue  # reported when the rows were read
        resolved = planner.resolve(pos, place, "")
        if resolved is None or resolved.dwelling is None:
            if ok[pos]:
                problem(pos, "compound", ERROR, "no_compound", _(
                    "The row names no compound, and the roster has several: add a 小区 "
                    "column."))
            ok[pos] = False
            continue
        if not ok[pos]:
            failed.setdefault(resolved.dwelling, pos)
            continue
        plan = dwellings.setdefault(resolved.dwelling, DwellingPlan(
            resolved.dwelling, (place.compound or "") + resolved.address))
        plan.rows.append(pos)
        dwelling_of[pos] = resolved.dwelling

    people = _people(rows, ok)
    residents = _residents(session, planner, rows, people, problem)
    for plan in dwellings.values():
        _fill(plan, rows, people, residents, problem)
    # A dwelling is imported whole: any error among its rows leaves it all out.
    for key, plan in list(dwellings.items()):
        bad = [pos for pos in plan.rows if any(
            p.severity == ERROR for p in problems.get(pos, ()))]
        if key in failed:
            bad = sorted([*bad, failed[key]])
        if bad:
            for pos in plan.rows:
                if pos not in bad:
                    problem(pos, "room", ERROR, "dwelling_left_out", _(
                        "Not imported: row {row} of the same dwelling has a problem.").format(
                        row=read.row_numbers[bad[0]]))
            del dwellings[key]
    return OwnerImportPlan(rows, dwellings, _used_places(planner.new, dwellings), problems)


def _people(rows: OwnerRows, ok: list[bool]) -> list[tuple[str, str, str] | None]:
    """Each row's owner as (name, phone, ID number), rows of one person made to agree: the same
    name and the same phone or ID number is one person, whose phone and ID number are the ones
    any of their rows gives."""
    read = rows.read
    count = len(rows)
    phones = read.values.get("phone") or [None] * count
    numbers = read.values.get("id_number") or [None] * count
    union = _Union(count)
    first: dict[tuple[str, str, str], int] = {}
    for pos in range(count):
        name = name_key(rows.name(pos))
        if not ok[pos] or not name:
            continue
        for kind, value in (("phone", phones[pos]), ("id", numbers[pos])):
            if value:
                other = first.setdefault((name, kind, value), pos)
                if other != pos:
                    union.join(other, pos)
    merged: dict[int, tuple[str, str]] = {}
    for pos in range(count):
        if ok[pos] and rows.name(pos):
            root = union.find(pos)
            phone, number = merged.get(root, ("", ""))
            merged[root] = (phone or phones[pos] or "", number or numbers[pos] or "")
    out: list[tuple[str, str, str] | None] = [None] * count
    for pos in range(count):
        if ok[pos] and rows.name(pos):
            root = union.find(pos)
            phone, number = merged[root]
            # A row's own ID number wins: two ID numbers in one group are two people.
            out[pos] = (rows.name(pos), phone, numbers[pos] or number)
    return out


def _residents(session: Session, planner: Planner, rows: OwnerRows, people, problem) -> dict:
    """Row position → resident id, for owners who are residents of the roster (the same name
    and the same ID number, or the same name and phone of exactly one resident)."""
    index = planner.index
    phones = {p[1] for p in people if p and p[1]}
    by_phone: dict[tuple[str, str], set[str]] = {}
    if phones:
        for rid, name, phone in session.execute(
                select(Resident.id, Resident.name, Resident.phone)
                .where(Resident.phone.in_(phones), Resident.deleted.is_(False))):
            by_phone.setdefault((name_key(name), phone), set()).add(rid)
    found = {}
    for pos, person in enumerate(people):
        if person is None:
            continue
        name, phone, number = person
        rid = index.by_id_number.get(number) if number else None
        if rid is not None:
            if name_key(index.resident_names[rid]) == name_key(name):
                found[pos] = rid
            else:
                problem(pos, "id_number", WARNING, "same_id_other_name", _(
                    "This ID number belongs to {resident} on the roster, not {name}: likely "
                    "the same person under two spellings. Recorded as an outside owner; "
                    "check it.").format(resident=index.resident_names[rid], name=name))
            continue
        matches = by_phone.get((name_key(name), phone), set()) if phone else set()
        if len(matches) == 1:
            found[pos] = next(iter(matches))
    return found


def _fill(plan: DwellingPlan, rows: OwnerRows, people, residents, problem) -> None:
    read = rows.read
    first_row: dict[str, int] = {}
    seen: dict[tuple, int] = {}
    shares: list[Decimal | None] = []
    marks = [rows.developer_held[pos] for pos in plan.rows]
    if any(mark is not None for mark in marks):
        plan.developer_held = any(marks)  # 是 on any of the dwelling's rows
    for pos in plan.rows:
        for key in ("floor_area", "exclusive_area"):
            value, current = getattr(rows, key)[pos], getattr(plan, key)
            if value is None:
                continue
            if current is None:
                setattr(plan, key, value)
                first_row[key] = pos
            elif current != value:
                problem(pos, key, ERROR, "conflict", _(
                    "Row {row} gives this dwelling another area ({area} m²).").format(
                    row=read.row_numbers[first_row[key]], area=f"{current:.2f}"))
        person = people[pos]
        if person is None:
            continue
        name, phone, number = person
        rid = residents.get(pos)
        identity = ("resident", rid) if rid else ("outside", name_key(name), number or phone)
        if identity in seen:
            problem(pos, "name", WARNING, "duplicate_row", _(
                "{name} is already an owner of this dwelling in row {row}; counted once.").format(
                name=name, row=read.row_numbers[seen[identity]]))
            continue
        seen[identity] = pos
        try:
            shares.append(parse_share(rows.share[pos], name))
        except ValidationError as exc:
            problem(pos, "share", ERROR, "share", exc.message)
            shares.append(None)
        plan.owners.append(PlannedOwner(rid, "" if rid else name, "" if rid else phone,
                                        "" if rid else number, HUNDRED, name))
    given = [s for s in shares if s is not None]
    if given and (len(given) != len(shares) or sum(given, Decimal(0)) != HUNDRED):
        problem(plan.rows[-1], "share", ERROR, "shares_total", _(
            "The shares of this dwelling's owners add up to {total} %, not 100 %.").format(
            total=f"{sum(given, Decimal(0)):f}"))
    elif given:
        plan.owners = [PlannedOwner(o.resident_id, o.name, o.phone, o.id_number, share, o.label)
                       for o, share in zip(plan.owners, given, strict=True)]


def _used_places(new: NewPlaces, dwellings: dict[str, DwellingPlan]) -> NewPlaces:
    """Only the places the imported dwellings need are created."""
    used = {key for key in dwellings if key.startswith("new:")}
    kept = NewPlaces()
    kept.dwellings = {d for d in new.dwellings if f"new:{d[0]}|{d[1]}|{d[2]}" in used}
    buildings = {b for b, _u, _r in kept.dwellings}
    kept.buildings = {k: v for k, v in new.buildings.items() if f"new:{k[0]}|{k[1]}" in buildings}
    compounds = {c for c, _n in kept.buildings}
    kept.compounds = {k: v for k, v in new.compounds.items() if f"new:{k}" in compounds}
    return kept
