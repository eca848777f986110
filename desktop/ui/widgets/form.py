"""A grid form with a message line under each field: errors red, warnings amber.

The same layout as the setup dialog: a label (with a mnemonic, buddy = the field) beside each
field, and the field's message right under it, shown only when there is something to say.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from desktop.core.i18n import _

ERROR_STYLE = "color: #c0262d;"
WARNING_STYLE = "color: #9a6700;"
NO_DATE = QDate(1880, 1, 1)  # shown blank: "no date"


class FieldGrid(QGridLayout):
    """Rows of label / field / message; ``add`` returns the field for chaining."""

    def __init__(self) -> None:
        super().__init__()
        self.setHorizontalSpacing(12)
        self.setVerticalSpacing(3)
        self.setColumnStretch(1, 1)
        self.fields: dict[str, QWidget] = {}
        self.problems: dict[str, QLabel] = {}
        self.captions: list[QLabel] = []
        self._row = 0

    def add(self, name: str, label: str, widget: QWidget) -> QWidget:
        widget.setObjectName(name)
        caption = QLabel(label)
        caption.setBuddy(widget)
        problem = QLabel()
        problem.setObjectName(f"{name}Problem")
        problem.setWordWrap(True)
        problem.setVisible(False)
        self.addWidget(caption, self._row, 0)
        self.addWidget(widget, self._row, 1)
        self.addWidget(problem, self._row + 1, 1)
        self._row += 2
        self.captions.append(caption)
        self._keep_at_top()
        self.fields[name], self.problems[name] = widget, problem
        return widget

    def add_widget(self, widget: QWidget) -> None:
        """A full-width row (a checkbox, a note)."""
        self.addWidget(widget, self._row, 0, 1, 2)
        self._row += 1
        self._keep_at_top()

    def _keep_at_top(self) -> None:
        # Spare height goes below the last row, so a column beside a taller one stays packed.
        for row in range(self._row):
            self.setRowStretch(row, 0)
        self.setRowStretch(self._row, 1)

    def label_width(self) -> int:
        return max((c.sizeHint().width() for c in self.captions), default=0)

    def show_problem(self, name: str, message: str, warning: bool = False) -> None:
        label = self.problems.get(name)
        if label is None:
            return
        label.setText(message)
        label.setStyleSheet(WARNING_STYLE if warning else ERROR_STYLE)
        label.setProperty("level", "warning" if warning and message else
                          "error" if message else "")
        label.setVisible(bool(message))
        self.refit()

    def refit(self) -> None:
        """Give each shown message the height its wrapped lines need: a window does not grow
        for word-wrapped labels by itself, and a long message would be cut off."""
        for name, label in self.problems.items():
            if label.isHidden():
                label.setMinimumHeight(0)
                continue
            width = max(self.fields[name].width(), self.fields[name].sizeHint().width(), 200)
            label.setMinimumHeight(label.heightForWidth(width))


def code_combo(table: dict[str, str], empty: str | None = None) -> QComboBox:
    """A combo box over a code table; the item data is the code, the text its label."""
    combo = QComboBox()
    if empty is not None:
        combo.addItem(empty, "")
    for code, label in table.items():
        combo.addItem(_(label), code)
    combo.setMaxVisibleItems(15)
    return combo


def set_combo_code(combo: QComboBox, code: str) -> None:
    index = combo.findData(code)
    combo.setCurrentIndex(index if index >= 0 else 0)


class _OpenNearToday(QObject):
    """A blank date's calendar opens at 1970, not at January 1880 (the "no date" value)."""

    def __init__(self, edit: QDateEdit) -> None:
        super().__init__(edit)
        self._edit = edit

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Show and self._edit.date() == NO_DATE:
            watched.setCurrentPage(1970, 1)
        return False


class DateEdit(QDateEdit):
    """Tab leaves the field (QDateEdit would step through year, month and day first: three
    presses per date for a keyboard user); typing and the arrow keys still move between them."""

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 - Qt's name
        return QWidget.focusNextPrevChild(self, forward)


def date_edit(allow_empty: bool = True) -> QDateEdit:
    edit = DateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMaximumDate(QDate.currentDate())
    if allow_empty:
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(" ")
        edit.setDate(NO_DATE)
        edit.calendarWidget().installEventFilter(_OpenNearToday(edit))
    else:
        edit.setMinimumDate(QDate(1880, 1, 2))
        edit.setDate(QDate.currentDate())
    return edit


def get_date(edit: QDateEdit) -> dt.date | None:
    value = edit.date()
    if value == NO_DATE or value == edit.minimumDate() and edit.specialValueText():
        return None
    return dt.date(value.year(), value.month(), value.day())


def set_date(edit: QDateEdit, value: dt.date | None) -> None:
    edit.setDate(NO_DATE if value is None else QDate(value.year, value.month, value.day))


def chain_tab_order(widgets: list[QWidget]) -> None:
    for first, second in zip(widgets, widgets[1:]):
        QWidget.setTabOrder(first, second)


def save_cancel_buttons(dialog: QDialog) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
    """The dialogs' Save (default: Enter) and Cancel (Esc) buttons, wired to accept/reject."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                           | QDialogButtonBox.StandardButton.Cancel)
    save = box.button(QDialogButtonBox.StandardButton.Save)
    save.setText(_("&Save"))
    save.setDefault(True)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setText(_("Cancel"))
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box, save, cancel
