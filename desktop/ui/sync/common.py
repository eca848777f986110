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

from desktop.core.i18n import N_, _, format_number

TABLE_LABELS = {
    "community": N_("Community"), "grid": N_("Grids"), "compound": N_("Compounds"),
    "building": N_("Buildings"), "dwelling": N_("Dwellings"), "household": N_("Households"),
    "resident": N_("Residents"), "dwelling_owner": N_("Owners"), "tag": N_("Tags"),
    "resident_tag": N_("Residents' tags"), "notice": N_("Notices"),
    "notice_print": N_("Printed notices"),
}
KIND_LABELS = {"full": N_("Everything"), "scoped": N_("Chosen places"),
               "delta": N_("Changes only")}
CONFLICT_LABELS = {"edited_after_delete": N_("Edited after delete"),
                   "concurrent_edit": N_("Changed on both sides")}


def table_label(name: str) -> str:
    return _(TABLE_LABELS[name]) if name in TABLE_LABELS else name


def field_label(table: str, field: str) -> str:
    """The roster's label for a resident field where it has one, else the column name."""
    if table == "resident":
        from desktop.roster.importing.fields import FIELD_BY_KEY

        known = FIELD_BY_KEY.get(field)
        if known is not None:
            return _(known.label)
    if field == "deleted":
        return _("Deleted")
    return field


def kind_label(kind: str) -> str:
    return _(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


def conflict_label(kind: str) -> str:
    return _(CONFLICT_LABELS[kind]) if kind in CONFLICT_LABELS else kind


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
    if moment is None or moment == "":
        return ""
    if isinstance(moment, str):
        try:
            moment = dt.datetime.fromisoformat(moment)
        except ValueError:
            return moment
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


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


def counts_text(counts: dict[str, int]) -> str:
    """``Residents 120, Households 40, …`` in the tables' order; "" for nothing."""
    order = list(TABLE_LABELS)
    items = sorted(((k, v) for k, v in counts.items() if v),
                   key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))
    return _(", ").join(_("{table} {count}").format(table=table_label(k),
                                                    count=format_number(v)) for k, v in items)


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
        order = list(TABLE_LABELS)
        rows = sorted(((k, c) for k, c in per_table.items()
                       if c.new or c.changed or c.deleted or c.unchanged),
                      key=lambda kc: order.index(kc[0]) if kc[0] in order else len(order))
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
