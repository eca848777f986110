"""The "At the door" tab: the volunteer's screen. Choose the campaign and yourself; my doors
in walking order; the next door not done yet one key away (N); at a door the outcome first
(1–5), the form, Finish (Ctrl+Enter) and on to the next door. Every change is a draft saved
at once, so on the next start the tab asks "Continue the visit at 3-2-501?".

F11 (or the button) shows the same screen full-screen for a volunteer on a small laptop.
Reads go through ``desktop.visits.doors.at_door``; every write through the one write path.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.core.errors import LinliError
from desktop.core.i18n import _, ngettext
from desktop.storage.changes import ChangeSet
from desktop.ui.tasks import TaskRunner
from desktop.ui.visits.door.door_list import DoorList
from desktop.ui.visits.door.door_view import DoorView
from desktop.ui.visits.door.saver import DraftSaver
from desktop.ui.widgets.flow import FlowLayout
from desktop.ui.widgets.status import tell
from desktop.visits.doors import at_door
from desktop.visits.doors.reading import next_undone

# Tables whose changes the tab shows.
TABLES = {"campaign", "campaign_visitor", "campaign_door", "visit", "household", "resident",
          "dwelling", "resident_tag"}
FULL_SCREEN_KEYS = "F11"


_TYPING = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)


class _Body(QWidget):
    """Everything the tab shows; it moves into a window of its own in full-screen mode."""

    def __init__(self, tab: DoorTab) -> None:
        super().__init__()
        self._tab = tab

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._tab.key_pressed(event):
            super().keyPressEvent(event)


class DoorTab(QWidget):
    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx, self._runner = ctx, runner
        self.rows = []
        self.door_id: str | None = None
        self.full_screen: QWidget | None = None
        self.saver = DraftSaver(ctx, runner, self, self._save_refused)
        self._asked_drafts = False
        self._forms: dict[str, object] = {}  # campaign id → (version id, Form) or None
        self._shown_own_visit = False

        self.body = _Body(self)
        self.campaign = QComboBox()
        self.campaign.setAccessibleName(_("Campaign"))
        self.campaign.currentIndexChanged.connect(lambda _i: self._campaign_changed())
        self.visitor = QComboBox()
        self.visitor.setAccessibleName(_("Me (the visitor)"))
        self.visitor.currentIndexChanged.connect(lambda _i: self.show_doors())
        self.progress = QLabel()
        self.next_button = QPushButton(_("Next door (N)"))
        self.next_button.setToolTip(_("Open the next door not done yet, in walking order "
                                      "(key N)."))
        self.next_button.clicked.connect(lambda: self.open_next())
        self.full_button = QPushButton(_("Full screen (F11)"))
        self.full_button.setToolTip(_("Show this screen alone on the whole screen; F11 again "
                                      "to come back."))
        self.full_button.clicked.connect(self.toggle_full_screen)
        self.bar = bar = QWidget()
        flow = FlowLayout(bar)
        flow.setContentsMargins(0, 0, 0, 0)
        for widget in (QLabel(_("Campaign")), self.campaign, QLabel(_("Me")), self.visitor,
                       self.progress, self.next_button, self.full_button):
            flow.addWidget(widget)

        self.banner = QFrame()
        self.banner.setObjectName("badge")
        banner_row = QHBoxLayout(self.banner)
        banner_row.setContentsMargins(6, 2, 6, 2)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.continue_button = QPushButton(_("Continue"))
        self.continue_button.clicked.connect(self.continue_draft)
        self.later_button = QPushButton(_("Not now"))
        self.later_button.clicked.connect(lambda: self.banner.hide())
        banner_row.addWidget(self.banner_text, 1)
        banner_row.addWidget(self.continue_button)
        banner_row.addWidget(self.later_button)
        self.banner.hide()
        self._draft_waiting = None

        self.empty = QLabel(_("No campaign has doors for you yet. The office makes campaigns "
                              "on the Campaigns tab, or sends them in a bundle."))
        self.empty.setWordWrap(True)
        self.list = DoorList()
        self.list.open_requested.connect(self.open_door)
        self.list.next_requested.connect(lambda: self.open_next())
        self.door = DoorView(ctx.db)
        self.door.back_requested.connect(self.show_list)
        self.door.full_screen_requested.connect(self.toggle_full_screen)
        self.door.correct_requested.connect(self.correct)
        self.door.changed.connect(lambda fields: self.saver.save(**fields))
        self.door.finish_requested.connect(self.finish)
        self.door.discard_requested.connect(self.discard)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.door)

        column = QVBoxLayout(self.body)
        column.setContentsMargins(0, 4, 0, 0)
        column.addWidget(bar)
        column.addWidget(self.banner)
        column.addWidget(self.empty)
        column.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.body)
        shortcut = QShortcut(QKeySequence(FULL_SCREEN_KEYS), self.body)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.toggle_full_screen)

    def hasHeightForWidth(self) -> bool:
        # The page scrolls when its content is taller than the window; its height would then
        # come from the door's wrapped rows at their preferred heights (the form's whole
        # length), pushing Finish below the fold on a small laptop. The screen fits the
        # window instead, and the form scrolls inside it.
        return False

    # -- loading ----------------------------------------------------------------------------

    def load(self) -> None:
        self._forms.clear()  # a form version may have arrived in a bundle since
        chosen = self.campaign.currentData()
        choices = at_door.campaigns(self._ctx.db)
        drafts = at_door.drafts(self._ctx.db)
        if chosen is None and drafts:
            chosen = drafts[0].campaign_id
        self.campaign.blockSignals(True)
        self.campaign.clear()
        for choice in choices:
            self.campaign.addItem(choice.name, choice.id)
        index = self.campaign.findData(chosen)
        self.campaign.setCurrentIndex(index if index >= 0 else 0 if choices else -1)
        self.campaign.blockSignals(False)
        first = self.visitor.currentData() is None  # later loads keep the visitor chosen
        self._campaign_changed(drafts[0].visitor_id if drafts and first else None)
        if not self._asked_drafts:
            self._asked_drafts = True
            self._offer(drafts)

    def refresh(self, changes: ChangeSet | None = None) -> None:
        if changes is not None and not (changes.tables & TABLES):
            return
        if changes is not None and changes.tables <= {"visit", "roster_proposal"}:
            if self._shown_own_visit:  # the visit just finished here: shown already
                self._shown_own_visit = False
                return
            self.show_doors()  # a visit recorded: states change, campaigns do not
        else:
            self.load()
        if self.door_id is not None and self.stack.currentWidget() is self.door \
                and (changes is None or changes.tables - {"visit", "roster_proposal"}):
            # The roster changed under the open door: show the household anew, but leave the
            # visit being answered as it is (changes on their way to the draft included).
            try:
                self.door.show_household(at_door.door(self._ctx.db, self.door_id))
            except LinliError as error:
                self.door.say(error.message)

    def _campaign_changed(self, visitor_id: str | None = None) -> None:
        campaign_id = self.campaign.currentData()
        wanted = visitor_id or self.visitor.currentData()
        self.visitor.blockSignals(True)
        self.visitor.clear()
        people = at_door.visitors(self._ctx.db, campaign_id) if campaign_id else []
        for person in people:
            self.visitor.addItem(person.name, person.id)
        index = self.visitor.findData(wanted)
        if index < 0:  # the operator, when they are a visitor of this campaign
            index = max(self.visitor.findText(self._ctx.operator or ""), 0)
        self.visitor.setCurrentIndex(index if people else -1)
        self.visitor.blockSignals(False)
        self.show_doors()

    def show_doors(self) -> None:
        campaign_id, visitor_id = self.campaign.currentData(), self.visitor.currentData()
        self.rows = at_door.doors(self._ctx.db, campaign_id, visitor_id) \
            if campaign_id and visitor_id else []
        first_to_do = next((r.id for r in self.rows if not r.done), None)
        self.list.set_rows(self.rows, self.door_id or first_to_do)
        done = sum(1 for r in self.rows if r.done)
        self.progress.setText(ngettext("{done} of {count} door done",
                                       "{done} of {count} doors done",
                                       len(self.rows)).format(done=done, count=len(self.rows)))
        self.empty.setVisible(not self.rows)
        self.stack.setVisible(bool(self.rows) or self.stack.currentWidget() is self.door)
        self.next_button.setEnabled(any(not r.done for r in self.rows))

    # -- drafts -----------------------------------------------------------------------------

    def _offer(self, drafts) -> None:
        """On start: the visit being answered when the app last stopped, to continue."""
        if not drafts:
            return
        first = drafts[0]
        self._draft_waiting = first
        text = _("Continue the visit at {door}?").format(
            door=first.short_address or first.address)
        if len(drafts) > 1:
            text += " " + ngettext("({count} more visit is being answered.)",
                                   "({count} more visits are being answered.)",
                                   len(drafts) - 1).format(count=len(drafts) - 1)
        if first.problem:
            text += " " + first.problem
        self.banner_text.setText(text)
        self.banner.show()
        self.continue_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def continue_draft(self) -> None:
        draft = self._draft_waiting
        self.banner.hide()
        if draft is None:
            return
        index = self.campaign.findData(draft.campaign_id)
        if index >= 0 and index != self.campaign.currentIndex():
            self.campaign.setCurrentIndex(index)
        visitor = self.visitor.findData(draft.visitor_id)
        if visitor >= 0 and visitor != self.visitor.currentIndex():
            self.visitor.setCurrentIndex(visitor)
        self.open_door(draft.door_id)

    # -- doors ------------------------------------------------------------------------------

    def open_door(self, door_id: str) -> None:
        self.banner.hide()
        self.door_id = door_id
        self.saver.start(door_id, self.visitor.currentData())
        self._reshow_door()
        self.stack.setVisible(True)
        self.stack.setCurrentWidget(self.door)
        self.bar.hide()
        self.door.outcomes.setFocus(Qt.FocusReason.OtherFocusReason)

    def _reshow_door(self) -> None:
        db = self._ctx.db
        try:
            detail = at_door.door(db, self.door_id)
        except LinliError as error:
            self.show_list()
            tell(self, error.message)
            return
        draft = at_door.draft(db, detail.draft_id) if detail.draft_id else None
        campaign_id = detail.place.campaign_id
        if campaign_id not in self._forms:  # a campaign's form version never changes
            self._forms[campaign_id] = at_door.form(db, campaign_id)
        form = self._forms[campaign_id]
        members = at_door.household_members(db, detail.place.household_id
                                            if not detail.problem else None)
        self.door.show_door(detail, draft, form[1] if form else None, members)

    def open_next(self, after: str | None = None) -> bool:
        """Open the next door not done yet after ``after`` (or the one open); False if none."""
        states = {r.id: r.state for r in self.rows}
        door_id = next_undone([r.id for r in self.rows], states, after or self.door_id)
        if door_id is None:
            self.show_list()
            tell(self, _("Every one of your doors is done."))
            return False
        self.open_door(door_id)
        return True

    def show_list(self) -> None:
        self.bar.show()
        self.stack.setCurrentWidget(self.list)
        self.list.select(self.door_id)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def key_pressed(self, event: QKeyEvent) -> bool:
        """N on the door screen, outside the form and text fields: the next door; Enter on
        the "Continue the visit?" question (a push button takes only Space outside dialogs)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.banner.isVisible() \
                and self.banner.isAncestorOf(QApplication.focusWidget()):
            if QApplication.focusWidget() is self.later_button:
                self.banner.hide()
            else:
                self.continue_draft()
            return True
        if event.key() != Qt.Key.Key_N or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        focus = QApplication.focusWidget()
        filler = self.door.filler
        if focus is not None and (isinstance(focus, _TYPING) or (
                filler is not None and filler.isAncestorOf(focus))):
            return False  # an N typed in an answer is not a wish to leave the door
        self.open_next()
        return True

    # -- writes -----------------------------------------------------------------------------

    def finish(self) -> None:
        if self.door_id is None or self.stack.currentWidget() is not self.door:
            return
        if self.door.answers_problem():
            return
        door_id = self.door_id
        self.saver.finish(lambda _visit_id: self._finished(door_id), self._finish_refused)

    def _finished(self, door_id: str) -> None:
        tell(self, _("The visit at {door} is saved.").format(
            door=self.door.detail.place.short_address if self.door.detail else ""))
        self.show_doors()
        self._shown_own_visit = True  # the write's broadcast that follows need not reload
        self.open_next(door_id)

    def _finish_refused(self, error: LinliError) -> None:
        self.door.say(error.message)

    def _save_refused(self, error: LinliError) -> None:
        self.door.say(error.message)

    def correct(self, visit_id: str) -> None:
        """A draft replacing that visit, prefilled with what it said, opened to edit."""
        from desktop.ui.operations import Operations
        from desktop.visits.doors.recording import correct_visit

        door_id = self.door_id
        Operations.of(self._runner).write(
            self._ctx, lambda uow: correct_visit(uow, visit_id), label=_("Correct the visit"),
            parent=self, progress=False, undoable=False,
            on_done=lambda *_a: self.open_door(door_id) if self.door_id == door_id else None,
            on_refused=lambda error: self.door.say(error.message))

    def discard(self) -> None:
        def done() -> None:
            self.show_doors()
            self.show_list()

        self.saver.discard(done)

    # -- full screen ------------------------------------------------------------------------

    def before_lock(self) -> None:
        """The window is about to lock: the visit being answered goes to its draft now (the
        lock waits for the write; unlocked, the door is shown as it was)."""
        self.saver.flush()

    def toggle_full_screen(self) -> None:
        """F11: this screen alone on the whole screen, or back into the page."""
        from desktop.ui.visits.door.full_screen import enter, leave

        if self.full_screen is None:
            self.full_screen = enter(self, self.body)
        else:
            window, self.full_screen = self.full_screen, None
            leave(self, self.body, window)
        text = _("Leave full screen (F11)") if self.full_screen else _("Full screen (F11)")
        for button in (self.full_button, self.door.full):
            button.setText(text)
