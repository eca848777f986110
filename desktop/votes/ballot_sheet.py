"""Reading a sheet of ballots collected on paper: each row a dwelling (小区, 楼栋, 单元, 房号)
and its 表决意见 (同意/反对/弃权), optionally the proxy (委托代理人) and the date signed
(表决日期). Nothing is written here: the rows are checked against the vote's electorate and
every problem is named with the row the user sees in the spreadsheet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.core.tasks import TaskContext
from desktop.roster.address import building_number, format_address
from desktop.spreadsheets.sources import open_source, read_sheet
from desktop.sync.exchange.export import raw_select

# Header → field; a header is matched without spaces. Traditional spellings too.
HEADERS = {
    "小区": "compound", "小區": "compound", "小区名称": "compound",
    "楼栋": "building", "樓棟": "building", "楼号": "building", "楼幢": "building",
    "幢": "building", "栋": "building",
    "单元": "unit", "單元": "unit",
    "房号": "room", "房號": "room", "房间号": "room", "室": "room", "门牌号": "room",
    "表决意见": "opinion", "表決意見": "opinion", "意见": "opinion", "意見": "opinion",
    "委托代理人": "proxy", "委託代理人": "proxy", "代理人": "proxy",
    "表决日期": "date", "表決日期": "date", "日期": "date",
}
REQUIRED = ("building", "room", "opinion")
OPINION_WORDS = {
    "同意": "agree", "赞成": "agree", "贊成": "agree", "agree": "agree",
    "反对": "against", "反對": "against", "不同意": "against", "against": "against",
    "弃权": "abstain", "棄權": "abstain", "abstain": "abstain",
}
HEADER_ROWS = 10  # a title row or two may come before the header


@dataclass(frozen=True)
class SheetBallot:
    row: int
    dwelling_id: str
    opinion: str
    cast_on: dt.date
    proxy_name: str


@dataclass
class SheetBallots:
    ballots: list[SheetBallot] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "".join(str(value).split())


def _number(text: str) -> str:
    digits = "".join(ch for ch in text if ch.isdigit())
    return digits.lstrip("0") or ("0" if digits else "")


def _header(rows: list[list]) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(rows[:HEADER_ROWS]):
        found = {}
        for column, value in enumerate(row):
            name = HEADERS.get(_cell(value))
            if name and name not in found:
                found[name] = column
        if all(name in found for name in REQUIRED):
            return index, found
    return None


def _date(value, default: dt.date) -> dt.date | None:
    if value is None or _cell(value) == "":
        return default
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _cell(value).replace("/", "-").replace(".", "-")
    try:
        return dt.date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))
    except ValueError:
        return None


def read_ballot_sheet(session: Session, vote, path: Path, ctx: TaskContext,
                      default_date: dt.date) -> SheetBallots:
    source = open_source(path)
    sheet = read_sheet(source, None, ctx)
    found = _header(sheet.rows)
    if found is None:
        raise ValidationError(_("{file} has no header row with 楼栋, 房号 and 表决意见.")
                              .format(file=path.name), field="file")
    header_index, columns = found
    conn = session.connection()
    compound = raw_select(conn, "SELECT name FROM compound WHERE id = ?",
                          (vote.compound_id,))[0][0]
    # Every dwelling of the vote's compound by (building number, unit, room): a row naming a
    # dwelling of the compound outside the vote's scope is told apart from one that is not
    # in the roster at all.
    places: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    for dwelling_id, b_name, b_sort, unit, room in raw_select(
            conn, "SELECT d.id, b.name, b.sort_key, d.unit, d.room FROM dwelling d "
            "JOIN building b ON b.id = d.building_id WHERE b.compound_id = ? "
            "AND d.deleted = 0 AND b.deleted = 0", (vote.compound_id,)):
        key = (building_number(b_name, b_sort), _number(unit or ""), _number(room or ""))
        places.setdefault(key, []).append((dwelling_id, format_address(b_name, unit, room)))
    members = {d: excluded for d, excluded in raw_select(
        conn, "SELECT dwelling_id, excluded FROM vote_dwelling WHERE vote_id = ? "
        "AND deleted = 0", (vote.id,))}
    out = SheetBallots()
    seen: dict[str, int] = {}

    def cell(row: list, name: str) -> str:
        column = columns.get(name)
        return _cell(row[column]) if column is not None and column < len(row) else ""

    for index in range(header_index + 1, len(sheet.rows)):
        ctx.check()
        row, number = sheet.rows[index], sheet.row_numbers[index]
        if not any(_cell(value) for value in row):
            continue
        problems = []
        named = cell(row, "compound")
        building, unit, room = cell(row, "building"), cell(row, "unit"), cell(row, "room")
        opinion = OPINION_WORDS.get(cell(row, "opinion").lower())
        if not cell(row, "opinion"):
            problems.append(_("no opinion (同意, 反对 or 弃权)"))
        elif opinion is None:
            problems.append(_("“{value}” is not an opinion: write 同意, 反对 or 弃权.").format(
                value=cell(row, "opinion")))
        date_value = row[columns["date"]] if "date" in columns and columns["date"] < len(row) \
            else None
        cast_on = _date(date_value, default_date)
        if cast_on is None:
            problems.append(_("“{value}” is not a date.").format(value=_cell(date_value)))
        elif cast_on < vote.opens_on:
            problems.append(_("dated {date}, before the vote opened on {opens}").format(
                date=cast_on.isoformat(), opens=vote.opens_on.isoformat()))
        typed = format_address(building, unit, room) or _("(no address)")
        dwelling_id = None
        if named and named != "".join(compound.split()):
            problems.append(_("{address} in {compound} is outside this vote's scope.").format(
                address=typed, compound=named))
        elif not building or not room:
            problems.append(_("the building and the room are both needed"))
        else:
            matches = places.get((building_number(building), _number(unit), _number(room)), [])
            if not matches:
                problems.append(_("{address} is not in the roster of {compound}.").format(
                    address=typed, compound=compound))
            elif len(matches) > 1:
                problems.append(_("{address} matches {count} dwellings: give the unit.").format(
                    address=typed, count=len(matches)))
            else:
                dwelling_id, address = matches[0]
                if dwelling_id not in members:
                    problems.append(_("{address} is outside this vote's scope.").format(
                        address=address))
                elif members[dwelling_id]:
                    problems.append(_("{address} was left out of this vote.").format(
                        address=address))
                elif dwelling_id in seen:
                    problems.append(_("{address} is already on row {row}.").format(
                        address=address, row=seen[dwelling_id]))
        proxy = cell(row, "proxy")
        if len(proxy) > 50:
            problems.append(_("the proxy's name is longer than 50 characters"))
        if problems:
            out.problems += [(number, _("Row {row}: {problem}").format(row=number, problem=p))
                             for p in problems]
            continue
        seen[dwelling_id] = number
        out.ballots.append(SheetBallot(number, dwelling_id, opinion, cast_on, proxy))
    if not out.ballots and not out.problems:
        out.problems.append((0, _("{file} holds no ballots.").format(file=path.name)))
    return out
