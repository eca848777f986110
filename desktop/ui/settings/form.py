"""The settings form: language, display size, the operator's name, the office's contacts (never
masked on printouts), data folder and backups."""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
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
from desktop.core.settings import UI_SCALES, idle_lock_minutes
from desktop.sync.exchange.reading import is_volunteer_copy
from desktop.ui.errors import show_error
from desktop.ui.settings.backups import BackupList

log = logging.getLogger(__name__)

# Options that only take effect when the app starts again.
RESTART_OPTIONS = ("language", "ui_scale")


_LIST_SEPARATORS = re.compile(r"[,，、;；\n]+")


def split_list(text: str, *, on_spaces: bool = False) -> list[str]:
    """"王小红、李明" → ["王小红", "李明"]; names may also be apart by spaces (phones may not:
    "0571 8888 6666" is one number)."""
    pattern = r"[,，、;；\s]+" if on_spaces else _LIST_SEPARATORS
    return [part.strip() for part in re.split(pattern, text) if part.strip()][:50]


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
        actor = ctx.db.actor
        if actor.signed_in:
            # Signed in, the name is who signed in: not a field anyone can retype.
            self.operator.setText(actor.name)
            self.operator.setReadOnly(True)
            form.addRow(_note(_("You signed in as {name} ({role}). Your name is recorded with "
                                "every change you make.").format(name=actor.name,
                                                                 role=actor.role_label)))
        else:
            form.addRow(_note(_("Your name is recorded with every change you make.")))

        self.office_staff = QLineEdit("、".join(settings.get("office_staff") or ()))
        self.office_staff.setPlaceholderText(_("e.g. 王小红、李明"))
        self.office_phones = QLineEdit("、".join(settings.get("office_phones") or ()))
        self.office_phones.setPlaceholderText(_("e.g. 0571-88886666、13800138000"))
        for edit in (self.office_staff, self.office_phones):
            edit.setMaxLength(1000)
            edit.setMinimumWidth(260)
        office = QGroupBox(_("The office's contacts"))
        form = _form(office)
        form.addRow(_("&Staff names:"), self.office_staff)
        form.addRow(_("Office &phones:"), self.office_phones)
        form.addRow(_note(_(
            "Printed in full on notices, never masked, even where a resident has the same "
            "name; your name above counts as staff too. Separate several with 、 or commas."
        )))

        # Unchosen, masking follows the copy: on for a volunteer's laptop (a copy made from a
        # scoped or minimised bundle); the box shows what applies now.
        self._mask_default = is_volunteer_copy(ctx.db)
        chosen = settings.get("mask_on_screen")
        self.mask_on_screen = QCheckBox(_("&Mask ID and phone numbers on screen"))
        self.mask_on_screen.setChecked(self._mask_default if chosen is None else chosen)
        privacy = QGroupBox(_("Privacy on screen"))
        box = QVBoxLayout(privacy)
        box.addWidget(self.mask_on_screen)
        self.idle_lock = QSpinBox()
        self.idle_lock.setRange(0, 240)
        self.idle_lock.setSuffix(_(" min"))
        self.idle_lock.setSpecialValueText(_("never"))
        self._lock_default = idle_lock_minutes(settings, self._mask_default)
        self.idle_lock.setValue(self._lock_default)
        self.idle_lock.setMinimumWidth(100)
        if ctx.db.actor.signed_in:  # only a copy with sign-in can lock
            lock_row = QFormLayout()
            lock_row.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
            lock_row.addRow(_("Loc&k after no use for:"), self.idle_lock)
            box.addLayout(lock_row)
        box.addWidget(_note(_(
            "Shows 330106********1234 and 138****5678 in the roster, its windows and what you "
            "copy, so that nobody at the counter reads them over your shoulder. Right-click "
            "a resident and choose Show ID and phone numbers, or click Show in the resident's "
            "window, to see them in full. On by default on a volunteer's laptop."
        ) + (" " + _("The window locks after the minutes without keyboard or mouse (5 on a "
                     "volunteer's laptop, 10 in the office, unless chosen here); signing in "
                     "again returns to where you were.") if ctx.db.actor.signed_in else "")))

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
        for group in (display, you, office, privacy, data, backups):
            layout.addWidget(group)

    def load_backups(self) -> int:
        return self.backups.load(self._ctx.data_dir.backups)

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._ctx.data_dir.root)))

    def values(self) -> dict[str, object]:
        values: dict[str, object] = {
            "language": self.language.currentData(),
            "ui_scale": self.scale.currentData(),
            "operator": self.operator.text().strip(),
            "backups_keep": self.keep.value(),
        }
        # Stored only once chosen: until then it follows the copy (a laptop made later from
        # a volunteer's bundle masks without being told).
        if self.idle_lock.value() != self._lock_default \
                or self._ctx.settings.get("idle_lock_minutes") is not None:
            values["idle_lock_minutes"] = self.idle_lock.value()
        mask = self.mask_on_screen.isChecked()
        if self._ctx.settings.get("mask_on_screen") is not None or mask != self._mask_default:
            values["mask_on_screen"] = mask
        lists = {"office_staff": split_list(self.office_staff.text(), on_spaces=True),
                 "office_phones": split_list(self.office_phones.text())}
        for name, items in lists.items():  # written only once they were entered
            if items != list(self._ctx.settings.get(name) or ()):
                values[name] = [item[:40] for item in items]
        return values

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
