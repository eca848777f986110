"""The outcome of a visit, chosen first and with one key each, and the colours of door states.

Colours follow the coverage picture's meaning (green done, amber to try again, grey not yet,
red refused); every colour comes with its word, so no one needs to tell colours apart.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import QButtonGroup, QPushButton, QWidget

from desktop.core.i18n import _
from desktop.ui.widgets.flow import FlowLayout
from desktop.visits.doors.at_door import OUTCOME_LABELS
from desktop.visits.records.state import NOT_VISITED
from desktop.visits.records.visits import OUTCOMES

STATE_COLOURS = {
    "completed": "#2e8b57",
    "refused": "#c0392b",
    "vacant": "#7f8c8d",
    "not_home": "#e6a23c",
    "revisit": "#3b82c4",
    NOT_VISITED: "#d0d4da",
}


def state_label(outcome: str) -> str:
    return _(OUTCOME_LABELS.get(outcome, OUTCOME_LABELS[NOT_VISITED]))


def state_icon(outcome: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(STATE_COLOURS.get(outcome, STATE_COLOURS[NOT_VISITED])))
    return QIcon(pixmap)


class OutcomeBar(QWidget):
    """Five buttons, "1 Completed" … "5 Come back later"; the digit keys choose them while
    the bar (or one of its buttons) has the focus."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(_("Outcome of the visit"))
        self.setToolTip(_("Press 1 to 5 to choose the outcome."))
        layout = FlowLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        for number, outcome in enumerate(OUTCOMES, start=1):
            button = QPushButton(f"{number}  {state_label(outcome)}")
            button.setCheckable(True)
            button.setIcon(state_icon(outcome))
            button.setToolTip(_("Key {key}: {outcome}").format(key=number,
                                                               outcome=state_label(outcome)))
            button.clicked.connect(lambda _c=False, o=outcome: self._choose(o))
            self.group.addButton(button)
            layout.addWidget(button)
            self.buttons[outcome] = button

    @property
    def outcome(self) -> str:
        return next((o for o, b in self.buttons.items() if b.isChecked()), "")

    def set_outcome(self, outcome: str) -> None:
        """Show ``outcome`` as chosen without announcing it (a draft being restored)."""
        self.group.setExclusive(False)
        for name, button in self.buttons.items():
            button.setChecked(name == outcome)
        self.group.setExclusive(True)

    def _choose(self, outcome: str) -> None:
        self.set_outcome(outcome)
        self.chosen.emit(outcome)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier) \
                and text.isdigit() and 1 <= int(text) <= len(OUTCOMES):
            self._choose(OUTCOMES[int(text) - 1])
            return
        super().keyPressEvent(event)
