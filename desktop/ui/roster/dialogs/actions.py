"""Small dialogs the resident dialog opens: pick a household to move to, and pick a date."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.context import AppContext
from desktop.core.i18n import _
from desktop.roster.codes import RELATIONSHIPS
from desktop.roster.edit_reads import household_choices
from desktop.ui.tasks import Lane, TaskRunner
from desktop.ui.widgets.form import (
    FieldGrid,
    chain_tab_order,
    code_combo,
    date_edit,
    get_date,
    set_combo_code,
)


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setDefault(True)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class HouseholdPicker(QDialog):
    """Search households by number or address; choose one and the relationship there."""

    def __init__(self, ctx: AppContext, runner: TaskRunner, exclude_id: str | None,
                 relationship: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("householdPicker")
        self.setWindowTitle(_("Move to another household"))
        self.setMinimumWidth(520)
        self._ctx, self._runner = ctx, runner
        self._exclude = exclude_id
        self._asked = 0  # a newer search makes the answer to an older one stale
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            _("Household number, compound or room, e.g. 3幢2单元501"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setMinimumHeight(220)
        self.relationship = code_combo(RELATIONSHIPS, empty=_("(not set)"))
        set_combo_code(self.relationship, relationship)
        form = FieldGrid()
        form.add("search", _("&Find:"), self.search)
        form.add("results", _("&Household:"), self.results)
        form.add("relationship", _("&Relationship to the head:"), self.relationship)
        self.buttons = _buttons(self, _("&Move"))
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.results.currentItemChanged.connect(lambda *_a: self._update())
        chain_tab_order([self.search, self.results, self.relationship, self.ok_button,
                         self.buttons.button(QDialogButtonBox.StandardButton.Cancel)])
        self.reload()

    def reload(self) -> None:
        """Search on the database lane: scanning every household's address takes ~60 ms in a
        large community, too long for the UI thread at every pause in typing."""
        self._asked += 1
        asked, db, text, exclude = self._asked, self._ctx.db, self.search.text(), self._exclude

        def search(_task_ctx):
            return household_choices(db, text, exclude)

        self._runner.run(search, title=_("Finding households"), lane=Lane.DATABASE,
                         parent=self, progress=False,
                         on_result=lambda choices: self._show(asked, choices))

    def _show(self, asked: int, choices: list) -> None:
        if not isValid(self) or asked != self._asked:
            return  # closed meanwhile, or overtaken by a newer search
        self.results.clear()
        for choice in choices:
            item = QListWidgetItem(choice.label)
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            self.results.addItem(item)
        if choices:
            self.results.setCurrentRow(0)
        self._update()

    def _update(self) -> None:
        self.ok_button.setEnabled(self.household_id() is not None)

    def household_id(self) -> str | None:
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def relationship_code(self) -> str:
        return self.relationship.currentData() or ""


class DateDialog(QDialog):
    """Ask for the date something happened (moved out, died); today by default."""

    def __init__(self, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dateDialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(380)
        self.date_edit = date_edit(allow_empty=False)
        form = FieldGrid()
        form.add("date", _("&Date:"), self.date_edit)
        message = QLabel(prompt)
        message.setWordWrap(True)
        self.buttons = _buttons(self, _("&OK"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.addWidget(message)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def date(self) -> dt.date:
        return get_date(self.date_edit) or dt.date.today()
