"""Add or edit a resident: checked as you type, with duplicates offered instead of twins.

Checks run ~150 ms after the last keystroke (one indexed query): errors show red under their
field and keep Save disabled; warnings show amber and do not block. A valid ID number fills in
the birth date and sex. Every write goes through the window's one write path (one unit of work on
the database lane, pushed onto the session's undo stack); ``changed`` carries each write's
ChangeSet to whoever shows it (the household view), and the pages hear of it from the window.
"""

from __future__ import annotations

from PySide6.QtCore import QMetaMethod, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.context import AppContext
from desktop.core.i18n import _, format_date
from desktop.roster import codes, edit_reads
from desktop.roster.editing import (
    ResidentCheck,
    ResidentDraft,
    mark_deceased,
    mark_moved_out,
    move_resident,
    reactivate,
    save_resident,
)
from desktop.roster.screen_mask import ScreenMask
from desktop.security.audit import Action
from desktop.storage.changes import ChangeSet
from desktop.ui.operations import Operations, in_fields
from desktop.ui.printing.pdf_dialog import record_later
from desktop.ui.roster.dialogs.actions import DateDialog, HouseholdPicker
from desktop.ui.roster.dialogs.duplicates import DuplicatePanel, merge_changes
from desktop.ui.roster.dialogs.masked_fields import MaskedFields
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.form import (
    FieldGrid,
    chain_tab_order,
    code_combo,
    date_edit,
    get_date,
    save_cancel_buttons,
    set_combo_code,
    set_date,
)

CHECK_DELAY_MS = 150


class ResidentDialog(QDialog):
    changed = Signal(object)  # ChangeSet of each write (save, move, mark)
    open_resident_requested = Signal(str)  # "Open that person" on the duplicate panel

    def __init__(self, ctx: AppContext, runner: TaskRunner, resident_id: str | None = None,
                 household_id: str | None = None, parent: QWidget | None = None,
                 mask: ScreenMask | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("residentDialog")
        self._ctx, self._runner = ctx, runner
        self.resident_id = resident_id
        self.household_id = household_id
        self.saved_id: str | None = None
        self.changes = ChangeSet()
        self.check: ResidentCheck | None = None
        self.child_dialog: QDialog | None = None
        self._last_id_text = ""
        self.writing = None  # the write on its way (one at a time)
        form = edit_reads.resident_form(ctx.db, resident_id, household_id)
        draft, tags = form.draft, form.tags
        if resident_id is not None:
            # Who looked at whom, wherever the details open from (the roster, a household, a
            # possible duplicate): by the resident's id, never the name.
            record_later(runner, ctx.db, Action.RESIDENT_OPENED, resident_id)
        self.household_id, self._address = form.household_id, form.address
        self.setWindowTitle(_("Edit resident") if resident_id else _("Add resident"))
        self.setMinimumWidth(820)
        self._build(tags)
        self.set_draft(draft)
        self.mask = mask if mask is not None else ScreenMask.for_context(ctx)
        self.masked_fields = MaskedFields(self.mask, resident_id, self.edits, self.grids)
        self._last_id_text = self.edits["id_number"].text()
        self._timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._timer.timeout.connect(self.validate)
        self._connect_changes()
        self.validate()
        self._show_status()
        self.edits["name"].setFocus(Qt.FocusReason.OtherFocusReason)

    # -- building the form ---------------------------------------------------------------

    def _build(self, tags: dict[str, str]) -> None:
        heading = QLabel(self.windowTitle())
        heading.setObjectName("dialogTitle")
        self.where = QLabel(self._address or _("Not in a household"))
        self.where.setObjectName("note")
        left, right = FieldGrid(), FieldGrid()
        line = QLineEdit
        self.edits: dict[str, QWidget] = {
            "name": left.add("name", _("Full &name:"), line()),
            "id_number": left.add("id_number", _("&ID number:"), line()),
            "sex": left.add("sex", _("Se&x:"), code_combo(codes.SEXES)),
            "birth_date": left.add("birth_date", _("&Birth date:"), date_edit()),
            "phone": left.add("phone", _("&Phone:"), line()),
            "phone2": left.add("phone2", _("Second p&hone:"), line()),
            "relationship": right.add("relationship", _("&Relationship:"),
                                      code_combo(codes.RELATIONSHIPS, empty=_("(not set)"))),
            "residence_status": right.add("residence_status", _("Resi&dence:"),
                                          code_combo(codes.RESIDENCE_STATUSES)),
            "ethnicity": right.add("ethnicity", _("&Ethnic group:"),
                                   code_combo(codes.ETHNICITIES)),
            "political_status": right.add("political_status", _("Politi&cal status:"),
                                          code_combo(codes.POLITICAL_STATUSES)),
            "hukou_address": right.add("hukou_address", _("Re&gistered address:"), line()),
            "work_unit": right.add("work_unit", _("&Work unit:"), line()),
        }
        notes = FieldGrid()
        self.edits["notes"] = notes.add("notes", _("N&otes:"), line())
        notes.setColumnMinimumWidth(0, left.label_width())
        self.grids = {name: grid for grid in (left, right, notes) for name in grid.fields}
        self.edits["id_number"].setMaxLength(30)
        self.edits["id_number"].setPlaceholderText(_("18 characters; birth date and sex follow"))
        self.edits["phone"].setPlaceholderText(_("e.g. 13812345678 or 0571-87654321"))
        self.edits["name"].setMaxLength(50)
        columns = QHBoxLayout()
        columns.setSpacing(24)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

        self.tag_boxes: dict[str, QCheckBox] = {}
        tag_group = QGroupBox(_("Groups"))
        tag_grid = QGridLayout(tag_group)
        for index, (tag_id, name) in enumerate(tags.items()):
            box = QCheckBox(name)
            box.setObjectName(f"tag_{tag_id}")
            tag_grid.addWidget(box, index // 4, index % 4)
            self.tag_boxes[tag_id] = box
        tag_group.setVisible(bool(tags))

        self.duplicates = DuplicatePanel(can_move=self.household_id is not None
                                         and self.resident_id is None)
        self.duplicates.open_clicked.connect(self._open_duplicate)
        self.duplicates.move_clicked.connect(self._move_duplicate_here)
        self.duplicates.save_anyway_clicked.connect(lambda: self._save(allow_duplicate=True))

        self.status = QLabel()
        self.status.setObjectName("badge")  # the amber note the app uses for states
        self.status.setWordWrap(True)
        self.reactivate_button = QPushButton(_("Mark as &living here again"))
        self.reactivate_button.clicked.connect(self._reactivate)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status)
        status_row.addWidget(self.reactivate_button)
        status_row.addStretch(1)

        self.move_button = QPushButton(_("Mo&ve to another household…"))
        self.moved_out_button = QPushButton(_("Mark moved o&ut…"))
        self.deceased_button = QPushButton(_("Mar&k deceased…"))
        self.move_button.clicked.connect(self._ask_move)
        self.moved_out_button.clicked.connect(lambda: self._ask_date("moved_out"))
        self.deceased_button.clicked.connect(lambda: self._ask_date("deceased"))
        actions = QHBoxLayout()
        for button in (self.move_button, self.moved_out_button, self.deceased_button):
            button.setAutoDefault(False)
            button.setVisible(self.resident_id is not None)
            actions.addWidget(button)
        actions.addStretch(1)
        self.reactivate_button.setAutoDefault(False)

        self.buttons, self.save_button, self.cancel_button = save_cancel_buttons(self)
        bottom = QHBoxLayout()
        bottom.addLayout(actions, 1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 14)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(self.where)
        layout.addLayout(status_row)
        layout.addLayout(columns)
        layout.addLayout(notes)
        layout.addWidget(tag_group)
        layout.addWidget(self.duplicates)
        layout.addLayout(bottom)
        chain_tab_order(list(self.edits.values()) + list(self.tag_boxes.values())
                        + self.duplicates.buttons() + [self.move_button, self.moved_out_button,
                                                       self.deceased_button, self.save_button,
                                                       self.cancel_button])

    def _connect_changes(self) -> None:
        for widget in self.edits.values():
            signal = getattr(widget, "textChanged", None) or getattr(
                widget, "currentIndexChanged", None) or widget.dateChanged
            signal.connect(lambda *_a: self._timer.start())

    # -- the draft -----------------------------------------------------------------------

    def set_draft(self, draft: ResidentDraft) -> None:
        for name in ("name", "id_number", "phone", "phone2", "hukou_address", "work_unit",
                     "notes"):
            self.edits[name].setText(getattr(draft, name))
        for name in ("sex", "relationship", "residence_status", "ethnicity", "political_status"):
            set_combo_code(self.edits[name], getattr(draft, name))
        set_date(self.edits["birth_date"], draft.birth_date)
        for tag_id, box in self.tag_boxes.items():
            box.setChecked(tag_id in (draft.tag_ids or ()))

    def draft(self) -> ResidentDraft:
        e = self.edits
        return ResidentDraft(
            name=e["name"].text(), id_number=e["id_number"].text(),
            sex=e["sex"].currentData(), birth_date=get_date(e["birth_date"]),
            phone=e["phone"].text(), phone2=e["phone2"].text(),
            relationship=e["relationship"].currentData() or "",
            residence_status=e["residence_status"].currentData(),
            ethnicity=e["ethnicity"].currentData(),
            political_status=e["political_status"].currentData(),
            hukou_address=e["hukou_address"].text(), work_unit=e["work_unit"].text(),
            notes=e["notes"].text(),
            tag_ids=frozenset(t for t, box in self.tag_boxes.items() if box.isChecked())
            if self.tag_boxes else None,
        )

    # -- checking as you type ------------------------------------------------------------

    def _run_check(self) -> ResidentCheck:
        return edit_reads.check(self._ctx.db, self.draft(), self.resident_id, self.household_id)

    def validate(self) -> ResidentCheck:
        """Check the form now (the timer calls this after a pause in typing)."""
        self._timer.stop()
        check = self._run_check()
        id_text = self.edits["id_number"].text()
        if id_text != self._last_id_text and check.derived_sex is not None:
            # A new valid ID number: its birth date and sex replace what the form had.
            self._last_id_text = id_text
            for widget in (self.edits["sex"], self.edits["birth_date"]):
                widget.blockSignals(True)
            set_combo_code(self.edits["sex"], check.derived_sex)
            set_date(self.edits["birth_date"], check.derived_birth_date)
            for widget in (self.edits["sex"], self.edits["birth_date"]):
                widget.blockSignals(False)
            check = self._run_check()
        self.check = check
        for name, grid in self.grids.items():
            if name in check.errors:
                grid.show_problem(name, check.errors[name])
            else:
                grid.show_problem(name, check.warnings.get(name, ""), warning=True)
        self.duplicates.show_duplicates(check.duplicates)
        self.save_button.setEnabled(check.ok)
        return check

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        for grid in set(self.grids.values()):
            grid.refit()

    # -- writing -------------------------------------------------------------------------

    def _write(self, label: str, work, then=None) -> None:
        """Run ``work(uow)`` through the window's write path; ``then(result)`` once it went
        through. A refusal shows under its field (or in the error dialog) and changes nothing."""
        if self.writing is not None:
            return  # the last click is still being saved
        self.save_button.setEnabled(False)

        def written(result, changes: ChangeSet) -> None:
            self.changes = merge_changes(self.changes, changes)
            self.last_result = result
            self.changed.emit(changes)
            if then is not None:
                then(result)

        self.writing = Operations.of(self._runner).write(
            self._ctx, work, label=label, parent=self, on_done=written,
            on_refused=in_fields(self._runner, self, self.grids))
        self.writing.finished.connect(self._write_finished)

    def _write_finished(self) -> None:
        if isValid(self):
            self.writing = None
            self.save_button.setEnabled(self.check is None or self.check.ok)

    def accept(self) -> None:
        self._save(allow_duplicate=False)

    def _save(self, allow_duplicate: bool) -> None:
        check = self.validate()
        if not check.ok:
            return
        if check.duplicates and not allow_duplicate:
            self.duplicates.open_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        draft = self.draft()
        name = draft.name.strip()
        label = (_("Edit {name}") if self.resident_id else _("Add {name}")).format(name=name)
        household = self.household_id if self.resident_id is None else None
        resident_id = self.resident_id
        self._write(label, lambda uow: save_resident(
            uow, draft, household, resident_id, allow_duplicate=allow_duplicate), self._saved)

    def _saved(self, resident_id: str) -> None:
        self.saved_id = resident_id
        super().accept()

    def _open_duplicate(self, resident_id: str) -> None:
        self.open_resident_requested.emit(resident_id)
        if not self.isSignalConnected(QMetaMethod.fromSignal(self.open_resident_requested)):
            other = ResidentDialog(self._ctx, self._runner, resident_id,
                                   parent=self.parentWidget(), mask=self.mask)
            other.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            other.changed.connect(self.changed)
            self.child_dialog = other
            other.open()
        self.reject()

    def _move_duplicate_here(self, resident_id: str) -> None:
        relationship = self.edits["relationship"].currentData() or ""
        name = next((d.name for d in self.check.duplicates if d.id == resident_id), "")
        household_id = self.household_id
        self._write(_("Move {name}").format(name=name), lambda uow: move_resident(
            uow, resident_id, household_id, relationship), lambda _r: self._saved(resident_id))

    # -- actions on a stored resident ----------------------------------------------------

    def _ask_move(self) -> None:
        picker = HouseholdPicker(self._ctx, self._runner, self.household_id,
                                 self.edits["relationship"].currentData() or "", self)
        picker.accepted.connect(lambda: self.move_to(picker.household_id(),
                                                     picker.relationship_code()))
        self.child_dialog = picker
        picker.open()

    def move_to(self, household_id: str | None, relationship: str) -> None:
        if household_id is None:
            return
        name, resident_id = self.edits["name"].text().strip(), self.resident_id

        def moved(_result) -> None:
            self.household_id = household_id
            self._address = edit_reads.address_of(self._ctx.db, household_id)
            self.where.setText(self._address)
            set_combo_code(self.edits["relationship"], relationship)
            self._show_status()

        self._write(_("Move {name}").format(name=name), lambda uow: move_resident(
            uow, resident_id, household_id, relationship), moved)

    def _ask_date(self, kind: str) -> None:
        name = self.edits["name"].text().strip()
        if kind == "moved_out":
            dialog = DateDialog(_("Mark moved out"), _(
                "{name} no longer lives here. They leave the roster's lists but keep their "
                "record and history.").format(name=name), self)
        else:
            dialog = DateDialog(_("Mark deceased"), _(
                "{name} has died. Their record and history are kept.").format(name=name), self)
        dialog.accepted.connect(lambda: self.mark(kind, dialog.date()))
        self.child_dialog = dialog
        dialog.open()

    def mark(self, kind: str, on) -> None:
        name, resident_id = self.edits["name"].text().strip(), self.resident_id
        if kind == "moved_out":
            self._write(_("Mark {name} moved out").format(name=name),
                        lambda uow: mark_moved_out(uow, resident_id, on),
                        lambda _r: self._show_status())
        else:
            self._write(_("Mark {name} deceased").format(name=name),
                        lambda uow: mark_deceased(uow, resident_id, on),
                        lambda _r: self._show_status())

    def _reactivate(self) -> None:
        name, resident_id = self.edits["name"].text().strip(), self.resident_id
        self._write(_("Mark {name} as living here").format(name=name),
                    lambda uow: reactivate(uow, resident_id), lambda _r: self._show_status())

    def _show_status(self) -> None:
        text = ""
        if self.resident_id is not None:
            person = edit_reads.resident_state(self._ctx.db, self.resident_id)
            if person.deceased:
                text = _("Deceased on {date}.").format(
                    date=format_date(person.deceased_on) if person.deceased_on else "—")
            elif person.moved_out:
                text = _("Moved out on {date}.").format(
                    date=format_date(person.moved_out_on) if person.moved_out_on else "—")
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.reactivate_button.setVisible(bool(text))
        active = not text
        self.moved_out_button.setEnabled(active)
        self.deceased_button.setEnabled(active)
