"""My doors in walking order, one line each: the door ("3-2-501"), the head of household
(masked), its state in colour and words, attempts, the last visit, when to come back, and
whether a visit there is being answered."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop.core.i18n import _
from desktop.ui.visits.door.outcomes import state_icon, state_label
from desktop.visits.doors.reading import DoorRow

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def _columns() -> tuple[str, ...]:
    return (_("Door"), _("Head of household"), _("State"), _("Attempts"), _("Last visit"),
            _("Come back"), _("Being answered"))


class DoorModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[DoorRow] = []
        self.headers = _columns()

    def set_rows(self, rows: list[DoorRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        state = row.state
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return row.place.short_address
            if column == 1:  # a door the roster moved away from says so instead of a name
                return row.head if row.place.fits else _("(roster changed)")
            if column == 2:
                return state_label(state.outcome)
            if column == 3:
                return str(state.attempts) if state.attempts else ""
            if column == 4:
                return state.visited_at.strftime("%m-%d %H:%M") if state.visited_at else ""
            if column == 5:
                return state.callback_at.strftime("%m-%d %H:%M") \
                    if state.callback_at and not state.done else ""
            if column == 6:
                return _("yes") if row.has_draft else ""
        if role == Qt.ItemDataRole.DecorationRole and column == 2:
            return state_icon(state.outcome)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return row.place.address
        if role == Qt.ItemDataRole.FontRole and column == 0:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(not state.done)
            return font
        return None


class DoorList(QTableView):
    """Enter opens the door under the cursor; N opens the next door not done yet."""

    open_requested = Signal(str)
    next_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doors = DoorModel(self)
        self.setModel(self.doors)
        self.setAccessibleName(_("My doors"))
        self.setToolTip(_("Enter opens the chosen door; N opens the next door not done yet."))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Widths from the rows in view and a few more, not from all of a visitor's thousands
        # of doors each time the list reloads (that was most of Finish → next door).
        header.setResizeContentsPrecision(60)
        header.setStretchLastSection(True)
        self.activated.connect(lambda index: self.open_requested.emit(
            self.doors.rows[index.row()].id))

    def set_rows(self, rows: list[DoorRow], current: str | None = None) -> None:
        self.doors.set_rows(rows)
        self.select(current)

    def select(self, door_id: str | None) -> None:
        for i, row in enumerate(self.doors.rows):
            if row.id == door_id:
                self.selectRow(i)
                self.scrollTo(self.doors.index(i, 0))
                return
        if self.doors.rows and not self.currentIndex().isValid():
            self.selectRow(0)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_N and not (
                event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            self.next_requested.emit()
            return
        super().keyPressEvent(event)
