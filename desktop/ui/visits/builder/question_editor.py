"""The builder's editor of one question or section: type, wording in the editing language,
required, choices pasted from Excel, "other, please specify", and the "show only when
‹question› is ‹answer›" condition built from menus — which writes the XLSForm expression
shown below it, still editable by hand for XLSForm users."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from desktop.core.i18n import N_, _
from desktop.visits.forms import editing
from desktop.visits.forms.model import (
    CALCULATE,
    DATE,
    DECIMAL,
    INTEGER,
    NOTE,
    PREFILL_HOUSEHOLD_MEMBERS,
    SELECT_MULTIPLE,
    SELECT_ONE,
    SELECTS,
    TEXT,
    TIME,
    UNSUPPORTED,
    YES_NO,
    YES_NO_LIST,
    Form,
    Group,
    Node,
    Text,
)

TYPE_LABELS = {
    TEXT: N_("Text"), INTEGER: N_("Whole number"), DECIMAL: N_("Number with decimals"),
    DATE: N_("Date"), TIME: N_("Time"), SELECT_ONE: N_("Choose one"),
    SELECT_MULTIPLE: N_("Choose any"), YES_NO: N_("Yes or no"), NOTE: N_("Note (no answer)"),
    CALCULATE: N_("Calculation (hidden)"),
}


def _with_text(text: Text, language: str, value: str) -> Text:
    values = dict(text.by_language)
    values[language] = value
    return Text({k: v for k, v in values.items() if v})


class QuestionEditor(QWidget):
    # (name before the edit, the edited node, its choice list or None)
    changed = Signal(str, object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form: Form | None = None
        self.node: Node | None = None
        self.language = ""
        self._fallbacks: tuple[str, ...] = ()

        self.name = QLineEdit()
        self.type = QComboBox()
        for key, label in TYPE_LABELS.items():
            self.type.addItem(_(label), key)
        self.label = QPlainTextEdit()
        self.label.setTabChangesFocus(True)
        self.label.setFixedHeight(self.label.fontMetrics().lineSpacing() * 3 + 12)
        self.hint = QLineEdit()
        self.required = QCheckBox(_("An answer is required"))
        self.required_message = QLineEdit()
        self.required_message.setPlaceholderText(_("Message when it is left empty (optional)"))
        self.choices = QPlainTextEdit()
        self.choices.setTabChangesFocus(True)
        self.choices.setPlaceholderText(_("One answer per line. You can paste a column from "
                                          "Excel."))
        self.other = QCheckBox(_("Add \"Other, please specify\""))
        self.when_question = QComboBox()
        self.when_op = QComboBox()
        self.when_op.addItem(_("is"), editing.IS)
        self.when_op.addItem(_("is not"), editing.IS_NOT)
        self.when_value = QComboBox()
        self.when_value.setEditable(True)
        self.relevant = QLineEdit()
        self.relevant.setPlaceholderText(_("Shown always"))
        self.constraint = QLineEdit()
        self.constraint.setPlaceholderText(_("e.g. . >= 0 and . <= 120"))
        self.constraint_message = QLineEdit()
        self.calculation = QLineEdit()
        self.default = QLineEdit()
        self.read_only = QCheckBox(_("Shown but not editable"))
        self.repeat = QCheckBox(_("Repeat these questions (e.g. once per person)"))
        self.per_member = QCheckBox(_("One entry per household member, filled from the roster"))

        when = QHBoxLayout()
        when.setContentsMargins(0, 0, 0, 0)
        when.addWidget(self.when_question, 2)
        when.addWidget(self.when_op)
        when.addWidget(self.when_value, 1)
        self.form_layout = layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.rows = {}
        for key, label, field in (
                ("type", _("Type"), self.type), ("label", _("Question"), self.label),
                ("hint", _("Hint"), self.hint), ("required", "", self.required),
                ("required_message", "", self.required_message),
                ("choices", _("Answers"), self.choices), ("other", "", self.other),
                ("repeat", "", self.repeat), ("per_member", "", self.per_member),
                ("when", _("Show only when"), when),
                ("relevant", _("Condition (XLSForm)"), self.relevant),
                ("constraint", _("Allowed answers"), self.constraint),
                ("constraint_message", _("Message when not allowed"),
                 self.constraint_message),
                ("calculation", _("Calculation"), self.calculation),
                ("default", _("Default answer"), self.default),
                ("read_only", "", self.read_only), ("name", _("Name (XLSForm)"), self.name)):
            label_widget = QLabel(label) if label else None
            if label_widget is not None:
                layout.addRow(label_widget, field)
            else:
                layout.addRow(field)
            self.rows[key] = (label_widget, field)

        for edit in (self.name, self.hint, self.required_message, self.relevant,
                     self.constraint, self.constraint_message, self.calculation,
                     self.default):
            edit.editingFinished.connect(self._edited)
        for box in (self.required, self.other, self.read_only, self.repeat, self.per_member):
            box.toggled.connect(lambda _on: self._edited())
        self.label.textChanged.connect(self._edited)
        self.choices.textChanged.connect(self._edited)
        self.type.currentIndexChanged.connect(lambda _i: self._edited())
        self.when_question.currentIndexChanged.connect(lambda _i: self._when_question_changed())
        self.when_op.currentIndexChanged.connect(lambda _i: self._when_changed())
        self.when_value.currentTextChanged.connect(lambda _t: self._when_changed())
        self.setEnabled(False)

    # -- showing a node --------------------------------------------------------------------

    def show_node(self, form: Form, node: Node | None, language: str,
                  fallbacks: tuple[str, ...]) -> None:
        self.form, self.node, self.language, self._fallbacks = form, node, language, fallbacks
        self.setEnabled(node is not None)
        if node is None:
            return
        blockers = [QSignalBlocker(w) for w in (
            self.name, self.type, self.label, self.hint, self.required, self.required_message,
            self.choices, self.other, self.relevant, self.constraint, self.constraint_message,
            self.calculation, self.default, self.read_only, self.repeat, self.per_member,
            self.when_question, self.when_op, self.when_value)]
        group = isinstance(node, Group)
        self.name.setText(node.name)
        self.label.setPlainText(node.label.get(language, fallbacks))
        self.relevant.setText(node.relevant)
        if group:
            self.repeat.setChecked(node.repeat)
            self.per_member.setChecked(node.prefill == PREFILL_HOUSEHOLD_MEMBERS)
        else:
            index = self.type.findData(node.type)
            self.type.setCurrentIndex(index if index >= 0 else 0)
            self.type.setEnabled(node.type != UNSUPPORTED)
            self.hint.setText(node.hint.get(language, fallbacks))
            self.required.setChecked(bool(node.required))
            self.required_message.setText(node.required_message.get(language, fallbacks))
            choices = editing.question_choices(form, node)
            self.choices.setPlainText(editing.choices_text(choices, language, fallbacks))
            self.other.setChecked(node.or_other)
            self.constraint.setText(node.constraint)
            self.constraint_message.setText(node.constraint_message.get(language, fallbacks))
            self.calculation.setText(node.calculation)
            self.default.setText(node.default)
            self.read_only.setChecked(node.read_only)
        self._fill_when(form, node)
        del blockers
        self._show_rows()

    def _show_rows(self) -> None:
        node = self.node
        group = isinstance(node, Group)
        kind = None if group else node.type
        shown = {
            "type": not group, "hint": not group, "required": kind not in (NOTE, CALCULATE),
            "required_message": kind not in (NOTE, CALCULATE) and self.required.isChecked(),
            "choices": kind in (SELECT_ONE, SELECT_MULTIPLE), "other": kind in (
                SELECT_ONE, SELECT_MULTIPLE), "repeat": group,
            "per_member": group and self.repeat.isChecked(),
            "constraint": kind not in (None, NOTE, CALCULATE),
            "constraint_message": kind not in (None, NOTE, CALCULATE),
            "calculation": kind == CALCULATE, "default": kind not in (None, NOTE, CALCULATE),
            "read_only": kind not in (None, NOTE, CALCULATE),
        }
        for key, (label, field) in self.rows.items():
            visible = shown.get(key, True)
            if label is not None:
                label.setVisible(visible)
            if hasattr(field, "setVisible"):
                field.setVisible(visible)
            else:  # a layout (the condition's row)
                for i in range(field.count()):
                    field.itemAt(i).widget().setVisible(visible)

    def _fill_when(self, form: Form, node: Node) -> None:
        """The questions before this one that a condition can name, and the current one."""
        self.when_question.clear()
        self.when_question.addItem(_("(always shown)"), "")
        for _path, other in form.questions():
            if other.name == node.name:
                break
            if other.answerable:
                self.when_question.addItem(
                    other.label.get(self.language, self._fallbacks) or other.name, other.name)
        read = editing.read_condition(node.relevant) if node.relevant else None
        if read is not None:
            self.when_question.setCurrentIndex(max(0, self.when_question.findData(read[0])))
            self.when_op.setCurrentIndex(max(0, self.when_op.findData(read[1])))
        self._fill_when_values()
        if read is not None:
            index = self.when_value.findData(read[2])
            if index >= 0:
                self.when_value.setCurrentIndex(index)
            else:
                self.when_value.setEditText(read[2])
        elif node.relevant:  # an expression the menus cannot show: edited as text only
            self.when_question.setCurrentIndex(0)
        for widget in (self.when_op, self.when_value):
            widget.setEnabled(bool(self.when_question.currentData()))

    def _fill_when_values(self) -> None:
        self.when_value.clear()
        name = self.when_question.currentData()
        question = self.form.question(name) if name and self.form else None
        if question is not None and question.type in SELECTS:
            for choice in editing.question_choices(self.form, question).choices:
                self.when_value.addItem(choice.label.get(self.language, self._fallbacks)
                                        or choice.name, choice.name)

    # -- editing ---------------------------------------------------------------------------

    def _when_question_changed(self) -> None:
        with QSignalBlocker(self.when_value):
            self._fill_when_values()
        for widget in (self.when_op, self.when_value):
            widget.setEnabled(bool(self.when_question.currentData()))
        self._when_changed()

    def _when_changed(self) -> None:
        name = self.when_question.currentData()
        if not name:
            if editing.read_condition(self.relevant.text()) is not None:
                self.relevant.setText("")  # "(always shown)" chosen: the condition goes
        else:
            question = self.form.question(name)
            value = self.when_value.currentData()
            if value is None or self.when_value.currentText() != self.when_value.itemText(
                    self.when_value.currentIndex()):
                value = self.when_value.currentText().strip()
            if question is not None and value:
                self.relevant.setText(editing.condition(question, self.when_op.currentData(),
                                                        value))
        self._edited()

    def _edited(self) -> None:
        node, language = self.node, self.language
        if node is None or self.form is None:
            return
        before = node.name
        name = self.name.text().strip() or node.name
        label = _with_text(node.label, language, self.label.toPlainText().strip())
        choices = None
        if isinstance(node, Group):
            node = replace(node, name=name, label=label, relevant=self.relevant.text().strip(),
                           repeat=self.repeat.isChecked(),
                           prefill=PREFILL_HOUSEHOLD_MEMBERS if self.repeat.isChecked()
                           and self.per_member.isChecked() else "")
        else:
            kind = self.type.currentData() if node.type != UNSUPPORTED else node.type
            choice_list = node.choice_list
            if kind in (SELECT_ONE, SELECT_MULTIPLE):
                choice_list = choice_list if choice_list not in ("", YES_NO_LIST) else name
                choices = editing.choices_from_text(
                    self.choices.toPlainText(), language, self.form.choices.get(choice_list),
                    choice_list)
            elif kind == YES_NO:
                choice_list = YES_NO_LIST
                if YES_NO_LIST not in self.form.choices:
                    choices = editing.yes_no_list(language, _("Yes"), _("No"))
            node = replace(
                node, name=name, type=kind, label=label,
                hint=_with_text(node.hint, language, self.hint.text().strip()),
                required="yes" if self.required.isChecked() else "",
                required_message=_with_text(node.required_message, language,
                                            self.required_message.text().strip()),
                relevant=self.relevant.text().strip(), choice_list=choice_list,
                or_other=self.other.isChecked() and kind in (SELECT_ONE, SELECT_MULTIPLE),
                constraint=self.constraint.text().strip(),
                constraint_message=_with_text(node.constraint_message, language,
                                              self.constraint_message.text().strip()),
                calculation=self.calculation.text().strip(), default=self.default.text().strip(),
                read_only=self.read_only.isChecked())
        self.node = node
        self._show_rows()
        self.changed.emit(before, node, choices)
