"""The settings form: language, display size, the operator's name, data folder and backups."""

from __future__ import annotations

import logging

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.core.errors import SettingsError
from desktop.core.i18n import LANGUAGES, _, detect_language
from desktop.core.settings import UI_SCALES
from desktop.ui.errors import show_error
from desktop.ui.settings.backups import BackupList

log = logging.getLogger(__name__)

# Options that only take effect when the app starts again.
RESTART_OPTIONS = ("language", "ui_scale")


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("note")
    label.setWordWrap(True)
    return label


def _form(parent: QWidget) -> QFormLayout:
    form = QFormLayout(parent)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
    form.setHorizontalSpacing(12)
    return form


class SettingsForm(QWidget):
    """Edits ``ctx.settings``; ``save()`` writes the file. Emits ``saved(restart_needed)``."""

    saved = Signal(bool)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsForm")
        self._ctx = ctx
        settings = ctx.settings

        self.language = QComboBox()
        system = LANGUAGES[detect_language()]
        self.language.addItem(_("Same as the system ({language})").format(language=system), None)
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get("language"))))

        self.scale = QComboBox()
        for value in UI_SCALES:
            self.scale.addItem(f"{value}%", value)
        self.scale.setCurrentIndex(max(0, self.scale.findData(settings.get("ui_scale"))))

        for combo in (self.language, self.scale):
            combo.setMinimumWidth(260)
        display = QGroupBox(_("Language and display"))
        form = _form(display)
        form.addRow(_("&Language:"), self.language)
        form.addRow(_("&Display size:"), self.scale)
        form.addRow(_note(_(
            "The language and the display size change the next time Linli Desk starts. A "
            "larger size makes text and buttons easier to read and to click."
        )))

        self.operator = QLineEdit(settings.get("operator"))
        self.operator.setMaxLength(100)
        self.operator.setPlaceholderText(_("e.g. 王小红"))
        self.operator.setMinimumWidth(260)
        you = QGroupBox(_("Who is working"))
        form = _form(you)
        form.addRow(_("&Your name:"), self.operator)
        form.addRow(_note(_("Your name is recorded with every change you make.")))

        self.folder = QLineEdit(str(ctx.data_dir.root))
        self.folder.setReadOnly(True)
        self.folder.setObjectName("dataFolder")
        self.open_folder = QPushButton(_("&Open folder"))
        self.open_folder.clicked.connect(self._open_folder)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.open_folder)
        data = QGroupBox(_("Data folder"))
        box = QVBoxLayout(data)
        box.addLayout(row)
        box.addWidget(_note(_(
            "The database, its backups, the settings and the logs are kept in this folder. To "
            "use another folder, close Linli Desk and start it with --data-dir FOLDER (or set "
            "LINLI_DATA_DIR); each folder is a separate set of data."
        )))

        self.keep = QSpinBox()
        self.keep.setRange(1, 100)
        self.keep.setValue(settings.get("backups_keep"))
        self.keep.setMinimumWidth(100)
        self.backups = BackupList()
        backups = QGroupBox(_("Backups"))
        box = QVBoxLayout(backups)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(_("&Backups to keep:"), self.keep)
        box.addLayout(form)
        box.addWidget(_note(_(
            "A copy of the database is made before every upgrade; older copies beyond this "
            "number are deleted."
        )))
        box.addWidget(self.backups)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        for group in (display, you, data, backups):
            layout.addWidget(group)

    def load_backups(self) -> int:
        return self.backups.load(self._ctx.data_dir.backups)

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._ctx.data_dir.root)))

    def values(self) -> dict[str, object]:
        return {
            "language": self.language.currentData(),
            "ui_scale": self.scale.currentData(),
            "operator": self.operator.text().strip(),
            "backups_keep": self.keep.value(),
        }

    def save(self) -> bool:
        """Write the settings; False (and a message) if they could not be saved."""
        settings = self._ctx.settings
        before = {name: settings.get(name) for name in RESTART_OPTIONS}
        try:
            for name, value in self.values().items():
                settings.set(name, value)
            settings.save()
        except SettingsError as exc:
            show_error(self, exc.message, exc.details)
            return False
        restart = any(settings.get(name) != before[name] for name in RESTART_OPTIONS)
        log.info("settings saved (restart needed: %s)", restart)
        self.saved.emit(restart)
        return True
