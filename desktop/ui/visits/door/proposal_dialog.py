"""A roster change learnt at the door (a new phone, someone moved out or died, a new member, a
vacant flat): recorded as a proposal for the office to accept or reject, never applied here."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.roster.codes import RELATIONSHIPS, SEXES
from desktop.storage.database import Database
from desktop.ui.widgets.labels import message_label
from desktop.visits.doors.at_door import PROPOSAL_LABELS, checked_proposal
from desktop.visits.doors.reading import DoorMember
from desktop.visits.doors.recording import ProposalInput
from desktop.visits.records.visits import PROPOSAL_KINDS

# Which fields each kind asks for.
_NEEDS = {"phone": ("member", "phone"), "moved_out": ("member", "on"),
          "deceased": ("member", "on"), "new_member": ("name", "sex", "birth", "relationship"),
          "vacant": (), "other": ("member",)}


class ProposalDialog(QDialog):
    def __init__(self, db: Database, members: tuple[DoorMember, ...],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Roster change"))
        self._db = db
        self.proposal: ProposalInput | None = None
        self.kind = QComboBox()
        for kind in PROPOSAL_KINDS:
            self.kind.addItem(_(PROPOSAL_LABELS[kind]), kind)
        self.member = QComboBox()
        self.member.addItem(_("(the household)"), None)
        for m in members:
            self.member.addItem(f"{m.name}（{m.relationship}）" if m.relationship else m.name,
                                m.id)
        self.phone = QLineEdit()
        self.on = QLineEdit()
        self.on.setPlaceholderText(_("YYYY-MM-DD, if known"))
        self.name = QLineEdit()
        self.sex = QComboBox()
        for code, label in SEXES.items():
            self.sex.addItem(_(label), code)
        self.birth = QLineEdit()
        self.birth.setPlaceholderText(_("YYYY-MM-DD, if known"))
        self.relationship = QComboBox()
        self.relationship.addItem("", "")
        for code, label in RELATIONSHIPS.items():
            self.relationship.addItem(_(label), code)
        self.note = QLineEdit()
        self.form = QFormLayout()
        self.rows = {"member": self.member, "phone": self.phone, "on": self.on,
                     "name": self.name, "sex": self.sex, "birth": self.birth,
                     "relationship": self.relationship}
        self.form.addRow(_("What changed"), self.kind)
        self.form.addRow(_("Who"), self.member)
        self.form.addRow(_("New phone number"), self.phone)
        self.form.addRow(_("Since"), self.on)
        self.form.addRow(_("Name"), self.name)
        self.form.addRow(_("Sex"), self.sex)
        self.form.addRow(_("Date of birth"), self.birth)
        self.form.addRow(_("Relationship to the head"), self.relationship)
        self.form.addRow(_("Note"), self.note)
        self.message = message_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(lambda _i: self._show_fields())
        self._show_fields()

    def _show_fields(self) -> None:
        needs = _NEEDS[self.kind.currentData()]
        for name, widget in self.rows.items():
            self.form.setRowVisible(widget, name in needs)

    def current(self) -> ProposalInput:
        kind = self.kind.currentData()
        needs = _NEEDS[kind]
        detail: dict = {}
        if "phone" in needs:
            detail["phone"] = self.phone.text().strip()
        if "on" in needs and self.on.text().strip():
            detail["on"] = self.on.text().strip()
        if kind == "new_member":
            detail = {"name": self.name.text().strip(), "sex": self.sex.currentData(),
                      "birth_date": self.birth.text().strip(),
                      "relationship": self.relationship.currentData()}
        resident = self.member.currentData() if "member" in needs else None
        return ProposalInput(kind, resident, detail, self.note.text().strip())

    def accept(self) -> None:
        proposal = self.current()
        try:
            checked_proposal(self._db, proposal)
        except ValidationError as error:
            self.message.setText(error.message)
            return
        self.proposal = proposal
        super().accept()


def describe(proposal: ProposalInput, members: tuple[DoorMember, ...]) -> str:
    """One line for the list of changes: "New phone number: 张三明 13900001111"."""
    who = next((m.name for m in members if m.id == proposal.resident_id), "")
    detail = proposal.detail
    what = detail.get("phone") or detail.get("name") or detail.get("on") or ""
    parts = [p for p in (who, what, proposal.note) if p]
    label = _(PROPOSAL_LABELS.get(proposal.kind, proposal.kind))
    return _("{change}: {details}").format(change=label, details=" ".join(parts)) \
        if parts else label
