"""The resolution rate per party and month (closed on time ÷ due that month, the figure
offices report upward) as columns: one group per month, one column per party, and above each
group the month's rate for all parties together; a month with nothing due for a party shows no
column, a rate of 0 a flat mark. Drawn with QPainter like the roster's bar chart (no QtCharts
in PySide6-Essentials)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

COLORS = ("#2b6cb0", "#c05621", "#2f855a", "#6b46c1")
MIN_GROUP = 34  # px a month needs to stay readable

Values = list[tuple[float | None, str]]  # per month: the rate 0..1 (None: nothing due), text


class RateChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.months: list[str] = []
        self.series: list[tuple[str, Values]] = []  # one per party: (its name, its months)
        self.overall: Values = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_rates(self, months: list[str], series, overall: Values | None = None) -> None:
        self.months, self.series = list(months), list(series)
        self.overall = list(overall or [])
        self.setAccessibleDescription("; ".join(
            f"{label} {month}: {text}" for label, values in self.series
            for month, (_rate, text) in zip(self.months, values, strict=False)))
        self.updateGeometry()
        self.update()

    def minimumSizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(max(240, len(self.months) * MIN_GROUP // 2), line * 8)

    def sizeHint(self) -> QSize:
        return QSize(max(420, len(self.months) * MIN_GROUP), self.fontMetrics().height() * 14)

    def legend_rows(self, metrics: QFontMetrics) -> list[list[tuple[int, str, float]]]:
        """The legend's entries (index, name, x) wrapped into rows at the chart's width."""
        rows: list[list[tuple[int, str, float]]] = [[]]
        x, line = 4.0, metrics.height()
        for index, (label, _values) in enumerate(self.series):
            width = line + metrics.horizontalAdvance(label) + 16
            if rows[-1] and x + width > self.width():
                rows.append([])
                x = 4.0
            rows[-1].append((index, label, x))
            x += width
        return rows

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        faint = QColor(text.red(), text.green(), text.blue(), 60)
        metrics = painter.fontMetrics()
        line = metrics.height()
        legend = self.legend_rows(metrics)
        for r, row in enumerate(legend):
            for index, label, x in row:
                painter.fillRect(QRectF(x, r * line + line * 0.2, line * 0.7, line * 0.7),
                                 QColor(COLORS[index % len(COLORS)]))
                painter.setPen(text)
                painter.drawText(QRectF(x + line, r * line,
                                        metrics.horizontalAdvance(label) + 4, line),
                                 Qt.AlignmentFlag.AlignVCenter, label)
        axis = metrics.horizontalAdvance("100%") + 6
        top = (len(legend) + 1.3) * line
        bottom = self.height() - line * 1.4
        height = max(10.0, bottom - top)
        for share, label in ((0.0, "0%"), (0.5, "50%"), (1.0, "100%")):
            y = bottom - height * share
            painter.setPen(faint)
            painter.drawLine(int(axis), int(y), self.width(), int(y))
            painter.setPen(text)
            painter.drawText(QRectF(0, y - line / 2, axis - 4, line),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        if not self.months:
            painter.end()
            return
        group = (self.width() - axis) / len(self.months)
        column = max(2.0, (group - 6) / max(1, len(self.series)))
        for m, month in enumerate(self.months):
            left = axis + m * group + 3
            for p, (_label, values) in enumerate(self.series):
                rate = values[m][0] if m < len(values) else None
                if rate is None:
                    continue
                bar = max(2.0, height * rate)  # 0 % still shows: something was due
                painter.fillRect(QRectF(left + p * column, bottom - bar, column - 1, bar),
                                 QColor(COLORS[p % len(COLORS)]))
            painter.setPen(text)
            if m < len(self.overall) and self.overall[m][0] is not None:
                painter.drawText(QRectF(axis + m * group, top - line * 1.2, group, line),
                                 Qt.AlignmentFlag.AlignHCenter, self.overall[m][1])
            painter.drawText(QRectF(axis + m * group, bottom + 2, group, line),
                             Qt.AlignmentFlag.AlignHCenter, month)
        painter.end()
