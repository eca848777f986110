"""One building drawn as people know it: floors up the side (the top floor on top), rooms
across, stairwell after stairwell, every door filled with the colour of its state.

Painted with QPainter from a ``BuildingCoverage`` (plain data): the places of the doors are
computed once per size by ``cell_rects`` — the same numbers the painter uses and a test can
read. Two households in one flat share its box, side by side.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop.core.i18n import _, ngettext
from desktop.ui.visits.campaigns.states import state_color, state_label, text_color

GAP = 3
UNIT_GAP = 10  # between stairwells: the building's own seams


@dataclass(frozen=True)
class PaintedDoor:
    door_id: str
    rect: QRect
    color: str  # "#rrggbb"
    text: str


class BuildingGrid(QWidget):
    def __init__(self, building, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.building = building
        self._cell, self._cell_for = QSize(), None
        self._hint, self._hint_for = QSize(), None
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        done, total = building.counts.done, building.counts.doors
        self.setAccessibleName(building.label)
        self.setAccessibleDescription(ngettext("{done} of {total} door done",
                                               "{done} of {total} doors done", total)
                                      .format(done=done, total=total))

    # -- geometry ---------------------------------------------------------------------------

    def _cell_size(self) -> QSize:
        # Asked for by every size hint, placing and painting: measured once per font, over
        # the building's distinct room numbers (a few dozen), not each of its doors.
        font = self.font().key()
        if self._cell_for != font:
            metrics = self.fontMetrics()
            rooms = {c.room for c in self.building.cells}
            widest = max(map(metrics.horizontalAdvance, rooms), default=0)
            self._cell, self._cell_for = QSize(max(34, widest + 10), metrics.height() + 10), font
        return self._cell

    def _floor_width(self) -> int:
        metrics = self.fontMetrics()
        return max((metrics.horizontalAdvance(_("{floor}F").format(floor=f))
                    for f in self.building.floors), default=0) + 8

    def _column_x(self) -> list[int]:
        cell = self._cell_size().width()
        x, out, previous = self._floor_width(), [], None
        for column in self.building.columns:
            if previous is not None:
                x += UNIT_GAP if column.unit != previous else GAP
            out.append(x)
            x += cell
            previous = column.unit
        return out

    def _header_height(self) -> int:
        units = {c.unit for c in self.building.columns}
        return self.fontMetrics().height() + 6 if len(units) > 1 or "" not in units else 0

    def sizeHint(self) -> QSize:
        # Asked for dozens of times per grid while a page of 1,000 buildings is laid out.
        font = self.font().key()
        if self._hint_for != font:
            cell = self._cell_size()
            xs = self._column_x()
            width = (xs[-1] + cell.width() if xs else self._floor_width()) + 2
            height = (self._header_height()
                      + len(self.building.floors) * (cell.height() + GAP) + 2)
            self._hint, self._hint_for = QSize(width, height), font
        return QSize(self._hint)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def cell_rects(self) -> list[PaintedDoor]:
        """Every door's box, colour and text, as painted."""
        cell = self._cell_size()
        xs = self._column_x()
        top = self._header_height()
        rows = {floor: top + i * (cell.height() + GAP)
                for i, floor in enumerate(self.building.floors)}
        out = []
        for column_index in range(len(self.building.columns)):
            for floor in self.building.floors:
                doors = self.building.cells_at(floor, column_index)
                if not doors:
                    continue
                width = (cell.width() - (len(doors) - 1)) / len(doors)
                for k, door in enumerate(doors):
                    rect = QRect(round(xs[column_index] + k * (width + 1)), rows[floor],
                                 max(1, round(width)), cell.height())
                    out.append(PaintedDoor(door.door_id, rect, state_color(door.state),
                                           door.room if len(doors) == 1 else ""))
        return out

    # -- painting ----------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        cell = self._cell_size()
        header = self._header_height()
        # Floor numbers down the left.
        painter.setPen(text)
        for i, floor in enumerate(self.building.floors):
            y = header + i * (cell.height() + GAP)
            painter.drawText(QRect(0, y, self._floor_width() - 6, cell.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             _("{floor}F").format(floor=floor))
        # Stairwell names over their columns.
        if header:
            xs = self._column_x()
            spans: dict[str, list[int]] = {}
            for x, column in zip(xs, self.building.columns):
                spans.setdefault(column.unit, []).append(x)
            for unit, starts in spans.items():
                label = _("Unit {unit}").format(unit=unit) if unit else ""
                painter.drawText(QRect(starts[0], 0, starts[-1] + cell.width() - starts[0],
                                       header - 2),
                                 Qt.AlignmentFlag.AlignCenter, label)
        states = {c.door_id: c.state for c in self.building.cells}
        for door in self.cell_rects():
            state = states[door.door_id]
            painter.setPen(QPen(QColor("#9ca3af"), 1) if state == "not_visited"
                           else Qt.PenStyle.NoPen)
            painter.setBrush(QColor(door.color))
            painter.drawRoundedRect(QRectF(door.rect).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
            if door.text:
                painter.setPen(QColor(text_color(state)))
                painter.drawText(door.rect, Qt.AlignmentFlag.AlignCenter, door.text)
        painter.end()

    def door_at(self, x: float, y: float):
        for door in self.cell_rects():
            if door.rect.contains(int(x), int(y)):
                return next(c for c in self.building.cells if c.door_id == door.door_id)
        return None

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip and isinstance(event, QHelpEvent):
            door = self.door_at(event.pos().x(), event.pos().y())
            if door is None:
                QToolTip.hideText()
            else:
                tip = f"{door.address} · {state_label(door.state)}"
                if door.attempts:
                    tip += " · " + ngettext("{count} visit", "{count} visits",
                                            door.attempts).format(count=door.attempts)
                QToolTip.showText(event.globalPos(), tip, self)
            return True
        return super().event(event)
