"""One door: the household on the left (address, members with age, relationship and tags,
earlier visits; never an ID number), the visit on the right — outcome first, one key each,
then the form for a completed visit, a follow-up flag, roster changes, and Finish.

Every change goes to the ``DraftSaver`` at once. A door that no longer fits the roster (the
household moved, was deleted, the flat was removed) says so above everything else.
"""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _, current_language, ngettext
from desktop.ui.visits.door.outcomes import OutcomeBar, state_label
from desktop.ui.visits.door.proposal_dialog import ProposalDialog, describe
from desktop.ui.widgets.flow import FlowLayout
from desktop.ui.widgets.labels import message_label
from desktop.ui.widgets.splitter import SharingSplitter
from desktop.visits.doors.at_door import DraftState
from desktop.visits.doors.reading import DoorDetail
from desktop.visits.doors.recording import ProposalInput
from desktop.visits.forms.model import Form, language_for

FINISH_KEYS = "Ctrl+Return"
PROPOSAL_KEYS = "Ctrl+R"


def _when(moment: dt.datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else ""


def household_html(detail: DoorDetail) -> str:
    """The household as the volunteer reads it before knocking."""
    parts = []
    if detail.members:
        rows = []
        for m in detail.members:
            age = ngettext("{age} year", "{age} years", m.age).format(age=m.age) \
                if m.age is not None else ""
            tags = "".join(f" <span style='background:#fff1c2;color:#6b4e00'>&nbsp;"
                           f"{html.escape(t)}&nbsp;</span>" for t in m.tags)
            phone = f"<br><span style='color:gray'>{html.escape(m.phone)}</span>" \
                if m.phone else ""
            rows.append(f"<b>{html.escape(m.name)}</b> "
                        + " · ".join(f"<nobr>{html.escape(p)}</nobr>"
                                     for p in (m.relationship, age) if p) + tags + phone)
        parts.append("<br>".join(rows))
    elif not detail.problem:
        parts.append(html.escape(_("No one is on the roster here.")))
    if detail.visits:
        lines = []
        for v in detail.visits:
            line = f"{_when(v.visited_at)} · {html.escape(state_label(v.outcome))}"
            # A name never breaks in the middle in a narrow column.
            line += f" · <nobr>{html.escape(v.visitor_name)}</nobr>" if v.visitor_name else ""
            if v.replaced:
                line = f"<s>{line}</s> " + html.escape(_("(corrected)"))
            if v.follow_up:
                line += " · " + html.escape(_("follow-up: {note}").format(note=v.follow_up_note))
            lines.append(line)
        parts.append("<b>" + html.escape(_("Earlier visits")) + "</b><br>" + "<br>".join(lines))
    else:
        parts.append("<span style='color:gray'>" + html.escape(_("No visits here yet.")) +
                     "</span>")
    return "<p>" + "</p><p>".join(parts) + "</p>"


class DoorView(QWidget):
    back_requested = Signal()
    correct_requested = Signal(str)  # the id of the visit to correct
    full_screen_requested = Signal()
    finish_requested = Signal()
    discard_requested = Signal()
    changed = Signal(dict)  # fields of the draft that changed: save them

    def __init__(self, db, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.detail: DoorDetail | None = None
        self.form: Form | None = None
        self.members_for_form: list[dict] = []
        self.filler = None
        self.proposals: list[ProposalInput] = []
        self._restoring = False

        self.back = QPushButton(_("← My doors"))
        self.back.setToolTip(_("Back to the list of my doors (Esc)"))
        self.back.clicked.connect(self.back_requested)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.address = QLabel()
        self.address.setWordWrap(True)
        self.state = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.back)
        top.addWidget(self.title)
        top.addWidget(self.address, 1)
        top.addWidget(self.state)
        # The campaign bar is hidden at a door (room for the form): full screen is here too.
        self.full = QPushButton(_("Full screen (F11)"))
        self.full.setToolTip(_("Show this screen alone on the whole screen; F11 again to come "
                               "back."))
        self.full.clicked.connect(self.full_screen_requested)
        top.addWidget(self.full)
        self.problem = QLabel()
        self.problem.setObjectName("badge")
        self.problem.setWordWrap(True)

        self.household = QLabel()
        self.household.setWordWrap(True)
        self.household.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.household.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left = QScrollArea()
        left.setWidgetResizable(True)
        left.setFrameShape(QFrame.Shape.NoFrame)
        left.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left.setWidget(self.household)

        self.outcomes = OutcomeBar()
        self.outcomes.chosen.connect(self._outcome_chosen)
        self.callback = QDateTimeEdit()
        self.callback.setCalendarPopup(True)
        self.callback.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.callback.setAccessibleName(_("When to come back"))
        self.callback.dateTimeChanged.connect(lambda _v: self._emit(
            callback_at=self.callback.dateTime().toPython().replace(second=0, microsecond=0)))
        self.callback_row = QWidget()
        row = QHBoxLayout(self.callback_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(_("Come back on")))
        row.addWidget(self.callback)
        row.addStretch()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setObjectName("note")
        self.form_area = QVBoxLayout()
        self.form_area.setContentsMargins(0, 0, 0, 0)

        self.follow_up = QCheckBox(_("Follow &up"))
        self.follow_up.setToolTip(_("The office should follow this household up (someone "
                                    "needs help, for example)."))
        self.follow_up.toggled.connect(self._follow_up_toggled)
        self.follow_up_note = QLineEdit()
        self.follow_up_note.setPlaceholderText(_("What is needed"))
        self.follow_up_note.setAccessibleName(_("What is needed"))
        self.follow_up_note.textEdited.connect(lambda text: self._emit(follow_up_note=text))
        self.propose = QPushButton(_("Roster &change…"))
        self.propose.setToolTip(_("Something on the roster is no longer right: a new phone, "
                                  "someone moved out or died, a new member, a vacant flat "
                                  "({keys}).").format(keys=PROPOSAL_KEYS))
        self.propose.clicked.connect(self.add_proposal)
        self.proposal_list = QLabel()
        self.proposal_list.setWordWrap(True)
        self.finish = QPushButton(_("Finish visit"))
        self.finish.setObjectName("primary")
        self.finish.setToolTip(_("Save the visit and go to the next door ({keys}).").format(
            keys=QKeySequence(FINISH_KEYS).toString(QKeySequence.SequenceFormat.NativeText)))
        self.finish.clicked.connect(self.finish_requested)
        self.discard = QPushButton(_("Discard"))
        self.discard.setToolTip(_("Forget what was recorded at this door; no visit is saved."))
        self.discard.clicked.connect(self.discard_requested)
        self.message = message_label()
        self.message.hide()
        # A finished visit is never edited: correcting it writes a new one that replaces it.
        self.correct = QPushButton(_("Correct the last visit"))
        self.correct.setToolTip(_("Record this door's last visit again, starting from what "
                                  "it said; the earlier one stays in the history."))
        self.correct.clicked.connect(self._correct)

        # Outcome and the visit's own buttons span the whole width, each on one row, so the
        # form between them keeps the height a small laptop has.
        extras = QWidget()
        flow = FlowLayout(extras)
        flow.setContentsMargins(0, 0, 0, 0)
        for widget in (self.follow_up, self.follow_up_note, self.propose, self.correct,
                       self.discard, self.finish):
            flow.addWidget(widget)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(6, 0, 0, 0)
        column.addWidget(self.hint)
        column.addLayout(self.form_area, 1)
        column.addWidget(self.proposal_list)
        column.addWidget(self.message)

        self.splitter = SharingSplitter.between([left, right], 0.3, 200, 340)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.problem)
        layout.addWidget(self.outcomes)
        layout.addWidget(self.callback_row)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(extras)

        for keys, slot in ((FINISH_KEYS, self.finish_requested.emit),
                           ("Ctrl+Enter", self.finish_requested.emit),
                           (PROPOSAL_KEYS, self.add_proposal),
                           ("Esc", self.back_requested.emit)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # -- showing a door ---------------------------------------------------------------------

    def show_door(self, detail: DoorDetail, draft: DraftState | None,
                  form: Form | None, members_for_form: list[dict]) -> None:
        self._restoring = True
        self.form, self.members_for_form = form, members_for_form
        self.show_household(detail)
        self.say("")
        self._drop_filler()
        self.outcomes.set_outcome(draft.outcome if draft else "")
        back = draft.callback_at if draft and draft.callback_at else None
        self.callback.setDateTime(QDateTime(back) if back else self._tomorrow_evening())
        self.follow_up.setChecked(bool(draft and draft.follow_up))
        self.follow_up_note.setText(draft.follow_up_note if draft else "")
        self.follow_up_note.setEnabled(self.follow_up.isChecked())
        self.proposals = list(draft.proposals) if draft else []
        self._show_proposals()
        self._show_outcome(draft.outcome if draft else "", draft.answers if draft else None)
        self.correct.setVisible(draft is None and self._last_visit() is not None)
        self._restoring = False
        self.outcomes.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_household(self, detail: DoorDetail) -> None:
        """The door's place, household and earlier visits (not the visit being answered)."""
        self.detail = detail
        self.title.setText(detail.place.short_address)
        self.address.setText(detail.place.address)
        self.state.setText(state_label(detail.state.outcome))
        self.problem.setText(detail.problem)
        self.problem.setVisible(bool(detail.problem))
        self.household.setText(household_html(detail))

    @staticmethod
    def _tomorrow_evening() -> QDateTime:
        tomorrow = QDateTime.currentDateTime().addDays(1)
        tomorrow.setTime(QTime(18, 0))
        return tomorrow

    def _show_outcome(self, outcome: str, answers: dict | None = None) -> None:
        self.callback_row.setVisible(outcome == "revisit")
        if outcome == "completed":
            self.hint.setVisible(self.form is None)
            self.hint.setText(_("The campaign's form is not on this computer: the answers "
                                "cannot be recorded here."))
            if self.filler is None and self.form is not None:
                self._make_filler(answers)
        else:
            self._drop_filler()
            self.hint.setVisible(True)
            self.hint.setText(_("Choose the outcome first: 1 to 5.") if not outcome else
                              _("Press {keys} to finish the visit.").format(
                                  keys=QKeySequence(FINISH_KEYS).toString(
                                      QKeySequence.SequenceFormat.NativeText)))

    def _make_filler(self, answers: dict | None) -> None:
        from desktop.ui.visits.filler import FormFiller
        from desktop.visits.forms.filling import FormFill

        fill = FormFill(self.form, answers or None,
                        language=language_for(self.form, current_language()),
                        household_members=self.members_for_form, today=dt.date.today())
        self.filler = FormFiller(fill)
        self.filler.answers_changed.connect(lambda a: self._emit(answers=a))
        self.form_area.addWidget(self.filler, 1)

    def _drop_filler(self) -> None:
        if self.filler is not None:
            self.form_area.removeWidget(self.filler)
            self.filler.deleteLater()
            self.filler = None

    # -- changes ----------------------------------------------------------------------------

    def _emit(self, **fields) -> None:
        if not self._restoring and self.detail is not None:
            self.changed.emit(fields)

    def _last_visit(self) -> str | None:
        """The door's latest visit that no other replaces (the one a correction replaces)."""
        visits = [v for v in self.detail.visits if not v.replaced] if self.detail else []
        return visits[-1].id if visits else None

    def _correct(self) -> None:
        visit_id = self._last_visit()
        if visit_id is not None:
            self.correct_requested.emit(visit_id)

    def say(self, text: str) -> None:
        """A message under the form (what stopped Finish); hidden when there is none."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _outcome_chosen(self, outcome: str) -> None:
        self.say("")
        self.correct.hide()  # a new attempt is being recorded now
        self._show_outcome(outcome)
        fields: dict = {"outcome": outcome}
        if outcome == "completed" and self.filler is not None:
            fields["answers"] = self.filler.fill.answers
        if outcome == "revisit":
            fields["callback_at"] = self.callback.dateTime().toPython().replace(
                second=0, microsecond=0)
        self._emit(**fields)
        if outcome == "completed" and self.filler is not None:
            order = self.filler.order()
            if order:
                self.filler.go_to(order[0])
        elif outcome == "revisit":
            self.callback.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.finish.setFocus(Qt.FocusReason.OtherFocusReason)

    def _follow_up_toggled(self, on: bool) -> None:
        self.follow_up_note.setEnabled(on)
        self._emit(follow_up=on)
        if on and not self._restoring:
            self.follow_up_note.setFocus(Qt.FocusReason.OtherFocusReason)

    def add_proposal(self) -> ProposalDialog | None:
        if self.detail is None:
            return None
        dialog = ProposalDialog(self._db, self.detail.members, self)

        def accepted() -> None:
            if dialog.proposal is not None:
                self.proposals.append(dialog.proposal)
                self._show_proposals()
                self._emit(proposals=list(self.proposals))

        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    def _show_proposals(self) -> None:
        members = self.detail.members if self.detail else ()
        lines = [describe(p, members) for p in self.proposals]
        self.proposal_list.setText("\n".join(lines))
        self.proposal_list.setVisible(bool(lines))

    def answers_problem(self) -> bool:
        """Whether the form has answers missing or wrong (marked, and the first shown)."""
        if self.outcomes.outcome != "completed" or self.filler is None:
            return False
        keys = self.filler.show_all_problems()
        if not keys:
            return False
        self.filler.go_to(keys[0])
        self.say(_("Some answers are missing or not right: see the marked questions."))
        return True
