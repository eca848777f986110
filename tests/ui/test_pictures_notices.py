"""The notices page's phone image through the window's picture mechanism: Ctrl+Shift+C while
typing copies the notice being edited, masked as the printed one (the page hands the renderer
the same names, office and community as printing); Save image… writes one long PNG or
phone-screen pages; a notice too long for one image says so in the page. Screenshots of the
page at 910×512 in English and 简体 with the two buttons."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage

from desktop.notices.phone import render_notice_image
from tests.ui import test_layout_small_screen as small_screen
from tests.ui.layout_check import layout_problems
from tests.ui.test_notices_page import fill

SHOTS = Path("/tmp/shots")
PNG_HEADER = b"\x89PNG\r\n\x1a\n"
# The small-screen test's fixtures: one demo community, the app's style and fonts.
demo_folder = small_screen.demo_folder
app_fonts = small_screen.app_fonts
TODAY = dt.date(2026, 3, 2)


@pytest.fixture
def page(notices_page):
    notices_page.today = lambda: TODAY
    return notices_page


def expected_png(page, spec, *, pages=False, names=None) -> list[bytes]:
    return render_notice_image(spec, known_names=page.known_names if names is None else names,
                               office=page.office_contacts(), community=page.community_name,
                               pages=pages, today=TODAY)


def same_image(png: bytes, image: QImage) -> bool:
    expected = QImage.fromData(png, "PNG").convertToFormat(image.format())
    return expected == image


def test_ctrl_shift_c_while_typing_copies_the_masked_phone_image(qtbot, page, runner):
    fill(page)
    page.known_names = frozenset({"张三明"})  # a name on the roster: masked as when printed
    assert page.community_name == "翠苑一区社区"
    QGuiApplication.clipboard().clear()
    page.activateWindow()
    page.form.title.setFocus()
    qtbot.keyClick(page.form.title, Qt.Key.Key_C,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert runner.wait_idle(60)
    image = QGuiApplication.clipboard().image()
    assert image.width() == 1080
    spec = page.form.spec()
    assert same_image(expected_png(page, spec)[0], image)
    assert not same_image(expected_png(page, spec, names=())[0], image)  # the name was masked
    assert page.message.text() == ""


def test_save_image_writes_the_long_image_or_phone_screen_pages(qtbot, page, runner, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    fill(page, body="\n".join(f"第{i}条：居民反映的问题已于三日内答复并整改完毕。" for i in range(60)))
    page.pictures.ask_path = lambda _parent, suggested: tmp_path / "公示"
    page.pictures.save_button.click()
    assert runner.wait_idle(60)
    one = tmp_path / "公示.png"
    assert one.read_bytes().startswith(PNG_HEADER)
    long_image = QImage(str(one))
    assert long_image.width() == 1080
    page.pictures.save_pages_action.trigger()
    assert runner.wait_idle(60)
    parts = sorted(p for p in tmp_path.iterdir() if p.name.startswith("公示-"))
    assert len(parts) >= 2, "a long notice gives several phone screens"
    assert [p.name for p in parts][:2] == ["公示-1.png", "公示-2.png"]
    heights = [QImage(str(p)).height() for p in parts]
    assert all(QImage(str(p)).width() == 1080 for p in parts)
    assert max(heights) < long_image.height()
    assert page.pictures.last_paths == [tmp_path / p.name for p in parts]


def test_a_folder_that_cannot_be_written_is_said_on_the_page(qtbot, page, runner, tmp_path,
                                                             shown_errors):
    fill(page)
    folder = tmp_path / "out"
    folder.mkdir()
    blocker = folder / "file"
    blocker.write_text("not a folder")
    page.pictures.ask_path = lambda _parent, suggested: blocker / "公示.png"
    page.pictures.save()
    assert runner.wait_idle(60)
    assert "公示.png" in page.message.text()
    assert shown_errors == []
    assert [p.name for p in folder.iterdir()] == ["file"]


@pytest.mark.parametrize("language", ["en", "zh_Hans"])
def test_screenshot_of_the_page_with_the_picture_buttons(qtbot, demo_folder, tmp_path, runner,
                                                         app_fonts, language):
    window, db = small_screen.open_small_window(qtbot, demo_folder, tmp_path, runner, language, app_fonts,
                                   size=(910, 512))
    try:
        page = small_screen.show_view(window, runner, "notices", None)
        page.confirm = lambda _title, _text: True  # no "discard changes?" box in a test
        page.notice_list.setCurrentItem(page.notice_list.topLevelItem(0))
        runner.wait_idle(60)
        assert page.pictures.copy_button.isVisible()
        assert page.pictures.save_button.isVisible()
        assert layout_problems(window) == []
        SHOTS.mkdir(exist_ok=True)
        assert window.grab().save(str(SHOTS / f"notices_pictures_{language}.png"))
    finally:
        window.hide()
        runner.wait_idle(30)
        db.close()


def test_a_notice_too_tall_for_one_image_is_said_on_the_page(qtbot, page, runner, monkeypatch,
                                                             shown_errors):
    from desktop.notices.phone import draw

    monkeypatch.setattr(draw, "MAX_HEIGHT", 800)  # rather than a notice 60,000 px long
    fill(page)
    QGuiApplication.clipboard().clear()
    page.pictures.copy()
    assert runner.wait_idle(60)
    assert page.message.text()  # what to do, next to the buttons
    assert shown_errors == []  # not the "something went wrong" dialog
    assert QGuiApplication.clipboard().image().isNull()
