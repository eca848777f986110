"""The "Export…" dialog: which residents (the selection or the current filter's), the format,
the columns and their order, masking; the export runs on the files lane with progress and
Cancel, and the status bar says where the file went.

Opened from the roster's context menu and from File ▸ Export roster…; window-modal with
``open()`` so tests can drive it (they set ``path_edit`` instead of using the file chooser).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.core.access import NotPermitted
from desktop.core.i18n import _, format_number
from desktop.roster.exporting.columns import DEFAULT_COLUMNS, EXPORT_KEYS, column_label
from desktop.roster.exporting.disclosure import (
    disclose,
    disclosure_notes,
    left_out_columns,
    masking_rule,
)
from desktop.roster.exporting.export import (
    ExportOptions,
    ExportSummary,
    export_residents,
    format_for,
)
from desktop.roster.views import ResidentFilter, SortSpec
from desktop.ui.printing.export_file import warn_plaintext_once
from desktop.ui.tasks import Failed, Lane, TaskRunner
from desktop.ui.widgets.checklist import CheckList
from desktop.ui.widgets.file_row import file_row
from desktop.ui.widgets.labels import message_label
from desktop.ui.widgets.status import tell


class ExportDialog(QDialog):
    exported = Signal(object)  # ExportSummary

    def __init__(self, ctx: AppContext, runner: TaskRunner, *, selected_ids: list[str],
                 shown_ids: list[str], resident_filter: ResidentFilter, sort: SortSpec,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._runner = ctx, runner
        self._selected, self._shown = list(selected_ids), list(shown_ids)
        self._filter, self._sort = resident_filter, sort
        self.summary: ExportSummary | None = None
        self.task = None
        self.setWindowTitle(_("Export residents"))
        self.setMinimumWidth(560)

        scope_box = QGroupBox(_("Residents"))
        scope_layout = QVBoxLayout(scope_box)
        self.selected_radio = QRadioButton(_("Selected residents ({count})").format(
            count=format_number(len(self._selected))))
        self.filtered_radio = QRadioButton(_("All residents the current filter shows ({count})")
                                           .format(count=format_number(len(self._shown))))
        self._scope = QButtonGroup(self)
        for button in (self.selected_radio, self.filtered_radio):
            self._scope.addButton(button)
            scope_layout.addWidget(button)
        self.selected_radio.setEnabled(bool(self._selected))
        (self.selected_radio if len(self._selected) > 1 else self.filtered_radio).setChecked(True)

        self.format_combo = QComboBox()
        self.format_combo.addItem(_("Excel workbook (.xlsx)"), "xlsx")
        self.format_combo.addItem(_("CSV text (.csv)"), "csv")
        self.encoding_combo = QComboBox()
        self.encoding_combo.addItem(_("UTF-8 (Excel, WPS)"), "utf-8-sig")
        self.encoding_combo.addItem(_("GBK (older systems)"), "gbk")
        self.per_compound = QCheckBox(_("One sheet per compound"))
        self.mask = QCheckBox(_("Mask personal data (张*明, 138****5678)"))
        self.mask.setChecked(True)
        self.mask.setToolTip(_("Turn off only for files that stay in the office."))
        # What masking does to the chosen columns, said where the choice is made.
        self.mask_rule = QLabel(masking_rule())
        self.mask_rule.setObjectName("hint")
        self.mask_rule.setWordWrap(True)

        self.columns = CheckList()
        self.columns.setMinimumHeight(200)
        for key in (*DEFAULT_COLUMNS, *(k for k in EXPORT_KEYS if k not in DEFAULT_COLUMNS)):
            self.columns.add(column_label(key), key, key in DEFAULT_COLUMNS)
        self.columns.setCurrentRow(0)
        up, down = QPushButton(_("Move up")), QPushButton(_("Move down"))
        up.clicked.connect(lambda: self.move_current(-1))
        down.clicked.connect(lambda: self.move_current(1))
        order = QVBoxLayout()
        order.addWidget(up)
        order.addWidget(down)
        order.addStretch(1)
        column_row = QHBoxLayout()
        column_row.addWidget(self.columns, 1)
        column_row.addLayout(order)

        self.path_edit = QLineEdit(str(self._default_path("xlsx")))
        path_row, browse = file_row(self.path_edit)
        browse.clicked.connect(self.choose_file)

        form = QFormLayout()
        form.addRow(_("Format"), self.format_combo)
        form.addRow(_("CSV encoding"), self.encoding_combo)
        form.addRow("", self.per_compound)
        form.addRow("", self.mask)
        form.addRow("", self.mask_rule)
        form.addRow(_("Columns"), column_row)
        form.addRow(_("File"), path_row)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(_("Export"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        self.message = message_label()

        layout = QVBoxLayout(self)
        layout.addWidget(scope_box)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self._format_changed()
        self.mask.toggled.connect(self._mask_toggled)
        self._mask_toggled(self.mask.isChecked())

    # -- choices ---------------------------------------------------------------------------

    @property
    def format(self) -> str:
        return self.format_combo.currentData()

    def set_format(self, fmt: str) -> None:
        self.format_combo.setCurrentIndex(self.format_combo.findData(fmt))

    def chosen_columns(self) -> tuple[str, ...]:
        return self.columns.checked_keys()

    def set_columns(self, keys) -> None:
        self.columns.set_checked(keys)

    def move_current(self, step: int) -> None:
        row = self.columns.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.columns.count():
            return
        item = self.columns.takeItem(row)
        self.columns.insertItem(target, item)
        self.columns.setCurrentRow(target)

    def _mask_toggled(self, on: bool) -> None:
        """A masked export leaves some columns out (disclosure.py): they cannot be chosen."""
        self.mask_rule.setVisible(on)
        self.columns.set_enabled(left_out_columns(), not on,
                                 _("Left out of a masked export."))

    def _format_changed(self) -> None:
        csv = self.format == "csv"
        self.encoding_combo.setEnabled(csv)
        self.per_compound.setEnabled(not csv)
        text = self.path_edit.text().strip()
        if text and format_for(Path(text)) is not None:
            self.path_edit.setText(str(Path(text).with_suffix("." + self.format)))

    @staticmethod
    def _default_path(fmt: str) -> Path:
        folder = Path.home() / "Documents"
        folder = folder if folder.is_dir() else Path.home()
        name = _("Roster {date}").format(date=dt.date.today().isoformat())
        return folder / f"{name}.{fmt}"

    def choose_file(self) -> None:
        pattern = (_("Excel workbook (*.xlsx)") if self.format == "xlsx"
                   else _("CSV text (*.csv)"))
        path, _filter = QFileDialog.getSaveFileName(self, _("Export residents"),
                                                    self.path_edit.text(), pattern)
        if path:
            self.path_edit.setText(path)

    def options(self) -> ExportOptions:
        use_selection = self.selected_radio.isChecked()
        common = {"format": self.format, "columns": self.chosen_columns(),
                  "mask": self.mask.isChecked(),
                  "sheet_per_compound": self.per_compound.isChecked() and self.format == "xlsx",
                  "encoding": self.encoding_combo.currentData(), "sort": self._sort}
        if use_selection:
            return ExportOptions(resident_ids=tuple(self._selected), **common)
        if self._filter.text.strip():
            # What the search index found (pinyin, addresses): the ids the table shows.
            return ExportOptions(resident_ids=tuple(self._shown), **common)
        return ExportOptions(filter=self._filter, **common)  # one SQL pass, fastest

    # -- running ---------------------------------------------------------------------------

    def start(self):
        text = self.path_edit.text().strip()
        if not text:
            return self._complain(_("Choose a file to export to."))
        path = Path(text).expanduser()
        if format_for(path) != self.format:
            path = path.with_name(path.name + "." + self.format)
            self.path_edit.setText(str(path))
        options = self.options()
        if not disclose(options.columns, options.mask).columns:  # or only what masking leaves out
            return self._complain(_("Choose at least one column."))
        self.message.clear()
        self.export_button.setEnabled(False)
        db = self._ctx.db

        def work(task_ctx):
            try:
                return export_residents(db, path, options, task_ctx)
            except NotPermitted as exc:  # a volunteer: said beside the buttons, not a box
                return Failed(exc.message, "", exc)

        self.task = self._runner.run(work, title=_("Exporting residents"), lane=Lane.FILES,
                                     parent=self, on_result=self._done)
        self.task.finished.connect(lambda: self.export_button.setEnabled(True))
        return self.task

    def _complain(self, message: str) -> None:
        self.message.setText(message)

    def _done(self, summary: ExportSummary | Failed) -> None:
        if isinstance(summary, Failed):
            self.summary = summary
            return self._complain(summary.message)
        self.summary = summary
        message = " ".join([_("Exported {rows} residents to {path}.").format(
            rows=format_number(summary.rows), path=summary.path),
            *(disclosure_notes(summary.disclosure) if summary.disclosure else ())])
        if not tell(self.parentWidget(), message):
            box = QMessageBox(QMessageBox.Icon.Information, _("Export residents"), message,
                              QMessageBox.StandardButton.Ok, self.parentWidget())
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
        self.exported.emit(summary)
        warn_plaintext_once(self.parentWidget(), self._ctx.db)
        self.accept()


def open_export_dialog(page, ctx: AppContext, runner: TaskRunner) -> ExportDialog:
    """The dialog for what the roster page shows now, opened window-modal."""
    dialog = ExportDialog(
        ctx, runner, selected_ids=page.resident_table.selected_ids(),
        shown_ids=list(page.residents.ids),
        resident_filter=page.filters.resident_filter(page.scope), sort=page.resident_sort,
        parent=page)
    dialog.finished.connect(lambda _result: dialog.deleteLater())
    dialog.open()
    return dialog
