"""The status bar: which community, which computer, who is working, which database file."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
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
    # The operator label's link was clicked: "not set", so open the place to set the name.
    operator_requested = Signal()

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
        self.operator_label.setObjectName("statusOperator")
        self.operator_label.setTextFormat(Qt.TextFormat.RichText)
        self.operator_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.operator_label.linkActivated.connect(lambda _link: self.operator_requested.emit())
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
        if info.operator:
            self.operator_label.setText(escape(_("Operator: {name}").format(name=info.operator)))
            self.operator_label.setToolTip("")
        else:
            link = '<a href="operator">{}</a>'.format(escape(_("set your name")))
            self.operator_label.setText(_("Operator: not set ({link})").format(link=link))
            self.operator_label.setToolTip(_(
                "Nobody has set their name on this computer: changes are recorded under the "
                "computer's name. Click to set yours in Settings."))
        self.database_label.set_full_text(_("Database: {path}").format(path=info.database))
