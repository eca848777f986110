"""Pictures of the Meetings page to look at — a meeting in progress (attendance, agenda and
decisions), the items carried over to it, the three lists with the resolution-rate chart —
at the smallest window users have (910×512), in 简体, 繁體 and English, with the layout check
(nothing cut, nothing off the edge).

Each language in a fresh process (fonts are chosen when Qt starts):

    python -m tests.ui.meetings.test_meeting_shots OUT_DIR LANGUAGE
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SHOTS = Path(os.environ.get("LINLI_MEETING_SHOTS", "/tmp/shots"))
SIZE = (910, 512)


def shoot(out: Path, language: str) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QScrollArea

    from desktop.context import AppContext
    from desktop.core import i18n
    from desktop.core.paths import DataDir, resources_dir
    from desktop.core.settings import Settings
    from desktop.storage.lifecycle import open_database
    from desktop.ui.fonts import apply_fonts
    from desktop.ui.shell.main_window import MainWindow
    from desktop.ui.style import apply_style
    from desktop.ui.tasks import TaskRunner
    from tests.ui.layout_check import layout_problems
    from tests.ui.meetings.meeting_data import TODAY, make_office

    app = QApplication.instance() or QApplication([])
    i18n.set_language(language)
    apply_style(app)
    apply_fonts(app, language, resources_dir() / "fonts")
    out.mkdir(parents=True, exist_ok=True)
    report: dict = {"pictures": [], "problems": []}
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = DataDir(Path(tmp) / "data").prepare()
        db = open_database(data_dir, device_name="社区办公室1")
        make_office(db)
        settings = Settings.load(data_dir.settings_file)
        settings.set("operator", "王小红")
        runner = TaskRunner()
        window = MainWindow(AppContext(data_dir, settings, db), runner)
        window.resize(*SIZE)
        window.show()

        def settle() -> None:
            for _ in range(5):
                app.processEvents()
            runner.wait_idle(30)
            for _ in range(5):
                app.processEvents()

        page = window.show_page("meetings")
        page.tracker.clock = lambda: TODAY
        settle()
        tab = page.meetings

        def picture(name: str) -> None:
            settle()
            path = out / f"meetings_{name}_{language}.png"
            window.grab().save(str(path))
            report["pictures"].append(str(path))
            report["problems"] += [f"{name}: {p}" for p in layout_problems(window)]
            page_scroll = page.findChild(QScrollArea, "pageScroll")
            if page_scroll.verticalScrollBar().maximum() > 0:
                report["problems"].append(f"{name}: the page scrolls")

        picture("details")
        tab.editor.setCurrentIndex(1)
        picture("attendance")
        tab.editor.setCurrentIndex(2)
        tab.agenda.items.setCurrentIndex(1)  # the item with its two voted decisions
        picture("agenda")
        settle()
        tab.agenda.scroll.ensureWidgetVisible(tab.agenda.decisions, 0, 0)
        tab.agenda.scroll.verticalScrollBar().setValue(tab.agenda.decisions.y() - 8)
        picture("decisions")
        tab.editor.setCurrentIndex(3)
        picture("carried")
        page.tabs.setCurrentIndex(1)
        picture("tracker")
        page.tracker.views.setCurrentIndex(1)
        picture("tracker_chart")
        page.tracker.views.setCurrentIndex(3)
        picture("tracker_overdue")
        dialog = page.tracker.new_item()
        settle()
        path = out / f"meetings_new_item_{language}.png"
        dialog.grab().save(str(path))
        report["pictures"].append(str(path))
        report["problems"] += [f"new_item: {p}" for p in layout_problems(dialog)]
        dialog.reject()
        window.close()
        runner.shutdown()
        db.close()
    return report


@pytest.mark.parametrize("language", ["zh_Hans", "zh_Hant", "en"])
def test_meeting_pictures_nothing_cut(language):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "tests.ui.meetings.test_meeting_shots", str(SHOTS), language],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["problems"] == []
    assert all(Path(p).stat().st_size > 5_000 for p in report["pictures"])  # not blank


if __name__ == "__main__":
    print(json.dumps(shoot(Path(sys.argv[1]), sys.argv[2]), ensure_ascii=False))
