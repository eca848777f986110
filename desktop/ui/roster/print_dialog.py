"""The roster's "Print…" dialog: the 花名册 (the selection or what the current filter shows,
chosen columns, masked unless "Full data (staff only)"), the door-to-door walk list of the
buildings in the current place, or a blank sign-in sheet — previewed, then printed or saved.

The preview is rendered on the files lane after each change settles; a result overtaken by a
newer change is dropped. Print and Save as PDF use the previewed bytes when they are current.
Opened from the roster's context menu, the Print… button and File ▸ Print roster… (Ctrl+P).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.context import AppContext
from desktop.core.access import Permission
from desktop.core.errors import LinliError
from desktop.core.i18n import _, format_number
from desktop.roster.views import PlaceScope
from desktop.ui.printing.pdf_dialog import print_audited, save_audited
from desktop.ui.printing.preview import PdfPreview
from desktop.ui.printing.printing import ask_printer
from desktop.ui.tasks import Lane, TaskRunner
from desktop.ui.widgets.checklist import CheckList
from desktop.ui.widgets.labels import message_label
from desktop.ui.widgets.timers import pause_timer

ROSTER, WALK, SIGN_IN = "roster", "walk", "sign_in"
PREVIEW_DELAY_MS = 400


class RosterPrintDialog(QDialog):
    printed = Signal()

    def __init__(self, ctx: AppContext, runner: TaskRunner, *, selected_ids: list[str],
                 shown_ids: list[str], scope: PlaceScope | None = None,
                 buildings: list[tuple[str, str]] = (), place_name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from desktop.roster.exporting.columns import EXPORT_KEYS, column_label
        from desktop.roster.exporting.disclosure import masking_rule
        from desktop.roster.printing.lists import DEFAULT_LIST_COLUMNS

        self._ctx, self._runner = ctx, runner
        self._selected, self._shown = list(selected_ids), list(shown_ids)
        self._scope = scope or PlaceScope()
        self.choose_printer = ask_printer  # tests print to a file without the dialog
        self.ask_pdf_path = None
        self.generation = 0
        self.pdf = b""
        self.pdf_generation = -1
        self.setWindowTitle(_("Print from the roster"))

        # -- what to print -----------------------------------------------------------------
        kind_box = QGroupBox(_("Print"))
        kind_layout = QVBoxLayout(kind_box)
        self.roster_radio = QRadioButton(_("Resident roster (花名册)"))
        self.walk_radio = QRadioButton(_("Walk list per building"))
        self.sign_in_radio = QRadioButton(_("Sign-in sheet"))
        self._kinds = QButtonGroup(self)
        for button, code in ((self.roster_radio, ROSTER), (self.walk_radio, WALK),
                             (self.sign_in_radio, SIGN_IN)):
            self._kinds.addButton(button)
            button.setProperty("kind", code)
            kind_layout.addWidget(button)
        self.roster_radio.setChecked(True)

        # -- the roster list ---------------------------------------------------------------
        roster = QWidget()
        self.selected_radio = QRadioButton(_("Selected residents ({count})").format(
            count=format_number(len(self._selected))))
        self.filtered_radio = QRadioButton(_("All residents the current filter shows ({count})")
                                           .format(count=format_number(len(self._shown))))
        self._who = QButtonGroup(self)
        self._who.addButton(self.selected_radio)
        self._who.addButton(self.filtered_radio)
        self.selected_radio.setEnabled(bool(self._selected))
        (self.selected_radio if len(self._selected) > 1 else self.filtered_radio).setChecked(True)
        self.roster_title = QLineEdit()
        self.roster_title.setPlaceholderText(_("Resident roster"))
        self.columns = CheckList()
        self.columns.setMinimumHeight(150)
        for key in (*DEFAULT_LIST_COLUMNS,
                    *(k for k in EXPORT_KEYS if k not in DEFAULT_LIST_COLUMNS)):
            self.columns.add(column_label(key), key, key in DEFAULT_LIST_COLUMNS)
        self.full_data = QCheckBox(_("Full data (staff only)"))
        self.full_data.setChecked(False)
        # A volunteer may not print it (the service refuses it too: roster.printing.jobs).
        self.full_data.setEnabled(ctx.db.actor.may(Permission.PRINT_FULL_LIST))
        self.full_data.setToolTip(_("Names, phone numbers and birth dates in full; ID numbers, "
                                    "registered addresses and notes allowed; every page says "
                                    "“Internal use only”. Never post it."))
        roster_form = QFormLayout(roster)
        roster_form.setContentsMargins(0, 0, 0, 0)
        who = QVBoxLayout()
        who.addWidget(self.selected_radio)
        who.addWidget(self.filtered_radio)
        roster_form.addRow(_("Residents"), who)
        roster_form.addRow(_("Title"), self.roster_title)
        roster_form.addRow(_("Columns"), self.columns)
        roster_form.addRow("", self.full_data)
        self.mask_rule = QLabel(masking_rule(printed=True))
        self.mask_rule.setObjectName("hint")
        self.mask_rule.setWordWrap(True)
        roster_form.addRow("", self.mask_rule)

        # -- the walk list -----------------------------------------------------------------
        walk = QWidget()
        self.buildings = CheckList()
        self.buildings.setMinimumHeight(150)
        for building_id, label in buildings:
            self.buildings.add(label, building_id, True)
        walk_layout = QVBoxLayout(walk)
        walk_layout.setContentsMargins(0, 0, 0, 0)
        walk_layout.addWidget(QLabel(_("Buildings")))
        walk_layout.addWidget(self.buildings, 1)
        self.no_buildings = QLabel(_("The place chosen in the tree has no buildings."))
        self.no_buildings.setObjectName("hint")
        self.no_buildings.setWordWrap(True)
        self.no_buildings.setVisible(not buildings)
        walk_layout.addWidget(self.no_buildings)

        # -- the sign-in sheet -------------------------------------------------------------
        sign_in = QWidget()
        self.sheet_title = QLineEdit(_("Sign-in sheet"))
        self.sheet_date = QDateEdit()
        self.sheet_date.setCalendarPopup(True)
        self.sheet_date.setDisplayFormat("yyyy-MM-dd")
        today = dt.date.today()
        self.sheet_date.setDate(QDate(today.year, today.month, today.day))
        self.sheet_place = QLineEdit(place_name)
        self.blank_rows = QSpinBox()
        self.blank_rows.setRange(0, 200)
        self.blank_rows.setValue(20)
        self.with_names = QCheckBox(_("Print the selected residents' names (masked)"))
        self.with_names.setEnabled(bool(self._selected))
        sheet_form = QFormLayout(sign_in)
        sheet_form.setContentsMargins(0, 0, 0, 0)
        sheet_form.addRow(_("Title"), self.sheet_title)
        sheet_form.addRow(_("Date"), self.sheet_date)
        sheet_form.addRow(_("Place"), self.sheet_place)
        sheet_form.addRow(_("Blank rows"), self.blank_rows)
        sheet_form.addRow("", self.with_names)

        self.options_stack = QStackedWidget()
        for widget in (roster, walk, sign_in):
            self.options_stack.addWidget(widget)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(kind_box)
        left_layout.addWidget(self.options_stack, 1)
        left.setMinimumWidth(340)
        left.setMaximumWidth(420)

        self.preview = PdfPreview()
        self.preview.setMinimumWidth(360)
        top = QHBoxLayout()
        top.addWidget(left)
        top.addWidget(self.preview, 1)

        self.message = message_label()
        self.print_button = QPushButton(_("Print…"))
        self.print_button.setDefault(True)
        self.save_button = QPushButton(_("Save as PDF…"))
        self.close_button = QPushButton(_("Close"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(bottom)
        self.resize(980, 680)

        self._timer = pause_timer(self, PREVIEW_DELAY_MS, self.render_preview)
        self._kinds.buttonToggled.connect(self._kind_toggled)
        self._who.buttonToggled.connect(lambda _b, on: on and self.schedule())
        for signal in (self.roster_title.textChanged, self.columns.itemChanged,
                       self.full_data.toggled, self.buildings.itemChanged,
                       self.sheet_title.textChanged, self.sheet_date.dateChanged,
                       self.sheet_place.textChanged, self.blank_rows.valueChanged,
                       self.with_names.toggled):
            signal.connect(lambda *_args: self.schedule())
        self.full_data.toggled.connect(self._full_data_toggled)
        self._full_data_toggled(False)
        self.print_button.clicked.connect(self.print_)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)

    # -- choices ---------------------------------------------------------------------------

    @property
    def kind(self) -> str:
        button = self._kinds.checkedButton()
        return button.property("kind") if button is not None else ROSTER

    def set_kind(self, kind: str) -> None:
        {ROSTER: self.roster_radio, WALK: self.walk_radio,
         SIGN_IN: self.sign_in_radio}[kind].setChecked(True)

    def _kind_toggled(self, button, on: bool) -> None:
        if on:
            self.options_stack.setCurrentIndex((ROSTER, WALK, SIGN_IN).index(self.kind))
            self.schedule()

    def _full_data_toggled(self, on: bool) -> None:
        """What a masked list leaves out (ID numbers, registered addresses, notes: the
        disclosure rule) only on a staff-only list."""
        from desktop.roster.exporting.disclosure import left_out_columns

        self.mask_rule.setVisible(not on)
        self.columns.set_enabled(left_out_columns(printed=True), on,
                                 _("Only on a full-data list (staff only)."))

    def chosen_columns(self) -> tuple[str, ...]:
        return self.columns.checked_keys()

    def set_columns(self, keys) -> None:
        self.columns.set_checked(keys)

    def chosen_buildings(self) -> tuple[str, ...]:
        return self.buildings.checked_keys()

    def roster_options(self):
        from desktop.roster.printing.lists import RosterListOptions

        ids = self._selected if self.selected_radio.isChecked() else self._shown
        return RosterListOptions(scope=self._scope, resident_ids=tuple(ids),
                                 columns=self.chosen_columns(),
                                 full_data=self.full_data.isChecked(),
                                 title=self.roster_title.text().strip())

    def _work(self):
        """The rendering to run, from the choices now (a plain function for the files lane),
        or a message saying what is missing."""
        from desktop.roster.printing import jobs, lists

        db = self._ctx.db
        kind = self.kind
        if kind == ROSTER:
            options = self.roster_options()
            if not options.columns or not lists.list_columns(options):  # or only left-out ones
                return _("Choose at least one column.")

            def work(task_ctx) -> bytes:
                return jobs.roster_list_pdf(db, options, ctx=task_ctx)
            return work
        if kind == WALK:
            building_ids = self.chosen_buildings()
            if not building_ids:
                return _("Choose at least one building.")

            def work(task_ctx) -> bytes:
                return jobs.walk_list_pdf(db, building_ids, ctx=task_ctx)
            return work
        title, place = self.sheet_title.text().strip(), self.sheet_place.text().strip()
        d = self.sheet_date.date()
        date = dt.date(d.year(), d.month(), d.day())
        blank = self.blank_rows.value()
        selected = list(self._selected) if self.with_names.isChecked() else []

        def work(_task_ctx) -> bytes:
            return jobs.sign_in_sheet_pdf(db, title, date=date, place=place,
                                          resident_ids=selected, blank_rows=blank)
        return work

    # -- the preview -----------------------------------------------------------------------

    def schedule(self) -> None:
        self.generation += 1
        self._timer.start()

    def render_preview(self, *, then=None, progress: bool = False):
        self._timer.stop()
        generation = self.generation
        work = self._work()
        if isinstance(work, str):
            self.message.setText(work)
            self.preview.clear()
            return None
        self.message.clear()
        self.preview.show_message(_("Updating…"))

        def safe(task_ctx):
            try:
                return work(task_ctx)
            except LinliError as exc:
                return exc

        def done(result) -> None:
            if not isValid(self) or generation != self.generation:
                return  # the choices changed meanwhile: a newer preview is coming
            if isinstance(result, LinliError):
                self.message.setText(result.message)
                self.preview.show_message("")
                return
            self.pdf, self.pdf_generation = result, generation
            self.preview.set_pdf(result)
            if then is not None:
                then(result)

        return self._runner.run(safe, title=_("Preparing the printout"), lane=Lane.FILES,
                                parent=self, on_result=done, progress=progress)

    def _with_pdf(self, action) -> None:
        """Run ``action(pdf)`` with the current printout, rendering it first if need be."""
        if self.pdf and self.pdf_generation == self.generation and not self._timer.isActive():
            action(self.pdf)
        else:
            self.render_preview(then=action, progress=True)

    def print_(self) -> None:
        def printed(_pages: int) -> None:
            if isValid(self):
                self.message.clear()
                self.printed.emit()

        def failed(message: str) -> None:
            if isValid(self):
                self.message.setText(message)

        def go(pdf: bytes) -> None:
            try:
                print_audited(self._ctx.db, self._runner, pdf, self, masked=self.masked,
                              choose=self.choose_printer, on_printed=printed,
                              on_failed=failed)
            except LinliError as exc:
                self.message.setText(exc.message)
        self._with_pdf(go)

    @property
    def masked(self) -> bool:
        """Whether the printout masks names and numbers (only a full-data 花名册 does not)."""
        return self.kind != ROSTER or not self.full_data.isChecked()

    def save(self) -> None:
        names = {ROSTER: self.roster_title.text().strip() or _("Resident roster"),
                 WALK: _("Door-to-door walk list"),
                 SIGN_IN: self.sheet_title.text().strip() or _("Sign-in sheet")}

        def go(pdf: bytes) -> None:
            try:
                self.saved_path = save_audited(self._ctx.db, self._runner, pdf, self,
                                               masked=self.masked,
                                               suggested_name=names[self.kind],
                                               ask_path=self.ask_pdf_path)
            except LinliError as exc:
                self.message.setText(exc.message)
        self._with_pdf(go)


def buildings_in_scope(tree) -> tuple[list[tuple[str, str]], str]:
    """The buildings under the place chosen in the roster's tree (a unit: its building), each
    as (id, "compound building"), and the place's name."""
    from desktop.ui.widgets.place_tree import ID_ROLE, KIND_ROLE

    item = tree.currentItem()
    if item is not None and item.data(0, KIND_ROLE) == "unit" and item.parent() is not None:
        item = item.parent()
    starts = [item] if item is not None else [tree.topLevelItem(i)
                                             for i in range(tree.topLevelItemCount())]
    found: list[tuple[str, str]] = []
    stack = list(starts)
    while stack:
        node = stack.pop(0)
        if node.data(0, KIND_ROLE) == "building":
            parent = node.parent()
            prefix = (parent.toolTip(0) + " "
                      if parent is not None and parent.data(0, KIND_ROLE) == "compound" else "")
            found.append((node.data(0, ID_ROLE), prefix + node.toolTip(0)))
            continue
        stack[0:0] = [node.child(i) for i in range(node.childCount())]
    place = item.toolTip(0) if item is not None else ""
    return found, place


def open_print_dialog(page, ctx: AppContext, runner: TaskRunner) -> RosterPrintDialog:
    """The dialog for what the roster page shows now, opened window-modal."""
    buildings, place = buildings_in_scope(page.tree)
    dialog = RosterPrintDialog(
        ctx, runner, selected_ids=page.resident_table.selected_ids(),
        shown_ids=list(page.residents.ids), scope=page.scope, buildings=buildings,
        place_name=place, parent=page)
    dialog.finished.connect(lambda _result: dialog.deleteLater())
    dialog.open()
    dialog.schedule()
    return dialog
