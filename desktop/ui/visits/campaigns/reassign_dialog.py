"""Reassign unfinished doors: every door of one visitor that is not done yet goes to another
visitor of the campaign, or to a new one named here — one action, one undo."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.core.i18n import _, ngettext
from desktop.ui.operations import Operations
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.labels import message_label
from desktop.ui.widgets.write_dialog import ok_cancel

NEW = "__new__"


class ReassignDialog(QDialog):
    moved = Signal(int)  # how many doors

    def __init__(self, ctx: AppContext, runner: TaskRunner, summary,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._runner = ctx, runner
        self.summary = summary
        self.task = None
        self.setWindowTitle(_("Reassign unfinished doors"))
        self.source = QComboBox()
        self.target = QComboBox()
        for visitor in summary.visitors:
            left = visitor.doors - visitor.done
            self.source.addItem(ngettext("{name} ({count} door not done)",
                                         "{name} ({count} doors not done)", left)
                                .format(name=visitor.name, count=left), visitor.id)
            self.target.addItem(visitor.name, visitor.id)
        self.target.addItem(_("A new visitor…"), NEW)
        busiest = max(range(len(summary.visitors)), default=0,
                      key=lambda i: summary.visitors[i].doors - summary.visitors[i].done)
        self.source.setCurrentIndex(busiest)
        self.target.setCurrentIndex(0 if busiest else min(1, self.target.count() - 1))
        self.new_name = QLineEdit()
        self.new_phone = QLineEdit()
        note = QLabel(_("Doors already done stay with whoever visited them."))
        note.setObjectName("note")
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("&From"), self.source)
        form.addRow(_("&To"), self.target)
        form.addRow(_("New visitor's &name"), self.new_name)
        form.addRow(_("New visitor's &phone"), self.new_phone)
        self.form = form
        self.message = message_label()
        self.buttons, _ok = ok_cancel(self, _("Reassign"), self.reassign)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.target.currentIndexChanged.connect(lambda _i: self._target_changed())
        self._target_changed()

    def _target_changed(self) -> None:
        new = self.target.currentData() == NEW
        for edit in (self.new_name, self.new_phone):
            edit.setEnabled(new)
            self.form.labelForField(edit).setEnabled(new)

    def reassign(self):
        from desktop.visits.campaigns.service import (
            VisitorPlan,
            add_visitor,
            reassign_unfinished,
        )

        campaign_id = self.summary.id
        source, target = self.source.currentData(), self.target.currentData()
        name, phone = self.new_name.text(), self.new_phone.text()

        def work(uow) -> int:
            to = add_visitor(uow, campaign_id, VisitorPlan(name, phone)) \
                if target == NEW else target
            return reassign_unfinished(uow, campaign_id, source, to)

        def done(count, _changes) -> None:
            self.moved.emit(count)
            self.accept()

        return Operations.of(self._runner).write(
            self._ctx, work, label=_("Reassign unfinished doors"), parent=self,
            progress=False, on_done=done,
            on_refused=lambda error: self.message.setText(error.message))
