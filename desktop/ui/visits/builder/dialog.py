"""The form builder: the questions in order on the left (add, move, duplicate, delete), the
chosen question's editor in the middle, and the form as a volunteer will see it on the right,
its logic working, redrawn a moment after each edit. Problems (an expression that does not
parse, a condition on a question that is gone) are listed under it as they appear; Save
stores the form through the one write path — a new version when the old one has answers."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.core.i18n import _, current_language, ngettext
from desktop.ui.operations import Operations
from desktop.ui.tasks import TaskRunner
from desktop.ui.visits.builder.question_editor import TYPE_LABELS, QuestionEditor
from desktop.ui.visits.form_problems import preview_filler
from desktop.ui.widgets.flow import FlowLayout
from desktop.ui.widgets.screen import fit_dialog
from desktop.visits.forms import editing
from desktop.visits.forms.model import (
    FORM_LANGUAGES,
    TEXT,
    ChoiceList,
    Form,
    Group,
    Question,
    Text,
    language_fallbacks,
    language_for,
)

NAME_ROLE = Qt.ItemDataRole.UserRole
PREVIEW_DELAY_MS = 300  # redraw the preview once typing pauses, not on every key


def new_form(language: str) -> Form:
    key = FORM_LANGUAGES.get(language, FORM_LANGUAGES["en"])
    return Form("form", Text({key: _("New survey form")}), languages=(key,),
                default_language=key)


class FormBuilder(QDialog):
    saved = Signal(str)  # the form's id

    def __init__(self, ctx: AppContext, runner: TaskRunner, form_id: str | None = None,
                 form: Form | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._runner = ctx, runner
        self.form_id = form_id
        self.form = form if form is not None else new_form(current_language())
        self.language = (language_for(self.form, current_language())
                         or self.form.default_language or (self.form.languages or ("",))[0])
        self.setWindowTitle(_("Edit survey form") if form_id else _("New survey form"))

        self.title = QLineEdit()
        self.title.setAccessibleName(_("Title"))
        self.title.editingFinished.connect(self._title_edited)
        self.languages = QComboBox()
        self.languages.setAccessibleName(_("Language being edited"))
        self.languages.currentIndexChanged.connect(lambda _i: self._language_chosen())
        self.add_language = QPushButton(_("Add language"))
        self.add_language_menu = QMenu(self.add_language)
        self.add_language.setMenu(self.add_language_menu)
        self.add_language_menu.aboutToShow.connect(self._fill_language_menu)
        head = QHBoxLayout()
        head.addWidget(QLabel(_("Title")))
        head.addWidget(self.title, 1)
        head.addWidget(self.languages)
        head.addWidget(self.add_language)

        self.list = QListWidget()
        self.list.setAccessibleName(_("Questions"))
        self.list.currentItemChanged.connect(lambda *_a: self._show_chosen())
        self.add_button = QPushButton(_("Add question"))
        add_menu = QMenu(self.add_button)
        for key, label in TYPE_LABELS.items():
            add_menu.addAction(_(label)).triggered.connect(
                lambda _c=False, k=key: self.add_question(k))
        add_menu.addSeparator()
        add_menu.addAction(_("Section")).triggered.connect(lambda: self.add_section())
        self.add_button.setMenu(add_menu)
        self.up_button = QPushButton(_("Up"))
        self.down_button = QPushButton(_("Down"))
        self.duplicate_button = QPushButton(_("Duplicate"))
        self.delete_button = QPushButton(_("Delete"))
        self.up_button.clicked.connect(lambda: self.move_chosen(-1))
        self.down_button.clicked.connect(lambda: self.move_chosen(1))
        self.duplicate_button.clicked.connect(self.duplicate_chosen)
        self.delete_button.clicked.connect(self.delete_chosen)
        tools = QWidget()
        flow = FlowLayout(tools)
        for button in (self.add_button, self.up_button, self.down_button,
                       self.duplicate_button, self.delete_button):
            flow.addWidget(button)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(tools)
        left_column.addWidget(self.list, 1)

        self.editor = QuestionEditor()
        self.editor.changed.connect(self._node_edited)
        editor_scroll = QScrollArea()
        editor_scroll.setWidgetResizable(True)
        editor_scroll.setWidget(self.editor)

        self.preview_box = QWidget()
        self.preview_layout = QVBoxLayout(self.preview_box)
        self.preview_layout.setContentsMargins(0, 0, 0, 0)
        self.preview = None
        self._preview_stale = True

        # The chosen question and the form as a volunteer will see it share the right side:
        # side by side they would not fit a laptop at 150 %; the preview is one click away
        # (Ctrl+Tab) and is redrawn when shown after an edit.
        self.tabs = QTabWidget()
        self.tabs.addTab(editor_scroll, _("Question"))
        self.tabs.addTab(self.preview_box, _("As a volunteer will see it"))
        self.tabs.currentChanged.connect(lambda _i: self._preview_if_shown())

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([340, 560])
        splitter.setChildrenCollapsible(False)

        self.problems = QLabel()
        self.problems.setObjectName("error")
        self.problems.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._preview_if_shown)
        self._fill_languages()
        self._fill_list()
        self.refresh_preview()
        fit_dialog(self, 640, 420, 1000, 680)

    # -- languages and title ---------------------------------------------------------------

    @property
    def fallbacks(self) -> tuple[str, ...]:
        return language_fallbacks(self.form)

    def _fill_languages(self) -> None:
        self.languages.blockSignals(True)
        self.languages.clear()
        for language in self.form.languages or (self.language,):
            self.languages.addItem(language or _("default"), language)
        self.languages.setCurrentIndex(max(0, self.languages.findData(self.language)))
        self.languages.blockSignals(False)
        self.title.setText(self.form.title.get(self.language, self.fallbacks))

    def _fill_language_menu(self) -> None:
        self.add_language_menu.clear()
        for language in FORM_LANGUAGES.values():
            if language not in self.form.languages:
                self.add_language_menu.addAction(language).triggered.connect(
                    lambda _c=False, lang=language: self.add_form_language(lang))

    def add_form_language(self, language: str) -> None:
        """A new language starts as a copy of the texts in the one being edited."""
        self.form = replace(self.form, languages=(*self.form.languages, language))
        self.language = language
        self._fill_languages()
        self._show_chosen()

    def _language_chosen(self) -> None:
        self.language = self.languages.currentData()
        self.title.setText(self.form.title.get(self.language, self.fallbacks))
        self._fill_list(self.chosen_name())

    def _title_edited(self) -> None:
        titles = dict(self.form.title.by_language)
        titles[self.language] = self.title.text().strip()
        self.form = replace(self.form, title=Text(titles))
        self._changed()

    # -- the list of questions -------------------------------------------------------------

    def _fill_list(self, chosen: str | None = None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for path, node in self.form.walk():
            item = QListWidgetItem(self._item_text(path, node))
            item.setData(NAME_ROLE, node.name)
            self.list.addItem(item)
            if node.name == chosen:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._show_chosen()

    def _item_text(self, path: str, node) -> str:
        """A section (§) or a repeat (↻) and its questions indented under it, each question
        with its type."""
        text = node.label.get(self.language, self.fallbacks) or node.name
        if isinstance(node, Group):
            text = ("↻ " if node.repeat else "§ ") + text
        else:
            text = f"{text}  ({_(TYPE_LABELS.get(node.type, node.source_type or node.type))})"
        return "    " * (path.count("/") - 1) + text

    def chosen_name(self) -> str | None:
        item = self.list.currentItem()
        return item.data(NAME_ROLE) if item is not None else None

    def choose(self, name: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(NAME_ROLE) == name:
                self.list.setCurrentRow(i)
                return

    def _show_chosen(self) -> None:
        name = self.chosen_name()
        node = editing.find(self.form, name) if name else None
        self.editor.show_node(self.form, node, self.language, self.fallbacks)
        for button in (self.up_button, self.down_button, self.duplicate_button,
                       self.delete_button):
            button.setEnabled(node is not None)

    def add_question(self, kind: str = TEXT) -> str:
        name = editing.free_name(self.form, f"q{len(self.form.questions()) + 1}")
        label = Text({self.language: _("New question")})
        self.form = editing.insert_after(self.form, self.chosen_name(),
                                         Question(name, kind, label=label))
        self._fill_list(name)
        self._changed()
        return name

    def add_section(self) -> str:
        name = editing.free_name(self.form, "section")
        self.form = editing.insert_after(self.form, self.chosen_name(), Group(
            name, Text({self.language: _("New section")})))
        self._fill_list(name)
        self._changed()
        return name

    def move_chosen(self, delta: int) -> None:
        name = self.chosen_name()
        if name:
            self.form = editing.move(self.form, name, delta)
            self._fill_list(name)
            self._changed()

    def duplicate_chosen(self) -> None:
        name = self.chosen_name()
        if name:
            self.form, copy = editing.duplicate(self.form, name)
            self._fill_list(copy)
            self._changed()

    def delete_chosen(self) -> None:
        name = self.chosen_name()
        if name:
            row = self.list.currentRow()
            self.form = editing.remove(self.form, name)
            self._fill_list()
            self.list.setCurrentRow(min(row, self.list.count() - 1))
            self._changed()

    def _node_edited(self, before: str, node, choices: ChoiceList | None) -> None:
        self.form = editing.replace_node(self.form, before, node)
        if choices is not None:
            self.form = editing.with_choice_list(self.form, choices)
        item = self.list.currentItem()
        if item is not None and before != node.name:
            item.setData(NAME_ROLE, node.name)
        self._changed(relist=True)

    # -- checking, preview, saving ---------------------------------------------------------

    def _changed(self, relist: bool = False) -> None:
        if relist:  # the wording or type of one node changed: same rows, new texts
            for i, (path, node) in enumerate(self.form.walk()):
                if i < self.list.count():
                    self.list.item(i).setText(self._item_text(path, node))
        self._show_problems()
        self._preview_stale = True
        self._preview_timer.start()

    def problem_lines(self) -> list[str]:
        from desktop.visits.forms.problems import errors
        from desktop.visits.forms.service import check, describe

        return [describe(p) for p in errors(check(self.form))]

    def _show_problems(self) -> None:
        lines = self.problem_lines()
        self.problems.setText(
            ngettext("{count} problem to fix before saving: {first}",
                     "{count} problems to fix before saving; the first: {first}",
                     len(lines)).format(count=len(lines), first=lines[0]) if lines else "")

    def _preview_if_shown(self) -> None:
        if self.tabs.currentWidget() is self.preview_box and self._preview_stale:
            self.refresh_preview()

    def refresh_preview(self) -> None:
        self._preview_stale = False
        if self.preview is not None:
            self.preview_layout.removeWidget(self.preview)
            self.preview.deleteLater()
            self.preview = None
        if self.form.questions():
            try:
                self.preview = preview_filler(self.form, self.language, self.preview_box)
            except Exception:  # noqa: BLE001 - a form mid-edit may not fill yet; Save says why
                self.preview = QLabel(_("The preview appears when the form's problems are "
                                        "fixed."))
            self.preview_layout.addWidget(self.preview, 1)

    def save(self):
        self._title_edited()
        lines = self.problem_lines()
        if lines:
            self._show_problems()
            return None
        form, form_id = self.form, self.form_id

        def work(uow):
            from desktop.visits.forms.service import save_form

            return save_form(uow, form, form_id)

        def done(saved, _changes) -> None:
            self.form_id = saved.form_id
            self.saved.emit(saved.form_id)
            self.accept()

        return Operations.of(self._runner).write(
            self._ctx, work, label=_("Save survey form"), parent=self, progress=False,
            on_done=done, on_refused=lambda exc: self.problems.setText(exc.message))
