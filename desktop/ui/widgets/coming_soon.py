"""A page for an area not built yet: what it will do, never a blank page."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.core.i18n import _
from desktop.ui.widgets.page import CARD_WIDTH, Page


class ComingSoonPage(Page):
    def __init__(self, key: str, title: str, summary: str, points: list[str],
                 parent: QWidget | None = None) -> None:
        self.key = key
        super().__init__(title, summary, parent)
        card = QFrame()
        card.setObjectName("card")
        card.setMaximumWidth(CARD_WIDTH)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(20, 16, 20, 18)
        layout.setSpacing(10)
        badge = QLabel(_("Coming in a later version"))
        badge.setObjectName("badge")
        row = QHBoxLayout()
        row.addWidget(badge)
        row.addStretch(1)
        layout.addLayout(row)
        lead = QLabel(_("What this page will do:"))
        lead.setObjectName("cardHeading")
        layout.addWidget(lead)
        self.point_labels: list[QLabel] = []
        for point in points:
            label = QLabel("•  " + point)
            label.setObjectName("bullet")
            label.setWordWrap(True)
            layout.addWidget(label)
            self.point_labels.append(label)
        self.body.addWidget(card)
        self.body.addStretch(1)
