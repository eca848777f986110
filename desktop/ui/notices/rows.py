"""The archive list of the notices page: statuses, kinds, which notices each filter shows,
and the page's list behaviour (a mixin of ``NoticesPage``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem

from desktop.core.i18n import N_, _
from desktop.ui.notices.editor import KINDS

ID_ROLE = Qt.ItemDataRole.UserRole
STATUS_LABELS = {"draft": N_("Draft"), "posted": N_("Posted"), "expired": N_("Expired"),
                 "withdrawn": N_("Withdrawn")}
FILTERS = (("all", N_("All notices")), ("posted", N_("Posted now")),
           ("expiring", N_("Expiring within 3 days")), ("draft", N_("Drafts")),
           ("withdrawn", N_("Withdrawn")))


def status_label(status: str) -> str:
    return _(STATUS_LABELS.get(status, status))


def kind_label(kind: str) -> str:
    return _(dict(KINDS).get(kind, kind))


def row_matches(row, chosen: str, today: dt.date) -> bool:
    if chosen == "posted":
        return row.status == "posted" and (row.posted_from is None or row.posted_from <= today)
    if chosen == "expiring":
        return row.expires_soon(today)  # the archive's rule (EXPIRING_DAYS)
    if chosen in ("draft", "withdrawn"):
        return row.status == chosen
    return True


class NoticeListing:
    def load_list(self, select_id: str | None = None,
                  then: Callable[[], object] | None = None) -> None:
        """Read the archive again, select ``select_id``, then call ``then``."""
        db, today = self._ctx.db, self.today()

        def work(_task_ctx):
            from desktop.notices.reading import notice_rows

            return notice_rows(db, today)

        self._task(work, lambda rows: self._rows_loaded(rows, select_id, then))

    def _rows_loaded(self, rows, select_id: str | None,
                     then: Callable[[], object] | None = None) -> None:
        self.rows = list(rows)
        self.show_rows(select_id or self.notice_id)
        row = self.row_for(self.notice_id)
        if row is not None:
            self.notice_status = row.status
        self._update_buttons()
        if then is not None:
            then()

    @property
    def filter_code(self) -> str:
        return self.filter_combo.currentData()

    def set_filter(self, code: str) -> None:
        self.filter_combo.setCurrentIndex(self.filter_combo.findData(code))

    def shown_ids(self) -> list[str]:
        return [self.notice_list.topLevelItem(i).data(0, ID_ROLE)
                for i in range(self.notice_list.topLevelItemCount())]

    def shown_status(self, notice_id: str) -> str:
        for i in range(self.notice_list.topLevelItemCount()):
            item = self.notice_list.topLevelItem(i)
            if item.data(0, ID_ROLE) == notice_id:
                return item.text(1)
        return ""

    def show_rows(self, select_id: str | None = None) -> None:
        today = self.today()
        chosen = self.filter_code
        self.notice_list.blockSignals(True)
        self.notice_list.clear()
        current = None
        for row in self.rows:
            if not row_matches(row, chosen, today):
                continue
            item = QTreeWidgetItem([row.title or _("(untitled)"), status_label(row.status)])
            item.setData(0, ID_ROLE, row.id)
            item.setToolTip(0, self._row_tip(row))
            item.setToolTip(1, item.toolTip(0))
            self.notice_list.addTopLevelItem(item)
            if row.id == select_id:
                current = item
        if current is not None:
            self.notice_list.setCurrentItem(current)
        self.notice_list.blockSignals(False)
        count = self.notice_list.topLevelItemCount()
        if not self.rows:
            self.list_hint.setText(_("No notices yet. Write one on the right and save it."))
        elif not count:
            self.list_hint.setText(_("No notices of this kind."))
        else:
            self.list_hint.clear()
        self.list_hint.setVisible(bool(self.list_hint.text()))

    def _row_tip(self, row) -> str:
        lines = [kind_label(row.kind), _("Issued {date}").format(date=row.issued_on.isoformat())]
        if row.posted_from and row.posted_until:
            lines.append(_("Posted {start} to {end}").format(start=row.posted_from.isoformat(),
                                                             end=row.posted_until.isoformat()))
        if row.printed_at is not None:
            lines.append(_("Printed {time}").format(time=row.printed_at.strftime(
                "%Y-%m-%d %H:%M")))
        if row.sha256:
            lines.append(_("SHA-256 {hash}").format(hash=row.sha256[:16] + "…"))
        return "\n".join(lines)

    def row_for(self, notice_id: str | None):
        return next((row for row in self.rows if row.id == notice_id), None)

    def _item_chosen(self, item, previous) -> None:
        if item is None or item.data(0, ID_ROLE) == self.notice_id:
            return
        if not self.may_discard():
            self.notice_list.blockSignals(True)
            self.notice_list.setCurrentItem(previous)
            self.notice_list.blockSignals(False)
            return
        self.open_notice(item.data(0, ID_ROLE))
