"""The window's one picture mechanism (desktop.ui.widgets.pictures) on a small page of its own
and on the roster's Overview tab: Copy as image puts an image of the right size on the
clipboard, Save image… writes real PNGs (or phone-screen pages), a folder that cannot be
written is said inline and nothing is written, Ctrl+Shift+C works inside the page it belongs
to, and the overview's picture is a phone-wide drawing of the charts on white."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtWidgets import QLabel, QLineEdit, QMainWindow, QVBoxLayout, QWidget

from desktop.ui.widgets.pictures import Picture, PictureActions, png_bytes
from tests.ui import test_layout_small_screen as small_screen
from tests.ui.roster_pages import open_roster_page

PNG_HEADER = b"\x89PNG\r\n\x1a\n"
SHOTS = Path("/tmp/shots")
# The small-screen test's fixtures: one demo community, the app's style and fonts.
demo_folder = small_screen.demo_folder
app_fonts = small_screen.app_fonts


def solid(width: int, height: int, color: str) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    return image


class PicturePage(QWidget):
    """A page with a picture, a text field and an inline message, as a real page has."""

    def __init__(self, runner, picture: Picture | None) -> None:
        super().__init__()
        self.the_picture = picture
        self.asked = 0
        self.field = QLineEdit()
        self.message = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.message)
        self.pictures = PictureActions(self, self.picture, runner, say=self.message.setText)
        layout.addWidget(self.pictures.copy_button)
        layout.addWidget(self.pictures.save_button)

    def picture(self) -> Picture | None:
        self.asked += 1
        return self.the_picture


@pytest.fixture
def frame(qtbot):
    main = QMainWindow()
    qtbot.addWidget(main)
    return main


def show_page(qtbot, window, runner, picture) -> PicturePage:
    page = PicturePage(runner, picture)
    window.setCentralWidget(page)
    window.resize(500, 300)
    window.show()
    qtbot.waitExposed(window)
    return page


def rendered_pages(count: int):
    """A render(pages) as a long notice has: one long image, or ``count`` screens."""
    def render(pages: bool) -> list[bytes]:
        if pages:
            return [png_bytes(solid(1080, 600, "navy")) for _ in range(count)]
        return [png_bytes(solid(1080, 600 * count, "navy"))]

    return render


def clipboard_size() -> tuple[int, int]:
    image = QGuiApplication.clipboard().image()
    return image.width(), image.height()


def test_copy_puts_the_image_on_the_clipboard_and_says_so(qtbot, frame, runner):
    QGuiApplication.clipboard().clear()
    page = show_page(qtbot, frame, runner, Picture("图表", "图表", image=solid(640, 360, "red")))
    page.pictures.copy_button.click()
    assert clipboard_size() == (640, 360)
    assert QGuiApplication.clipboard().image().pixelColor(5, 5) == QColor("red")
    assert "图表" in frame.statusBar().currentMessage()


def test_copy_of_a_rendered_picture_runs_off_the_ui_thread(qtbot, frame, runner):
    QGuiApplication.clipboard().clear()
    page = show_page(qtbot, frame, runner, Picture("通知", "通知", render=rendered_pages(3),
                                                    can_split=True))
    page.pictures.copy()
    assert runner.wait_idle(30)
    assert clipboard_size() == (1080, 1800)  # the one long image, not a page of it


def test_save_writes_a_real_png(qtbot, frame, runner, tmp_path):
    page = show_page(qtbot, frame, runner, Picture("图表", "图表", image=solid(640, 360, "red")))
    page.pictures.ask_path = lambda _parent, suggested: tmp_path / "概况"  # typed without .png
    page.pictures.save_button.click()
    assert runner.wait_idle(30)
    saved = tmp_path / "概况.png"
    assert saved.read_bytes().startswith(PNG_HEADER)
    assert QImage(str(saved)).size().toTuple() == (640, 360)
    assert page.pictures.last_paths == [saved]
    assert str(saved) in frame.statusBar().currentMessage()
    assert page.message.text() == ""


def test_save_as_phone_screen_pages(qtbot, frame, runner, tmp_path):
    page = show_page(qtbot, frame, runner, Picture("通知", "通知", render=rendered_pages(3),
                                                    can_split=True))
    page.pictures.ask_path = lambda _parent, suggested: tmp_path / "F.png"
    page.pictures.save_pages_action.trigger()
    assert runner.wait_idle(30)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["F-1.png", "F-2.png", "F-3.png"]
    for path in tmp_path.iterdir():
        assert QImage(str(path)).size().toTuple() == (1080, 600)
    page.pictures.save_action.trigger()  # the one long image
    assert runner.wait_idle(30)
    assert QImage(str(tmp_path / "F.png")).size().toTuple() == (1080, 1800)


def test_a_folder_that_cannot_be_written_is_said_inline(qtbot, frame, runner, tmp_path,
                                                        shown_errors):
    blocker = tmp_path / "不是文件夹"
    blocker.write_text("a file where the folder should be")
    page = show_page(qtbot, frame, runner, Picture("图表", "图表", image=solid(64, 64, "red")))
    page.pictures.ask_path = lambda _parent, suggested: blocker / "图表.png"
    page.pictures.save()
    assert runner.wait_idle(30)
    assert "图表.png" in page.message.text()  # which file, in the page
    assert sorted(p.name for p in tmp_path.iterdir()) == ["不是文件夹"]  # nothing written
    assert page.pictures.last_paths == []
    assert shown_errors == []  # said in the page, not in an error dialog


def test_cancelling_the_file_chooser_writes_nothing(qtbot, frame, runner, tmp_path):
    page = show_page(qtbot, frame, runner, Picture("图表", "图表", image=solid(64, 64, "red")))
    page.pictures.ask_path = lambda _parent, suggested: None
    page.pictures.save()
    assert runner.wait_idle(30)
    assert list(tmp_path.iterdir()) == []


def test_no_picture_yet_does_nothing(qtbot, frame, runner):
    QGuiApplication.clipboard().setImage(solid(8, 8, "blue"))
    page = show_page(qtbot, frame, runner, None)
    page.pictures.copy()
    assert runner.wait_idle(30)
    assert clipboard_size() == (8, 8)


def test_the_shortcut_works_inside_its_page_only(qtbot, runner):
    """Two pages in one window, each with its own Ctrl+Shift+C: the one with the focus copies."""
    main = QMainWindow()
    qtbot.addWidget(main)
    holder = QWidget()
    layout = QVBoxLayout(holder)
    red = PicturePage(runner, Picture("红", "红", image=solid(30, 20, "red")))
    green = PicturePage(runner, Picture("绿", "绿", image=solid(50, 40, "green")))
    layout.addWidget(red)
    layout.addWidget(green)
    main.setCentralWidget(holder)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is not None)
    green.field.setFocus()
    qtbot.keyClick(green.field, Qt.Key.Key_C,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert (red.asked, green.asked) == (0, 1)
    assert clipboard_size() == (50, 40)
    red.field.setFocus()
    qtbot.keyClick(red.field, Qt.Key.Key_C,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert (red.asked, green.asked) == (1, 1)
    assert clipboard_size() == (30, 20)


def test_no_other_ctrl_shift_c_in_the_window(qtbot, window):
    """The window's own actions leave Ctrl+Shift+C to the pages."""
    from PySide6.QtGui import QAction, QKeySequence

    from desktop.ui.widgets.pictures import COPY_KEYS

    wanted = QKeySequence(COPY_KEYS)
    taken = [a.text() for a in window.findChildren(QAction)
             if any(k == wanted for k in a.shortcuts())
             and a.shortcutContext() != Qt.ShortcutContext.WidgetWithChildrenShortcut]
    assert taken == []


# -- the roster's Overview tab ---------------------------------------------------------------

@pytest.fixture
def roster(qtbot, ctx, community, runner):
    from desktop.roster.demo import generate_demo
    from desktop.ui.roster.page import OVERVIEW_TAB

    generate_demo(ctx.db, residents=300)
    page = open_roster_page(qtbot, ctx, runner)
    page.tabs.setCurrentIndex(OVERVIEW_TAB)
    assert runner.wait_idle(30)
    return page


def colours(image: QImage) -> set:
    step = 7
    return {image.pixel(x, y) for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)}


def test_the_overview_picture_is_phone_wide_and_drawn(qtbot, roster, runner, tmp_path):
    tab = roster.overview_tab
    content = tab.widget()
    before = (content.width(), tab._columns)
    QGuiApplication.clipboard().clear()
    tab.pictures.copy()
    image = QGuiApplication.clipboard().image()
    SHOTS.mkdir(exist_ok=True)
    image.save(str(SHOTS / "pictures_overview.png"))  # to look at
    assert image.width() == 1080
    assert image.height() > 1080  # five charts in one column: a long picture
    assert len(colours(image)) > 20  # text and bars, not all one colour
    assert QColor(image.pixel(2, 2)) == QColor("white")
    assert (content.width(), tab._columns) == before  # the tab laid out as it was
    assert tab.picture_bar.isVisible() and not tab.picture_heading.isVisible()
    tab.pictures.ask_path = lambda _parent, suggested: tmp_path / suggested.name
    tab.pictures.save()
    assert runner.wait_idle(30)
    [saved] = tab.pictures.last_paths
    assert saved.read_bytes().startswith(PNG_HEADER)
    assert QImage(str(saved)).width() == 1080


@pytest.mark.parametrize("language", ["en", "zh_Hans"])
def test_the_overview_at_910_by_512_and_its_picture_in_the_app_style(
        qtbot, demo_folder, tmp_path, runner, app_fonts, language):
    from desktop.ui.roster.page import OVERVIEW_TAB
    from tests.ui.layout_check import layout_problems

    window, db = small_screen.open_small_window(qtbot, demo_folder, tmp_path, runner, language,
                                                app_fonts, size=(910, 512))
    try:
        page = small_screen.show_view(window, runner, "roster", OVERVIEW_TAB)
        tab = page.overview_tab
        assert tab.pictures.copy_button.isVisible()
        assert layout_problems(window) == []
        QGuiApplication.clipboard().clear()
        tab.pictures.copy()
        image = QGuiApplication.clipboard().image()
        assert image.width() == 1080 and len(colours(image)) > 20
        assert QColor(image.pixel(2, 2)) == QColor("white")
        assert layout_problems(window) == []  # laid out again as before
        SHOTS.mkdir(exist_ok=True)
        assert window.grab().save(str(SHOTS / f"roster_overview_buttons_{language}.png"))
        assert image.save(str(SHOTS / f"roster_overview_picture_{language}.png"))
    finally:
        window.hide()
        runner.wait_idle(30)
        db.close()
