"""What checking a sheet gives: its data rows as columns of values, and the problems by cell."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.roster.importing.addresses import PlaceKey
from desktop.roster.importing.values import ERROR


@dataclass(frozen=True, slots=True)
class Problem:
    row: int  # as the user sees it: the Excel row, or the CSV line
    column: str  # the column's header as written in the file ("" for the whole row)
    field: str  # the import field ("" for the whole row)
    severity: str  # "error" | "warning"
    code: str
    message: str


@dataclass
class ReadRows:
    """The data rows of a sheet as columns: ``values[field][pos]`` for data row ``pos``."""

    columns: list[str]  # header texts of the file's columns
    mapping: list[str | None]  # field per column
    source_index: list[int] = field(default_factory=list)  # data row → index in sheet rows
    row_numbers: list[int] = field(default_factory=list)  # data row → number the user sees
    values: dict[str, list] = field(default_factory=dict)
    places: list[PlaceKey | None] | None = None  # None: the file names no places
    tags: list[tuple[list[str], list[str]]] | None = None  # (built-in codes, other names)
    problems_by_row: dict[int, list[Problem]] = field(default_factory=dict)
    skipped: list[Problem] = field(default_factory=list)  # blank and totals rows

    def __len__(self) -> int:
        return len(self.row_numbers)

    def row_values(self, pos: int) -> dict[str, object]:
        return {key: column[pos] for key, column in self.values.items()
                if column[pos] is not None}

    def has_errors(self, pos: int) -> bool:
        return any(p.severity == ERROR for p in self.problems_by_row.get(pos, ()))

    @property
    def error_positions(self) -> list[int]:
        return sorted(pos for pos in self.problems_by_row if self.has_errors(pos))

    @property
    def problems(self) -> list[Problem]:
        found = [p for problems in self.problems_by_row.values() for p in problems]
        return sorted(found + self.skipped, key=lambda p: p.row)
