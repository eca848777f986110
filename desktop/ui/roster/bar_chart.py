"""A horizontal bar chart drawn with QPainter: label, bar, count — readable at a glance.

No QtCharts (not in PySide6-Essentials). One row per bar; the widget is as tall as its bars, so
a long list (buildings) sits in a scroll area. Clicking a bar emits ``activated(key)``.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

ROW_HEIGHT = 24
BAR_GAP = 6
LABEL_MAX = 320  # px; longer labels are elided (the tooltip has them whole)
MIN_BAR = 80  # px: the shortest bar space that still compares counts


class BarChart(QWidget):
    activated = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, color: str = "") -> None:
        super().__init__(parent)
        self._bars: list[tuple[str, str, int]] = []  # (key, label, count)
        self._color = QColor(color) if color else None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)

    def set_bars(self, bars: list[tuple[str, str, int]]) -> None:
        self._bars = list(bars)
        self.setAccessibleDescription(
            "; ".join(f"{label}: {count}" for _key, label, count in self._bars))
        self.updateGeometry()
        self.update()

    @property
    def bars(self) -> list[tuple[str, str, int]]:
        return list(self._bars)

    def _row_height(self) -> int:
        return max(ROW_HEIGHT, self.fontMetrics().height() + 8)

    def sizeHint(self) -> QSize:
        return QSize(max(420, self.minimumSizeHint().width()),
                     max(1, len(self._bars)) * self._row_height() + 4)

    def minimumSizeHint(self) -> QSize:
        # Room for the longest label (up to LABEL_MAX), the count and a readable bar: the
        # layout then gives the chart a row of its own rather than cutting "Permanent resident"
        # to "Perm…dent" on a small window.
        metrics = self.fontMetrics()
        width = self._wanted_label_width(metrics) + self._count_width(metrics) + MIN_BAR + 8
        return QSize(max(240, width), max(1, len(self._bars)) * self._row_height() + 4)

    def _wanted_label_width(self, metrics: QFontMetrics) -> int:
        widest = max((metrics.horizontalAdvance(label) for _k, label, _n in self._bars),
                     default=0)
        return min(LABEL_MAX, widest + 12)

    def _label_width(self, metrics: QFontMetrics) -> int:
        room = self.width() - self._count_width(metrics) - MIN_BAR - 8
        return max(40, min(self._wanted_label_width(metrics), room))

    def _count_width(self, metrics: QFontMetrics) -> int:
        biggest = max((n for _k, _l, n in self._bars), default=0)
        return metrics.horizontalAdvance(f"{biggest:,}") + 12

    def elided_labels(self) -> list[str]:
        """The labels drawn shortened at the chart's present width (the full text is in the
        tooltip): what a layout check asks a painted widget."""
        metrics = self.fontMetrics()
        room = self._label_width(metrics) - 8
        return [label for _k, label, _n in self._bars if metrics.horizontalAdvance(label) > room]

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        metrics = painter.fontMetrics()
        row = self._row_height()
        label_w = self._label_width(metrics)
        biggest = max((n for _k, _l, n in self._bars), default=0) or 1
        count_w = self._count_width(metrics)
        bar_space = max(10, self.width() - label_w - count_w - 8)
        color = self._color or palette.color(QPalette.ColorRole.Highlight)
        text = palette.color(QPalette.ColorRole.WindowText)
        for i, (_key, label, count) in enumerate(self._bars):
            top = 2 + i * row
            painter.setPen(text)
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideMiddle, label_w - 8)
            painter.drawText(QRectF(0, top, label_w - 8, row),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, shown)
            width = bar_space * count / biggest
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            if count:
                painter.drawRoundedRect(QRectF(label_w, top + BAR_GAP / 2, max(2.0, width),
                                               row - BAR_GAP), 3, 3)
            painter.setPen(text)
            painter.drawText(QRectF(label_w + width + 6, top, count_w, row),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             f"{count:,}")
        painter.end()

    def key_at(self, y: float) -> str | None:
        index = int((y - 2) // self._row_height())
        return self._bars[index][0] if 0 <= index < len(self._bars) else None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        key = self.key_at(event.position().y())
        self.setCursor(Qt.CursorShape.PointingHandCursor if key else Qt.CursorShape.ArrowCursor)
        index = int((event.position().y() - 2) // self._row_height())
        if key is not None:
            _key, label, count = self._bars[index]
            self.setToolTip(f"{label}: {count:,}")
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        key = self.key_at(event.position().y())
        if key is not None and event.button() == Qt.MouseButton.LeftButton:
            self.activated.emit(key)
        super().mouseReleaseEvent(event)
