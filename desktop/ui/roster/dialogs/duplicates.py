"""The panel that says "this ID number is already on the roster as …" and offers what to do."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _
from desktop.roster.editing import Duplicate
from desktop.storage.changes import ChangeSet

PANEL_STYLE = ("#duplicatePanel { background: #fff4d6; border: 1px solid #e0b64a; "
               "border-radius: 6px; } #duplicatePanel QLabel { color: #5c4300; }")


def merge_changes(first: ChangeSet, second: ChangeSet) -> ChangeSet:
    merged = ChangeSet()
    for changes in (first, second):
        for kind in ("created", "updated", "deleted"):
            for table, ids in getattr(changes, kind).items():
                for row_id in ids:
                    merged.add(kind, table, row_id)
    return merged


def describe(duplicate: Duplicate) -> str:
    address = duplicate.address or _("no address")
    if duplicate.deceased:
        return _("This ID number is already on the roster as {name} ({address}), marked "
                 "deceased.").format(name=duplicate.name, address=address)
    if duplicate.moved_out:
        return _("This ID number is already on the roster as {name} ({address}), marked moved "
                 "out.").format(name=duplicate.name, address=address)
    return _("This ID number is already on the roster as {name} ({address}).").format(
        name=duplicate.name, address=address)


class DuplicatePanel(QFrame):
    open_clicked = Signal(str)
    move_clicked = Signal(str)
    save_anyway_clicked = Signal()

    def __init__(self, can_move: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatePanel")
        self.setStyleSheet(PANEL_STYLE)
        self.duplicate: Duplicate | None = None
        self._can_move = can_move
        self.message = QLabel()
        self.message.setObjectName("duplicateMessage")
        self.message.setWordWrap(True)
        self.open_button = QPushButton(_("Open &that person"))
        self.move_button = QPushButton(_("&Move that person into this household"))
        self.save_anyway_button = QPushButton(_("Save &anyway"))
        self.open_button.clicked.connect(lambda: self.open_clicked.emit(self.duplicate.id))
        self.move_button.clicked.connect(lambda: self.move_clicked.emit(self.duplicate.id))
        self.save_anyway_button.clicked.connect(self.save_anyway_clicked)
        row = QHBoxLayout()
        for button in self.buttons():
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.setVisible(False)

    def buttons(self) -> list[QPushButton]:
        return [self.open_button, self.move_button, self.save_anyway_button]

    def show_duplicates(self, duplicates: tuple[Duplicate, ...]) -> None:
        self.duplicate = duplicates[0] if duplicates else None
        self.setVisible(self.duplicate is not None)
        if self.duplicate is None:
            return
        text = describe(self.duplicate)
        if len(duplicates) > 1:
            text += " " + _("({count} people on the roster have this number.)").format(
                count=len(duplicates))
        self.message.setText(text)
        self.move_button.setVisible(self._can_move and not self.duplicate.deceased)

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().focusInEvent(event)
        self.open_button.setFocus()
