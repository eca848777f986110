"""The notice form: kind, title, issuing body, dates, posting period, objection and contact,
attachments, paper, masking and the body — no markup to learn, a hint says the conventions.

``values()`` is what the form says, as keyword arguments of ``NoticeSpec``; ``spec()`` builds
the spec (the core's class, imported when first needed)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import N_, _
from desktop.ui.widgets.flow import flow_row

KINDS = (("notice", N_("Notice (通知)")), ("disclosure", N_("Disclosure (公示)")),
         ("announcement", N_("Announcement (公告)")))
PAPERS = (("A4", N_("A4")), ("A3", N_("A3 (large board)")))
DEFAULT_PERIOD_DAYS = 7


def qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class NoticeForm(QWidget):
    changed = Signal()  # any field edited (the page re-renders the preview after a pause)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        for code, label in KINDS:
            self.kind.addItem(_(label), code)
        self.title = QLineEdit()
        self.title.setPlaceholderText(_("关于……的公示"))
        self.issuing_body = QLineEdit()
        self.issued_on = _date_edit()
        self.posted_from = _date_edit()
        self.posted_until = _date_edit()
        self.period_label = QLabel(_("to"))
        # "from [date] to [date]" takes two lines in a narrow editor rather than cut dates.
        period = flow_row(self.posted_from, self.period_label, self.posted_until)
        self.objection = QPlainTextEdit()
        self.objection.setPlaceholderText(
            _("How to object during the posting period (who, where, until when)."))
        self.contact_phone = QLineEdit()
        self.attachments = QPlainTextEdit()
        self.attachments.setPlaceholderText(_("One attachment per line"))
        self.paper = QComboBox()
        for code, label in PAPERS:
            self.paper.addItem(_(label), code)
        self.mask = QCheckBox(_("Mask personal data (张*明, 138****5678)"))
        self.mask.setChecked(True)
        self.mask.setToolTip(_("Names and phone numbers are partly hidden and ID numbers left "
                               "out. Residents' data must not be posted in full."))
        self.body = QPlainTextEdit()
        self.body.setObjectName("noticeBody")
        self.body.setAccessibleName(_("Body"))
        self.body.setTabChangesFocus(False)
        self.hint = QLabel(_("Start a line with 一、 for a heading, （一） for a sub-heading, "
                             "1. or （1） for numbered items. Lines whose cells are separated "
                             "by Tab make a table. A blank line starts a new paragraph."))
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        line = QFontMetrics(self.objection.font()).lineSpacing()
        for edit, lines in ((self.objection, 3), (self.attachments, 3)):
            edit.setFixedHeight(line * lines + 14)
        self.body.setMinimumHeight(line * 10)

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        # A narrow editor puts a field under its label instead of squeezing it.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("Kind"), self.kind)
        form.addRow(_("Title"), self.title)
        form.addRow(_("Issued by"), self.issuing_body)
        form.addRow(_("Date"), self.issued_on)
        form.addRow(_("Posting period"), period)
        form.addRow(_("Objections"), self.objection)
        form.addRow(_("Contact phone"), self.contact_phone)
        form.addRow(_("Attachments"), self.attachments)
        form.addRow(_("Paper"), self.paper)
        form.addRow(self.mask)
        self._form = form
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(QLabel(_("Body")))
        layout.addWidget(self.body, 1)
        layout.addWidget(self.hint)

        for signal in (self.kind.currentIndexChanged, self.title.textChanged,
                       self.issuing_body.textChanged, self.issued_on.dateChanged,
                       self.posted_from.dateChanged, self.posted_until.dateChanged,
                       self.objection.textChanged, self.contact_phone.textChanged,
                       self.attachments.textChanged, self.paper.currentIndexChanged,
                       self.mask.toggled, self.body.textChanged):
            signal.connect(self._edited)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._loading = False
        self.clear()

    # -- values ----------------------------------------------------------------------------

    @property
    def kind_code(self) -> str:
        return self.kind.currentData()

    def values(self) -> dict:
        disclosure = self.kind_code == "disclosure"
        attachments = tuple(line.strip() for line in self.attachments.toPlainText().splitlines()
                            if line.strip())
        return {
            "kind": self.kind_code,
            "title": self.title.text().strip(),
            "body": self.body.toPlainText(),
            "issuing_body": self.issuing_body.text().strip(),
            "issued_on": pydate(self.issued_on.date()),
            "posted_from": pydate(self.posted_from.date()) if disclosure else None,
            "posted_until": pydate(self.posted_until.date()) if disclosure else None,
            "objection": self.objection.toPlainText().strip() if disclosure else "",
            "contact_phone": self.contact_phone.text().strip(),
            "attachments": attachments,
            "paper": self.paper.currentData(),
            "mask": self.mask.isChecked(),
        }

    def spec(self):
        from desktop.notices.spec import NoticeSpec

        return NoticeSpec(**self.values())

    def clear(self, issuing_body: str = "", today: dt.date | None = None) -> None:
        today = today or dt.date.today()
        self._loading = True
        try:
            self.kind.setCurrentIndex(self.kind.findData("disclosure"))
            for edit in (self.title, self.contact_phone):
                edit.clear()
            for edit in (self.objection, self.attachments, self.body):
                edit.clear()
            self.issuing_body.setText(issuing_body)
            self.issued_on.setDate(qdate(today))
            self.posted_from.setDate(qdate(today))
            self.posted_until.setDate(qdate(today + dt.timedelta(days=DEFAULT_PERIOD_DAYS)))
            self.paper.setCurrentIndex(0)
            self.mask.setChecked(True)
        finally:
            self._loading = False
        self._kind_changed()
        self.changed.emit()

    def load(self, spec) -> None:
        """Show a saved notice (a ``NoticeSpec``)."""
        self._loading = True
        try:
            self.kind.setCurrentIndex(max(0, self.kind.findData(spec.kind)))
            self.title.setText(spec.title)
            self.issuing_body.setText(spec.issuing_body)
            self.issued_on.setDate(qdate(spec.issued_on))
            start = spec.posted_from or spec.issued_on
            self.posted_from.setDate(qdate(start))
            self.posted_until.setDate(qdate(
                spec.posted_until or start + dt.timedelta(days=DEFAULT_PERIOD_DAYS)))
            self.objection.setPlainText(spec.objection)
            self.contact_phone.setText(spec.contact_phone)
            self.attachments.setPlainText("\n".join(spec.attachments))
            self.paper.setCurrentIndex(max(0, self.paper.findData(spec.paper)))
            self.mask.setChecked(bool(spec.mask))
            self.body.setPlainText(spec.body)
        finally:
            self._loading = False
        self._kind_changed()
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        for edit in (self.title, self.issuing_body, self.contact_phone):
            edit.setReadOnly(read_only)
        for edit in (self.objection, self.attachments, self.body):
            edit.setReadOnly(read_only)
        for widget in (self.kind, self.issued_on, self.paper, self.mask):
            widget.setEnabled(not read_only)
        self._kind_changed(read_only=read_only)

    def _kind_changed(self, _index: int = 0, read_only: bool | None = None) -> None:
        if read_only is None:
            read_only = self.title.isReadOnly()
        disclosure = self.kind_code == "disclosure"
        for widget in (self.posted_from, self.posted_until, self.period_label, self.objection):
            widget.setEnabled(disclosure and not read_only)

    def _edited(self, *_args) -> None:
        if not self._loading:
            self.changed.emit()

    FIELD_WIDGETS = ("kind", "title", "issuing_body", "issued_on", "posted_from",
                     "posted_until", "objection", "contact_phone", "attachments", "paper",
                     "body")

    def widget_for(self, field: str) -> QWidget | None:
        return getattr(self, field, None) if field in self.FIELD_WIDGETS else None

    def label_for(self, field: str) -> str:
        widget = self.widget_for(field)
        if widget is None:
            return ""
        if field == "body":
            return _("Body")
        if field in ("posted_from", "posted_until"):
            return _("Posting period")
        label = self._form.labelForField(widget)
        return label.text() if label is not None else ""
