"""The roster's Print… dialog: the 花名册 of the filter (masked unless full data), the walk list of
the buildings in the chosen place, the sign-in sheet; preview, print to a PDF file, save."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.ui.roster_pages import open_roster_page

SHOTS = Path("/tmp/shots")


@pytest.fixture
def demo_ctx(ctx, community):
    from desktop.roster.demo import generate_demo

    generate_demo(ctx.db, residents=120)
    return ctx


@pytest.fixture
def page(qtbot, demo_ctx, runner):
    return open_roster_page(qtbot, demo_ctx, runner)


def text_of(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def to_file(path: Path):
    from PySide6.QtPrintSupport import QPrinter

    def choose(printer, _count, _parent):
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return True

    return choose


def settle(qtbot, dialog, runner) -> None:
    qtbot.waitUntil(lambda: not dialog._timer.isActive(), timeout=5000)
    assert runner.wait_idle(60)
    assert dialog.pdf_generation == dialog.generation, dialog.message.text()


def test_roster_list_preview_print_and_save(qtbot, page, runner, tmp_path, shown_errors):
    dialog = page.open_print()
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.kind == "roster"
    assert not dialog.full_data.isChecked()
    dialog.roster_title.setText("翠苑一区花名册")
    settle(qtbot, dialog, runner)
    assert dialog.preview.page_count >= 1
    printed = tmp_path / "roster.pdf"
    dialog.choose_printer = to_file(printed)
    with qtbot.waitSignal(dialog.printed, timeout=30000):
        dialog.print_button.click()
    text = text_of(printed)
    assert "翠苑一区花名册" in text
    assert "*" in text  # names masked by default

    dialog.ask_pdf_path = lambda _parent, suggested: tmp_path / suggested.name
    dialog.save_button.click()
    assert runner.wait_idle(30)
    assert dialog.saved_path.read_bytes() == printed.read_bytes()
    assert not shown_errors


def test_no_columns_is_refused_inline(qtbot, page, runner):
    dialog = page.open_print()
    qtbot.addWidget(dialog)
    dialog.set_columns(())
    dialog.render_preview()
    assert dialog.message.text()
    dialog.reject()


def test_walk_list_of_the_chosen_building(qtbot, page, runner, tmp_path):
    building = page.tree.find_kind("building")[0]
    page.tree.setCurrentItem(building)
    dialog = page.open_print()
    qtbot.addWidget(dialog)
    assert dialog.buildings.count() == 1
    dialog.set_kind("walk")
    settle(qtbot, dialog, runner)
    assert dialog.preview.page_count >= 1
    printed = tmp_path / "walk.pdf"
    dialog.choose_printer = to_file(printed)
    with qtbot.waitSignal(dialog.printed, timeout=30000):
        dialog.print_()
    assert "Door-to-door walk list" in text_of(printed)


def test_sign_in_sheet(qtbot, page, runner, tmp_path):
    dialog = page.open_print()
    qtbot.addWidget(dialog)
    dialog.set_kind("sign_in")
    dialog.sheet_title.setText("居民议事会签到表")
    dialog.blank_rows.setValue(40)
    settle(qtbot, dialog, runner)
    printed = tmp_path / "sign.pdf"
    dialog.choose_printer = to_file(printed)
    with qtbot.waitSignal(dialog.printed, timeout=30000):
        dialog.print_()
    assert "居民议事会签到表" in text_of(printed)


def test_file_menu_and_context_menu(qtbot, window, runner):
    window.actions_.print_roster.trigger()
    page = window.page("roster")
    assert page.print_dialog.isVisible()
    assert any(key.toString() == "Ctrl+P" for key in window.actions_.print_roster.shortcuts())
    page.print_dialog.reject()
    assert any("Print" in a.text() for a in page.resident_menu().actions())


def test_screenshot_zh_hans(qtbot, page, runner):
    from PySide6.QtWidgets import QApplication

    from desktop.core.i18n import set_language
    from desktop.core.paths import resources_dir
    from desktop.ui.fonts import apply_fonts
    from desktop.ui.roster.print_dialog import open_print_dialog

    set_language("zh_Hans")
    try:
        apply_fonts(QApplication.instance(), "zh_Hans", resources_dir() / "fonts")
        dialog = open_print_dialog(page, page._ctx, runner)
        qtbot.addWidget(dialog)
        settle(qtbot, dialog, runner)
        qtbot.wait(100)
        SHOTS.mkdir(exist_ok=True)
        assert dialog.grab().save(str(SHOTS / "roster_print_dialog.png"))
        assert dialog.full_data.width() >= dialog.full_data.sizeHint().width()
    finally:
        set_language("en")
