"""The flow layout: one line when there is room, more lines (and more height) when not."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget

from desktop.ui.widgets.flow import flow_row


def _holder(qtbot, width: int):
    buttons = [QPushButton(text) for text in ("Elderly", "Child", "Gig worker",
                                              "Party member", "Resident representative")]
    row = flow_row(*buttons)
    window = QWidget()
    layout = QVBoxLayout(window)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(row)
    layout.addStretch(1)
    qtbot.addWidget(window)
    window.resize(width, 300)
    window.show()
    QApplication.processEvents()
    return window, row, buttons


def test_wide_one_line_narrow_several_and_nothing_past_the_edge(qtbot):
    _wide, row, buttons = _holder(qtbot, 1000)
    assert len({b.y() for b in buttons}) == 1
    one_line = row.height()

    # As narrow as the widest button: whatever the font, the five cannot share one line.
    narrow = max(b.sizeHint().width() for b in buttons) + 4
    _narrow, row, buttons = _holder(qtbot, narrow)
    lines = len({b.y() for b in buttons})
    assert lines >= 3
    assert row.height() >= lines * buttons[0].height() > one_line
    for button in buttons:
        assert button.geometry().right() < row.width()
        assert button.width() >= button.sizeHint().width()  # wrapped, never squeezed
