"""Share cost…: an amount (e.g. 700,000.00 yuan for six lifts) split over the dwellings of the
vote's scope by exclusive area, to the cent, the shares adding up exactly (民法典第283条); shown
here, then printed or exported. The split is the core's (``desktop.votes.printing.share``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import LinliError
from desktop.core.i18n import _
from desktop.ui.printing.export_file import workbook_target, write_file
from desktop.ui.printing.pdf_dialog import make_pdf
from desktop.ui.visits.campaigns.grid_table import GridTable
from desktop.ui.votes.names import area_str
from desktop.ui.widgets.labels import message_label


def money(value) -> str:
    return f"{value:,.2f}"


class ShareDialog(QDialog):
    def __init__(self, ctx, runner, detail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._runner = ctx, runner
        self.detail = detail
        self.share = None  # the ShareTable shown
        self.made = self.exported = None
        self.dialog = None
        self.setWindowTitle(_("Share a cost by exclusive area"))
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(_("e.g. 700000.00"))
        self.amount.setAccessibleName(_("Amount in yuan"))
        self.amount.returnPressed.connect(self.compute)
        compute = QPushButton(_("&Share"))
        compute.clicked.connect(self.compute)
        amount_label = QLabel(_("&Amount (yuan)"))
        amount_label.setBuddy(self.amount)
        top = QHBoxLayout()
        top.addWidget(amount_label)
        top.addWidget(self.amount, 1)
        top.addWidget(compute)
        self.summary = QLabel(_("Over the dwellings of {scope}, by exclusive area, to the "
                                "cent.").format(scope=detail.scope))
        self.summary.setWordWrap(True)
        self.table = GridTable([_("Address"), _("Owners"), _("Exclusive area (m²)"), _("Share"),
                                _("Amount (yuan)")], _("Cost shares"))
        self.masked = QCheckBox(_("Owners' names &masked when printed (for the notice board)"))
        self.masked.setChecked(True)
        self.message = message_label()
        self.print_button = QPushButton(_("&Print…"))
        self.export_button = QPushButton(_("&Export (.xlsx)…"))
        self.print_button.clicked.connect(lambda: self.print_table())
        self.export_button.clicked.connect(lambda: self.export())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.masked)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._enable()
        self.resize(720, 460)
        self.amount.setFocus()

    def _enable(self) -> None:
        for button in (self.print_button, self.export_button):
            button.setEnabled(self.share is not None)

    def _scope(self) -> tuple[str, str | None, str]:
        return self.detail.compound_id, self.detail.building_id, self.detail.unit

    def compute(self) -> None:
        from desktop.votes.printing.share import share_table

        self.message.clear()
        try:
            with self._ctx.db.reading() as session:
                self.share = share_table(session, self.amount.text(), *self._scope())
        except LinliError as exc:
            self.share = None
            self.message.setText(exc.message)
            self.table.set_rows([])
            self._enable()
            return
        table = self.share
        self.table.set_rows([(r.address, r.owners, area_str(r.area), r.ratio, money(r.share))
                             for r in table.rows], [r.dwelling_id for r in table.rows])
        self.summary.setText(_("{amount} yuan over {count} dwellings of {scope} "
                               "({area} m²); the shares add up to {total} yuan.").format(
            amount=money(table.amount), count=f"{len(table.rows):,}", scope=table.scope,
            area=area_str(table.total_area), total=money(table.total_share)))
        self._enable()

    def _open(self, dialog):
        self.dialog = dialog
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()
        return dialog

    def print_table(self):
        from desktop.votes.printing.share import render_share_table

        if self.share is None:
            return None
        table, masked = self.share, self.masked.isChecked()
        return make_pdf(self, lambda _session, task_ctx: render_share_table(
            table, masked=masked, ctx=task_ctx), _("Cost shares {scope}").format(
            scope=table.scope), _("Preparing the cost shares"), masked=masked)

    def export(self, path: str | Path | None = None):
        from desktop.votes.export import export_share

        if self.share is None:
            return None
        target = workbook_target(self, path, _("Export the cost shares"),
                                 _("{scope} cost shares.xlsx").format(scope=self.share.scope))
        if target is None:
            return None
        table = self.share
        return write_file(self, lambda _session, out, _task_ctx: export_share(table, out),
                          target, _("Exporting the cost shares"))
