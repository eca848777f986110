"""Import history…: the recent imports, newest first, each undoable as a whole.

Reads ``recent_batches`` and runs ``undo_import`` from ``desktop.roster.importing.batches`` on
the database lane; an import already undone says when, and cannot be undone twice.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.core.errors import LinliError
from desktop.core.i18n import _, format_number, ngettext
from desktop.ui.tasks import Lane, TaskRunner
from desktop.ui.widgets.labels import message_label
from desktop.ui.widgets.screen import fit_dialog

ID_ROLE = Qt.ItemDataRole.UserRole


class ImportHistoryDialog(QDialog):
    undone = Signal(object)  # ChangeSet

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx, self._runner = ctx, runner
        self.batches: list = []
        self.setWindowTitle(_("Import history"))
        fit_dialog(self, 760, 360)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([
            _("Imported"), _("File"), _("Sheet"), _("By"), _("New / updated"), _("Undone")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.message = message_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.undo_button = QPushButton(_("Undo this import"))
        self.buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo_selected)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Undoing an import removes the residents it added and gives "
                                  "the residents it updated their earlier values back.")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.task = self.reload()

    def reload(self):
        from desktop.roster.reading import import_history

        db = self._ctx.db

        def work(_task_ctx):
            return import_history(db, limit=50)

        return self._runner.run(work, title=_("Reading the import history"), lane=Lane.DATABASE,
                                parent=self, on_result=self._show, progress=False)

    def _show(self, batches) -> None:
        self.batches = list(batches)
        self.table.setRowCount(len(self.batches))
        for row, batch in enumerate(self.batches):
            when = batch.imported_at.strftime("%Y-%m-%d %H:%M") if batch.imported_at else ""
            undone = batch.undone_at.strftime("%Y-%m-%d %H:%M") if batch.undone_at else ""
            cells = (when, batch.file_name, batch.sheet, batch.operator,
                     f"{format_number(batch.created)} / {format_number(batch.updated)}", undone)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, batch.id)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        if self.batches:
            self.table.selectRow(0)
        self._selection_changed()

    def selected(self):
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.batches[min(rows)] if rows else None

    def _selection_changed(self) -> None:
        batch = self.selected()
        self.undo_button.setEnabled(batch is not None and batch.undone_at is None)

    def undo_selected(self):
        from desktop.roster.importing.batches import undo_import

        batch = self.selected()
        if batch is None or batch.undone_at is not None:
            return None
        db, operator = self._ctx.db, self._ctx.operator
        self.message.clear()

        def work(_task_ctx):
            try:
                return undo_import(db, batch.id, operator)
            except LinliError as exc:
                return exc

        def done(value) -> None:
            if isinstance(value, LinliError):
                self.message.setText(value.message)
                return
            self.message.setText(describe_undo(value))
            self.undone.emit(getattr(value, "changes", value))
            self.task = self.reload()

        self.task = self._runner.run(work, title=_("Undoing the import"), lane=Lane.DATABASE,
                                     parent=self, on_result=done)
        return self.task


def open_import_history(parent, ctx, runner, on_undone) -> ImportHistoryDialog:
    """The history over ``parent``; ``on_undone(changes)`` after an import there is undone."""
    dialog = ImportHistoryDialog(ctx, runner, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.undone.connect(on_undone)
    dialog.open()
    return dialog


def describe_undo(summary) -> str:
    """What undoing an import did (an UndoSummary from ``batches.undo_import``)."""
    removed = ngettext("{count} record it added was removed",
                       "{count} records it added were removed", summary.removed)
    restored = ngettext("{count} field got its earlier value back.",
                        "{count} fields got their earlier values back.", summary.restored)
    text = _("The import was undone: {removed}; {restored}").format(
        removed=removed.format(count=format_number(summary.removed)),
        restored=restored.format(count=format_number(summary.restored)))
    if summary.kept:
        text += " " + ngettext(
            "{count} field edited again since the import was left as it is.",
            "{count} fields edited again since the import were left as they are.",
            summary.kept).format(count=format_number(summary.kept))
    return text
