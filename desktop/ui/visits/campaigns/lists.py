"""The Campaigns tab's lists: follow-ups, roster proposals to accept or reject, and visits
kept for review. Each shows plain rows; the proposals' decisions go through the tab."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.core.i18n import _, format_datetime
from desktop.ui.visits.campaigns.grid_table import GridTable
from desktop.ui.visits.campaigns.states import state_label
from desktop.ui.widgets.labels import message_label


def _list(table: GridTable, empty_text: str, *extra: QWidget) -> tuple[QWidget, QLabel]:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(6, 6, 6, 6)
    empty = QLabel(empty_text)
    empty.setWordWrap(True)
    column.addWidget(empty)
    column.addWidget(table, 1)
    for widget in extra:
        column.addWidget(widget)
    return box, empty


class FollowUpsView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = GridTable([_("Address"), _("Note"), _("Visitor"), _("Visited"),
                                _("Outcome")], _("Follow-ups"))
        box, self.empty = _list(self.table, _("No visit was flagged for follow-up."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)

    def set_rows(self, rows) -> None:
        self.rows = list(rows)
        self.table.set_rows([(r.address, r.note, r.visitor, format_datetime(r.visited_at),
                              state_label(r.outcome)) for r in self.rows],
                            [r.visit_id for r in self.rows])
        self.empty.setVisible(not self.rows)
        self.table.setVisible(bool(self.rows))


class ProposalsView(QWidget):
    decide = Signal(str, bool)  # proposal id, accept

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = []
        self.table = GridTable([_("Address"), _("Resident"), _("Proposal"), _("Note"),
                                _("Proposed by"), _("When"), _("Problem")],
                               _("Roster proposals"))
        self.accept_button = QPushButton(_("Acc&ept"))
        self.reject_button = QPushButton(_("Re&ject"))
        self.accept_button.setToolTip(_("Change the roster as proposed (an ordinary roster "
                                        "edit, which Undo takes back)."))
        self.reject_button.setToolTip(_("Leave the roster as it is; the proposal is kept as "
                                        "a record."))
        buttons = QWidget()
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.accept_button)
        row.addWidget(self.reject_button)
        row.addStretch(1)
        self.message = message_label()
        box, self.empty = _list(self.table, _("No roster proposals are waiting."), buttons,
                                self.message)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        self.accept_button.clicked.connect(lambda: self._decide(True))
        self.reject_button.clicked.connect(lambda: self._decide(False))
        self.table.itemSelectionChanged.connect(self._update)
        self._update()

    def set_rows(self, rows) -> None:
        chosen = self.table.current_id()
        self.rows = list(rows)
        self.table.set_rows([(r.address, r.resident, r.learnt, r.note, r.proposed_by,
                              format_datetime(r.proposed_at), r.problem) for r in self.rows],
                            [r.id for r in self.rows])
        ids = [r.id for r in self.rows]
        if self.rows:
            self.table.selectRow(ids.index(chosen) if chosen in ids else 0)
        self.empty.setVisible(not self.rows)
        self.table.setVisible(bool(self.rows))
        self._update()

    def _update(self) -> None:
        chosen = self.table.current_id() is not None
        self.accept_button.setEnabled(chosen)
        self.reject_button.setEnabled(chosen)

    def _decide(self, accept: bool) -> None:
        proposal_id = self.table.current_id()
        if proposal_id is not None:
            self.message.clear()
            self.decide.emit(proposal_id, accept)


class ReviewView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = GridTable([_("Why it needs a look"), _("Visited"), _("Address"),
                                _("Visitor"), _("Outcome")], _("Visits to review"))
        note = QLabel(_("These visits are kept, but count in neither coverage nor results "
                        "until the roster or the form they need is here."))
        note.setObjectName("note")
        note.setWordWrap(True)
        box, self.empty = _list(self.table, _("No visits need a look."), note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)

    def set_rows(self, rows) -> None:
        self.rows = list(rows)
        self.table.set_rows([(r.reason, format_datetime(r.visited_at),
                              r.address or _("(not on this computer)"), r.visitor,
                              state_label(r.outcome)) for r in self.rows],
                            [r.id for r in self.rows])
        self.empty.setVisible(not self.rows)
        self.table.setVisible(bool(self.rows))
