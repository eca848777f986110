"""Who came to a meeting: people picked from the roster (searched as on the roster page:
name, pinyin, 简/繁, address, phone) or typed in (消防大队, a lawyer), each with a party and
出席 / 列席 / 请假 / 缺席; counted per party. Save writes the whole list at once."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _
from desktop.ui.meetings import names, reads
from desktop.ui.operations import Operations
from desktop.ui.widgets.labels import message_label

NAME, PARTY, ATTENDANCE, ORGANISATION = range(4)
ROLE = Qt.ItemDataRole.UserRole


class RosterPicker(QDialog):
    """Type to find residents; Enter (or Add) takes the chosen ones."""

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Add residents from the roster"))
        self._db, self._index = db, None
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Name, pinyin, address or phone"))
        self.search.setAccessibleName(_("Search the roster"))
        self.found = QListWidget()
        self.found.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.search.textChanged.connect(self.find)
        self.search.returnPressed.connect(self._take_first)
        self.found.itemActivated.connect(lambda _i: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        add = buttons.addButton(_("&Add"), QDialogButtonBox.ButtonRole.AcceptRole)
        add.setDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.found, 1)
        layout.addWidget(buttons)
        self.resize(420, 380)

    def find(self, text: str) -> None:
        if self._index is None:
            self._index = reads.search_index(self._db)
        ids = self._index.match(text)
        self.found.clear()
        for resident_id, name, address in reads.residents(self._db, ids or []):
            item = QListWidgetItem(f"{name}  {address}".strip())
            item.setData(ROLE, (resident_id, name))
            self.found.addItem(item)
        if self.found.count():
            self.found.setCurrentRow(0)

    def _take_first(self) -> None:
        if self.found.count():
            self.accept()

    def chosen(self) -> list[tuple[str, str]]:
        items = self.found.selectedItems() or ([self.found.currentItem()]
                                               if self.found.currentItem() else [])
        return [item.data(ROLE) for item in items]


class AttendanceEditor(QWidget):
    def __init__(self, ctx, runner, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx, self._runner = ctx, runner
        self.meeting_id: str | None = None
        self.picker = None
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([_("Name"), _("Party"), _("Attendance"),
                                              _("Organisation")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setAccessibleName(_("Attendees"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.message = message_label()
        self.roster_button = QPushButton(_("From the &roster…"))
        self.outside_button = QPushButton(_("&Outside person"))
        self.remove_button = QPushButton(_("Re&move"))
        self.save_button = QPushButton(_("&Save attendance"))
        self.roster_button.clicked.connect(lambda: self.pick())
        self.outside_button.clicked.connect(lambda: self.add_row("", "outside"))
        self.remove_button.clicked.connect(self.remove_current)
        self.save_button.clicked.connect(lambda: self.save())
        row = QHBoxLayout()
        for button in (self.roster_button, self.outside_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.counts)
        layout.addWidget(self.message)

    def show_attendees(self, meeting_id: str | None, attendees) -> None:
        self.meeting_id = meeting_id
        self.table.setRowCount(0)
        for person in attendees:
            self.add_row(person.name, person.party, person.attendance,
                         getattr(person, "organisation", ""),
                         getattr(person, "resident_id", None), focus=False)
        self.message.clear()
        self._count()

    def add_row(self, name: str, party: str, attendance: str = "present",
                organisation: str = "", resident_id: str | None = None,
                focus: bool = True) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        item = QTableWidgetItem(name)
        item.setData(ROLE, resident_id)
        self.table.setItem(row, NAME, item)
        party_box, attendance_box = QComboBox(), QComboBox()
        names.fill_combo(party_box, names.PARTIES)
        names.fill_combo(attendance_box, names.ATTENDANCE)
        names.choose(party_box, party)
        names.choose(attendance_box, attendance)
        party_box.currentIndexChanged.connect(lambda _i: self._count())
        attendance_box.currentIndexChanged.connect(lambda _i: self._count())
        self.table.setCellWidget(row, PARTY, party_box)
        self.table.setCellWidget(row, ATTENDANCE, attendance_box)
        self.table.setItem(row, ORGANISATION, QTableWidgetItem(organisation))
        self.table.resizeColumnsToContents()
        if focus:
            self.table.setCurrentCell(row, NAME)
            if not name:
                self.table.editItem(item)
        self._count()
        return row

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._count()

    def pick(self):
        self.picker = RosterPicker(self._ctx.db, self)
        self.picker.accepted.connect(self._picked)
        self.picker.open()
        return self.picker

    def _picked(self) -> None:
        for resident_id, name in self.picker.chosen():
            self.add_row(name, "resident", resident_id=resident_id, focus=False)
        self.table.setCurrentCell(self.table.rowCount() - 1, NAME)
        self.table.setFocus()  # the keyboard goes on from the people just added

    def drafts(self) -> list:
        from desktop.meetings.service import AttendeeDraft

        people = []
        for row in range(self.table.rowCount()):
            name = self.table.item(row, NAME)
            organisation = self.table.item(row, ORGANISATION)
            people.append(AttendeeDraft(
                name=(name.text() if name else "").strip(),
                party=self.table.cellWidget(row, PARTY).currentData(),
                attendance=self.table.cellWidget(row, ATTENDANCE).currentData(),
                organisation=(organisation.text() if organisation else "").strip(),
                resident_id=name.data(ROLE) if name else None))
        return people

    def _count(self) -> None:
        """Those attending (出席 and 列席) per party, then how many sent apologies or were
        absent: what the minutes state."""
        attending, others = Counter(), Counter()
        for row in range(self.table.rowCount()):
            attendance = self.table.cellWidget(row, ATTENDANCE).currentData()
            if attendance in ("present", "observer"):
                attending[self.table.cellWidget(row, PARTY).currentData()] += 1
            else:
                others[attendance] += 1
        parts = [_("Attending: {counts}").format(counts="; ".join(
            f"{names.name(names.PARTIES, party)} {n}" for party, n in attending.items()))
            if attending else _("Nobody is marked as attending yet.")]
        parts += [f"{names.name(names.ATTENDANCE, kind)} {n}" for kind, n in others.items()]
        self.counts.setText(" · ".join(parts))

    def save(self):
        if self.meeting_id is None:
            return None
        from desktop.meetings.service import set_attendees

        meeting_id, people = self.meeting_id, self.drafts()
        self.message.clear()
        return Operations.of(self._runner).write(
            self._ctx, lambda uow: set_attendees(uow, meeting_id, people),
            label=_("Save attendance"), parent=self, progress=False,
            on_refused=lambda error: self.message.setText(error.message))
