"""The vote's lists on paper: the collection sheet per building (表决票发放回收登记表), the
dwellings not yet voted in walking order (for revisits), and the per-dwelling statistics table
(表决结果统计表) in a staff version and a posted one.

The collection sheet and the revisit list are the office's working papers: owners' names in
full, "内部资料 注意保密" on every page. The statistics table's posted version masks every
owner's and proxy's name (张*明) and carries no phone or ID number; its staff version is for the
archive.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from decimal import Decimal

from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.i18n import _, format_date, ngettext
from desktop.core.masking import mask_name
from desktop.core.tasks import TaskContext
from desktop.votes.printing.document import ListDocument, Section, render_list
from desktop.votes.printing.labels import (
    developer_label,
    opinion_or_none,
)
from desktop.votes.printing.reads import vote_head
from desktop.votes.reading import ElectorRow, ballot_history, electorate_rows

_NAME_SEPARATORS = "、,，;；/ "


def _area(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _total(rows) -> Decimal:
    return sum((r.area for r in rows if r.area is not None), Decimal(0))


def owners_text(row, masked: bool) -> str:
    text = row.owners.strip()
    if not text:
        return developer_label() if row.developer_held else ""
    if not masked:
        return text
    return mask_names(text)


def mask_names(text: str) -> str:
    """Every name of a list like "张三明、李四" masked (张*明、李*), separators kept."""
    out, name = [], []
    for ch in text:
        if ch in _NAME_SEPARATORS:
            if name:
                out.append(mask_name("".join(name)))
                name = []
            out.append(ch)
        else:
            name.append(ch)
    if name:
        out.append(mask_name("".join(name)))
    return "".join(out)


def _opinion_boxes() -> str:
    return "  ".join(f"□{label}" for label in (_("Agree"), _("Against"), _("Abstain")))


def _by_building(rows: list[ElectorRow]) -> dict[str, list[ElectorRow]]:
    groups: dict[str, list[ElectorRow]] = defaultdict(list)
    for row in rows:
        groups[row.building].append(row)
    return groups


def render_collection_sheets(session: Session, vote_id: str, ctx: TaskContext | None = None,
                             ) -> bytes:
    """One sheet per building (its pages together, the caption and header on every page):
    code, address, area, owner, an opinion to tick, a column to sign, the date returned."""
    head = vote_head(session, vote_id)
    rows = [r for r in electorate_rows(session, vote_id) if not r.excluded]
    if not rows:
        raise ValidationError(_("This vote has no dwellings to print ballots for."),
                              field="vote")
    headers = (_("No."), _("Ballot no."), _("Address"), _("Exclusive area (m²)"), _("Owner"),
               _("Opinion"), _("Owner's or proxy's signature"), _("Date returned"))
    sections = []
    boxes = _opinion_boxes()
    for building, members in _by_building(rows).items():
        table_rows = [(str(n), r.code, r.address, _area(r.area), owners_text(r, False), boxes,
                       "", "") for n, r in enumerate(members, 1)]
        caption = _("{scope}: {building} — {count} dwellings, {area} m²").format(
            scope=head.compound, building=building, count=len(members),
            area=f"{_total(members):.2f}")
        sections.append(Section(caption, table_rows))
    document = ListDocument(
        title=_("Ballot issue and return register: {title}").format(title=head.title),
        headers=headers, widths=(4, 6, 11, 8, 19, 15, 14, 8), sections=sections,
        lines=(_("Collection period: {start} to {end}").format(
            start=format_date(head.opens_on), end=format_date(head.closes_on)),),
        landscape=True, section_per_page=True, min_row_height=24, align_center=(0, 1, 3))
    return render_list(document, ctx)


def render_outstanding(session: Session, vote_id: str, today: dt.date | None = None,
                       ctx: TaskContext | None = None) -> bytes:
    """The dwellings with no counted ballot yet, in walking order, with room for a note at
    each door (not at home, will return it…)."""
    head = vote_head(session, vote_id)
    rows = [r for r in electorate_rows(session, vote_id)
            if not r.excluded and r.opinion is None]
    headers = (_("No."), _("Ballot no."), _("Building"), _("Unit"), _("Room"),
               _("Exclusive area (m²)"), _("Owner"), _("Note"))
    table_rows = [(str(n), r.code, r.building, r.unit, r.room, _area(r.area),
                   owners_text(r, False), "") for n, r in enumerate(rows, 1)]
    lines = (ngettext("{count} dwelling has not voted yet ({area} m²), as of {date}.",
                      "{count} dwellings have not voted yet ({area} m²), as of {date}.",
                      len(rows)).format(count=len(rows), area=f"{_total(rows):.2f}",
                                        date=format_date(today or dt.date.today())),)
    document = ListDocument(
        title=_("Dwellings not yet voted: {title}").format(title=head.title),
        headers=headers, widths=(4, 6, 6, 4, 5, 8, 18, 14),
        sections=[Section(None, table_rows)], lines=lines, min_row_height=22,
        align_center=(0, 1, 3, 4, 5))
    return render_list(document, ctx)


def remarks(session: Session, vote_id: str, masked: bool) -> dict[str, str]:
    """Per dwelling: corrected ballots, a late ballot (and whether it counts), a proxy."""
    history = ballot_history(session, vote_id)
    corrections = Counter(b.dwelling_id for b in history if b.replaced)
    latest = {}
    for ballot in history:  # newest first
        latest.setdefault(ballot.dwelling_id, ballot)
    out: dict[str, str] = {}
    for dwelling_id, ballot in latest.items():
        notes = []
        if ballot.late:
            notes.append(_("late, counted") if ballot.counted else _("late, not counted"))
        count = corrections.get(dwelling_id, 0)
        if count:
            notes.append(ngettext("replaces {count} earlier ballot",
                                  "replaces {count} earlier ballots", count).format(count=count))
        if ballot.proxy_name.strip():
            name = ballot.proxy_name.strip()
            notes.append(_("by proxy {name}").format(name=mask_names(name) if masked else name))
        out[dwelling_id] = _("; ").join(notes) if notes else ""
    return out


def render_statistics(session: Session, vote_id: str, posted: bool = False,
                      ctx: TaskContext | None = None) -> bytes:
    """表决结果统计表: every dwelling of the electorate with its area, owner, counted opinion
    and marks (late, replaced, proxy, left out). ``posted``: names masked, for the board."""
    head = vote_head(session, vote_id)
    rows = electorate_rows(session, vote_id)
    notes = remarks(session, vote_id, posted)
    headers = (_("No."), _("Ballot no."), _("Address"), _("Exclusive area (m²)"), _("Owner"),
               _("Opinion"), _("Remarks"))
    table_rows = []
    for number, row in enumerate(rows, 1):
        if row.excluded:
            opinion = _("left out")
            remark = row.reason
        else:
            opinion = opinion_or_none(row.opinion)
            remark = notes.get(row.dwelling_id, "")
        table_rows.append((str(number), row.code, row.address, _area(row.area),
                           owners_text(row, posted), opinion, remark))
    counted = [r for r in rows if not r.excluded]
    by_opinion = {key: [r for r in counted if r.opinion == key]
                  for key in ("agree", "against", "abstain")}
    silent = [r for r in counted if r.opinion is None]
    summary = _("{count} dwellings, {area} m². Agree: {agree} ({agree_area} m²); against: "
                "{against} ({against_area} m²); abstain: {abstain} ({abstain_area} m²); not "
                "voted: {silent} ({silent_area} m²).").format(
        count=len(counted), area=f"{_total(counted):.2f}",
        agree=len(by_opinion["agree"]), agree_area=f"{_total(by_opinion['agree']):.2f}",
        against=len(by_opinion["against"]), against_area=f"{_total(by_opinion['against']):.2f}",
        abstain=len(by_opinion["abstain"]), abstain_area=f"{_total(by_opinion['abstain']):.2f}",
        silent=len(silent), silent_area=f"{_total(silent):.2f}")
    lines = [_("Scope: {scope}. Collection period: {start} to {end}.").format(
        scope=head.scope, start=format_date(head.opens_on), end=format_date(head.closes_on)),
        summary]
    if posted:
        lines.append(_("Owners' names are masked; the full table is kept by the office."))
    document = ListDocument(
        title=_("Vote result statistics: {title}").format(title=head.title),
        headers=headers, widths=(4, 6, 12, 8, 18, 7, 17),
        sections=[Section(None, table_rows)], lines=tuple(lines), staff_only=not posted,
        align_center=(0, 1, 3, 5), foot=(_("Counted by: ____________    Checked by: "
                                           "____________    Date: ____________"),))
    return render_list(document, ctx)


__all__ = ["mask_names", "render_collection_sheets", "render_outstanding", "render_statistics"]
