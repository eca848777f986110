"""Devices: this computer's name and fingerprint (to read out to the other side), and the
devices it has exchanged bundles with."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _
from desktop.ui.sync.common import hint_label, when_text


class DevicesPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        card = QFrame()
        card.setObjectName("card")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(20, 16, 20, 16)
        self.name_label = QLabel()
        self.name_label.setObjectName("cardHeading")
        self.name_label.setWordWrap(True)
        self.fingerprint_label = QLabel()
        self.fingerprint_label.setObjectName("fingerprintLarge")
        self.fingerprint_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.fingerprint_label.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setFamilies(["Consolas", "DejaVu Sans Mono", "monospace"])
        self.fingerprint_label.setFont(font)
        self.copy_button = QPushButton(_("Copy the fingerprint"))
        self.copy_button.clicked.connect(self.copy_fingerprint)
        row = QHBoxLayout()
        row.addWidget(self.fingerprint_label)
        row.addSpacing(12)
        row.addWidget(self.copy_button)
        row.addStretch(1)
        card_layout.addWidget(self.name_label)
        card_layout.addWidget(QLabel(_("This computer's fingerprint:")))
        card_layout.addLayout(row)
        card_layout.addWidget(hint_label(_(
            "When another computer imports a bundle from this one for the first time, it shows "
            "this fingerprint. Read it out to the other person so they can check it.")))

        self.peers = QTreeWidget()
        self.peers.setObjectName("syncPeers")
        self.peers.setRootIsDecorated(False)
        self.peers.setUniformRowHeights(True)
        self.peers.setAlternatingRowColors(True)
        self.peers.setHeaderLabels([_("Device"), _("Fingerprint"), _("Trusted"),
                                    _("Last import"), _("Last export")])
        header = self.peers.header()
        header.setStretchLastSection(False)
        for column in range(5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        heading = QLabel(_("Devices this computer has exchanged data with"))
        heading.setObjectName("cardHeading")
        self.empty_hint = hint_label(_("None yet."))

        layout = QVBoxLayout(self)
        layout.addWidget(card)
        layout.addSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(self.peers, 1)
        layout.addWidget(self.empty_hint)
        self.device = None
        self.peer_rows: list = []

    def set_device(self, device) -> None:
        self.device = device
        self.name_label.setText(_("This computer: {name}").format(
            name=device.name or device.device_id))
        self.fingerprint_label.setText(device.fingerprint)

    def copy_fingerprint(self) -> None:
        if self.device is not None:
            QGuiApplication.clipboard().setText(self.device.fingerprint)

    def set_peers(self, peers) -> None:
        self.peer_rows = list(peers)
        self.peers.clear()
        for peer in self.peer_rows:
            item = QTreeWidgetItem([peer.name or peer.device_id, peer.fingerprint,
                                    _("Trusted") if peer.trusted else _("Not trusted"),
                                    when_text(peer.last_import_at) or "—",
                                    when_text(peer.last_export_at) or "—"])
            item.setToolTip(0, peer.device_id)
            self.peers.addTopLevelItem(item)
        self.empty_hint.setVisible(not self.peer_rows)
