"""The Audit log tab: who signed in, opened a resident, exported, printed or made a bundle, and
when — the newest first, filtered by operator, action and dates — and one line saying whether
every device's chain of entries verifies (an entry changed, removed or inserted behind the
app's back shows there). Office staff only: a volunteer's entries reach the office in their
bundles.

Read on the database lane (a three-year log is verified whole); times shown in local time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.access import ROLE_LABELS, Permission, Role
from desktop.core.i18n import N_, _, format_datetime, ngettext
from desktop.security import audit
from desktop.storage.changes import ChangeSet
from desktop.ui.tasks import Failed, Lane, inline
from desktop.ui.widgets.labels import message_label

NO_DATE = QDate(2000, 1, 1)  # the date fields' "no limit" (shown as a dash)


@dataclass(frozen=True)
class AuditView:
    rows: list[audit.AuditRow]
    operators: list[str]
    problems: list[audit.Problem]
    chains: int
    total: int


def read_audit(db, *, operator=None, action=None, since=None, until=None,
               limit: int = 500) -> AuditView:
    with db.reading() as session:
        return AuditView(
            audit.entries(session, operator=operator, action=action, since=since,
                          until=until, limit=limit),
            audit.operators(session), audit.verify(session), len(audit.chains(session)),
            audit.count(session))


def local_time(at: dt.datetime) -> dt.datetime:
    """A stored UTC time in this computer's time zone."""
    return at.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def _utc_start(day: dt.date) -> dt.datetime:
    """Local midnight of ``day`` as a naive UTC time (how entries are stored)."""
    local = dt.datetime.combine(day, dt.time()).astimezone()
    return local.astimezone(dt.UTC).replace(tzinfo=None)


def role_words(role: str) -> str:
    try:
        return _(ROLE_LABELS[Role(role)])
    except ValueError:
        return role or "—"


def detail_words(detail: dict) -> str:
    """An entry's details as a reader says them: rows, masked or not, then anything else."""
    parts = []
    if isinstance(detail.get("rows"), int):
        parts.append(ngettext("{count} row", "{count} rows", detail["rows"]).format(
            count=detail["rows"]))
    if "masked" in detail:
        parts.append(_("masked") if detail["masked"] else _("names and numbers in full"))
    if detail.get("role"):
        parts.append(role_words(detail["role"]))
    for key in sorted(set(detail) - {"rows", "masked", "file", "format", "role"}):
        value = detail[key]
        if value not in (None, "", False):
            parts.append(f"{key}: {value}")
    return "; ".join(parts)


def status_words(view: AuditView) -> str:
    if not view.total:
        return _("The audit log is empty.")
    if not view.problems:
        return ngettext("Every device's chain of entries verifies ({count} entry).",
                        "Every device's chain of entries verifies ({count} entries).",
                        view.total).format(count=view.total)
    shown = " ".join(p.message for p in view.problems[:3])
    return ngettext("The audit log was tampered with ({count} problem): {problems}",
                    "The audit log was tampered with ({count} problems): {problems}",
                    len(view.problems)).format(count=len(view.problems), problems=shown)


class AuditTab(QWidget):
    HEADERS = (N_("Time"), N_("Operator"), N_("Role"), N_("Action"), N_("Subject"),
               N_("Details"))

    def __init__(self, ctx, runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditTab")
        self._ctx, self._runner = ctx, runner
        self.view: AuditView | None = None
        self.only_office = QLabel(_("Only office staff can read the audit log."))
        self.only_office.setWordWrap(True)
        self.operator = QComboBox()
        self.operator.setAccessibleName(_("Operator"))
        self.operator.addItem(_("Every operator"), None)
        self.action = QComboBox()
        self.action.setAccessibleName(_("Action"))
        self.action.addItem(_("Every action"), None)
        for action in audit.Action:
            self.action.addItem(audit.action_label(action), str(action))
        for combo in (self.operator, self.action):
            # Sized to a short name, not the longest action: the tab fits a 910-pixel window.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        self.since = self._date_edit(_("From"))
        self.until = self._date_edit(_("To"))
        self.reload_button = QPushButton(_("&Show"))
        self.reload_button.clicked.connect(self.load)
        filters = QHBoxLayout()
        filters.addWidget(self.operator)
        filters.addWidget(self.action)
        for caption, edit in ((_("From"), self.since), (_("To"), self.until)):
            label = QLabel(caption)
            label.setBuddy(edit)
            filters.addWidget(label)
            filters.addWidget(edit)
        filters.addWidget(self.reload_button)
        filters.addStretch(1)
        self.status = QLabel()
        self.status.setObjectName("auditStatus")
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setObjectName("auditEntries")
        self.table.setHorizontalHeaderLabels([_(header) for header in self.HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            len(self.HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(_("Audit log"))
        self.message = message_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.only_office)
        layout.addLayout(filters)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        allowed = ctx.db.actor.may(Permission.MANAGE_OPERATORS)
        self.only_office.setVisible(not allowed)
        for widget in (self.operator, self.action, self.since, self.until,
                       self.reload_button, self.status, self.table):
            widget.setVisible(allowed)
        self.operator.activated.connect(lambda _i: self.load())
        self.action.activated.connect(lambda _i: self.load())

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setAccessibleName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText("—")  # shown at the minimum: no limit
        edit.setDate(NO_DATE)
        return edit

    # -- filters ---------------------------------------------------------------------------

    def set_filters(self, *, operator: str | None = None, action: str | None = None,
                    since: dt.date | None = None, until: dt.date | None = None) -> None:
        index = self.operator.findData(operator)
        if index < 0 and operator is not None:
            self.operator.addItem(operator, operator)
            index = self.operator.count() - 1
        self.operator.setCurrentIndex(max(index, 0))
        self.action.setCurrentIndex(max(self.action.findData(action), 0))
        for edit, day in ((self.since, since), (self.until, until)):
            edit.setDate(QDate(day.year, day.month, day.day) if day else NO_DATE)

    @staticmethod
    def _day(edit: QDateEdit) -> dt.date | None:
        if edit.date() == NO_DATE:
            return None
        d = edit.date()
        return dt.date(d.year(), d.month(), d.day())

    # -- reading ---------------------------------------------------------------------------

    def load(self):
        if not self._ctx.db.actor.may(Permission.MANAGE_OPERATORS):
            return None
        db = self._ctx.db
        since, until = self._day(self.since), self._day(self.until)
        query = {"operator": self.operator.currentData(), "action": self.action.currentData(),
                 "since": _utc_start(since) if since else None,
                 "until": _utc_start(until + dt.timedelta(days=1)) if until else None}
        return self._runner.run(inline(lambda _task_ctx: read_audit(db, **query)),
                                title=_("Reading the audit log"), lane=Lane.DATABASE,
                                parent=self, on_result=self._show, progress=False)

    def refresh(self, _changes: ChangeSet | None = None) -> None:
        # Any write may have added an entry (an export, a bundle): read again when shown.
        if self.isVisible():
            self.load()

    def _show(self, view) -> None:
        if isinstance(view, Failed):
            self.message.setText(view.message)
            return
        self.message.clear()
        self.view = view
        chosen = self.operator.currentData()
        self.operator.blockSignals(True)
        self.operator.clear()
        self.operator.addItem(_("Every operator"), None)
        for name in view.operators:
            self.operator.addItem(name or "—", name)
        self.operator.setCurrentIndex(max(self.operator.findData(chosen), 0))
        self.operator.blockSignals(False)
        self.status.setText(status_words(view))
        self.status.setProperty("problem", bool(view.problems))
        self.table.setRowCount(len(view.rows))
        for row, entry in enumerate(view.rows):
            cells = (format_datetime(local_time(entry.at)), entry.operator or "—",
                     role_words(entry.role), audit.action_label(entry.action),
                     entry.subject, detail_words(entry.detail))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(
            len(self.HEADERS) - 1, QHeaderView.ResizeMode.Stretch)

    def cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

