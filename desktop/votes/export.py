"""A vote's spreadsheets (.xlsx): the per-dwelling result, and the cost-share table.

The result sheet is the office's archive copy of the count, sent up official channels with the
statistics table: owners' names in full, opinions as words (同意, not "agree"), areas as
numbers Excel can sum, late and replaced ballots marked. The cost-share sheet gives a share
column per dwelling and a totals row equal to the amount. Every text cell is escaped against
formula injection by the one xlsx writer (desktop.spreadsheets.xlsx); the file appears at its
target only when complete, and nothing is left behind on an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from desktop.core.i18n import _
from desktop.roster.exporting.export import _replacing
from desktop.spreadsheets.xlsx import INLINE, NUMBER, SHARED, XlsxColumn, XlsxWriter
from desktop.votes.printing.labels import opinion_or_none, source_label
from desktop.votes.printing.reads import vote_head
from desktop.votes.printing.share import ShareTable
from desktop.votes.printing.sheets import owners_text, remarks
from desktop.votes.reading import electorate_rows


@dataclass(frozen=True)
class Written:
    path: Path
    rows: int


def _write(path, columns: list[XlsxColumn], sheet_name: str, rows) -> int:
    target = Path(path)
    count = 0
    with _replacing(target) as temporary:
        writer = XlsxWriter(temporary, columns)
        try:
            sheet = writer.add_sheet(sheet_name)
            for row in rows:
                writer.write_row(sheet, row)
                count += 1
        except BaseException:
            writer.discard()
            raise
        writer.close()
    return count


def export_results(session: Session, vote_id: str, path) -> Written:
    """Every dwelling of the electorate with its counted opinion (as a word), in walking
    order."""
    head = vote_head(session, vote_id)
    rows = electorate_rows(session, vote_id)
    notes = remarks(session, vote_id, masked=False)
    columns = [XlsxColumn(_("No."), NUMBER), XlsxColumn(_("Ballot no."), SHARED),
               XlsxColumn(_("Building"), SHARED), XlsxColumn(_("Unit"), SHARED),
               XlsxColumn(_("Room"), SHARED), XlsxColumn(_("Exclusive area (m²)"), NUMBER),
               XlsxColumn(_("Owner"), INLINE, sample="x" * 12),
               XlsxColumn(_("Opinion"), SHARED), XlsxColumn(_("Source"), SHARED),
               XlsxColumn(_("Remarks"), INLINE, sample="x" * 20)]

    def lines():
        for number, row in enumerate(rows, 1):
            if row.excluded:
                opinion, note = _("left out"), row.reason
            else:
                opinion = opinion_or_none(row.opinion)
                note = notes.get(row.dwelling_id, "")
            yield [number, row.code, row.building, row.unit, row.room,
                   None if row.area is None else str(row.area), owners_text(row, False),
                   opinion, source_label(row.source) if row.opinion else "", note]

    count = _write(path, columns, head.title or _("Result"), lines())
    return Written(Path(path), count)


def export_share(table: ShareTable, path) -> Written:
    """The cost-share table: a share per dwelling, then the totals row (equal to the
    amount)."""
    columns = [XlsxColumn(_("No."), NUMBER), XlsxColumn(_("Address"), SHARED),
               XlsxColumn(_("Owner"), INLINE, sample="x" * 12),
               XlsxColumn(_("Exclusive area (m²)"), NUMBER), XlsxColumn(_("Share of area"),
                                                                       SHARED),
               XlsxColumn(_("Share (yuan)"), NUMBER)]

    def lines():
        for number, row in enumerate(table.rows, 1):
            yield [number, row.address, row.owner_text(False), str(row.area), row.ratio, str(row.share)]
        yield [None, _("Total"), "", str(table.total_area), "100.00%", str(table.total_share)]

    count = _write(path, columns, table.scope or _("Cost share"), lines())
    return Written(Path(path), count - 1)
