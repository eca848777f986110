"""Adding an operator, giving one a new password, and changing one's own: a small form whose
OK writes through the window's one write path (the operator's row, the audit entry and the key
slot together), a refusal shown in the dialog with nothing changed."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.access import ROLE_LABELS, Role
from desktop.core.errors import LinliError, ValidationError
from desktop.core.i18n import _
from desktop.ui.operations import Operations
from desktop.ui.security.passwords import NewPasswordFields, password_edit
from desktop.ui.widgets.form import FieldGrid
from desktop.ui.widgets.labels import message_label
from desktop.ui.widgets.write_dialog import ok_cancel

ADD, RESET, OWN = "add", "reset", "own"


class OperatorDialog(QDialog):
    """``mode``: ADD a new operator (name, role, password), RESET ``name``'s password (office
    staff, for someone who forgot theirs), or OWN (the signed-in operator's, with the current
    one first). Accepted once written."""

    def __init__(self, ctx, runner, mode: str, name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("operatorDialog")
        self._ctx, self._runner, self.mode, self.name = ctx, runner, mode, name
        titles = {ADD: _("Add an operator"),
                  RESET: _("New password for {name}").format(name=name),
                  OWN: _("Change my password")}
        self.setWindowTitle(titles[mode])
        self.grid = grid = FieldGrid()
        self.name_edit = QLineEdit(name)
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(_(ROLE_LABELS[role]), role.value)
        self.role.setCurrentIndex(self.role.findData(Role.VOLUNTEER.value))
        self.current = password_edit("current")
        self.passwords = NewPasswordFields()
        if mode == ADD:
            grid.add("name", _("&Name"), self.name_edit)
            grid.add("role", _("&Role"), self.role)
        if mode == OWN:
            grid.add("current", _("&Current password"), self.current)
        grid.add("password", _("&New password") if mode != ADD else _("&Password"),
                 self.passwords.row)
        grid.fields["password"] = self.passwords.first  # the cursor goes to the field
        grid.add("again", _("Re&peat it"), self.passwords.again)
        notes = {
            ADD: _("They sign in with this name and password. Tell them the password in "
                   "person; they can change it afterwards."),
            RESET: _("For an operator who forgot their password. Their old password stops "
                     "working; the others' are unchanged."),
            OWN: _("Your new password opens this copy from now on."),
        }
        note = QLabel(notes[mode])
        note.setWordWrap(True)
        self.message = message_label()
        texts = {ADD: _("&Add operator"), RESET: _("Set &password"), OWN: _("Change &password")}
        box, self.ok = ok_cancel(self, texts[mode], self.apply)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addWidget(box)
        self.setMinimumWidth(440)

    def apply(self):
        for field in self.grid.problems:
            self.grid.show_problem(field, "")
        self.message.clear()
        try:
            password = self.passwords.checked()
        except ValidationError as exc:
            self._refused(exc)
            return None
        work = self._work(password)
        self.ok.setEnabled(False)
        return Operations.of(self._runner).write(
            self._ctx, work, label=self.windowTitle(), parent=self, undoable=False,
            progress=False, on_done=lambda *_a: self._written(), on_refused=self._refused)

    def _work(self, password: str):
        from desktop.security import keyslots
        from desktop.security.operators import add_operator, change_password

        db, keys = self._ctx.db, self._ctx.data_dir.keys_file
        actor, key = db.actor, db.key
        if self.mode == ADD:
            name, role = self.name_edit.text(), self.role.currentData()
            return lambda uow: add_operator(uow, keys, key, actor, name, role, password)
        if self.mode == RESET:
            name = self.name
            return lambda uow: change_password(uow, keys, key, actor, name, password)
        current = self.current.text()

        def own(uow):
            try:  # the current password first: a PC left signed in is not enough
                keyslots.unwrap(keyslots.load_slots(keys), actor.name, current)
            except keyslots.WrongPassword:
                raise ValidationError(_("The current password is wrong."),
                                      field="current") from None
            change_password(uow, keys, key, actor, actor.name, password)
        return own

    def _written(self) -> None:
        self.passwords.clear()
        self.current.clear()
        self.accept()

    def _refused(self, error: LinliError) -> None:
        self.ok.setEnabled(True)
        field = getattr(error, "field", "")
        if isinstance(error, ValidationError) and field in self.grid.fields:
            self.grid.show_problem(field, error.message)
            self.grid.fields[field].setFocus()
        else:
            self.message.setText(error.message)
