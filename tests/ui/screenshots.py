"""Pictures of the dialogs to look at (the main window's pages come from ``--screenshot``).

    python -m tests.ui.screenshots [OUT_DIR] [--lang zh_Hans|zh_Hant|en]

Writes setup, setup-with-problems, settings, progress and error dialogs as PNG files into
OUT_DIR (default shots/, which git ignores), using a throw-away data folder.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def grab(widget, path: Path, adjust: bool = True) -> None:
    from PySide6.QtWidgets import QApplication

    widget.show()
    for _ in range(5):
        QApplication.processEvents()
    if adjust:
        widget.adjustSize()
        QApplication.processEvents()
    widget.grab().save(str(path))
    print(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default="shots", type=Path)
    parser.add_argument("--lang", default="zh_Hans")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    from desktop.app import _application
    from desktop.context import AppContext
    from desktop.core.errors import LinliError
    from desktop.core.i18n import _, set_language
    from desktop.core.paths import DataDir
    from desktop.core.settings import Settings
    from desktop.storage.backup import backup_database
    from desktop.storage.lifecycle import open_database

    language = set_language(args.lang)
    _application(language)
    from desktop.ui.errors import error_box, unexpected_message
    from desktop.ui.settings.dialog import SettingsDialog
    from desktop.ui.setup.dialog import SetupDialog
    from desktop.ui.widgets.progress import TaskProgressDialog

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = DataDir(Path(tmp) / "data").prepare()
        db = open_database(data_dir, device_name="社区办公室1")
        backup_database(data_dir.database, data_dir.backups, "before-0002", keep=10)
        ctx = AppContext(data_dir, Settings.load(data_dir.settings_file), db)
        suffix = f"_{language}.png"

        setup = SetupDialog(ctx)
        grab(setup, args.out / f"dialog_setup{suffix}")
        for edit in setup.edits.values():
            edit.clear()
        setup.accept()  # refused: shows the message under each field
        grab(setup, args.out / f"dialog_setup_problems{suffix}")
        setup.reject()

        settings = SettingsDialog(ctx)
        grab(settings, args.out / f"dialog_settings{suffix}", adjust=False)
        settings.reject()

        progress = TaskProgressDialog(_("Creating the demo community…"))
        progress.set_progress(3200, 8000, "3,200 / 8,000")
        grab(progress, args.out / f"dialog_progress{suffix}")
        progress.finish()

        error = LinliError(_("Cannot save the settings to {path}.").format(
            path=data_dir.settings_file), details="PermissionError(13, 'Permission denied')")
        box = error_box(None, error.message, error.details)
        grab(box, args.out / f"dialog_error{suffix}")
        box = error_box(None, unexpected_message(), "Traceback …\nKeyError: 'x'")
        grab(box, args.out / f"dialog_unexpected{suffix}")
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
