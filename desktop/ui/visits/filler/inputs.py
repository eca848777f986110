"""The answer widget of each question type: what the volunteer types or taps.

Each one shows a value (the answer as text, ODK style) and says when the person changed it
(``edited(str)``). Choices are big numbered buttons, so a finger can hit them and a digit key
names them: 1–9, then 0 for the tenth.

XLSForm appearances honoured: ``horizontal``, ``horizontal-compact``, ``columns``,
``columns-pack``, ``columns-N`` and ``likert`` lay the choice buttons side by side, wrapping
to the width (a five-level rating reads as one line); ``numbers`` on a text question takes
only digits and the characters of a phone number. Others are ignored: the question still
works, in the plain layout.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, QRegularExpression, Signal
from PySide6.QtGui import QDoubleValidator, QIntValidator, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QLineEdit,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _
from desktop.ui.widgets.flow import FlowLayout
from desktop.ui.widgets.form import date_edit, get_date, set_date
from desktop.visits.forms.model import (
    DATE,
    DECIMAL,
    INTEGER,
    SELECT_MULTIPLE,
    TIME,
    Choice,
)

DIGIT_KEYS = "1234567890"  # the key that names the n-th choice
SIDE_BY_SIDE = ("horizontal", "columns", "likert")  # appearance words (and their variants)
PHONE_LIKE = QRegularExpression(r"[0-9+\- ]*")


def appearances(appearance: str) -> set[str]:
    return set(appearance.lower().split())


def side_by_side(appearance: str) -> bool:
    return any(word.startswith(SIDE_BY_SIDE) for word in appearances(appearance))
_ROUTED_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.FocusIn)


def key_of(index: int) -> str:
    return DIGIT_KEYS[index] if index < len(DIGIT_KEYS) else ""


def touch_height(widget: QWidget) -> int:
    """A height a fingertip hits (about 2 lines of the widget's own font), never a fixed
    pixel size: at 150 % it grows with the font."""
    return widget.fontMetrics().height() * 2


def _card_of(widget: QWidget):
    while widget is not None and not hasattr(widget, "on_key"):
        widget = widget.parentWidget()
    return widget


class Routed:
    """Key presses and focus go first to the question's card (its ``on_key`` and
    ``on_focus``, which the filler sets). Overriding the two handlers, rather than an event
    filter on every widget, keeps the hundreds of other events a page sees out of Python."""

    def keyPressEvent(self, event) -> None:
        card = _card_of(self)
        if card is None or not card.on_key(self, event):
            super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        card = _card_of(self)
        if card is not None:
            card.on_focus()


class RoutedLineEdit(Routed, QLineEdit):
    pass


class RoutedRadio(Routed, QRadioButton):
    pass


class RoutedCheck(Routed, QCheckBox):
    pass


class TextInput(RoutedLineEdit):
    edited = Signal(str)

    def __init__(self, kind: str, appearance: str = "") -> None:
        super().__init__()
        self.setMinimumHeight(touch_height(self))
        if "numbers" in appearances(appearance):
            self.setValidator(QRegularExpressionValidator(PHONE_LIKE, self))
        if kind == INTEGER:
            self.setValidator(QIntValidator(self))
        elif kind == DECIMAL:
            validator = QDoubleValidator(self)
            validator.setNotation(QDoubleValidator.Notation.StandardNotation)
            self.setValidator(validator)
        elif kind == TIME:
            self.setPlaceholderText(_("hh:mm"))
        self.textEdited.connect(self.edited)

    def show_value(self, value: str) -> None:
        if self.text() != value:
            self.setText(value)


class DateInput(QWidget):
    edited = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = date_edit(allow_empty=True)
        self.edit.setMaximumDate(QDate(2200, 12, 31))  # follow-up dates lie ahead
        self.edit.setMinimumHeight(touch_height(self.edit))
        self.edit.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.edit)
        self.edit.dateChanged.connect(self._changed)
        self.edit.installEventFilter(self)  # the shared date edit is not ours to subclass
        self._showing = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        card = _card_of(self) if kind in _ROUTED_EVENTS else None
        if card is None:
            return False
        if kind == QEvent.Type.FocusIn:
            card.on_focus()
            return False
        return card.on_key(watched, event)

    def _changed(self) -> None:
        if not self._showing:
            value = get_date(self.edit)
            self.edited.emit(value.isoformat() if value else "")

    def show_value(self, value: str) -> None:
        try:
            date = dt.date.fromisoformat(value) if value else None
        except ValueError:
            date = None
        self._showing = True
        set_date(self.edit, date)
        self._showing = False


class ChoiceInput(QWidget):
    """Numbered choice buttons: radio buttons for one answer, check boxes for several."""

    edited = Signal(str)

    def __init__(self, kind: str, appearance: str = "") -> None:
        super().__init__()
        self.multiple = kind == SELECT_MULTIPLE
        self.side_by_side = side_by_side(appearance)
        if self.side_by_side:
            self._layout = FlowLayout(self, spacing=18, line_spacing=2)
        else:
            self._layout = QVBoxLayout(self)
            self._layout.setContentsMargins(0, 0, 0, 0)
            self._layout.setSpacing(2)
        self.buttons: list[QAbstractButton] = []
        self.names: list[str] = []
        self._value = ""

    def show_choices(self, choices: tuple[Choice, ...], labels: list[str]) -> None:
        names = [c.name for c in choices]
        if names == self.names and [b.text() for b in self.buttons] == self._texts(labels):
            return
        for button in self.buttons:
            button.deleteLater()
        self.buttons, self.names = [], names
        for index, label in enumerate(self._texts(labels)):
            button = RoutedCheck(label) if self.multiple else RoutedRadio(label)
            button.setAutoExclusive(False)  # the value says what is chosen, not Qt
            button.setMinimumHeight(touch_height(button))
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _checked=False, i=index: self.choose(i))
            self._layout.addWidget(button)
            button.show()  # now, not when the layout gets round to it: it may take focus next
            self.buttons.append(button)
        self._check()

    @staticmethod
    def _texts(labels: list[str]) -> list[str]:
        return [f"{key_of(i)}  {label}" if key_of(i) else label for i, label in enumerate(labels)]

    def choose(self, index: int) -> bool:
        """Choose (or, in a multi-select, toggle) the index-th choice; False if there is none."""
        if not 0 <= index < len(self.names):
            return False
        name = self.names[index]
        if self.multiple:
            chosen = self._value.split()
            chosen = [n for n in chosen if n != name] if name in chosen else [*chosen, name]
            self._value = " ".join(n for n in self.names if n in chosen)
        else:
            self._value = name
        self._check()
        self.buttons[index].setFocus()
        self.edited.emit(self._value)
        return True

    def focused_index(self) -> int:
        return next((i for i, b in enumerate(self.buttons) if b.hasFocus()), -1)

    def show_value(self, value: str) -> None:
        self._value = value
        self._check()

    def _check(self) -> None:
        chosen = set(self._value.split())
        for name, button in zip(self.names, self.buttons):
            button.setChecked(name in chosen)


def input_for(kind: str, appearance: str = "") -> QWidget:
    if kind == DATE:
        return DateInput()
    return TextInput(kind, appearance)
