"""The list of database backups, newest first, with their date and size."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from desktop.core.i18n import _, format_date
from desktop.storage.backup import list_backups


def describe_size(size: int) -> str:
    if size >= 1024 * 1024:
        return _("{size} MB").format(size=f"{size / (1024 * 1024):.1f}")
    return _("{size} KB").format(size=max(1, round(size / 1024)))


class BackupList(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupList")
        self.setAlternatingRowColors(True)
        self.setMinimumHeight(90)
        self.setMaximumHeight(130)

    def load(self, backups_dir: Path) -> int:
        self.clear()
        backups = list(reversed(list_backups(backups_dir)))
        for path in backups:
            try:
                stat = path.stat()
            except OSError:
                continue
            when = dt.datetime.fromtimestamp(stat.st_mtime)
            text = _("{date} {time} · {size} · {name}").format(
                date=format_date(when.date()), time=when.strftime("%H:%M"),
                size=describe_size(stat.st_size), name=path.name,
            )
            item = QListWidgetItem(text)
            item.setToolTip(str(path))
            self.addItem(item)
        if not backups:
            item = QListWidgetItem(
                _("No backups yet. A copy of the database is made before every upgrade.")
            )
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.addItem(item)
        return len(backups)
