"""The owners' list read through the roster import pipeline: the same sheet reader, header
detection (titles, merged and grouped headers, instruction rows) and row checking (names, ID
numbers, phones, places, full-width digits, invisible characters), under the owners' own field
set; then the owners' columns — areas and the developer's mark — checked here.

What differs from a roster of residents: one person may own several dwellings, so an ID number
on two rows is not a mistake; a developer's unsold unit may name no owner; a row must name a
dwelling.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.core.tasks import TaskContext
from desktop.roster.importing.checked import Problem, ReadRows
from desktop.roster.importing.pipeline import check_no_field_twice, load_sheet
from desktop.roster.importing.rows import read_rows
from desktop.roster.importing.values import ERROR, WARNING, cell_text
from desktop.roster.owners.areas import AreaError, parse_area
from desktop.roster.owners.fields import OWNER_FIELD_BY_KEY, map_owner_columns
from desktop.spreadsheets.sources import SourceSheet

_YES = {"是", "y", "yes", "true", "1", "√", "✓", "✔", "未售", "未交付", "未售未交付"}
_NO = {"否", "n", "no", "false", "0", "×", "✗", "已售", "已交付", "已售已交付"}
# Problems of a resident roster that do not hold for an owners' list (see the module text).
_NOT_OWNER_PROBLEMS = {("id_number", "duplicate_in_file"), ("name", "required"),
                       ("address", "unreadable_address")}


@dataclass
class OwnerRows:
    """The checked rows: ``read`` as the roster pipeline gives it, plus the owners' values."""

    sheet: SourceSheet
    read: ReadRows
    exclusive_area: list[Decimal | None] = field(default_factory=list)
    floor_area: list[Decimal | None] = field(default_factory=list)
    developer_held: list[bool | None] = field(default_factory=list)  # None: column absent
    share: list[str | None] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.read)

    def problem(self, pos: int, key: str, severity: str, code: str, message: str) -> None:
        read = self.read
        col = read.mapping.index(key) if key in read.mapping else None
        column = read.columns[col] if col is not None else ""
        read.problems_by_row.setdefault(pos, []).append(
            Problem(read.row_numbers[pos], column, key, severity, code, message))

    def name(self, pos: int) -> str:
        names = self.read.values.get("name")
        return (names[pos] or "") if names else ""


def owner_name(text: str) -> str:
    """A name as stored: Chinese names lose the spaces offices type inside them ("张 三",
    "王　芳"); other names keep single spaces between words."""
    words = unicodedata.normalize("NFKC", text or "").split()
    if any("\u4e00" <= ch <= "\u9fff" for word in words for ch in word):
        return "".join(words)
    return " ".join(words)


def check_mapping(mapping: list[str | None]) -> None:
    if "room" not in mapping and "address" not in mapping:
        raise ValidationError(_("No column names the dwelling: the owners' list needs a "
                                "房号 (room) or 地址 (address) column."), field="mapping")
    if not any(key in mapping for key in ("name", "exclusive_area", "floor_area",
                                            "developer_held")):
        raise ValidationError(_("No column holds owners or areas: the owners' list needs "
                                "业主姓名, 专有部分面积 or 未售或未交付."), field="mapping")
    check_no_field_twice(mapping, OWNER_FIELD_BY_KEY)


def read_owner_rows(path: str | Path, *, sheet: str | None = None,
                    ctx: TaskContext | None = None) -> OwnerRows:
    """Read and check an owners' list; raises ImportFileError / ValidationError when the file
    cannot be used at all (no header row, no dwelling column)."""
    _source, data, layout = load_sheet(path, sheet, None, ctx)
    mapping = map_owner_columns(layout.headers)
    check_mapping(mapping)
    read = read_rows(data.rows, data.row_numbers, layout.data_start, layout.headers,
                     mapping, ctx)
    rows = OwnerRows(data, read)
    for pos, problems in list(read.problems_by_row.items()):
        kept = [p for p in problems if (p.field, p.code) not in _NOT_OWNER_PROBLEMS]
        if kept:
            read.problems_by_row[pos] = kept
        else:
            del read.problems_by_row[pos]
    if "name" in read.values:
        read.values["name"] = [owner_name(v) for v in read.values["name"]]
    raw = {key: _raw_column(data, read, mapping, key) for key in
           ("exclusive_area", "floor_area", "developer_held", "share")}
    rows.exclusive_area = _areas(rows, "exclusive_area", raw["exclusive_area"])
    rows.floor_area = _areas(rows, "floor_area", raw["floor_area"])
    rows.developer_held = _marks(rows, raw["developer_held"])
    rows.share = [None if c is None or cell_text(c) == "" else cell_text(c)
                  for c in raw["share"]] if raw["share"] is not None else [None] * len(read)
    _check_rows(rows)
    _unread_areas(rows, layout.header_index, data)
    return rows


def _unread_areas(rows: OwnerRows, header_index: int, data: SourceSheet) -> None:
    """An area column the owners' fields do not read (套内面积, 使用面积) is said, not dropped in
    silence: the office may mean it as the exclusive area."""
    read = rows.read
    for column, key in zip(read.columns, read.mapping, strict=False):
        if key is None and "面积" in column:
            read.skipped.append(Problem(
                data.row_numbers[header_index], column, "", WARNING, "area_not_read", _(
                    "The column “{column}” was not imported: only 专有部分面积 (the exclusive "
                    "area) and 建筑面积 (the floor area) are read. Rename the column if it "
                    "holds the exclusive area.").format(column=column)))


def _raw_column(data: SourceSheet, read: ReadRows, mapping, key: str) -> list | None:
    """The cells as the reader gave them (a number stays a number: 120.5, not "120.5")."""
    if key not in mapping:
        return None
    col = mapping.index(key)
    return [data.rows[i][col] if col < len(data.rows[i]) else None for i in read.source_index]


def _areas(rows: OwnerRows, key: str, cells: list | None) -> list[Decimal | None]:
    out: list[Decimal | None] = [None] * len(rows)
    for pos, cell in enumerate(cells or ()):
        try:
            out[pos] = parse_area(cell)
        except AreaError as exc:
            rows.problem(pos, key, ERROR, "area", str(exc))
    return out


def _marks(rows: OwnerRows, cells: list | None) -> list[bool | None]:
    if cells is None:
        return [None] * len(rows)
    out: list[bool | None] = [False] * len(rows)
    for pos, cell in enumerate(cells):
        text = unicodedata.normalize("NFKC", cell_text(cell)).strip().lower()
        if text in _YES:
            out[pos] = True
        elif text and text not in _NO:
            rows.problem(pos, "developer_held", ERROR, "yes_no", _(
                "“{value}” is neither 是 nor 否: write 是 for a unit the developer has not sold "
                "or delivered, and leave it blank otherwise.").format(value=cell_text(cell)))
    return out


def _check_rows(rows: OwnerRows) -> None:
    read = rows.read
    for pos in range(len(rows)):
        place = read.places[pos] if read.places else None
        if place is None or not place.room:
            rows.problem(pos, "room", ERROR, "no_dwelling", _(
                "This row names no dwelling: give its building and room (房号)."))
        floor, exclusive = rows.floor_area[pos], rows.exclusive_area[pos]
        if floor is not None and exclusive is not None and exclusive > floor:
            rows.problem(pos, "exclusive_area", ERROR, "area_exceeds", _(
                "The exclusive area ({exclusive} m²) is larger than the floor area ({floor} "
                "m²).").format(exclusive=f"{exclusive:.2f}", floor=f"{floor:.2f}"))
        if not rows.name(pos) and not rows.developer_held[pos]:
            rows.problem(pos, "name", WARNING, "no_owner", _(
                "No owner is named: the dwelling's areas are recorded and it stays without an "
                "owner."))
