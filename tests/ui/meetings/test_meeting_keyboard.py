"""A meeting made with the keyboard alone: Tab to New… and Space gives a blank form with the
cursor in the title, Tab to Save details; Ctrl+Tab to Attendance, a resident found by typing
in the roster picker and taken with Enter, an outside person typed in, Save attendance.
(The mnemonics, Alt+N and the like, are there too; offscreen Qt does not deliver them.)"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.meetings.reading import list_meetings, meeting_detail
from desktop.ui.meetings.meetings_tab import ATTENDANCE, MeetingsTab
from desktop.ui.operations import Operations
from tests.ui.meetings.meeting_data import roster_only


def _focus():
    widget = QApplication.focusWidget()
    assert widget is not None, "the keyboard has nowhere to go"
    return widget


def _key(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(_focus(), key, modifier)


def _tab_to(qtbot, widget) -> None:
    seen = []
    for _ in range(60):
        if QApplication.focusWidget() is widget:
            return
        seen.append(type(QApplication.focusWidget()).__name__)
        _key(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reaches {widget}: {seen[:25]}")


def test_a_meeting_and_its_attendance_with_the_keyboard_alone(qtbot, ctx, runner):
    roster_only(ctx.db, 120)
    with ctx.db.reading() as session:
        from sqlalchemy import select

        from desktop.roster.models import Resident
        name = session.scalars(select(Resident.name).where(Resident.deleted.is_(False))
                               .order_by(Resident.name).limit(1)).one()
    tab = MeetingsTab(ctx, runner)
    Operations.of(runner).changed.connect(tab.refresh)
    qtbot.addWidget(tab)
    tab.resize(900, 500)
    tab.show()
    tab.activateWindow()
    qtbot.waitActive(tab)
    tab.load()
    tab.list.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    _tab_to(qtbot, tab.new_button)
    _key(qtbot, Qt.Key.Key_Space)
    assert QApplication.focusWidget() is tab.details.title
    qtbot.keyClicks(_focus(), "Joint meeting")
    _tab_to(qtbot, tab.details.save_button)
    _key(qtbot, Qt.Key.Key_Space)
    assert runner.wait_idle(30)
    qtbot.wait(10)
    [made] = list_meetings_of(ctx.db)
    assert made.title == "Joint meeting" and tab.current_id() == made.id

    _key(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)  # Details → Attendance
    assert tab.editor.currentIndex() == ATTENDANCE
    people = tab.attendance
    _tab_to(qtbot, people.roster_button)
    _key(qtbot, Qt.Key.Key_Space)
    picker = people.picker
    qtbot.waitUntil(lambda: QApplication.focusWidget() is picker.search)
    picker.search.insert(name)  # Chinese comes from the input method: QTest types ASCII only
    _key(qtbot, Qt.Key.Key_Return)
    assert not picker.isVisible()
    assert people.table.item(0, 0).text() == name
    tab.activateWindow()  # offscreen, closing the picker leaves no window active
    qtbot.waitUntil(lambda: QApplication.focusWidget() is people.table)
    _tab_to(qtbot, people.outside_button)
    _key(qtbot, Qt.Key.Key_Space)  # a new row, its name being typed
    qtbot.keyClicks(_focus(), "Captain Li")
    _key(qtbot, Qt.Key.Key_Return)
    people.table.setFocus()
    _tab_to(qtbot, people.save_button)
    _key(qtbot, Qt.Key.Key_Space)
    assert runner.wait_idle(30)
    with ctx.db.reading() as session:
        detail = meeting_detail(session, made.id)
    assert [(a.name, a.party) for a in detail.attendees] == [(name, "resident"),
                                                             ("Captain Li", "outside")]


def list_meetings_of(db):
    with db.reading() as session:
        return list_meetings(session)
