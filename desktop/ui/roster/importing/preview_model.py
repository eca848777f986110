"""The import preview's table: the file's data rows as read, with a Problems column.

Lazy: ``data()`` reads the sheet's cells on demand and the problems are indexed once per check,
so a 100,000-row file scrolls like a short one. Problem cells carry a tint (red for errors,
amber for warnings) and the message as tooltip; any cell can be edited (the wizard writes the
new value into the sheet and checks again).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from desktop.core.i18n import _
from desktop.roster.importing.plan import ImportPlan
from desktop.roster.importing.rows import Problem, ReadRows
from desktop.roster.importing.values import ERROR, cell_text
from desktop.spreadsheets.sources import SourceSheet

ERROR_TINT = QColor("#f8d0d0")
WARNING_TINT = QColor("#fbe8bf")
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass
class ProblemIndex:
    # pos → {column index (None: the whole row) → [Problem]}
    cells: dict[int, dict[int | None, list[Problem]]]
    error_rows: int  # rows that will not be imported
    warnings: int


def index_problems(read: ReadRows, plan: ImportPlan | None) -> ProblemIndex:
    """Every problem of the check and the dry run under the column it is about. Pure Python,
    so the wizard makes it on the worker with the dry run."""
    columns = {name: i for i, name in reversed(list(enumerate(read.columns)))}
    fields = {key: i for i, key in reversed(list(enumerate(read.mapping))) if key}
    cells: dict[int, dict[int | None, list[Problem]]] = {}
    warnings = 0
    sources = [read.problems_by_row]
    if plan is not None:
        sources.append(plan.problems_by_row)
    for source in sources:
        for pos, problems in source.items():
            row = cells.setdefault(pos, {})
            for problem in problems:
                col = fields.get(problem.field) if problem.field else None
                if col is None and problem.column:
                    col = columns.get(problem.column)
                row.setdefault(col, []).append(problem)
                if problem.severity != ERROR:
                    warnings += 1
    if plan is not None:
        error_rows = plan.errors
    else:
        error_rows = sum(1 for row in cells.values()
                         if any(p.severity == ERROR for ps in row.values() for p in ps))
    return ProblemIndex(cells, error_rows, warnings)


class PreviewModel(QAbstractTableModel):
    cell_edited = Signal(int, int, str)  # data row position, column, new text

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.sheet: SourceSheet | None = None
        self.read: ReadRows | None = None
        self.plan: ImportPlan | None = None
        self.only_problems = False
        self._positions: list[int] = []
        self.problem_index = ProblemIndex({}, 0, 0)
        self._cells: dict[int, dict[int | None, list[Problem]]] = {}

    # -- contents --------------------------------------------------------------------------

    def set_data(self, sheet: SourceSheet, read: ReadRows, plan: ImportPlan | None,
                 problems: ProblemIndex | None = None) -> None:
        """Show ``read``; ``problems`` is ``index_problems(read, plan)``, made on the worker
        for long files (else it is made here)."""
        self.beginResetModel()
        self.sheet, self.read, self.plan = sheet, read, plan
        self.problem_index = problems if problems is not None else index_problems(read, plan)
        self._cells = self.problem_index.cells
        self._filter()
        self.endResetModel()

    def set_only_problems(self, only: bool) -> None:
        self.beginResetModel()
        self.only_problems = only
        self._filter()
        self.endResetModel()

    def _filter(self) -> None:
        count = len(self.read) if self.read is not None else 0
        self._positions = (sorted(self._cells) if self.only_problems else list(range(count)))

    def position(self, row: int) -> int:
        return self._positions[row]

    def row_of(self, pos: int) -> int:
        try:
            return self._positions.index(pos)
        except ValueError:
            return -1

    def problems(self, pos: int, col: int | None = None) -> list[Problem]:
        row = self._cells.get(pos, {})
        if col is None:
            return [p for ps in row.values() for p in ps]
        return row.get(col, [])

    def counts(self) -> tuple[int, int, int]:
        """(rows ready, rows with errors, warnings)."""
        total = len(self.read) if self.read is not None else 0
        found = self.problem_index
        return total - found.error_rows, found.error_rows, found.warnings

    @property
    def problems_column(self) -> int:
        return len(self.read.columns) if self.read is not None else 0

    # -- the model -------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._positions)

    def columnCount(self, parent: QModelIndex | None = None) -> int:
        if (parent is not None and parent.isValid()) or self.read is None:
            return 0
        return len(self.read.columns) + 1

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or self.read is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            if 0 <= section < len(self._positions):
                return str(self.read.row_numbers[self._positions[section]])
            return None
        if section == self.problems_column:
            return _("Problems")
        name = self.read.columns[section] if section < len(self.read.columns) else ""
        return name or _("Column {number}").format(number=section + 1)

    def _cell(self, pos: int, col: int) -> object:
        cells = self.sheet.rows[self.read.source_index[pos]]
        return cells[col] if col < len(cells) else None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        pos, col = self._positions[index.row()], index.column()
        if col == self.problems_column:
            problems = self.problems(pos)
            if role == Qt.ItemDataRole.DisplayRole:
                return "; ".join(_describe(p) for p in problems)
            if role == Qt.ItemDataRole.ToolTipRole and problems:
                return "\n".join(_describe(p) for p in problems)
            if role in (Qt.ItemDataRole.BackgroundRole, SEVERITY_ROLE):
                return _tint(problems, role)
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return cell_text(self._cell(pos, col))
        problems = self.problems(pos, col)
        if not problems:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(p.message for p in problems)
        if role in (Qt.ItemDataRole.BackgroundRole, SEVERITY_ROLE):
            return _tint(problems, role)
        return None

    def flags(self, index: QModelIndex):
        base = super().flags(index)
        if index.isValid() and index.column() != self.problems_column:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        pos, col = self._positions[index.row()], index.column()
        if col == self.problems_column:
            return False
        text = "" if value is None else str(value).strip()
        if text == cell_text(self._cell(pos, col)):
            return False
        cells = self.sheet.rows[self.read.source_index[pos]]
        if col >= len(cells):
            cells.extend([None] * (col + 1 - len(cells)))
        cells[col] = text or None
        self.dataChanged.emit(index, index)
        self.cell_edited.emit(pos, col, text)
        return True


def _describe(problem: Problem) -> str:
    return f"{problem.column}: {problem.message}" if problem.column else problem.message


def _tint(problems: list[Problem], role):
    if not problems:
        return None
    severity = ERROR if any(p.severity == ERROR for p in problems) else "warning"
    if role == SEVERITY_ROLE:
        return severity
    return QBrush(ERROR_TINT if severity == ERROR else WARNING_TINT)
