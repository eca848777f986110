"""The form filler: one scrolling page of questions, keyboard first, touch friendly.

It shows a ``FormFill`` and updates only the questions a change reached. Sections are
headings; the current question is highlighted; hidden questions disappear as answers change;
messages stand beside the question they concern. ``answers_changed`` carries the answers as
plain data after every change, so the caller can save on each one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QVBoxLayout, QWidget

from desktop.ui.visits.filler import keys
from desktop.ui.visits.filler.card import QuestionCard, wrapped
from desktop.ui.visits.filler.inputs import ChoiceInput
from desktop.ui.visits.filler.repeat import RepeatBlock
from desktop.visits.forms.filling import Change, Entry, FormFill, Key
from desktop.visits.forms.model import CALCULATE, METADATA, OTHER, Group, Question

PREPARE_AT_ONCE = 8  # hidden cards built per idle moment (a few ms: typing stays smooth)
BATCH = 3  # questions appearing at once in one container from which on they are batched

# Local to the filler: the current question's frame and the section headings.
STYLE = """
#questionCard { border: 2px solid transparent; border-radius: 8px; }
#questionCard[current="true"] { border: 2px solid palette(highlight); background: palette(base); }
#sectionHeading { font-size: 14pt; font-weight: bold; padding-top: 6px; }
#formTitle { font-size: 16pt; font-weight: bold; }
#questionTitle { font-weight: bold; }
"""


class FormFiller(QWidget):
    answers_changed = Signal(dict)

    def __init__(self, fill: FormFill, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fill = fill
        self.setStyleSheet(STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.scroll)
        self.current: Key | None = None
        self._focus: QWidget | None = None
        self._batching = False
        # Hidden cards are built a few at a time while nothing else happens.
        self._idle = QTimer(self)
        self._idle.setInterval(0)
        self._idle.timeout.connect(self._prepare_some)
        self._build()

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.cards: dict[Key, QuestionCard] = {}
        self.groups: dict[Key, QWidget] = {}
        self.repeats: dict[Key, RepeatBlock] = {}
        self._order: list[Key] | None = None
        content = QWidget()
        content.setObjectName("fillerContent")
        column = QVBoxLayout(content)
        title = self.fill.text(self.fill.form.title)
        if title:
            column.addWidget(wrapped(title, "formTitle"))
        self._add_nodes(column, self.fill.form.children, ())
        column.addStretch(1)
        if self.isVisible():
            self._idle.start()
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll.setWidget(content)

    def _add_nodes(self, layout: QVBoxLayout, nodes: tuple, entry: Entry) -> None:
        for node in nodes:
            name = self.fill.plan.key_for(node)
            if name is None:  # a second node of the same name (checks report it)
                if isinstance(node, Group) and not node.repeat:
                    self._add_nodes(layout, node.children, entry)
                continue
            key = (entry, name)
            if isinstance(node, Question):
                if node.type in (CALCULATE, METADATA) and not node.label:
                    continue  # worked out by the form, nothing to show
                card = QuestionCard(self.fill, key, node)
                card.edited.connect(self._edited)
                card.other_edited.connect(self._other_edited)
                card.clicked.connect(self._make_current)
                card.on_key = lambda widget, event, c=card: self._key_pressed(c, widget, event)
                card.on_focus = lambda c=card: self._batching or self._make_current(c.key)
                self.cards[key] = card
                layout.addWidget(card)
                card.show_state(self.fill.state(key))
            elif node.repeat:
                block = RepeatBlock(self.fill, node, entry, self._add_nodes, self._changed)
                self.repeats[key] = block
                self.groups[key] = block
                layout.addWidget(block)
                block.setVisible(self.fill.state(key).visible)
            else:
                box = QWidget()
                inner = QVBoxLayout(box)
                inner.setContentsMargins(0, 0, 0, 0)
                label = self.fill.text(node.label)
                if label:
                    inner.addWidget(wrapped(label, "sectionHeading"))
                self._add_nodes(inner, node.children, entry)
                self.groups[key] = box
                layout.addWidget(box)
                box.setVisible(self.fill.state(key).visible)

    # -- changes --------------------------------------------------------------------------

    def _edited(self, key: Key, value: str) -> None:
        self._changed(self.fill.set_answer(key, value))

    def _other_edited(self, key: Key, text: str) -> None:
        self._changed(self.fill.set_answer((key[0], key[1] + "_other"), text))

    def _changed(self, change: Change) -> None:
        self.apply(change)
        self.answers_changed.emit(self.fill.answers)

    def apply(self, change: Change) -> None:
        """Show what ``change`` says changed, and only that."""
        for key in change.repeats:
            block = self.repeats.get(key)
            if block is not None:
                self._forget(key)
                block.fill_entries()
                self._order = None
        shown = self._batch(change)
        for key in change.states:
            state = self.fill.state(key)
            card = self.cards.get(key)
            if card is not None and state is not None:
                if card.show_state(state):
                    self._order = None
            elif key in self.groups and state is not None:
                self.groups[key].setVisible(state.visible)
                self._order = None
        for box in shown:
            box.show()
        if shown and self._focus is not None and QApplication.focusWidget() is not self._focus:
            self._focus.setFocus(Qt.FocusReason.OtherFocusReason)  # where the person was
        self._focus = None

    def _batch(self, change: Change) -> list[QWidget]:
        """Containers in which several questions appear or disappear, hidden while that
        happens: shown again, they are laid out once rather than once per question (word-
        wrapped labels make each layout pass cost)."""
        counts: dict[int, list] = {}
        for key in change.states:
            card, state = self.cards.get(key), self.fill.state(key)
            if card is not None and state is not None and card.isHidden() == state.visible:
                box = card.parentWidget()
                counts.setdefault(id(box), [box, 0])[1] += 1
        boxes = [box for box, n in counts.values() if n >= BATCH and box.isVisible()]
        self._focus = QApplication.focusWidget() if boxes else None
        self._batching = True  # the focus leaves a hidden box for a moment: not a move
        for box in boxes:
            box.hide()
        self._batching = False
        return boxes

    def _forget(self, repeat: Key) -> None:
        """Cards of a repeat's entries about to be rebuilt."""
        entry, name = repeat
        depth = len(entry)
        for store in (self.cards, self.groups, self.repeats):
            for key in [k for k in store if len(k[0]) > depth and k[0][:depth] == entry
                        and k[0][depth][0] == name]:
                del store[key]

    def set_language(self, language: str | None) -> None:
        current = self.current
        self.fill.set_language(language)
        self._build()
        if current in self.cards:
            self._make_current(current)

    # -- moving around --------------------------------------------------------------------

    def order(self) -> list[Key]:
        """The questions a person answers, visible, in page order."""
        if self._order is None:
            self._order = [key for key in self._walk(self.fill.form.children, ())
                           if key in self.cards and self.cards[key].answers
                           and self.fill.state(key).visible]
        return self._order

    def _walk(self, nodes: tuple, entry: Entry):
        for node in nodes:
            if isinstance(node, Question):
                name = self.fill.plan.key_for(node)
                if name is not None:
                    yield (entry, name)
            elif isinstance(node, Group) and node.repeat:
                for index in range(self.fill.entry_count(node.name, entry)):
                    yield from self._walk(node.children, entry + ((node.name, index),))
            else:
                yield from self._walk(node.children, entry)

    def _section(self, key: Key) -> str:
        top = key[0][0][0] if key[0] else key[1]
        d = self.fill.plan.defs[top]
        while d.parent is not None:
            d = self.fill.plan.defs[d.parent]
        return d.name if d.is_group else ""

    def go_to(self, key: Key) -> None:
        self._make_current(key)
        card = self.cards[key]
        card.focus_target().setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll.ensureWidgetVisible(card, 0, card.fontMetrics().height())

    def _make_current(self, key: Key) -> None:
        if self.current == key:
            return
        if self.current in self.cards:
            self.cards[self.current].set_current(False)
            self.cards[self.current].touch()
        self.current = key
        if key in self.cards:
            self.cards[key].set_current(True)

    def move(self, step: int) -> bool:
        order = self.order()
        if not order:
            return False
        if self.current not in order:
            target = 0 if step > 0 else len(order) - 1
        else:
            target = order.index(self.current) + step
        if not 0 <= target < len(order):
            return False
        self.go_to(order[target])
        return True

    def move_section(self, step: int) -> bool:
        order = self.order()
        if not order:
            return False
        here = order.index(self.current) if self.current in order else 0
        sections = [self._section(key) for key in order]
        starts = [i for i, s in enumerate(sections) if i == 0 or sections[i - 1] != s]
        if step > 0:
            target = next((i for i in starts if i > here), None)
        else:
            before = [i for i in starts if i < here]
            target = before[-1] if before else None
        if target is None:
            return False
        self.go_to(order[target])
        return True

    def show_all_problems(self) -> list[Key]:
        """Every question's message, required ones too (the person wants to finish); the
        questions that have one, in page order, the first of them made current."""
        for card in self.cards.values():
            card.touch()
        keys = [key for key in self._walk(self.fill.form.children, ())
                if (state := self.fill.state(key)) is not None and state.visible
                and state.problem and key in self.cards]
        if keys:
            self.go_to(keys[0])
        return keys

    def _prepare_some(self) -> None:
        pending = [card for card in self.cards.values() if not card.built][:PREPARE_AT_ONCE]
        for card in pending:
            card.prepare()
        if not pending:
            self._idle.stop()

    def preparing(self) -> bool:
        """Whether hidden questions are still being built in idle time."""
        return self._idle.isActive()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._idle.start()
        if self.current is None and self.order():
            self.go_to(self.order()[0])

    def _key_pressed(self, card: QuestionCard, widget: QWidget, event: QKeyEvent) -> bool:
        """A key pressed in ``card``'s widgets: True when the filler used it."""
        choices = card.input if isinstance(card.input, ChoiceInput) else None
        found = keys.action(event, choices is not None and widget is not card.other,
                            choices is not None and choices.multiple)
        if found is None:
            return False
        what, index = found
        if what == keys.NEXT:
            self.move(1)
        elif what == keys.PREVIOUS:
            self.move(-1)
        elif what == keys.NEXT_SECTION:
            self.move_section(1)
        elif what == keys.PREVIOUS_SECTION:
            self.move_section(-1)
        elif what == keys.TOGGLE:
            choices.choose(max(choices.focused_index(), 0))
        elif what == keys.CHOOSE and choices.choose(index):
            self._after_choice(card, choices, index)
        return True

    def _after_choice(self, card: QuestionCard, choices: ChoiceInput, index: int) -> None:
        """One key per question: choosing the answer of a single-choice question moves on,
        except to "other", whose text comes next."""
        if choices.multiple:
            return
        if choices.names[index] == OTHER and card.other is not None:
            card.other.setFocus()
            return
        self.move(1)
