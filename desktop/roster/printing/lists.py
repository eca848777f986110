"""Printed lists from the roster: the 花名册 (residents by building), the door-to-door walk list
and the 签到表 (sign-in sheet).

Names and phones are masked by the one rule of desktop.core.masking unless the list is for
staff only (``full_data``): such a list shows everything, ID numbers included, and carries
"内部资料 注意保密" on every page. Which columns a masked list may carry beside its masks (no ID
numbers, birth dates as the year, no registered address or notes) is the export's disclosure
rule (desktop.roster.exporting.disclosure). Rows come from the export's fast row fetch and
cells from its column converter, so a printed list and an exported sheet show the same values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.enums import TA_CENTER
from reportlab.platypus import Flowable, PageBreak, Spacer
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.i18n import _, format_date, ngettext
from desktop.core.masking import mask_name, mask_phone
from desktop.core.tasks import TaskContext
from desktop.printing.document import PageSpec, build_pdf
from desktop.printing.fonts import font_set
from desktop.printing.tables import table
from desktop.printing.text import para, style
from desktop.roster.address import floor_of, walking_key
from desktop.roster.codes import HEAD_RELATIONSHIP
from desktop.roster.exporting import rows as r
from desktop.roster.exporting.columns import (
    SAMPLES,
    header,
    row_converter,
)
from desktop.roster.exporting.disclosure import Disclosure, disclose
from desktop.roster.exporting.rows import fetch_rows, filtered_rows
from desktop.roster.models import Building, Compound, Dwelling, Household, Resident
from desktop.roster.views import PlaceScope, ResidentFilter, SortSpec
from desktop.spreadsheets.xlsx import display_width

DEFAULT_LIST_COLUMNS = ("name", "sex", "age", "address", "phone", "relationship", "tags")
# A staff-only list (``linli roster print --full``): the ID number is what staff need it for.
FULL_LIST_COLUMNS = ("name", "sex", "id_number", "age", "address", "phone", "relationship",
                     "tags")
LIST_FONT_PT = 10.0


def confidential_note() -> str:
    return _("Internal use only — keep confidential")  # 内部资料 注意保密


@dataclass(frozen=True)
class RosterListOptions:
    scope: PlaceScope = field(default_factory=PlaceScope)
    resident_ids: tuple[str, ...] | None = None  # a selection, in this order
    columns: tuple[str, ...] = DEFAULT_LIST_COLUMNS
    full_data: bool = False  # staff only: unmasked, ID numbers allowed, confidential footer
    title: str = ""


def _title(options: RosterListOptions) -> str:
    return options.title.strip() or _("Resident roster")


def list_disclosure(options: RosterListOptions) -> Disclosure:
    """The columns printed and how: everything on a staff-only list; else masked, with what
    would undo the masks left out or shortened (no ID numbers, birth dates as the year)."""
    columns = tuple(dict.fromkeys(options.columns)) or DEFAULT_LIST_COLUMNS
    return disclose(columns, mask=not options.full_data, printed=True)


def list_columns(options: RosterListOptions) -> tuple[str, ...]:
    return list_disclosure(options).columns


def _relative_widths(disclosure: Disclosure) -> list[float]:
    widths = [4.0]  # the row number
    for key in disclosure.columns:
        sample = SAMPLES.get(key, "")
        widths.append(max(display_width(sample), display_width(header(key, disclosure)), 4)
                      + 2)
    return widths


def render_roster_list(session: Session, options: RosterListOptions,
                       ctx: TaskContext | None = None) -> bytes:
    """The 花名册: A4 landscape, a section (starting a page) per building, the building and the
    column headers repeated on every page."""
    fonts = font_set()
    disclosure = list_disclosure(options)
    columns = disclosure.columns
    convert = row_converter(disclosure)
    if options.resident_ids is not None:
        ids = list(dict.fromkeys(options.resident_ids))
        total, rows = len(ids), fetch_rows(session, ids)
    else:
        total, rows = filtered_rows(session, ResidentFilter(scope=options.scope),
                                    SortSpec("address"))
    groups: list[tuple[tuple[str, str], list[list]]] = []
    current_key: tuple[str, str] | None = None
    done = 0
    for row in rows:
        key = (row[r.COMPOUND] or "", row[r.BUILDING] or "")
        if key != current_key:
            groups.append((key, []))
            current_key = key
        cells = convert(row)
        groups[-1][1].append(cells)
        done += 1  # noqa: SIM113
        if ctx is not None and done % 2000 == 0:
            ctx.report(done, total * 2, _("Reading residents…"))
    title = _title(options)
    headers = [_("No.")] + [header(c, disclosure) for c in columns]
    widths = _relative_widths(disclosure)
    number_col = [0]
    story: list[Flowable] = []
    for index, ((compound, building), cells) in enumerate(groups):
        if index:
            story.append(PageBreak())
        place = " ".join(p for p in (compound, building) if p) or _("No dwelling")
        caption = ngettext("{title} · {place} ({count} resident)",
                           "{title} · {place} ({count} residents)", len(cells)).format(
            title=title, place=place, count=len(cells))
        numbered = [[str(n), *row] for n, row in enumerate(cells, 1)]
        story.append(table(headers, numbered, widths, fonts, caption=caption,
                           font_size=LIST_FONT_PT, align_center=number_col))
    if not groups:
        story.append(para(_("No residents to print."), style("empty", fonts.body, 12)))
    page = PageSpec(size="A4", landscape=True,
                    footer_note=confidential_note() if options.full_data else None)
    return build_pdf(story, page, title, ctx)


# -- the walk list ---------------------------------------------------------------------------
@dataclass(frozen=True)
class WalkStop:
    unit: str
    floor: int
    room: str
    head: str  # masked
    members: int


def walk_stops(session: Session, building_id: str) -> list[WalkStop]:
    """The dwellings of a building in walking order: unit, then floor, then room."""
    dwellings = session.execute(
        select(Dwelling.id, Dwelling.unit, Dwelling.floor, Dwelling.room)
        .where(Dwelling.building_id == building_id, Dwelling.deleted.is_(False))).all()
    people = session.execute(
        select(Household.dwelling_id, Resident.name, Resident.relationship)
        .join(Household, Household.id == Resident.household_id)
        .join(Dwelling, Dwelling.id == Household.dwelling_id)
        .where(Dwelling.building_id == building_id, Dwelling.deleted.is_(False),
               Household.deleted.is_(False), Resident.deleted.is_(False),
               Resident.moved_out.is_(False), Resident.deceased.is_(False))
        .order_by(Resident.name)).all()
    heads: dict[str, list[str]] = {}
    counts: dict[str, int] = {}
    for dwelling_id, name, relationship in people:
        counts[dwelling_id] = counts.get(dwelling_id, 0) + 1
        if relationship == HEAD_RELATIONSHIP:
            heads.setdefault(dwelling_id, []).append(name)
    stops = [WalkStop(unit or "", floor_of(floor, room), room or "",
                      "、".join(mask_name(n) for n in heads.get(did, [])), counts.get(did, 0))
             for did, unit, floor, room in dwellings]
    stops.sort(key=lambda s: walking_key(s.unit, s.floor, s.room))
    return stops


def render_walk_list(session: Session, building_ids: Sequence[str],
                     ctx: TaskContext | None = None) -> bytes:
    """A door-to-door walk list: per building (a page each), its dwellings in walking order
    with the household head (masked), how many live there, and blank columns for notes."""
    fonts = font_set()
    names = dict(session.execute(
        select(Building.id, Compound.name + " " + Building.name)
        .join(Compound, Compound.id == Building.compound_id)
        .where(Building.id.in_(list(building_ids)))).all())
    headers = [_("Unit"), _("Floor"), _("Room"), _("Head of household"), _("Members"),
               _("Visit"), _("Notes"), _("Signature")]
    widths = [5, 4, 6, 10, 6, 18, 18, 10]
    story: list[Flowable] = []
    title = _("Door-to-door walk list")
    for index, building_id in enumerate(building_ids):
        if ctx is not None:
            ctx.report(index, len(building_ids), title)
        if index:
            story.append(PageBreak())
        stops = walk_stops(session, building_id)
        caption = ngettext("{title} · {place} ({count} dwelling)",
                           "{title} · {place} ({count} dwellings)", len(stops)).format(
            title=title, place=names.get(building_id, ""), count=len(stops))
        rows = [[s.unit, str(s.floor) if s.floor else "", s.room, s.head,
                 str(s.members) if s.members else "", "", "", ""] for s in stops]
        story.append(table(headers, rows, widths, fonts, caption=caption, font_size=11,
                           min_row_height=24, align_center=(0, 1, 2, 4)))
    if not story:
        story.append(para(_("No buildings chosen."), style("empty", fonts.body, 12)))
    return build_pdf(story, PageSpec(size="A4", landscape=False), title, ctx)


# -- the sign-in sheet -----------------------------------------------------------------------
def render_sign_in_sheet(title: str, *, date: dt.date, place: str = "",
                         names: Sequence[str] = (), blank_rows: int = 20,
                         addresses: Sequence[str] = (), phones: Sequence[str] = (),
                         named: Sequence[bool] = ()) -> bytes:
    """A 签到表: the meeting's title, date and place, then numbered rows to sign (names given
    are printed masked, but those ``named`` True — staff and official parties, who are never
    masked — in full; the rest left blank for walk-ins)."""
    fonts = font_set()
    heading = style("signin-title", fonts.title, 20, leading=28, align=TA_CENTER,
                    space_after=6)
    info = style("signin-info", fonts.body, 12, leading=18, align=TA_CENTER, space_after=8)
    line = _("Date: {date}").format(date=format_date(date))
    if place.strip():
        line += "　" + _("Place: {place}").format(place=place.strip())
    story: list[Flowable] = [para(title.strip() or _("Sign-in sheet"), heading),
                             para(line, info), Spacer(1, 4)]
    rows = []
    for i, name in enumerate(names):
        address = addresses[i] if i < len(addresses) else ""
        phone = phones[i] if i < len(phones) else ""
        shown = name if i < len(named) and named[i] else mask_name(name)
        rows.append([str(i + 1), shown, address, mask_phone(phone) if phone else "", ""])
    for i in range(len(names), len(names) + max(0, blank_rows)):
        rows.append([str(i + 1), "", "", "", ""])
    headers = [_("No."), _("Name"), _("Organisation or address"), _("Phone"), _("Signature")]
    story.append(table(headers, rows, [4, 10, 22, 12, 14], fonts, font_size=12,
                       min_row_height=30, align_center=(0,)))
    return build_pdf(story, PageSpec(size="A4"), title.strip() or _("Sign-in sheet"))
