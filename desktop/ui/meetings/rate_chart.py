"""The resolution rate per party and month (closed on time ÷ due that month, the figure
offices report upward) as columns: one group per month, one column per party, its percent
above it; a month with nothing due shows no column. Drawn with QPainter like the roster's
bar chart (no QtCharts in PySide6-Essentials)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

COLORS = ("#2b6cb0", "#c05621", "#2f855a", "#6b46c1")
MIN_GROUP = 34  # px a month needs to stay readable


class RateChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.months: list[str] = []
        # (label, [(rate as a float 0..1 or None, its text) per month])
        self.series: list[tuple[str, list[tuple[float | None, str]]]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_rates(self, months: list[str], series) -> None:
        self.months, self.series = list(months), list(series)
        self.setAccessibleDescription("; ".join(
            f"{label} {month}: {text}" for label, values in self.series
            for month, (_rate, text) in zip(self.months, values, strict=False)))
        self.updateGeometry()
        self.update()

    def minimumSizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(max(240, len(self.months) * MIN_GROUP // 2), line * 6)

    def sizeHint(self) -> QSize:
        return QSize(max(420, len(self.months) * MIN_GROUP), self.fontMetrics().height() * 14)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        metrics = painter.fontMetrics()
        line = metrics.height()
        # The legend: one swatch and name per party, along the top.
        x = 4.0
        for index, (label, _values) in enumerate(self.series):
            painter.fillRect(QRectF(x, line * 0.25, line * 0.7, line * 0.7),
                             QColor(COLORS[index % len(COLORS)]))
            painter.setPen(text)
            painter.drawText(QRectF(x + line, 0, metrics.horizontalAdvance(label) + 4, line),
                             Qt.AlignmentFlag.AlignVCenter, label)
            x += line + metrics.horizontalAdvance(label) + 16
        top, bottom = line * 2.6, self.height() - line * 1.4
        height = max(10.0, bottom - top)
        if not self.months:
            painter.end()
            return
        group = self.width() / len(self.months)
        parties = max(1, len(self.series))
        column = max(2.0, (group - 6) / parties)
        painter.setPen(QColor(text.red(), text.green(), text.blue(), 90))
        painter.drawLine(0, int(bottom), self.width(), int(bottom))
        small = painter.font()
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.8))
        for m, month in enumerate(self.months):
            left = m * group + 3
            for p, (_label, values) in enumerate(self.series):
                rate, shown = values[m] if m < len(values) else (None, "")
                if rate is None:
                    continue
                bar = height * rate
                rect = QRectF(left + p * column, bottom - bar, column - 1, bar)
                painter.fillRect(rect, QColor(COLORS[p % len(COLORS)]))
                if parties == 1 or group > 90:  # room for the percent over each column
                    painter.setPen(text)
                    painter.setFont(small)
                    painter.drawText(QRectF(rect.left() - 10, rect.top() - line, column + 20,
                                            line), Qt.AlignmentFlag.AlignHCenter
                                     | Qt.AlignmentFlag.AlignBottom, shown)
                    painter.setFont(self.font())
            painter.setPen(text)
            painter.drawText(QRectF(m * group, bottom + 2, group, line),
                             Qt.AlignmentFlag.AlignHCenter, month)
        painter.end()
