"""The survey forms of the Home visits page: the list, and beside it the chosen form as a
volunteer will see it (the filler, with its logic working, in each language it carries).

New, Edit and Copy open the form builder; a template becomes the office's own form by
copying it; an XLSForm comes in (its problems listed by row and column when it cannot) and
any form goes out as an XLSForm for a KoboToolbox or ODK user. Reads go through
``desktop.visits.forms.reading``; every write through the window's one write path.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.core.files import with_suffix_added
from desktop.core.i18n import N_, _, current_language, ngettext
from desktop.ui.operations import Operations
from desktop.ui.tasks import Failed, Lane, TaskRunner, inline
from desktop.ui.visits.form_problems import preview_filler, show_problems
from desktop.ui.widgets.flow import FlowLayout
from desktop.ui.widgets.id_list import IdList
from desktop.ui.widgets.labels import message_label
from desktop.ui.widgets.splitter import SharingSplitter
from desktop.ui.widgets.status import tell
from desktop.visits.forms.model import Form, language_fallbacks, language_for
from desktop.visits.forms.reading import form_definition, form_rows

SOURCE_LABELS = {"template": N_("template"), "xlsform": N_("XLSForm"), "builder": N_("built here")}


class FormsTab(QWidget):
    edit_requested = Signal(object, object)  # (form id or None, Form or None)

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx, self._runner = ctx, runner
        self.rows = []
        self.form: Form | None = None
        self.filler = None

        buttons = QWidget()
        flow = FlowLayout(buttons)
        self.new_button = QPushButton(_("&New form…"))
        self.template_button = QPushButton(_("From &template"))
        self.template_menu = QMenu(self.template_button)
        self.template_button.setMenu(self.template_menu)
        self.import_button = QPushButton(_("&Import XLSForm…"))
        self.export_button = QPushButton(_("E&xport XLSForm…"))
        self.edit_button = QPushButton(_("&Edit…"))
        self.copy_button = QPushButton(_("&Copy…"))
        self.archive_button = QPushButton(_("&Archive"))
        for button in (self.new_button, self.template_button, self.import_button,
                       self.export_button, self.edit_button, self.copy_button,
                       self.archive_button):
            flow.addWidget(button)
        self.new_button.clicked.connect(lambda: self.edit_requested.emit(None, None))
        self.template_menu.aboutToShow.connect(self._fill_template_menu)
        self.import_button.clicked.connect(lambda: self.import_xlsform())
        self.export_button.clicked.connect(lambda: self.export_xlsform())
        self.edit_button.clicked.connect(self._edit)
        self.copy_button.clicked.connect(lambda: self.copy_form())
        self.archive_button.clicked.connect(lambda: self.archive())

        self.list = IdList()
        self.list.setAccessibleName(_("Survey forms"))
        # Titles and their "version · questions · source" line wrap in a narrow list rather
        # than run off its edge.
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentItemChanged.connect(lambda *_args: self._show_current())
        self.list.itemActivated.connect(lambda _item: self._edit())
        self.empty = QLabel(_("No survey forms yet. Start from a template, build a new form, "
                              "or import an XLSForm."))
        self.empty.setWordWrap(True)

        preview = QWidget()
        column = QVBoxLayout(preview)
        column.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.preview_title = QLabel()
        self.preview_title.setObjectName("sectionTitle")
        self.preview_title.setWordWrap(True)
        self.language = QComboBox()
        self.language.setAccessibleName(_("Language of the form"))
        self.language.currentIndexChanged.connect(lambda _i: self._language_changed())
        top.addWidget(self.preview_title, 1)
        top.addStretch()
        top.addWidget(self.language)
        column.addLayout(top)
        self.preview_area = QVBoxLayout()
        column.addLayout(self.preview_area, 1)
        self.message = message_label()
        column.addWidget(self.message)

        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(self.empty)
        left_column.addWidget(self.list, 1)
        self.splitter = SharingSplitter.between([left, preview], 0.3, 180, 320)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(buttons)
        layout.addWidget(self.splitter, 1)
        self._update_buttons()

    # -- the list --------------------------------------------------------------------------

    def refresh(self, changes=None) -> None:
        if changes is None or changes.tables & {"form", "form_version"}:
            self.load()

    def load(self, select: str | None = None) -> None:
        chosen = select or self.current_id()
        self.rows = form_rows(self._ctx.db)
        rows = []
        for row in self.rows:
            detail = ngettext("version {number} · {count} question · {source}",
                              "version {number} · {count} questions · {source}",
                              row.questions).format(number=row.number, count=row.questions,
                                                    source=_(SOURCE_LABELS.get(row.source, "")))
            rows.append((f"{row.title_in(current_language())}\n{detail}", row.id, ""))
        self.list.fill(rows, chosen)
        self.empty.setVisible(not self.rows)
        self._show_current()

    def current_id(self) -> str | None:
        return self.list.current_id()

    def select(self, form_id: str) -> None:
        self.list.select_id(form_id)

    def _update_buttons(self) -> None:
        chosen = self.current_id() is not None
        for button in (self.export_button, self.edit_button, self.copy_button,
                       self.archive_button):
            button.setEnabled(chosen)

    # -- the preview -----------------------------------------------------------------------

    def _show_current(self) -> None:
        self._update_buttons()
        form_id = self.current_id()
        self.form = form_definition(self._ctx.db, form_id) if form_id else None
        self.language.blockSignals(True)
        self.language.clear()
        if self.form is not None:
            for language in self.form.languages or ("default",):
                self.language.addItem(_("default") if language == "default" else language,
                                      language)
            wanted = language_for(self.form, current_language()) or self.form.default_language
            index = self.language.findData(wanted)
            self.language.setCurrentIndex(max(index, 0))
        self.language.setVisible(self.language.count() > 1)
        self.language.blockSignals(False)
        self._build_filler()

    def current_title(self) -> str:
        form = self.form
        return (form.title.get(self.language.currentData(), language_fallbacks(form))
                if form is not None else "")

    def _language_changed(self) -> None:
        if self.filler is not None and hasattr(self.filler, "set_language"):
            self.filler.set_language(self.language.currentData())
        self._show_title()

    def _show_title(self) -> None:
        """Before a form is chosen, what to do; after, the filler shows the form's title."""
        self.preview_title.setText("" if self.form is not None
                                   else _("Choose a form to see it as a volunteer will."))
        self.preview_title.setVisible(self.form is None)

    def _build_filler(self) -> None:
        if self.filler is not None:
            self.preview_area.removeWidget(self.filler)
            self.filler.deleteLater()
            self.filler = None
        self._show_title()
        if self.form is None:
            return
        self.filler = preview_filler(self.form, self.language.currentData(), self)
        self.preview_area.addWidget(self.filler, 1)

    # -- commands --------------------------------------------------------------------------

    def _write(self, work, label: str, done_text: str):
        def done(saved, _changes) -> None:
            self.load(getattr(saved, "form_id", None))
            tell(self, done_text)

        return Operations.of(self._runner).write(
            self._ctx, work, label=label, parent=self, progress=False, on_done=done,
            on_refused=lambda exc: show_problems(self, label, getattr(exc, "problems", None),
                                                 exc.message))

    def _edit(self) -> None:
        if self.form is not None:
            self.edit_requested.emit(self.current_id(), self.form)

    def _fill_template_menu(self) -> None:
        from desktop.visits.forms.templates import TEMPLATES

        self.template_menu.clear()
        language = current_language()
        for template in TEMPLATES:
            title = template.title.get(language_for(template, language),
                                       language_fallbacks(template))
            action = self.template_menu.addAction(title)
            action.triggered.connect(lambda _c=False, t=template, n=title: self.from_template(
                t, n))

    def from_template(self, template: Form, title: str):
        """The template becomes one of the office's forms, to adapt as it likes."""
        from desktop.visits.forms.service import copy_form

        language = language_for(template, current_language())
        return self._write(lambda uow: copy_form(uow, template, title, language,
                                                 source="template"),
                           _("New form from a template"),
                           _("{title} is now one of your forms.").format(title=title))

    def copy_form(self, title: str | None = None):
        if self.form is None:
            return None
        form, language = self.form, self.language.currentData()
        if title is None:
            title, ok = QInputDialog.getText(
                self, _("Copy form"), _("Title of the copy:"),
                text=_("{title} (copy)").format(title=self.current_title()))
            if not ok or not title.strip():
                return None
        from desktop.visits.forms.service import copy_form

        return self._write(lambda uow: copy_form(uow, form, title.strip(), language),
                           _("Copy form"), _("Copied as {title}.").format(title=title.strip()))

    def archive(self, confirm: bool = True):
        form_id = self.current_id()
        if form_id is None:
            return None
        if confirm and QMessageBox.question(
                self, _("Archive form"),
                _("Take {title} out of the list? Visits made with it keep their answers; an "
                  "archived form can be brought back later.").format(
                    title=self.current_title())) != QMessageBox.StandardButton.Yes:
            return None
        from desktop.visits.forms.service import set_archived

        return self._write(lambda uow: set_archived(uow, form_id), _("Archive form"),
                           _("The form was archived."))

    def import_xlsform(self, path: str | Path | None = None):
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, _("Import XLSForm"), "", _("XLSForm (*.xlsx *.xls);;All files (*)"))
            if not chosen:
                return None
            path = chosen
        path = Path(path)

        def read(_task_ctx):
            from desktop.visits.forms.service import read_xlsform

            try:
                data = path.read_bytes()
            except OSError as exc:
                return Failed(_("Cannot read {path}: {reason}").format(
                    path=path, reason=exc.strerror or exc))
            return read_xlsform(data, path.name)

        return self._runner.run(inline(read), title=_("Reading {file}").format(file=path.name),
                                lane=Lane.FILES, parent=self,
                                on_result=lambda result: self._imported(result, path))

    def _imported(self, result, path: Path):
        from desktop.visits.forms.problems import errors

        if isinstance(result, Failed):
            self.message.setText(result.message)
            return None
        if result.form is None or errors(result.problems):
            show_problems(self, _("Import XLSForm"), result.problems,
                          _("{file} was not imported: the form cannot be used as it is.")
                          .format(file=path.name))
            return None
        form = result.form

        def work(uow):
            from desktop.visits.forms.service import form_by_key, save_form

            return save_form(uow, form, form_by_key(uow.session, form.form_id),
                             source="xlsform", file_name=path.name)

        task = self._write(work, _("Import XLSForm"),
                           _("Imported {file}.").format(file=path.name))
        if result.problems:  # warnings: the form came in, but the office should know these
            show_problems(self, _("Import XLSForm"), result.problems,
                          _("{file} was imported. Some of it cannot be filled in here:")
                          .format(file=path.name))
        return task

    def export_xlsform(self, path: str | Path | None = None):
        if self.form is None:
            return None
        form = self.form
        if path is None:
            default = f"{form.form_id or 'form'}.xlsx"
            chosen, _filter = QFileDialog.getSaveFileName(
                self, _("Export XLSForm"), default, _("XLSForm (*.xlsx)"))
            if not chosen:
                return None
            path = chosen
        target = with_suffix_added(path, ".xlsx")

        def write(_task_ctx):
            from desktop.visits.forms.xlsform import export_xlsform

            try:
                export_xlsform(form, target)
            except OSError as exc:
                return Failed(_("Cannot write {path}: {reason}").format(
                    path=target, reason=exc.strerror or exc))
            return target

        def done(result) -> None:
            if isinstance(result, Failed):
                self.message.setText(result.message)
            else:
                self.message.setText("")
                tell(self, _("Wrote {path}.").format(path=result))
            self.exported = result

        return self._runner.run(inline(write), title=_("Exporting XLSForm"), lane=Lane.FILES,
                                parent=self, on_result=done)
