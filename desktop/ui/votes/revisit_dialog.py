"""Revisit campaign…: a home-visits campaign of the dwellings not yet voted, in walking order,
whose form is the vote's ballot, shared among the visitors named here. Made through the
window's one write path; it then appears on the Home visits page."""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _, ngettext
from desktop.ui.operations import Operations
from desktop.ui.widgets.labels import message_label
from desktop.ui.widgets.status import tell
from desktop.ui.widgets.write_dialog import ok_cancel, show_refusal


def visitor_names(text: str) -> list[str]:
    """Names typed with commas (either width), 、 or semicolons between them."""
    return [name.strip() for name in re.split(r"[,，、;；\n]", text) if name.strip()]


class RevisitDialog(QDialog):
    def __init__(self, ctx, runner, detail, outstanding: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._runner = ctx, runner
        self.vote_id = detail.id
        self.task = None
        self.campaign_id = None
        self.setWindowTitle(_("Revisit campaign"))
        about = QLabel(ngettext(
            "A home-visits campaign of the {count} dwelling not yet voted, in walking order; "
            "the visitors record the owner's opinion on the vote's ballot form.",
            "A home-visits campaign of the {count} dwellings not yet voted, in walking "
            "order; the visitors record each owner's opinion on the vote's ballot form.",
            outstanding).format(count=f"{outstanding:,}"))
        about.setWordWrap(True)
        self.name = QLineEdit(_("Revisit: {title}").format(title=detail.title))
        self.visitors = QLineEdit()
        self.visitors.setPlaceholderText(_("e.g. 王小红, 李建国"))
        form = QFormLayout()
        form.addRow(_("&Name"), self.name)
        form.addRow(_("&Visitors"), self.visitors)
        self.message = message_label()
        buttons, self.create_button = ok_cancel(self, _("&Create campaign"), self.create)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(560, 220)
        self.visitors.setFocus()

    def create(self):
        from desktop.votes.revisits import revisit_campaign

        vote_id, name = self.vote_id, self.name.text().strip()
        names = visitor_names(self.visitors.text())
        self.message.clear()
        self.create_button.setEnabled(False)

        def done(campaign_id, _changes) -> None:
            self.campaign_id = campaign_id
            tell(self.parentWidget(), _("The campaign {name} was made: find it on the Home "
                                        "visits page.").format(name=name))
            self.accept()

        self.task = Operations.of(self._runner).write(
            self._ctx, lambda uow, task_ctx: revisit_campaign(uow, vote_id, name, names,
                                                              task_ctx),
            label=_("Revisit campaign {name}").format(name=name), parent=self,
            title=_("Making the revisit campaign"), on_done=done,
            on_refused=lambda error: show_refusal(error, self.message, self.create_button),
            reports=True)
        return self.task
