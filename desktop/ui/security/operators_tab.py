"""The Operators tab: who can sign in to this copy and with which role; office staff add and
remove operators and give a new password to one who forgot theirs; everyone changes their own.

Roles limit what the app lets a volunteer do, but they are not encryption: what a volunteer's
copy holds at all is what the office put in its bundle. The tab says so."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.access import Permission
from desktop.core.errors import LinliError
from desktop.core.i18n import _
from desktop.storage.changes import ChangeSet
from desktop.ui.operations import Operations
from desktop.ui.security.operator_dialogs import ADD, OWN, RESET, OperatorDialog
from desktop.ui.widgets.labels import message_label
from desktop.ui.widgets.status import tell


class OperatorsTab(QWidget):
    def __init__(self, ctx, runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("operatorsTab")
        self._ctx, self._runner = ctx, runner
        self.rows = []
        self.dialog: OperatorDialog | None = None
        self.note = QLabel(_(
            "Roles are not encryption: what a volunteer's copy holds is what the office put in "
            "its bundle (its places and minimised fields)."))
        self.note.setWordWrap(True)
        self.only_office = QLabel(_("Only office staff can add or remove operators, or give "
                                    "someone a new password."))
        self.only_office.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setObjectName("operators")
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels([_("Operator"), _("Role"), _("Added"), _("Added by")])
        self.list.setAccessibleName(_("Operators"))
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = QPushButton(_("&Add operator…"))
        self.add_button.clicked.connect(self.add)
        self.reset_button = QPushButton(_("New &password…"))
        self.reset_button.setToolTip(_("For an operator who forgot their password."))
        self.reset_button.clicked.connect(self.reset_password)
        self.remove_button = QPushButton(_("&Remove…"))
        self.remove_button.clicked.connect(lambda: self.remove())
        self.own_button = QPushButton(_("&Change my password…"))
        self.own_button.clicked.connect(self.change_own)
        self.message = message_label()
        buttons = QHBoxLayout()
        for button in (self.add_button, self.reset_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.own_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        column.addLayout(buttons)
        column.addWidget(self.only_office)
        column.addWidget(self.list, 1)
        column.addWidget(self.message)
        column.addWidget(self.note)

    @property
    def manages(self) -> bool:
        return self._ctx.db.actor.may(Permission.MANAGE_OPERATORS)

    # -- reading ---------------------------------------------------------------------------

    def load(self) -> None:
        from desktop.security.operators import list_operators

        try:
            with self._ctx.db.reading() as session:
                self.rows = list_operators(session)
        except LinliError as exc:
            self.message.setText(exc.message)
            return
        chosen = self.selected
        self.list.clear()
        for row in self.rows:
            item = QTreeWidgetItem([row.name, row.role_label,
                                    row.created_at.strftime("%Y-%m-%d"), row.added_by])
            item.setData(0, Qt.ItemDataRole.UserRole, row.name)
            self.list.addTopLevelItem(item)
            if row.name == chosen:
                self.list.setCurrentItem(item)
        for column in range(self.list.columnCount()):
            self.list.resizeColumnToContents(column)
        self._update_buttons()

    def refresh(self, changes: ChangeSet | None = None) -> None:
        # The operators table is this copy's own (not synced): only a reload of everything
        # (None) or this tab's own writes change it.
        if changes is None:
            self.load()

    @property
    def selected(self) -> str:
        item = self.list.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else ""

    def _update_buttons(self) -> None:
        manages, chosen = self.manages, self.selected
        signed_in = self._ctx.db.actor.signed_in
        self.only_office.setVisible(not manages)
        self.add_button.setEnabled(manages and signed_in)
        self.reset_button.setEnabled(manages and bool(chosen)
                                     and chosen != self._ctx.db.actor.name)
        self.remove_button.setEnabled(manages and bool(chosen)
                                      and chosen != self._ctx.db.actor.name)
        self.own_button.setEnabled(signed_in)

    # -- changing --------------------------------------------------------------------------

    def _open(self, mode: str, name: str = "") -> OperatorDialog:
        self.dialog = dialog = OperatorDialog(self._ctx, self._runner, mode, name, self)
        dialog.accepted.connect(lambda: self._done(mode, dialog))
        dialog.open()
        return dialog

    def _done(self, mode: str, dialog: OperatorDialog) -> None:
        said = {ADD: _("{name} was added. They can sign in now."),
                RESET: _("{name} has a new password."),
                OWN: _("Your password was changed.")}
        name = dialog.name_edit.text().strip() if mode == ADD else dialog.name
        text = said[mode].format(name=name)
        if not tell(self, text):
            self.message.setText(text)
        self.load()

    def add(self) -> OperatorDialog:
        return self._open(ADD)

    def reset_password(self) -> OperatorDialog | None:
        return self._open(RESET, self.selected) if self.selected else None

    def change_own(self) -> OperatorDialog:
        return self._open(OWN, self._ctx.db.actor.name)

    def remove(self, confirm: bool = True):
        from desktop.security.operators import remove_operator

        name = self.selected
        if not name:
            return None
        if confirm and QMessageBox.question(
                self, _("Remove an operator"),
                _("Remove {name}? They can no longer sign in to this copy. What they recorded "
                  "stays.").format(name=name)) != QMessageBox.StandardButton.Yes:
            return None
        keys, actor = self._ctx.data_dir.keys_file, self._ctx.db.actor
        return Operations.of(self._runner).write(
            self._ctx, lambda uow: remove_operator(uow, keys, actor, name),
            label=_("Remove {name}").format(name=name), parent=self, undoable=False,
            progress=False, on_done=lambda *_a: self._removed(name),
            on_refused=lambda error: self.message.setText(error.message))

    def _removed(self, name: str) -> None:
        text = _("{name} was removed.").format(name=name)
        if not tell(self, text):
            self.message.setText(text)
        self.load()
