"""One question on the page: its label, hint, answer widget, "please specify" box and, beside
it, the required or constraint message. It shows a ``QuestionState`` and says what the person
changed; the filler decides everything else."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.core.i18n import _
from desktop.ui.visits.filler.inputs import (
    ChoiceInput,
    RoutedLineEdit,
    input_for,
    touch_height,
)
from desktop.visits.forms.filling import FormFill, Key, QuestionState
from desktop.visits.forms.model import NOTE, UNSUPPORTED, Question


def wrapped(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # a form's label is text, never HTML
    if name:
        label.setObjectName(name)
    return label


class QuestionCard(QFrame):
    """Built empty; its label, answer widget and message are made the first time it is
    shown, so a long form opens with only what can be seen (skip logic hides most of it)."""

    edited = Signal(object, str)  # the instance's key, the new answer
    other_edited = Signal(object, str)  # the instance's key, the "please specify" text
    clicked = Signal(object)  # touched: becomes the current question

    def __init__(self, fill: FormFill, key: Key, question: Question) -> None:
        super().__init__()
        self.setObjectName("questionCard")
        self.setProperty("current", False)
        self.key, self.question, self.fill = key, question, fill
        # What the filler does with a key press and with the focus (set by the filler).
        self.on_key: Callable[[QWidget, object], bool] = lambda _widget, _event: False
        self.on_focus: Callable[[], None] = lambda: None
        self.built = False
        # A required question says it needs an answer once the person has been there and
        # left it (or asked to see every problem), not on a form just opened.
        self.touched = False
        self.input: QWidget | None = None
        self.value_label: QLabel | None = None
        self.other: QLineEdit | None = None
        self.answers = question.type != NOTE and question.type != UNSUPPORTED \
            and question.answerable and not question.read_only

    def _build(self) -> None:
        self.built = True
        question = self.question
        layout = QVBoxLayout(self)
        self.title = wrapped(name="questionTitle")
        self.hint = wrapped(name="note")
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        if question.type == UNSUPPORTED:
            reason = question.unsupported_reason or _("This question cannot be filled here.")
            layout.addWidget(wrapped(reason, "note"))
            self.setEnabled(False)  # greyed: shown so nobody wonders where it went
        elif question.type == NOTE:
            pass
        elif not self.answers:
            self.value_label = wrapped(name="questionValue")
            self.value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(self.value_label)
        elif question.is_select:
            self.input = ChoiceInput(question.type, question.appearance)
            layout.addWidget(self.input)
            self.input.edited.connect(lambda value: self.edited.emit(self.key, value))
            if question.or_other:
                self.other = RoutedLineEdit()
                self.other.setPlaceholderText(_("Please specify"))
                self.other.setMinimumHeight(touch_height(self.other))
                self.other.textEdited.connect(lambda text: self.other_edited.emit(self.key, text))
                self.other.hide()
                layout.addWidget(self.other)
        else:
            self.input = input_for(question.type, question.appearance)
            layout.addWidget(self.input)
            self.input.edited.connect(lambda value: self.edited.emit(self.key, value))
        self.problem = wrapped(name="fieldProblem")
        self.problem.hide()
        layout.addWidget(self.problem)
        self.hint.hide()

    def prepare(self) -> None:
        """Build and style a hidden card ahead of time (when the filler is idle), so that
        the answer that reveals it costs only showing it."""
        if self.built:
            return
        self._build()
        state = self.fill.state(self.key)
        if isinstance(self.input, ChoiceInput) and state is not None:
            self.input.show_choices(state.choices, [self.fill.text(c.label) or c.name
                                                    for c in state.choices])
        for widget in (self, *self.findChildren(QWidget)):
            widget.ensurePolished()

    def show_state(self, state: QuestionState) -> bool:
        """Show ``state``; whether the card appeared or disappeared."""
        moved = self.isHidden() == state.visible
        self.setVisible(state.visible)
        if not state.visible:
            return moved
        if not self.built:
            self._build()
        title = state.label or self.question.name
        self.title.setText(_("{label} *").format(label=title) if state.required else title)
        if self.hint.text() != state.hint:
            self.hint.setText(state.hint)
        self.hint.setVisible(bool(state.hint))
        if isinstance(self.input, ChoiceInput):
            self.input.show_choices(state.choices, [self.fill.text(c.label) or c.name
                                                    for c in state.choices])
        if self.input is not None:
            self.input.show_value(state.value)
        if self.value_label is not None:
            self.value_label.setText(state.value or "—")
        if self.other is not None:
            self.other.setVisible(state.other)
            if self.other.text() != state.other_text:
                self.other.setText(state.other_text)
        problem = state.problem if self.touched or not state.missing else ""
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        return moved

    def touch(self) -> None:
        if not self.touched:
            self.touched = True
            state = self.fill.state(self.key)
            if state is not None and state.visible and state.missing:
                self.show_state(state)

    def focus_target(self) -> QWidget:
        if isinstance(self.input, ChoiceInput):
            buttons = self.input.buttons
            return next((b for b in buttons if b.isChecked()), buttons[0]) if buttons else self
        if self.input is not None:
            return self.input.focusProxy() or self.input
        return self

    def set_current(self, current: bool) -> None:
        if self.property("current") != current:
            self.setProperty("current", current)
            self.style().unpolish(self)
            self.style().polish(self)

    def mousePressEvent(self, event) -> None:
        self.clicked.emit(self.key)
        super().mousePressEvent(event)
