"""Edit… a vote still collecting: its title, the proposal, the collection period (an office
often gives owners a few more days). Who votes and the matter stay as the vote was opened:
the electorate and the bar were announced with it. Saved through the one write path, with
Undo; a refusal (a period ending before it starts) stays in the dialog, nothing written."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _
from desktop.ui.operations import Operations
from desktop.ui.widgets.labels import message_label
from desktop.ui.widgets.period import day_of, period_fields
from desktop.ui.widgets.write_dialog import show_refusal


class EditVoteDialog(QDialog):
    saved = Signal(str)  # the vote's id

    def __init__(self, ctx, runner, detail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._runner = ctx, runner
        self.vote_id = detail.id
        self.task = None
        self.setWindowTitle(_("Edit vote"))
        self.title = QLineEdit(detail.title)
        self.proposal = QPlainTextEdit(detail.proposal)
        self.proposal.setTabChangesFocus(True)
        self.opens_on, self.closes_on, period = period_fields(detail.opens_on, detail.closes_on)
        form = QFormLayout()
        form.addRow(_("&Title"), self.title)
        form.addRow(_("&Proposal"), self.proposal)
        form.addRow(_("Collection period"), period)
        self.message = message_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(640, 380)
        self.title.setFocus()

    def save(self):
        from desktop.votes.service import edit_vote

        vote_id, title = self.vote_id, self.title.text()
        proposal = self.proposal.toPlainText()
        opens_on, closes_on = day_of(self.opens_on), day_of(self.closes_on)
        self.message.clear()
        self.save_button.setEnabled(False)

        def done(_result, _changes) -> None:
            self.saved.emit(vote_id)
            self.accept()

        def refused(error) -> None:
            show_refusal(error, self.message, self.save_button, {
                "title": self.title, "proposal": self.proposal, "opens_on": self.opens_on,
                "closes_on": self.closes_on})

        self.task = Operations.of(self._runner).write(
            self._ctx, lambda uow: edit_vote(uow, vote_id, title=title, proposal=proposal,
                                             opens_on=opens_on, closes_on=closes_on),
            label=_("Edit vote {title}").format(title=title.strip()), parent=self,
            progress=False, on_done=done, on_refused=refused)
        return self.task
