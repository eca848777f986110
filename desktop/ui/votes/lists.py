"""The vote view's two lists: every ballot entered (corrections beside what they replace, late
ones marked, with the switch that counts late ballots), and the dwellings not yet voted in
walking order (with a revisit campaign or a printed list to go and ask them)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.core.i18n import _, format_date, format_datetime, ngettext
from desktop.ui.votes.names import area_str, opinion_label, source_label
from desktop.ui.votes.rows_table import RowsTable
from desktop.ui.widgets.flow import FlowLayout


def ballot_status(row) -> str:
    """Whether a ballot counts, and why not."""
    if not row.in_electorate:
        return _("Outside the vote's scope: not counted")
    if row.replaced:
        return _("Replaced by a later ballot")
    if row.late and not row.counted:
        return _("Late: not counted")
    if row.late:
        return _("Late: counted")
    return _("Counted") if row.counted else _("Not counted")


class HistoryView(QWidget):
    include_late_changed = Signal(bool)
    import_wanted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = []
        self.include_late = QCheckBox(_("Count &late ballots (signed after the period ended)"))
        self.include_late.toggled.connect(self.include_late_changed.emit)
        self.import_button = QPushButton(_("&Import ballots from a sheet…"))
        self.import_button.setToolTip(_("Ballots collected on paper and typed into a sheet: "
                                        "小区, 楼栋, 单元, 房号, 表决意见"))
        self.import_button.clicked.connect(self.import_wanted.emit)
        top = QWidget()
        flow = FlowLayout(top)
        flow.addWidget(self.include_late)
        flow.addWidget(self.import_button)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = RowsTable([_("Code"), _("Address"), _("Opinion"), _("Status"),
                                _("Signed on"), _("Entered"), _("Source"), _("Proxy"),
                                _("Entered by")], _("Ballots"))
        self.empty = QLabel(_("No ballot entered yet."))
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)

    def set_include_late(self, include: bool, enabled: bool = True) -> None:
        self.include_late.blockSignals(True)
        self.include_late.setChecked(include)
        self.include_late.blockSignals(False)
        self.include_late.setEnabled(enabled)
        self.import_button.setEnabled(enabled)

    def set_rows(self, rows) -> None:
        """Newest first: a correction shows above the ballot it replaces."""
        self.rows = sorted(rows, key=lambda r: (r.recorded_at, r.id), reverse=True)
        self.table.set_rows(self.rows, lambda r: (
            r.code, r.address, opinion_label(r.opinion), ballot_status(r),
            format_date(r.cast_on), format_datetime(r.recorded_at), source_label(r.source),
            r.proxy_name, r.recorded_by))
        corrected = sum(1 for r in self.rows if r.replaced)
        late = sum(1 for r in self.rows if r.late)
        self.summary.setText(_("{ballots} · {corrected} · {late}").format(
            ballots=ngettext("{count} ballot entered", "{count} ballots entered",
                             len(self.rows)).format(count=f"{len(self.rows):,}"),
            corrected=ngettext("{count} replaced by a correction",
                               "{count} replaced by corrections", corrected).format(
                count=f"{corrected:,}"),
            late=ngettext("{count} late", "{count} late", late).format(count=f"{late:,}")))
        self.empty.setVisible(not self.rows)
        self.table.setVisible(bool(self.rows))


class OutstandingView(QWidget):
    revisit_wanted = Signal()
    print_wanted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = []
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.revisit_button = QPushButton(_("Re&visit campaign…"))
        self.revisit_button.setToolTip(_("A home-visits campaign of these dwellings, whose "
                                         "form is this vote's ballot"))
        self.print_button = QPushButton(_("Print &list…"))
        self.revisit_button.clicked.connect(self.revisit_wanted.emit)
        self.print_button.clicked.connect(self.print_wanted.emit)
        buttons = QWidget()
        flow = FlowLayout(buttons)
        flow.addWidget(self.revisit_button)
        flow.addWidget(self.print_button)
        self.table = RowsTable([_("Code"), _("Address"), _("Owners"), _("Exclusive area (m²)")],
                               _("Dwellings not yet voted"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        layout.addWidget(self.table, 1)

    def set_rows(self, electors, open_: bool = True) -> None:
        """The electorate's dwellings with no counted ballot, in walking order."""
        self.rows = [r for r in electors if r.opinion is None and not r.excluded]
        self.rows.sort(key=lambda r: r.walk_order)
        area = sum((r.area for r in self.rows if r.area is not None), start=Decimal(0))
        self.table.set_rows(self.rows, lambda r: (r.code, r.address, r.owners,
                                                  area_str(r.area)))
        self.summary.setText(ngettext(
            "{count} dwelling not yet voted, {area} m² in all, in walking order.",
            "{count} dwellings not yet voted, {area} m² in all, in walking order.",
            len(self.rows)).format(count=f"{len(self.rows):,}", area=area_str(area)))
        self.revisit_button.setEnabled(open_ and bool(self.rows))
        self.print_button.setEnabled(bool(self.rows))
