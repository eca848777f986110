"""Pieces the sync panels share: inline errors, labels for tables and fields, the counts table."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
)

from desktop.core.i18n import _, format_number
from desktop.sync.labels import (
    CONFLICT_LABELS,
    KIND_LABELS,
    conflict_label,
    counts_text,
    field_label,
    kind_label,
    local_moment,
    table_label,
    table_order,
)

# The labels live in the core (``desktop.sync.labels``, reading the features' declarations) so
# ``linli bundle`` says the same and this package names no feature's table or field.
__all__ = ["CONFLICT_LABELS", "KIND_LABELS", "conflict_label", "counts_text", "field_label",
           "kind_label", "table_label"]


def value_text(value: object) -> str:
    if value is None or value == "":
        return _("(empty)")
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    return str(value)


def when_text(moment: dt.datetime | str | None) -> str:
    """A time as the office reads it (local time, to the minute); "" for none."""
    local = local_moment(moment)
    if local is None:
        return moment if isinstance(moment, str) else ""
    return local.strftime("%Y-%m-%d %H:%M")


def stamp_time(stamp: str) -> str:
    """The wall-clock time inside a clock stamp (``WWWWWWWWWWWWW-CCCCC-NODE``)."""
    try:
        millis = int(stamp.split("-", 1)[0])
    except (ValueError, AttributeError):
        return ""
    if millis <= 0:
        return ""
    return when_text(dt.datetime.fromtimestamp(millis / 1000, dt.UTC))


def size_text(size: int) -> str:
    if size < 1024:
        return _("{count} bytes").format(count=format_number(size))
    if size < 1024 * 1024:
        return _("{size} KB").format(size=f"{size / 1024:.1f}")
    return _("{size} MB").format(size=f"{size / 1024 / 1024:.1f}")


def hint_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


class CountsTable(QTableWidget):
    """Per table: new, changed, deleted, unchanged (a preview or an import's result)."""

    def __init__(self) -> None:
        super().__init__(0, 5)
        self.setObjectName("syncCounts")
        self.setHorizontalHeaderLabels([_("Records"), _("New"), _("Changed"), _("Deleted"),
                                        _("Unchanged")])
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def show_counts(self, per_table: dict) -> None:
        rows = sorted(((k, c) for k, c in per_table.items()
                       if c.new or c.changed or c.deleted or c.unchanged),
                      key=lambda kc: table_order(kc[0]))
        self.setRowCount(len(rows))
        for row, (table, counts) in enumerate(rows):
            self.setItem(row, 0, QTableWidgetItem(table_label(table)))
            for column, value in enumerate((counts.new, counts.changed, counts.deleted,
                                            counts.unchanged), start=1):
                item = QTableWidgetItem(format_number(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(row, column, item)
        height = self.horizontalHeader().height() + 2 * self.frameWidth()
        height += sum(self.rowHeight(r) for r in range(self.rowCount()))
        self.setFixedHeight(max(height, 60))

    def total(self, column: int) -> int:
        return sum(int(self.item(r, column).text().replace(",", ""))
                   for r in range(self.rowCount()))
