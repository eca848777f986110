"""Settings: the dialog and the page save language, display size, name and backups to keep."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop.core.settings import Settings
from desktop.storage.backup import backup_database


def test_the_dialog_saves_scale_and_language_to_the_settings_file(qtbot, ctx, data_dir):
    from desktop.ui.settings.dialog import SettingsDialog

    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.form
    form.scale.setCurrentIndex(form.scale.findData(150))
    form.language.setCurrentIndex(form.language.findData("zh_Hant"))
    form.keep.setValue(5)
    form.operator.setText("李四")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.restart_needed
    saved = json.loads(data_dir.settings_file.read_text(encoding="utf-8"))["options"]
    assert saved == {"language": "zh_Hant", "ui_scale": 150, "backups_keep": 5,
                     "operator": "李四"}
    again = Settings.load(data_dir.settings_file)
    assert again.get("ui_scale") == 150 and again.get("language") == "zh_Hant"


def test_following_the_system_language_is_a_choice(qtbot, ctx, data_dir):
    from desktop.ui.settings.form import SettingsForm

    ctx.settings.set("language", "en")
    form = SettingsForm(ctx)
    qtbot.addWidget(form)
    form.language.setCurrentIndex(0)
    assert form.save()
    assert Settings.load(data_dir.settings_file).get("language") is None


def test_cancel_changes_nothing(qtbot, ctx, data_dir):
    from desktop.ui.settings.dialog import SettingsDialog

    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.form.scale.setCurrentIndex(dialog.form.scale.findData(175))
    dialog.reject()
    assert not data_dir.settings_file.exists()
    assert ctx.settings.get("ui_scale") == 100


def test_data_folder_and_backups_are_listed(qtbot, ctx, data_dir, db):
    from desktop.ui.settings.form import SettingsForm

    form = SettingsForm(ctx)
    qtbot.addWidget(form)
    assert form.load_backups() == 0
    assert form.backups.count() == 1  # the "no backups yet" line
    backup_database(data_dir.database, data_dir.backups, "test", keep=10)
    assert form.load_backups() == 1
    assert "linli-" in form.backups.item(0).text()
    assert form.folder.text() == str(data_dir.root)
    assert form.folder.isReadOnly()


def test_the_settings_page_saves_and_says_so(window, qtbot, data_dir):
    page = window.show_page("settings")
    page.form.scale.setCurrentIndex(page.form.scale.findData(125))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "Restart" in page.message.text()
    saved = json.loads(data_dir.settings_file.read_text(encoding="utf-8"))["options"]
    assert saved["ui_scale"] == 125


def test_a_settings_file_that_cannot_be_written_is_reported(qtbot, ctx, tmp_path, monkeypatch):
    from desktop.ui.settings import form as form_module

    shown = []
    monkeypatch.setattr(form_module, "show_error",
                        lambda _parent, message, details="": shown.append(message))
    ctx.settings.path = tmp_path / "missing-folder" / "settings.json"
    form = form_module.SettingsForm(ctx)
    qtbot.addWidget(form)
    assert not form.save()
    assert shown and "Cannot save the settings" in shown[0]
