"""History: the bundles this computer made and imported, newest first."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _
from desktop.ui.sync.common import counts_text, hint_label, kind_label, when_text

COLUMNS = 6


def direction_label(direction: str) -> str:
    return _("Received") if direction == "in" else _("Sent")


class HistoryPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setObjectName("bundleHistory")
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setHeaderLabels([_("Time"), _("Direction"), _("Device"), _("Bundle kind"),
                                   _("Records"), _("File")])
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column in range(COLUMNS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.empty_hint = hint_label(_("No bundle was exported or imported on this computer "
                                       "yet."))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_hint)
        self.rows: list = []

    def set_rows(self, rows) -> None:
        self.rows = list(rows)
        self.tree.clear()
        for row in self.rows:
            counts = row.summary.get("counts") if isinstance(row.summary, dict) else None
            text = counts_text(counts) if isinstance(counts, dict) else ""
            item = QTreeWidgetItem([when_text(row.at), direction_label(row.direction),
                                    row.peer_name or _("(any device)"), kind_label(row.kind),
                                    text, row.file_name])
            item.setToolTip(4, text)
            item.setToolTip(5, row.bundle_id)
            self.tree.addTopLevelItem(item)
        self.empty_hint.setVisible(not self.rows)
