"""Review: values that lost a merge, side by side with the value kept, and settling each one —
keep the current value, take the other, type a new one, or restore a row deleted on one side
while edited on the other. Settling is an ordinary edit (stamped, synced), run on the database
lane by the page; problems are said under the buttons."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _
from desktop.ui.sync.common import (
    conflict_label,
    field_label,
    hint_label,
    stamp_time,
    table_label,
    value_text,
)
from desktop.ui.widgets.labels import message_label

ID_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class ReviewItem:
    """A review-list entry with the record's name (read with it, on the database lane)."""

    conflict: object  # ConflictInfo
    record: str

    @property
    def id(self) -> int:
        return self.conflict.id


@dataclass(frozen=True)
class Resolution:
    """What the user chose: ``value`` is KEEP, TAKE_LOST or a typed text."""

    conflict_id: int
    value: object
    restore: bool = False


def who_text(conflict) -> str:
    when = stamp_time(conflict.lost_hlc)
    who = conflict.lost_operator or conflict.lost_node
    if who and when:
        return _("{who}, {when}").format(who=who, when=when)
    return who or when


def describe(item: ReviewItem) -> str:
    c = item.conflict
    return _("{table}: {record}").format(table=table_label(c.table_name), record=item.record)


class ReviewPanel(QWidget):
    resolve_requested = Signal(object)  # Resolution

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[ReviewItem] = []
        self.tree = QTreeWidget()
        self.tree.setObjectName("reviewList")
        self.tree.setMinimumHeight(120)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setHeaderLabels([_("Record"), _("Field"), _("Current value"),
                                   _("Other value"), _("Other value by"), _("What happened")])
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column in range(6):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.currentItemChanged.connect(lambda *_args: self._show_current())
        self.empty_hint = hint_label(_(
            "Nothing to review. When the same value was changed on two computers before they "
            "exchanged bundles, the value that lost is listed here."))

        self.detail = QGroupBox(_("The chosen item"))
        form = QFormLayout(self.detail)
        self.record_label = self._value()
        self.kept_label = self._value()
        self.lost_label = self._value()
        self.kind_text = self._value()
        form.addRow(_("Record"), self.record_label)
        form.addRow(_("Current value"), self.kept_label)
        form.addRow(_("Other value"), self.lost_label)
        form.addRow(_("What happened"), self.kind_text)
        self.keep_button = QPushButton(_("Keep current"))
        self.take_button = QPushButton(_("Take the other value"))
        self.restore_button = QPushButton(_("Restore the deleted record"))
        self.keep_button.clicked.connect(lambda: self.resolve("keep"))
        self.take_button.clicked.connect(lambda: self.resolve("take"))
        self.restore_button.clicked.connect(lambda: self.resolve("restore"))
        buttons = QHBoxLayout()
        for button in (self.keep_button, self.take_button, self.restore_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.typed_edit = QLineEdit()
        self.typed_edit.setAccessibleName(_("New value"))
        self.typed_edit.setPlaceholderText(_("Or type the right value"))
        self.typed_button = QPushButton(_("Use this value"))
        self.typed_button.clicked.connect(lambda: self.resolve("typed"))
        self.typed_edit.returnPressed.connect(lambda: self.resolve("typed"))
        typed = QHBoxLayout()
        typed.addWidget(self.typed_edit, 1)
        typed.addWidget(self.typed_button)
        form.addRow(buttons)
        form.addRow(typed)
        self.message = message_label()
        form.addRow(self.message)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.detail)
        self._show_current()

    @staticmethod
    def _value() -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # -- the list ---------------------------------------------------------------------------

    def set_items(self, items) -> None:
        current = self.current()
        self.items = list(items)
        self.tree.blockSignals(True)
        try:
            self.tree.clear()
            keep = None
            for entry in self.items:
                c = entry.conflict
                kept = (_("(the record is deleted)") if c.kind == "edited_after_delete"
                        else value_text(c.kept_value))
                row = QTreeWidgetItem([describe(entry), field_label(c.table_name, c.field),
                                       kept, value_text(c.lost_value),
                                       who_text(c), conflict_label(c.kind)])
                row.setData(0, ID_ROLE, c.id)
                self.tree.addTopLevelItem(row)
                if current is not None and c.id == current.id:
                    keep = row
            if keep is None and self.tree.topLevelItemCount():
                keep = self.tree.topLevelItem(0)
            self.tree.setCurrentItem(keep)
        finally:
            self.tree.blockSignals(False)
        self.empty_hint.setVisible(not self.items)
        self.tree.setVisible(bool(self.items))
        self._show_current()

    def current(self) -> ReviewItem | None:
        row = self.tree.currentItem()
        if row is None:
            return None
        wanted = row.data(0, ID_ROLE)
        return next((i for i in self.items if i.id == wanted), None)

    def select(self, conflict_id: int) -> None:
        for index in range(self.tree.topLevelItemCount()):
            row = self.tree.topLevelItem(index)
            if row.data(0, ID_ROLE) == conflict_id:
                self.tree.setCurrentItem(row)

    def _show_current(self) -> None:
        entry = self.current()
        self.detail.setVisible(entry is not None)
        self.message.clear()
        if entry is None:
            return
        c = entry.conflict
        self.record_label.setText(_("{record} — {field}").format(
            record=describe(entry), field=field_label(c.table_name, c.field)))
        self.kept_label.setText(value_text(c.kept_value))
        other = value_text(c.lost_value)
        by = who_text(c)
        self.lost_label.setText(_("{value} (by {who})").format(value=other, who=by) if by
                                else other)
        after_delete = c.kind == "edited_after_delete"
        if after_delete:
            self.kind_text.setText(_("Edited on one computer while the record was deleted on "
                                     "another; the record stays deleted unless you restore "
                                     "it."))
        else:
            self.kind_text.setText(_("Changed on both computers before they exchanged data."))
        if after_delete:
            self.kept_label.setText(_("(the record is deleted)"))
        self.restore_button.setVisible(after_delete)
        self.take_button.setVisible(not after_delete)
        self.keep_button.setText(_("Keep it deleted") if after_delete else _("Keep current"))
        self.typed_edit.setText("" if c.lost_value is None else str(c.lost_value))

    # -- settling ---------------------------------------------------------------------------

    def resolve(self, how: str) -> Resolution | None:
        from desktop.sync.exchange import KEEP, TAKE_LOST

        entry = self.current()
        if entry is None:
            return None
        after_delete = entry.conflict.kind == "edited_after_delete"
        if how == "keep":
            resolution = Resolution(entry.id, KEEP)
        elif how == "take":
            resolution = Resolution(entry.id, TAKE_LOST, restore=after_delete)
        elif how == "restore":
            resolution = Resolution(entry.id, TAKE_LOST, restore=True)
        else:
            resolution = Resolution(entry.id, self.typed_edit.text().strip(),
                                    restore=after_delete)
        self.message.clear()
        self.resolve_requested.emit(resolution)
        return resolution

    def set_busy(self, busy: bool) -> None:
        for widget in (self.keep_button, self.take_button, self.restore_button,
                       self.typed_button):
            widget.setEnabled(not busy)
