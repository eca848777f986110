"""A splitter whose first pane (a place tree, a list) takes a share of the width between two
limits, until the user drags the handle: a narrow window keeps its room for the content."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QWidget


class SharingSplitter(QSplitter):
    def __init__(self, share: float, low: int, high: int, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._share, self._low, self._high = share, low, high
        self.user_sized = False
        self.splitterMoved.connect(self._moved)

    @classmethod
    def between(cls, panes: list[QWidget], share: float, low: int, high: int
                ) -> SharingSplitter:
        """The first pane takes its share; the others stretch alike; none collapses away."""
        splitter = cls(share, low, high)
        for index, pane in enumerate(panes):
            splitter.addWidget(pane)
            if index:
                splitter.setStretchFactor(index, 1)
        splitter.setChildrenCollapsible(False)
        return splitter

    def _moved(self, _pos: int, _index: int) -> None:
        self.user_sized = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.user_sized or self.count() < 2:
            return
        total = sum(self.sizes())
        first = max(self._low, min(self._high, int(event.size().width() * self._share)))
        rest = self.sizes()[1:]
        others = max(1, sum(rest))
        left = max(0, total - first)
        self.setSizes([first, *(max(1, left * size // others) for size in rest)])
