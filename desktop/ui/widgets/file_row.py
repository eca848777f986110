"""A file path field with its Choose… button beside it, as every file-taking form has."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from desktop.core.i18n import _


def file_row(path_edit: QLineEdit, *after: QWidget) -> tuple[QHBoxLayout, QPushButton]:
    """The row: the field stretching, then Choose…, then ``after``; and the Choose… button."""
    choose = QPushButton(_("Choose…"))
    row = QHBoxLayout()
    row.addWidget(path_edit, 1)
    row.addWidget(choose)
    for widget in after:
        row.addWidget(widget)
    return row, choose
