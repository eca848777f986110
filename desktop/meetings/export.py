"""The three lists to .xlsx, the sheet the street office asks for: 序号, 问题, 责任单位, 责任人,
整改措施, 时限, 状态, 进展, 来源会议 — one row per item, oldest first, its dated progress log in
one cell (a line per entry). A second sheet gives the resolution rate per party and month, the
figure the list is reported with (desktop.meetings.tracking's definition, exact, shown rounded
down).

Not masked, on purpose. The sheet is the office's working record sent up an official channel:
the responsible units and persons are official parties and staff, named because they answer for
the item, and the problem's text is the office's own record of what a resident reported (a
masked copy would lose whom to call back). The version residents see is the posted minutes,
which masks residents' names and leaves out phone numbers (desktop.meetings.minutes).

Every text cell is escaped against formula injection and written as a string by the one xlsx
writer (``desktop.spreadsheets.xlsx``); the file appears at its target only when complete (the
roster export's ``_replacing``), and nothing is left behind on an error.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from desktop.core.i18n import _
from desktop.meetings.labels import STATUSES, label
from desktop.meetings.reading import ActionRow, action_rows
from desktop.meetings.tracking import format_rate, party_label, tracker
from desktop.roster.exporting.export import _replacing
from desktop.spreadsheets.xlsx import (
    DATE,
    INLINE,
    NUMBER,
    SHARED,
    XlsxColumn,
    XlsxWriter,
)


@dataclass(frozen=True)
class ActionsExport:
    path: Path
    items: int
    open_only: bool
    party: str | None


def status_label(row: ActionRow) -> str:
    status = label(STATUSES, row.status)
    return _("{status}, overdue").format(status=status) if row.overdue else status


def _progress(row: ActionRow) -> str:
    lines = []
    for entry in row.progress:
        text = entry.note
        if entry.reopened:
            text = _("Reopened: {reason}").format(reason=entry.note)
        elif entry.status:
            moved = label(STATUSES, entry.status)
            text = _("{note} → {status}").format(note=entry.note, status=moved) if entry.note \
                else _("→ {status}").format(status=moved)
        lines.append(f"{entry.on.isoformat()} {text}")
    return "\n".join(lines)


def _origin(row: ActionRow) -> str:
    origin = _("a deleted meeting") if row.origin_deleted else row.origin
    return " · ".join(part for part in (origin, row.source) if part)


def _columns() -> list[XlsxColumn]:
    return [XlsxColumn(_("No."), NUMBER), XlsxColumn(_("Problem"), INLINE, sample="x" * 24),
            XlsxColumn(_("Responsible unit"), SHARED, sample="x" * 12),
            XlsxColumn(_("Responsible person"), SHARED),
            XlsxColumn(_("Remedy"), INLINE, sample="x" * 24), XlsxColumn(_("Due"), DATE),
            XlsxColumn(_("Status"), SHARED), XlsxColumn(_("Progress"), INLINE, sample="x" * 30),
            XlsxColumn(_("Source meeting"), SHARED, sample="x" * 24)]


def _rate_columns() -> list[XlsxColumn]:
    return [XlsxColumn(_("Month"), SHARED), XlsxColumn(_("Responsible unit"), SHARED),
            XlsxColumn(_("Due that month"), NUMBER),
            XlsxColumn(_("Resolved by the due date"), NUMBER),
            XlsxColumn(_("Resolution rate"), SHARED)]


def export_actions(session: Session, path, *, today: dt.date, open_only: bool = False,
                   party: str | None = None, months: int = 12) -> ActionsExport:
    """Write the three lists to ``path`` (.xlsx): every item, or only those not closed yet
    (``open_only``), or one responsible party's. Returns what was written."""
    target = Path(path)
    rows = action_rows(session, today=today, open_only=open_only, party=party)
    view = tracker(session, today=today, months=months)
    parties = [party] if party else list(view.rates)
    with _replacing(target) as temporary:
        writer = XlsxWriter(temporary, _columns())
        try:
            sheet = writer.add_sheet(_("Action items"))
            for number, row in enumerate(rows, start=1):
                unit = row.responsible_unit or party_label(row.responsible)
                writer.write_row(sheet, [number, row.problem, unit, row.responsible_person,
                                         row.remedy, row.due, status_label(row),
                                         _progress(row), _origin(row)])
            rates = writer.add_sheet(_("Resolution rate"), _rate_columns())
            for index, month in enumerate(view.months):
                label = f"{month.year}-{month.month:02d}"
                for code in parties:
                    rate = view.rates[code][index]
                    writer.write_row(rates, [label, party_label(code), rate.due, rate.on_time,
                                             format_rate(rate.rate)])
                if not party:
                    rate = view.overall[index]
                    writer.write_row(rates, [label, _("All"), rate.due, rate.on_time,
                                             format_rate(rate.rate)])
        except BaseException:
            writer.discard()
            raise
        writer.close()
    return ActionsExport(target, len(rows), open_only, party)
