"""A campaign made with the keyboard alone: Tab to New… and Space opens the dialog, the name
is typed, Ctrl+Tab goes to the places (arrows and Space tick two buildings), then to the
visitors (Add visitor starts typing a name), and Create campaign makes it. (The buttons'
mnemonics, Alt+N and the like, are there too; offscreen Qt does not deliver them to a test.)
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.tasks import TaskContext
from desktop.setup.demo import fill_demo
from desktop.ui.visits.campaigns import CampaignsTab
from desktop.ui.visits.campaigns.new_dialog import NewCampaignDialog
from tests.visits.doors.office_fixtures import buildings


def _focus():
    widget = QApplication.focusWidget()
    assert widget is not None, "the keyboard has nowhere to go"
    return widget


def _key(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(_focus(), key, modifier)


def _type(qtbot, text: str) -> None:
    qtbot.keyClicks(_focus(), text)


def _tab_to(qtbot, widget) -> None:
    seen = []
    for _ in range(60):
        if QApplication.focusWidget() is widget:
            return
        seen.append(type(QApplication.focusWidget()).__name__)
        _key(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reaches {widget}: {seen[:20]}")


def test_a_campaign_made_with_the_keyboard_alone(qtbot, ctx, runner):
    fill_demo(ctx.db, 200, TaskContext(), campaigns=False)
    tab = CampaignsTab(ctx, runner)
    qtbot.addWidget(tab)
    tab.resize(900, 560)
    tab.show()
    tab.activateWindow()
    qtbot.waitActive(tab)
    tab.load()
    tab.list.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    _tab_to(qtbot, tab.new_button)
    _key(qtbot, Qt.Key.Key_Space)
    dialog = tab.dialog
    assert isinstance(dialog, NewCampaignDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.name)
    _type(qtbot, "Lift survey")
    _key(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert dialog.pages.currentIndex() == 1
    _tab_to(qtbot, dialog.places)
    assert dialog.places.currentItem() is dialog.places.topLevelItem(0)
    _key(qtbot, Qt.Key.Key_Down)  # the compound
    _key(qtbot, Qt.Key.Key_Down)  # its first building
    _key(qtbot, Qt.Key.Key_Space)
    _key(qtbot, Qt.Key.Key_Down)  # the next building
    _key(qtbot, Qt.Key.Key_Space)
    assert sorted(p[1] for p in dialog.places.chosen()) == sorted(buildings(ctx.db, 2))
    _key(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert dialog.pages.currentIndex() == 2
    for name in ("Zhang", "Li"):
        _tab_to(qtbot, dialog.visitors.add_button)
        _key(qtbot, Qt.Key.Key_Space)
        _type(qtbot, name)
        _key(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda n=name: dialog.visitors.names()[-1] == n)
    assert dialog.visitors.names() == ["Zhang", "Li"]
    _tab_to(qtbot, dialog.create_button)
    _key(qtbot, Qt.Key.Key_Space)
    assert runner.wait_idle(30)
    assert tab.summary is not None and tab.summary.name == "Lift survey"
    assert [v.name for v in tab.summary.visitors] == ["Zhang", "Li"]
    assert tab.summary.doors > 0
