"""Cells whose long text wraps onto more lines instead of being cut ("关于开展冬季消防…"):
a delegate that measures each cell at its column's width (a tree) or at the view's width (a
list), for views too narrow to show a notice's whole title or a campaign's progress on one
line."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
)

_Index = QModelIndex | QPersistentModelIndex


class WrappingDelegate(QStyledItemDelegate):
    def __init__(self, view: QTreeView | QListView) -> None:
        super().__init__(view)
        self._view = view
        view.setWordWrap(True)
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        if isinstance(view, QTreeView):
            view.setUniformRowHeights(False)
            # Row heights follow the column widths: lay the rows out again when those change.
            view.header().sectionResized.connect(lambda *_args: view.doItemsLayout())
        else:
            # Item heights follow the list's width as the splitter beside it moves.
            view.setResizeMode(QListView.ResizeMode.Adjust)

    def _width(self, index: _Index) -> int | None:
        """The width the text wraps at, or None where it takes what it needs."""
        if isinstance(self._view, QListView):
            return self._view.viewport().width() - 2 * self._view.spacing()
        header = self._view.header()
        if header.sectionResizeMode(index.column()) == header.ResizeMode.ResizeToContents:
            return None  # that column takes the width its text needs
        return header.sectionSize(index.column())

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        size = super().sizeHint(option, index)
        width = self._width(index)
        if width is None:
            return size
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str) or not text or width <= 0:
            return size
        style = self._view.style()
        margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None,
                                        self._view) + 1)
        metrics = option.fontMetrics
        lines = metrics.boundingRect(QRect(0, 0, max(1, width - margin), 1 << 16),
                                     int(Qt.TextFlag.TextWordWrap), text)
        return QSize(min(size.width(), width), max(size.height(), lines.height() + 4))
