"""The items of the three lists this meeting goes through (上次会议事项落实情况: every item
still open from earlier meetings, and those born here), each updated in place: a line of
progress, its new status, closed by this meeting. A closed item is reopened explicitly."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _, format_date
from desktop.ui.meetings import names
from desktop.ui.operations import Operations
from desktop.ui.widgets.labels import message_label

ROLE = Qt.ItemDataRole.UserRole
OVERDUE = QColor("#c0262d")


def status_text(row) -> str:
    text = names.name(names.STATUSES, row.status)
    return _("{status}, overdue").format(status=text) if row.overdue else text


def responsible_text(row) -> str:
    unit = row.responsible_unit or names.name(names.PARTIES, row.responsible)
    return f"{unit} {row.responsible_person}".strip()


def progress_text(row, last: int = 2) -> str:
    """The item's latest entries of its log, newest last: "2026-11-03 已督促落实 → Done"."""
    lines = []
    for entry in row.progress[-last:]:
        moved = f" → {names.name(names.STATUSES, entry.status)}" if entry.status else ""
        reopened = " " + _("(reopened)") if entry.reopened else ""
        lines.append(f"{format_date(entry.on)} {entry.note}{moved}{reopened}".strip())
    return "\n".join(lines)


def fill_action_table(table: QTableWidget, rows) -> None:
    """Problem · status · due · responsible · remedy (what a meeting goes through first,
    first), overdue ones in red."""
    table.setRowCount(len(rows))
    for index, row in enumerate(rows):
        cells = (row.problem, status_text(row), format_date(row.due) if row.due else "",
                 responsible_text(row), row.remedy or "")
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(ROLE, row.id)
            item.setToolTip(text)
            if row.overdue:
                item.setForeground(QBrush(OVERDUE))
            table.setItem(index, column, item)
    table.resizeColumnsToContents()
    for column in range(table.columnCount()):
        table.setColumnWidth(column, min(table.columnWidth(column), 220))


def action_table() -> QTableWidget:
    table = QTableWidget(0, 5)
    table.setHorizontalHeaderLabels([_("Problem"), _("Status"), _("Due"), _("Responsible"),
                                     _("Remedy")])
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.setTabKeyNavigation(False)
    table.setWordWrap(False)
    return table


class CarriedEditor(QWidget):
    def __init__(self, ctx, runner, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx, self._runner = ctx, runner
        self.meeting_id: str | None = None
        self.rows = []
        self.table = action_table()
        self.table.setAccessibleName(_("Items followed at this meeting"))
        self.table.itemSelectionChanged.connect(self._show_current)
        self.empty = QLabel(_("No open items: nothing carried over to this meeting."))
        self.empty.setWordWrap(True)
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("What was done since the last meeting"))
        self.note.setAccessibleName(_("Progress"))
        self.status = QComboBox()
        self.status.setAccessibleName(_("New status"))
        names.fill_combo(self.status, names.STATUSES)
        caption = QLabel(_("&Progress:"))
        caption.setBuddy(self.note)
        self.record_button = QPushButton(_("&Record"))
        self.record_button.clicked.connect(lambda: self.record())
        self.reopen_button = QPushButton(_("Re&open…"))
        self.reopen_button.clicked.connect(lambda: self.reopen())
        self.edit_button = QPushButton(_("&Edit…"))
        self.edit_button.setToolTip(_("Correct the problem, who is responsible, the remedy or "
                                      "the due date"))
        self.edit_button.clicked.connect(lambda: self.edit())
        self.dialog = None
        self.note.returnPressed.connect(lambda: self.record())
        row = QHBoxLayout()
        row.addWidget(caption)
        row.addWidget(self.note, 1)
        row.addWidget(self.status)
        row.addWidget(self.record_button)
        row.addWidget(self.reopen_button)
        row.addWidget(self.edit_button)
        self.message = message_label()
        self.log = QLabel()
        self.log.setObjectName("progressLog")
        self.log.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.log)
        layout.addLayout(row)
        layout.addWidget(self.message)

    def show_items(self, meeting_id: str | None, rows) -> None:
        chosen = self.current_id()
        self.meeting_id, self.rows = meeting_id, list(rows)
        self.table.blockSignals(True)
        fill_action_table(self.table, self.rows)
        self.table.blockSignals(False)
        self.empty.setVisible(not self.rows)
        self.table.setVisible(bool(self.rows))
        ids = [row.id for row in self.rows]
        if self.rows:
            self.table.selectRow(ids.index(chosen) if chosen in ids else 0)
        self._show_current()

    def current_id(self) -> str | None:
        items = self.table.selectedItems()
        return items[0].data(ROLE) if items else None

    def current(self):
        chosen = self.current_id()
        return next((row for row in self.rows if row.id == chosen), None)

    def _show_current(self) -> None:
        row = self.current()
        closed = row is not None and row.status == "closed"
        for widget in (self.note, self.status, self.record_button):
            widget.setEnabled(row is not None and not closed)
        self.reopen_button.setEnabled(closed)
        self.edit_button.setEnabled(row is not None and not closed)
        if row is not None:
            names.choose(self.status, row.status)
        self.log.setText(progress_text(row) if row is not None else "")
        self.log.setVisible(bool(self.log.text()))

    def _write(self, work, label: str):
        self.message.clear()
        return Operations.of(self._runner).write(
            self._ctx, work, label=label, parent=self, progress=False,
            on_done=lambda _r, _c: self.note.clear(),
            on_refused=lambda error: self.message.setText(error.message))

    def record(self):
        row = self.current()
        if row is None or self.meeting_id is None:
            return None
        from desktop.meetings.actions import record_progress

        action_id, meeting_id = row.id, self.meeting_id
        note, status = self.note.text().strip(), self.status.currentData()
        return self._write(lambda uow: record_progress(
            uow, action_id, note, status=status, meeting_id=meeting_id),
            _("Record progress on {problem}").format(problem=row.problem))

    def reopen(self, reason: str | None = None):
        row = self.current()
        if row is None:
            return None
        if reason is None:
            from PySide6.QtWidgets import QInputDialog

            reason, ok = QInputDialog.getText(self, _("Reopen item"),
                                              _("Why is it reopened?"))
            if not ok:
                return None
        from desktop.meetings.actions import reopen_action

        action_id, meeting_id = row.id, self.meeting_id
        return self._write(lambda uow: reopen_action(uow, action_id, reason,
                                                     meeting_id=meeting_id),
                           _("Reopen {problem}").format(problem=row.problem))

    def edit(self):
        """The item's fields corrected in the new-item dialog (a closed one is reopened
        first)."""
        row = self.current()
        if row is None:
            return None
        import datetime as dt

        from desktop.ui.meetings import reads
        from desktop.ui.meetings.new_item_dialog import NewItemDialog

        self.dialog = dialog = NewItemDialog(self._ctx, self._runner,
                                             reads.compounds(self._ctx.db), dt.date.today(),
                                             parent=self, item=row)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()
        return dialog
