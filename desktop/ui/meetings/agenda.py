"""A meeting's agenda: its items in order, each with who raised it and the discussion; the
decisions taken on it, a voted one with 同意 / 反对 / 弃权 and its rule, said passed or not as
the counts are typed; and the action items (the three lists) it opens."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import LinliError
from desktop.core.i18n import _
from desktop.ui.meetings import names, reads
from desktop.ui.operations import Operations
from desktop.ui.widgets.form import FieldGrid
from desktop.ui.widgets.labels import message_label

# The "about" choice holds a campaign's id, or this prefix and an owners' vote's id.
VOTE_PREFIX = "vote:"


def _row(layout) -> QWidget:
    holder = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    holder.setLayout(layout)
    return holder


def decision_text(decision) -> str:
    outcome = getattr(decision, "outcome", None)
    verdict = ""
    if outcome is not None and outcome.passed is not None:
        verdict = _("passed") if outcome.passed else _("not passed")
        verdict = _("{for_} for, {against} against, {abstain} abstaining: {verdict}").format(
            for_=decision.votes_for or 0, against=decision.votes_against or 0,
            abstain=decision.abstentions or 0, verdict=verdict)
    return f"{decision.text}\n{verdict}".strip()


class AgendaEditor(QWidget):
    def __init__(self, ctx, runner, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx, self._runner = ctx, runner
        self.meeting_id: str | None = None
        self.agenda = []
        self.pending: str | None = None  # an item just made: chosen when the page reloads
        # The items in a list across the top (the form below gets the whole width): the
        # last entry is a new item.
        self.items = QComboBox()
        self.items.setAccessibleName(_("Agenda items"))
        self.items.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.items.setMinimumContentsLength(12)
        self.items.currentIndexChanged.connect(lambda _i: self._show_item())
        caption = QLabel(_("A&genda item:"))
        caption.setBuddy(self.items)
        self.new_item_button = QPushButton(_("New &item"))
        self.new_item_button.clicked.connect(self.new_item)
        top = QHBoxLayout()
        top.addWidget(caption)
        top.addWidget(self.items, 1)
        top.addWidget(self.new_item_button)

        form = QWidget()
        body = QVBoxLayout(form)
        self.item_grid = grid = FieldGrid()
        self.title = grid.add("title", _("&Title:"), QLineEdit())
        self.raised_by = grid.add("raised_by", _("Raised &by:"), QLineEdit())
        self.campaign = grid.add("campaign", _("About the ca&mpaign or vote:"), QComboBox())
        self.campaign.setToolTip(_("The visiting campaign or owners' vote this item is about, "
                                   "if any: the minutes name it and how it stands."))
        self.discussion = grid.add("discussion", _("Dis&cussion:"), QPlainTextEdit())
        self.discussion.setTabChangesFocus(True)
        # A few lines in view: the decisions under it stay in reach on a small window.
        lines = self.discussion.fontMetrics().lineSpacing()
        self.discussion.setFixedHeight(lines * 4 + 12)
        self.save_item_button = QPushButton(_("Save &agenda item"))
        self.save_item_button.clicked.connect(lambda: self.save_item())
        body.addLayout(grid)
        body.addWidget(self.save_item_button)
        self.decisions = QLabel()
        self.decisions.setWordWrap(True)
        body.addWidget(self.decisions)
        body.addWidget(self._decision_box())
        body.addWidget(self._action_box())
        self.message = message_label()
        body.addWidget(self.message)
        body.addStretch(1)
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

    def _decision_box(self) -> QGroupBox:
        box = QGroupBox(_("Decision"))
        grid = self.decision_grid = FieldGrid()
        # A decision already taken is chosen here to correct its text or counts, or removed.
        self.decision_choice = grid.add("decision", _("Correc&t:"), QComboBox())
        self.decision_choice.currentIndexChanged.connect(lambda _i: self._show_decision())
        self.decision = grid.add("text", _("D&ecision:"), QLineEdit())
        self.rule = grid.add("rule", _("R&ule:"), QComboBox())
        names.fill_combo(self.rule, names.RULES)
        counts = QWidget()
        row = QGridLayout(counts)
        row.setContentsMargins(0, 0, 0, 0)
        self.votes = {}
        for index, (field, label) in enumerate((
                ("votes_for", _("For")), ("votes_against", _("Against")),
                ("abstentions", _("Abstaining")), ("members", _("All members")))):
            spin = QSpinBox()
            spin.setRange(0, 100000)
            spin.setAccessibleName(label)
            spin.valueChanged.connect(lambda _v: self._show_outcome())
            caption = QLabel(label)
            caption.setBuddy(spin)
            row.addWidget(caption, index // 2, (index % 2) * 2)
            row.addWidget(spin, index // 2, (index % 2) * 2 + 1)
            self.votes[field] = spin
        row.setColumnStretch(1, 1)
        row.setColumnStretch(3, 1)
        grid.add("votes", _("&Votes:"), counts)
        self.rule.currentIndexChanged.connect(lambda _i: self._show_outcome())
        self.outcome = QLabel()
        self.outcome.setObjectName("voteOutcome")
        self.outcome.setWordWrap(True)
        grid.add_widget(self.outcome)
        self.add_decision_button = QPushButton(_("Add &decision"))
        self.add_decision_button.clicked.connect(lambda: self.add_decision())
        self.delete_decision_button = QPushButton(_("Remo&ve decision"))
        self.delete_decision_button.clicked.connect(lambda: self.delete_decision())
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_decision_button)
        buttons.addWidget(self.delete_decision_button)
        grid.add_widget(_row(buttons))
        box.setLayout(grid)
        self._show_outcome()
        return box

    def _action_box(self) -> QGroupBox:
        box = QGroupBox(_("Action item (three lists)"))
        grid = self.action_grid = FieldGrid()
        self.problem = grid.add("problem", _("&Problem:"), QLineEdit())
        self.responsible = grid.add("responsible", _("Responsib&le:"), QComboBox())
        names.fill_combo(self.responsible, names.PARTIES,
                         ("community", "owners_committee", "property_company", "other"))
        self.person = grid.add("responsible_person", _("Pe&rson:"), QLineEdit())
        self.remedy = grid.add("remedy", _("Re&medy:"), QLineEdit())
        self.due = grid.add("due", _("D&ue:"), QDateEdit())
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.add_action_button = QPushButton(_("Add action i&tem"))
        self.add_action_button.clicked.connect(lambda: self.add_action())
        grid.add_widget(self.add_action_button)
        box.setLayout(grid)
        return box

    def _counts(self) -> dict:
        rule = self.rule.currentData()
        if rule == "none":
            return {"rule": rule, "votes_for": None, "votes_against": None,
                    "abstentions": None, "members": None}
        counts = {field: spin.value() for field, spin in self.votes.items()}
        if rule != "majority_of_members" and not counts["members"]:
            counts["members"] = None
        return {"rule": rule, **counts}

    def _show_outcome(self) -> None:
        from desktop.meetings.voting import vote_outcome

        voted = self.rule.currentData() != "none"
        for spin in self.votes.values():
            spin.setEnabled(voted)
        try:
            outcome = vote_outcome(**self._counts())
        except LinliError as exc:
            self.outcome.setText(exc.message)
            return
        self.outcome.setText(outcome.explanation if voted else "")

    # -- showing ---------------------------------------------------------------------------

    def show_agenda(self, meeting_id: str | None, agenda, select: str | None = None) -> None:
        self.meeting_id = meeting_id
        self.agenda = list(agenda)
        chosen = select or self.pending or self.items.currentData()
        self.pending = None
        self.items.blockSignals(True)
        self.items.clear()
        for number, item in enumerate(self.agenda, 1):
            self.items.addItem(f"{number}. {item.title}", item.id)
        self.items.addItem(_("(a new item)"), None)
        index = self.items.findData(chosen) if chosen else -1
        self.items.setCurrentIndex(max(index, 0))
        self.items.blockSignals(False)
        self.message.clear()
        self._show_item()

    def current(self):
        chosen = self.items.currentData()
        return next((item for item in self.agenda if item.id == chosen), None)

    def _show_item(self) -> None:
        item = self.current()
        self.title.setText(item.title if item else "")
        self.raised_by.setText(getattr(item, "raised_by", "") if item else "")
        vote_id = getattr(item, "vote_id", None) if item else None
        self._fill_campaigns(VOTE_PREFIX + vote_id if vote_id else
                             getattr(item, "campaign_id", None) if item else None)
        self.discussion.setPlainText(getattr(item, "discussion", "") if item else "")
        decisions = getattr(item, "decisions", ()) if item else ()
        self.decisions.setText("\n".join(f"{i}. {decision_text(d)}"
                                         for i, d in enumerate(decisions, 1)))
        self.decisions.setVisible(bool(decisions))
        self.decision_choice.blockSignals(True)
        self.decision_choice.clear()
        self.decision_choice.addItem(_("(a new decision)"), None)
        for i, decision in enumerate(decisions, 1):
            self.decision_choice.addItem(f"{i}. {decision.text}", decision.id)
        self.decision_choice.blockSignals(False)
        self._show_decision()

    def current_decision(self):
        chosen = self.decision_choice.currentData()
        item = self.current()
        return next((d for d in getattr(item, "decisions", ()) if d.id == chosen), None)

    def _show_decision(self) -> None:
        decision = self.current_decision()
        self.decision.setText(decision.text if decision else "")
        names.choose(self.rule, decision.rule if decision else "none")
        for field, spin in self.votes.items():
            spin.setValue((getattr(decision, field) or 0) if decision else 0)
        self.add_decision_button.setText(_("Save &decision") if decision
                                         else _("Add &decision"))
        self.delete_decision_button.setEnabled(decision is not None)
        self._show_outcome()

    def _fill_campaigns(self, chosen: str | None) -> None:
        self.campaign.clear()
        self.campaign.addItem(_("(none)"), None)
        for campaign_id, name in reads.campaigns(self._ctx.db):
            self.campaign.addItem(name, campaign_id)
        for vote_id, title in reads.votes(self._ctx.db):
            self.campaign.addItem(_("Owners' vote: {title}").format(title=title),
                                  VOTE_PREFIX + vote_id)
        self.campaign.setCurrentIndex(max(0, self.campaign.findData(chosen)))

    def new_item(self) -> None:
        self.items.setCurrentIndex(self.items.count() - 1)
        self._show_item()
        self.title.setFocus()

    # -- writing ---------------------------------------------------------------------------

    def _write(self, work, label: str, after=None):
        """``after(result)`` once written (before the page reloads); a refusal keeps what was
        typed, said under the form."""
        self.message.clear()
        return Operations.of(self._runner).write(
            self._ctx, work, label=label, parent=self, progress=False,
            on_done=(lambda result, _c: after(result)) if after else None,
            on_refused=lambda error: self.message.setText(error.message))

    def save_item(self):
        if self.meeting_id is None:
            return None
        from desktop.meetings.service import save_agenda_item

        item = self.current()
        meeting_id, item_id = self.meeting_id, item.id if item else None
        title, raised_by = self.title.text().strip(), self.raised_by.text().strip()
        discussion = self.discussion.toPlainText()
        about = self.campaign.currentData() or ""
        campaign_id = None if about.startswith(VOTE_PREFIX) else about or None
        vote_id = about.removeprefix(VOTE_PREFIX) if about.startswith(VOTE_PREFIX) else None
        return self._write(lambda uow: save_agenda_item(
            uow, meeting_id, title, raised_by=raised_by, discussion=discussion,
            item_id=item_id, campaign_id=campaign_id, vote_id=vote_id), _("Save agenda item {title}").format(title=title),
            lambda new_id: setattr(self, "pending", new_id))

    def add_decision(self):
        if self.meeting_id is None:
            return None
        from desktop.meetings.service import save_decision

        item, decision = self.current(), self.current_decision()
        meeting_id, text, counts = self.meeting_id, self.decision.text().strip(), self._counts()
        agenda_item_id = item.id if item else None
        decision_id = decision.id if decision else None
        return self._write(lambda uow: save_decision(
            uow, meeting_id, text, agenda_item_id=agenda_item_id, decision_id=decision_id,
            **counts), _("Save decision") if decision else _("Add decision"),
            lambda _id: self.decision.clear())

    def delete_decision(self):
        decision = self.current_decision()
        if self.meeting_id is None or decision is None:
            return None
        from desktop.meetings.service import delete_decision

        meeting_id, decision_id = self.meeting_id, decision.id
        return self._write(lambda uow: delete_decision(uow, meeting_id, decision_id),
                           _("Remove decision"))

    def add_action(self):
        if self.meeting_id is None:
            return None
        from desktop.meetings.actions import ActionDraft, add_action

        due = self.due.date().toPython()
        draft = ActionDraft(problem=self.problem.text().strip(),
                            responsible=self.responsible.currentData(),
                            responsible_person=self.person.text().strip(),
                            remedy=self.remedy.text().strip(), due=due)
        meeting_id = self.meeting_id
        return self._write(lambda uow: add_action(uow, draft, meeting_id=meeting_id),
                           _("Add action item"), lambda _id: self._clear_action())

    def _clear_action(self) -> None:
        for edit in (self.problem, self.person, self.remedy):
            edit.clear()

    def set_default_due(self, day: dt.date) -> None:
        self.due.setDate(QDate(day))
