"""The roster's table view: sort by header click (in SQL, via the model), choose columns from
the header's context menu, copy the selection as tab-separated text, Enter opens a row."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QItemSelectionModel, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QMenu,
    QTableView,
)

from desktop.core.i18n import _
from desktop.ui.roster.columns import column_samples
from desktop.ui.widgets.lazy_table import LazyTableModel

ROW_PADDING = 8


class RosterTable(QTableView):
    open_requested = Signal(str)  # the row's id
    columns_changed = Signal(list)  # visible column keys, after the user chose

    def __init__(self, model: LazyTableModel, visible: Iterable[str], parent=None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table: everything stays reachable
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + ROW_PADDING)
        vertical.setVisible(False)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._sort_clicked)
        header.setSectionsClickable(True)
        self.doubleClicked.connect(lambda index: self._open(index.row()))
        self.set_visible_columns(visible)
        self.fit_columns()
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.fit_visible_rows)
        model.modelReset.connect(self._schedule_fit)
        model.dataChanged.connect(self._schedule_fit)
        self.verticalScrollBar().valueChanged.connect(self._schedule_fit)

    @property
    def lazy_model(self) -> LazyTableModel:
        return self.model()

    # -- columns ---------------------------------------------------------------------------

    def visible_columns(self) -> list[str]:
        header = self.horizontalHeader()
        model = self.lazy_model
        logical = sorted(range(model.columnCount()), key=header.visualIndex)
        return [model.columns[i] for i in logical if not header.isSectionHidden(i)]

    def set_visible_columns(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        header = self.horizontalHeader()
        for i, column in enumerate(self.lazy_model.columns):
            header.setSectionHidden(i, column not in keys)

    def fit_columns(self) -> None:
        """Widths from the header text and typical content, never from reading every row."""
        metrics = self.fontMetrics()
        samples = {"name": "欧阳小红", "sex": "女", "age": "100", "id_number": "330106199001011234",
                   "phone": "13800001234", "address": "12幢3单元1201", "compound": "翠苑一区安置小区",
                   "household_number": "330106001234", "relationship": "户主",
                   "residence_status": "人户分离", "tags": "党员、老年人",
                   "birth_date": "2000-01-01", "ethnicity": "汉族", "political_status": "群众",
                   "work_unit": "杭州某某有限公司", "status": "在册", "number": "330106001234",
                   "head": "欧阳小红", "members": "10", "floor_area": "120.00",
                   "owners": "欧阳小红、张三"}
        model = self.lazy_model
        for i, column in enumerate(model.columns):
            texts = [model.label(i), samples.get(column, ""), *column_samples(column)]
            text = max(texts, key=metrics.horizontalAdvance)
            self.setColumnWidth(i, metrics.horizontalAdvance(text) + 28)

    def fit_visible_rows(self) -> None:
        """Widen (never narrow) the columns to what the rows in view show: a cell listing
        several tags, say, is not cut to "Hardship、Low-…". Reads only rows already shown."""
        model = self.lazy_model
        viewport = self.viewport()
        first = self.rowAt(0)
        if first < 0:
            return
        last = self.rowAt(viewport.height() - 1)
        last = model.rowCount() - 1 if last < 0 else last
        grid = 1 if self.showGrid() else 0
        header = self.horizontalHeader()
        for column in range(model.columnCount()):
            if header.isSectionHidden(column):
                continue
            need = max((self.sizeHintForIndex(model.index(row, column)).width()
                        for row in range(first, last + 1)), default=0) + grid
            if need > self.columnWidth(column):
                self.setColumnWidth(column, need)

    def _schedule_fit(self, *_args) -> None:
        self._fit_timer.start()

    def _header_menu(self, pos: QPoint) -> None:
        self.column_menu().popup(self.horizontalHeader().mapToGlobal(pos))

    def column_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.setTitle(_("Columns"))
        visible = set(self.visible_columns())
        for i, column in enumerate(self.lazy_model.columns):
            action = QAction(self.lazy_model.label(i), menu)
            action.setCheckable(True)
            action.setChecked(column in visible)
            action.toggled.connect(lambda on, c=column: self.show_column(c, on))
            menu.addAction(action)
        return menu

    def show_column(self, column: str, on: bool) -> None:
        index = self.lazy_model.columns.index(column)
        if not on and len(self.visible_columns()) <= 1:
            return  # keep at least one column
        self.horizontalHeader().setSectionHidden(index, not on)
        self.columns_changed.emit(self.visible_columns())

    # -- sorting ---------------------------------------------------------------------------

    def _sort_clicked(self, section: int, order: Qt.SortOrder) -> None:
        if section >= 0:
            self.lazy_model.sort(section, order)

    def show_sort(self, column: str, descending: bool) -> None:
        header = self.horizontalHeader()
        header.blockSignals(True)
        try:
            index = self.lazy_model.columns.index(column) if column in self.lazy_model.columns else -1
            header.setSortIndicator(index, Qt.SortOrder.DescendingOrder if descending
                                    else Qt.SortOrder.AscendingOrder)
        finally:
            header.blockSignals(False)
        header.viewport().update()

    # -- selection, copy, open -------------------------------------------------------------

    def selected_rows(self) -> list[int]:
        model = self.selectionModel()
        return sorted({index.row() for index in model.selectedRows()}) if model else []

    def selected_ids(self) -> list[str]:
        ids = self.lazy_model.ids
        return [ids[r] for r in self.selected_rows() if r < len(ids)]

    def select_ids(self, ids: Iterable[str], current: str | None = None) -> None:
        model = self.lazy_model
        selection = self.selectionModel()
        selection.clearSelection()
        flags = (QItemSelectionModel.SelectionFlag.Select
                 | QItemSelectionModel.SelectionFlag.Rows)
        position = {row_id: i for i, row_id in enumerate(model.ids)}
        rows = [position[i] for i in ids if i in position]
        for row in rows:
            selection.select(model.index(row, 0), flags)
        target = position.get(current) if current else (rows[0] if rows else None)
        if target is not None:
            selection.setCurrentIndex(model.index(target, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
            self.scrollTo(model.index(target, 0))

    def selection_text(self) -> str:
        """The selected rows as tab-separated text with a header row (pastes into Excel/WPS)."""
        rows = self.selected_rows()
        if not rows:
            return ""
        model = self.lazy_model
        columns = [model.columns.index(c) for c in self.visible_columns()]
        clean = lambda text: text.replace("\t", " ").replace("\n", " ")  # noqa: E731
        lines = ["\t".join(clean(model.label(c)) for c in columns)]
        for row in rows:
            lines.append("\t".join(clean(model.text(row, c)) for c in columns))
        return "\r\n".join(lines) + "\r\n"

    def copy_selection(self) -> bool:
        text = self.selection_text()
        if text:
            QApplication.clipboard().setText(text)
        return bool(text)

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.lazy_model.ids):
            self.open_requested.emit(self.lazy_model.id_at(row))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            current = self.currentIndex()
            if current.isValid():
                self._open(current.row())
                return
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        super().keyPressEvent(event)
