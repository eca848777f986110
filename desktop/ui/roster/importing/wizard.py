"""File ▸ Import roster…: the Import wizard.

File → columns → preview → policy and dry run → import. Reading the file and checking its rows
run on the files lane, the dry runs and the import on the database lane; the wizard only moves
between pages when a step has its result. A file, a mapping or a roster the import cannot use
is said on the page (``message``), never in a crash dialog. The import is one transaction (see
``desktop.roster.importing.apply``): Cancel in its progress dialog leaves the roster as it was.
Afterwards the whole import can be undone, here or later from Import history….

Window-modal with ``open()`` so tests can drive it: they set ``file_page.path_edit`` instead of
using the file chooser and press ``next_button``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.core.errors import ValidationError
from desktop.core.files import with_suffix_added
from desktop.core.i18n import _, format_number, ngettext
from desktop.roster.importing import pipeline
from desktop.roster.importing.mapping import MappingMemory
from desktop.ui.roster.importing.history import describe_undo, open_import_history
from desktop.ui.roster.importing.outcome_pages import PolicyPage, ResultPage
from desktop.ui.roster.importing.pages import (
    ColumnsPage,
    FilePage,
    PreviewPage,
    new_place_count,
)
from desktop.ui.roster.importing.preview_model import index_problems
from desktop.ui.tasks import Failed, Lane, TaskRunner, inline
from desktop.ui.widgets.screen import fit_dialog
from desktop.ui.widgets.status import tell

FILE, COLUMNS, PREVIEW, POLICY, RESULT = range(5)
FILE_PATTERN = "*.xlsx *.xls *.csv *.htm *.html *.txt"


class ImportWizard(QDialog):
    imported = Signal(object)  # ImportResult
    undone = Signal(object)  # ChangeSet of undoing an import

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None,
                 path: str | Path | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._runner = ctx, runner
        self.setWindowTitle(_("Import residents"))
        fit_dialog(self, 860, 600)
        self.source = self.sheet = self.layout_ = self.read = self.plan = None
        self.result = None
        self.final_plan = None
        self.task = None
        self._loaded_key = None
        self._checked_mapping = None
        self._busy = False
        self._generation = 0  # results of an older check or dry run are dropped
        self.saved_errors: Path | None = None
        self.undo_summary = None
        self.history_dialog = None

        self.file_page = FilePage()
        self.columns_page = ColumnsPage()
        self.preview_page = PreviewPage()
        self.policy_page = PolicyPage()
        self.result_page = ResultPage()
        self.stack = QStackedWidget()
        for page in (self.file_page, self.columns_page, self.preview_page, self.policy_page,
                     self.result_page):
            self.stack.addWidget(page)

        self.back_button = QPushButton(_("< &Back"))
        self.next_button = QPushButton(_("&Next >"))
        self.next_button.setDefault(True)
        self.close_button = QPushButton(_("Cancel"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)

        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.close_button.clicked.connect(self.reject)
        self.file_page.browse.clicked.connect(self.choose_file)
        self.file_page.path_edit.textChanged.connect(self.file_page.clear_source)
        self.preview_page.model.cell_edited.connect(lambda *_args: self.check_rows())
        self.preview_page.create_places.toggled.connect(
            lambda _on: self.preview_page.message.clear())
        self.policy_page.group.buttonToggled.connect(self._policy_toggled)
        self.policy_page.save_errors.clicked.connect(lambda: self.save_errors())
        self.result_page.save_errors.clicked.connect(lambda: self.save_errors())
        self.result_page.undo_button.clicked.connect(self.undo_import)
        self.result_page.history_button.clicked.connect(self.show_history)
        if path is not None:
            self.file_page.path_edit.setText(str(path))
        self._update_buttons()

    # -- moving between pages --------------------------------------------------------------

    @property
    def current(self) -> int:
        return self.stack.currentIndex()

    def _show(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self._update_buttons()

    def _update_buttons(self) -> None:
        index = self.current
        self.back_button.setVisible(index != RESULT)
        self.back_button.setEnabled(not self._busy and index > FILE)
        self.next_button.setVisible(index != RESULT)
        self.next_button.setEnabled(not self._busy)
        self.next_button.setText(_("&Import") if index == POLICY else _("&Next >"))
        self.close_button.setText(_("Close") if index == RESULT else _("Cancel"))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    def go_back(self) -> None:
        if self.current > FILE and self.current != RESULT:
            self._show(self.current - 1)

    def go_next(self):
        """What Next does on the current page; returns the task started, if any."""
        if self._busy:
            return None
        index = self.current
        if index == FILE:
            return self.load()
        if index == COLUMNS:
            return self.confirm_mapping()
        if index == PREVIEW:
            if new_place_count(self.plan) and not self.preview_page.create_places.isChecked():
                self.preview_page.message.setText(_(
                    "Tick “Create the missing compounds, buildings and dwellings” to continue, "
                    "or correct the addresses."))
                return None
            self.policy_page.show_plan(self.plan)
            self._show(POLICY)
            return None
        if index == POLICY:
            return self.start_import()
        return None

    def _run(self, fn, *, lane: Lane, on_result, page: QWidget, title: str = "",
             progress: bool = False, on_cancelled=None):
        """Run ``fn`` with Next and Back disabled; a LinliError goes to ``page.message``."""
        page.message.clear()
        self._set_busy(True)

        def done(value) -> None:
            if isinstance(value, Failed):
                page.message.setText(value.message)
                return
            on_result(value)

        self.task = self._runner.run(inline(fn), title=title or _("Working…"), lane=lane,
                                     parent=self, on_result=done, on_cancelled=on_cancelled,
                                     progress=progress)
        self.task.finished.connect(lambda: self._set_busy(False))
        return self.task

    # -- 1. the file -----------------------------------------------------------------------

    @property
    def path(self) -> Path | None:
        text = self.file_page.path_edit.text().strip()
        return Path(text).expanduser() if text else None

    def choose_file(self) -> None:
        start = str(self.path or Path.home())
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import residents"), start,
            _("Spreadsheets ({patterns})").format(patterns=FILE_PATTERN))
        if path:
            self.file_page.path_edit.setText(path)
            self.load(advance=False)

    def load(self, advance: bool = True):
        path = self.path
        if path is None:
            self.file_page.message.setText(_("Choose a file to import."))
            return None
        sheet = self.file_page.sheet_combo.currentData() if self.file_page.sheet_combo.count() \
            else None
        encoding = self.file_page.encoding_combo.currentData()
        key = (path, sheet, encoding)
        if key == self._loaded_key and self.sheet is not None:
            if advance:
                self._show(COLUMNS)
            return None

        def loaded(value) -> None:
            self.source, self.sheet, self.layout_ = value
            self.read = self.plan = None
            self._checked_mapping = None
            self.file_page.show_source(self.source, self.sheet)
            self._loaded_key = (path, self.sheet.name, encoding)
            mapping = pipeline.choose_mapping(self.layout_.headers, memory=self.memory())
            self.columns_page.show_columns(self.sheet, self.layout_, mapping)
            if advance:
                self._show(COLUMNS)

        return self._run(lambda task_ctx: pipeline.load_sheet(path, sheet, encoding, task_ctx),
                         lane=Lane.FILES, on_result=loaded, page=self.file_page,
                         title=_("Reading {file}").format(file=path.name), progress=True)

    def memory(self) -> MappingMemory:
        return MappingMemory(self._ctx.data_dir.import_mappings)

    # -- 2. the columns --------------------------------------------------------------------

    def confirm_mapping(self):
        mapping = self.columns_page.mapping()
        try:
            pipeline.check_mapping(mapping)
        except ValidationError as exc:
            self.columns_page.message.setText(exc.message)
            return None
        self.columns_page.message.clear()
        self.memory().remember(self.layout_.headers, mapping)
        if mapping == self._checked_mapping and self.plan is not None:
            self._show(PREVIEW)
            return None
        return self.check_rows(mapping, advance=True)

    # -- 3. the preview: checking and the dry run ------------------------------------------

    def check_rows(self, mapping: list[str | None] | None = None, advance: bool = False):
        """Check every row again (after a mapping or a cell changed), then plan it."""
        mapping = list(mapping if mapping is not None else self.read.mapping)
        sheet, layout = self.sheet, self.layout_
        page = self.columns_page if advance else self.preview_page

        self._generation += 1
        generation = self._generation

        def checked(read) -> None:
            if generation != self._generation:
                return
            self.read = read
            self._checked_mapping = mapping
            self.dry_run(advance=advance, page=page)

        return self._run(lambda task_ctx: pipeline.check_sheet(sheet, layout, mapping, task_ctx),
                         lane=Lane.FILES, on_result=checked, page=page,
                         title=_("Checking the rows"), progress=True)

    def dry_run(self, advance: bool = False, page: QWidget | None = None):
        read, policy, db = self.read, self.policy_page.policy, self._ctx.db
        self._generation += 1
        generation = self._generation

        def work(_task_ctx):
            plan = pipeline.dry_run(db, read, policy)
            return plan, index_problems(read, plan)

        def planned(value) -> None:
            if generation != self._generation:
                return  # a later check or policy is on its way
            plan, problems = value
            self.plan = plan
            self.preview_page.show_rows(self.sheet, self.read, plan, problems)
            self.policy_page.show_plan(plan)
            if advance:
                self._show(PREVIEW)

        return self._run(work, lane=Lane.DATABASE, on_result=planned,
                         page=page or self.policy_page, title=_("Comparing with the roster"),
                         progress=True)

    def _policy_toggled(self, _button, checked: bool) -> None:
        if checked and self.read is not None:
            self.dry_run()

    # -- 4. the import ---------------------------------------------------------------------

    def start_import(self):
        read, policy, db = self.read, self.policy_page.policy, self._ctx.db
        operator, path, sheet = self._ctx.operator, self.path, self.sheet.name
        plans: list = []

        def work(task_ctx):
            from desktop.roster.importing.apply import apply_import

            # Said at once: comparing with the roster comes before the first rows are written.
            task_ctx.report(0, len(read), _("Comparing {count} rows with the roster…").format(
                count=format_number(len(read))))
            return apply_import(db, read, policy, operator=operator, file_name=str(path),
                                sheet=sheet, ctx=task_ctx, on_plan=plans.append)

        def done(result) -> None:
            self.result = result
            self.final_plan = plans[0] if plans else self.plan
            self.result_page.show_result(result, path.name)
            self.result_page.undo_button.setEnabled(True)
            self._show(RESULT)
            count = result.created + result.updated
            self._tell(ngettext("Imported {count} resident from {file}.",
                                "Imported {count} residents from {file}.", count).format(
                count=format_number(count), file=path.name))
            self.imported.emit(result)

        def cancelled() -> None:
            self.policy_page.message.setText(_("The import was cancelled; nothing was changed."))

        return self._run(work, lane=Lane.DATABASE, on_result=done, page=self.policy_page,
                         title=_("Importing residents"), progress=True, on_cancelled=cancelled)

    def _tell(self, message: str) -> None:
        tell(self.parentWidget(), message)

    # -- afterwards: errors workbook, undo, history ----------------------------------------

    def save_errors(self, path: str | Path | None = None):
        plan = self.final_plan if self.current == RESULT and self.final_plan else self.plan
        page = self.stack.currentWidget()
        if plan is None or not plan.errors:
            return None
        if path is None:
            default = self.path.with_name(_("{name} - not imported").format(
                name=self.path.stem) + ".xlsx")
            chosen, _filter = QFileDialog.getSaveFileName(
                self, _("Save rows with errors"), str(default),
                _("Excel workbook (*.xlsx)"))
            if not chosen:
                return None
            path = chosen
        target = with_suffix_added(path, ".xlsx")
        rows = self.sheet.rows

        def saved(count: int) -> None:
            page.message.setText("")
            self._tell(ngettext("Saved {count} row with errors to {path}.",
                                "Saved {count} rows with errors to {path}.", count).format(
                count=format_number(count), path=target))
            self.saved_errors = target

        from desktop.roster.importing.report import write_errors_workbook

        return self._run(lambda _task_ctx: write_errors_workbook(target, plan, rows),
                         lane=Lane.FILES, on_result=saved, page=page,
                         title=_("Saving rows with errors"))

    def undo_import(self):
        from desktop.roster.importing.batches import undo_import

        if self.result is None:
            return None
        db, batch_id, operator = self._ctx.db, self.result.batch_id, self._ctx.operator

        def undone(summary) -> None:
            self.undo_summary = summary
            self.result_page.undo_button.setEnabled(False)
            self.result_page.heading.setText(_("Import undone"))
            self.result_page.summary.setText(describe_undo(summary))
            self.result_page.counts.setVisible(False)  # they describe what was just undone
            self._tell(_("The import of {file} was undone.").format(file=self.path.name))
            self.undone.emit(summary.changes)

        return self._run(lambda _task_ctx: undo_import(db, batch_id, operator),
                         lane=Lane.DATABASE, on_result=undone, page=self.result_page,
                         title=_("Undoing the import"), progress=True)

    def show_history(self):
        self.history_dialog = open_import_history(self, self._ctx, self._runner,
                                                  self.undone.emit)
        return self.history_dialog

    # -- closing ---------------------------------------------------------------------------

    def reject(self) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()
        super().reject()
