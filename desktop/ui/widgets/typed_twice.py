"""A secret typed twice with a Show toggle: a bundle's passphrase, an operator's password.
``row`` (the first field and the toggle) and ``again`` go into the caller's form."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QWidget

from desktop.core.i18n import _


def secret_edit(name: str = "") -> QLineEdit:
    edit = QLineEdit()
    if name:
        edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class TypedTwice:
    def __init__(self, first_name: str, again_name: str, *, names: tuple[str, str] = ("", "")
                 ) -> None:
        self.first = secret_edit(names[0])
        self.first.setAccessibleName(first_name)
        self.again = secret_edit(names[1])
        self.again.setAccessibleName(again_name)
        self.show_box = QCheckBox(_("Show"))
        self.show_box.toggled.connect(self._toggle)
        self.row = QWidget()
        row = QHBoxLayout(self.row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.first, 1)
        row.addWidget(self.show_box)

    def _toggle(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.first.setEchoMode(mode)
        self.again.setEchoMode(mode)

    def clear(self) -> None:
        self.first.clear()
        self.again.clear()
