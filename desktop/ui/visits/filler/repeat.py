"""A repeat on the page: its entries, each under a heading with Remove (and, for an entry
prefilled from the household, a Confirmed box), and Add below them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop.core.i18n import _
from desktop.ui.visits.filler.card import wrapped
from desktop.ui.visits.filler.inputs import touch_height
from desktop.visits.forms.filling import CONFIRMED, RESIDENT_ID, Entry, FormFill
from desktop.visits.forms.model import Group


def _button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setMinimumHeight(touch_height(button))
    return button


class RepeatBlock(QWidget):
    """Rebuilt as a whole when its entries change (``fill_entries``), which is rare next to
    answers; the questions inside come from ``add_nodes`` of the filler."""

    def __init__(self, fill: FormFill, group: Group, parent_entry: Entry,
                 add_nodes: Callable[[QVBoxLayout, tuple, Entry], None],
                 changed: Callable[[object], None]) -> None:
        super().__init__()
        self.fill, self.group, self.parent_entry = fill, group, parent_entry
        self._add_nodes, self._changed = add_nodes, changed
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.heading = wrapped(name="sectionHeading")
        self._layout.addWidget(self.heading)
        self.body: QWidget | None = None
        self.fill_entries()

    def fill_entries(self) -> None:
        if self.body is not None:
            self.body.hide()
            self.body.setParent(None)  # gone at once, not when the event loop gets to it
            self.body.deleteLater()
        self.body = QWidget()
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        name = self.group.name
        label = self.fill.text(self.group.label) or name
        self.heading.setText(label)
        counted = bool(self.group.repeat_count.strip())
        for index in range(self.fill.entry_count(name, self.parent_entry)):
            entry = self.parent_entry + ((name, index),)
            data = self.fill.entry_data(name, index, self.parent_entry)
            row = QHBoxLayout()
            row.addWidget(wrapped(_("{repeat} {number}").format(repeat=label, number=index + 1),
                                  "cardHeading"), 1)
            if RESIDENT_ID in data:
                confirm = QCheckBox(_("Confirmed"))
                confirm.setMinimumHeight(touch_height(confirm))
                confirm.setChecked(data.get(CONFIRMED) == "yes")
                confirm.toggled.connect(lambda on, i=index: self._changed(
                    self.fill.confirm_entry(name, i, on, self.parent_entry)))
                row.addWidget(confirm)
            if not counted:
                remove = _button(_("Remove"))
                remove.clicked.connect(lambda _c=False, i=index: self._changed(
                    self.fill.remove_entry(name, i, self.parent_entry)))
                row.addWidget(remove)
            # Each entry in a widget of its own: an answer that shows or hides questions
            # in one entry lays out that entry, not every member's questions.
            box = QWidget()
            inner = QVBoxLayout(box)
            inner.setContentsMargins(0, 0, 0, 0)
            inner.addLayout(row)
            self._add_nodes(inner, self.group.children, entry)
            layout.addWidget(box)
        if not counted:
            add = _button(_("Add: {repeat}").format(repeat=label))
            add.clicked.connect(lambda: self._changed(self.fill.add_entry(
                name, self.parent_entry)))
            row = QHBoxLayout()
            row.addWidget(add)
            row.addStretch(1)
            layout.addLayout(row)
        self._layout.addWidget(self.body)
        self.body.show()  # at once: the next question may be in it and take the focus
