"""The status bar: which community, which computer, who is working, which database file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from desktop.core.i18n import _
from desktop.ui.shell.status_info import StatusInfo


class ElidedLabel(QLabel):
    """Shows as much of a long text (a path) as fits, with … in the middle; full text as tip."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setMinimumWidth(80)
        self.set_full_text(text)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics = QFontMetrics(self.font())
        self.setText(metrics.elidedText(self._full, Qt.TextElideMode.ElideMiddle,
                                        max(40, self.width())))


class StatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.setSizeGripEnabled(True)
        self.demo_label = QLabel(_("Demo data"))
        self.demo_label.setObjectName("demoBadge")
        self.demo_label.setToolTip(_("Demo data — not real residents"))
        self.community_label = QLabel()
        self.community_label.setObjectName("statusCommunity")
        self.device_label = QLabel()
        self.operator_label = QLabel()
        self.database_label = ElidedLabel()
        self.database_label.setObjectName("statusDatabase")
        self.addWidget(self.demo_label)
        self.addWidget(self.community_label)
        self.addWidget(self.device_label)
        self.addWidget(self.operator_label)
        self.addWidget(self.database_label, 1)

    def show_info(self, info: StatusInfo) -> None:
        self.demo_label.setVisible(info.demo)
        if info.has_community:
            self.community_label.setText(_("Community: {name}").format(name=info.community_name))
        else:
            self.community_label.setText(_("No community set up yet"))
        self.device_label.setText(_("Computer: {name}").format(name=info.device_name or "—"))
        self.operator_label.setText(_("Operator: {name}").format(name=info.operator or "—"))
        self.database_label.set_full_text(_("Database: {path}").format(path=info.database))
