"""Cells whose long text wraps onto more lines instead of being cut ("关于开展冬季消防…"):
a delegate that measures each cell at its column's width, for views too narrow to show
a notice's whole title on one line."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
)

_Index = QModelIndex | QPersistentModelIndex


class WrappingDelegate(QStyledItemDelegate):
    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view
        view.setWordWrap(True)
        view.setUniformRowHeights(False)
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        # Row heights follow the column widths: lay the rows out again when those change.
        view.header().sectionResized.connect(lambda *_args: view.doItemsLayout())

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        size = super().sizeHint(option, index)
        header = self._view.header()
        if header.sectionResizeMode(index.column()) == header.ResizeMode.ResizeToContents:
            return size  # that column takes the width its text needs
        width = header.sectionSize(index.column())
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
