"""The Meetings tab: the list of meetings (newest first) with New…, Next meeting of this
series, Delete and Print and export; and for the chosen meeting its editor: details,
attendance, agenda and decisions, and the items carried over to it.

Reads go through ``reads`` (plain data); every write through the window's one write path;
printing and the export run on the files lane (``files``)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QFrame,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QWidget,
)

from desktop.core.errors import LinliError
from desktop.core.i18n import _, format_date
from desktop.ui.meetings import files, names, reads
from desktop.ui.meetings.agenda import AgendaEditor
from desktop.ui.meetings.attendance import AttendanceEditor
from desktop.ui.meetings.carried import CarriedEditor
from desktop.ui.meetings.details import DetailsForm
from desktop.ui.widgets.list_tab import ListTab
from desktop.ui.widgets.status import tell
from desktop.ui.widgets.timers import pause_timer

TABLES = {"meeting", "meeting_series", "meeting_attendee", "agenda_item", "decision",
          "action_item", "action_progress", "resident"}
DETAILS, ATTENDANCE, AGENDA, CARRIED = range(4)


def next_month(when: dt.datetime) -> dt.datetime:
    """The same day and hour a month on (the 31st becomes the month's last day)."""
    year, month = (when.year + 1, 1) if when.month == 12 else (when.year, when.month + 1)
    for day in (when.day, 30, 29, 28):
        try:
            return when.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


class MeetingsTab(ListTab):
    TABLES = TABLES

    def __init__(self, ctx, runner, parent: QWidget | None = None):
        super().__init__(ctx, runner, parent)
        self.detail = None

        self.new_button = QPushButton(_("&New…"))
        self.next_button = QPushButton(_("Ne&xt meeting of this series"))
        self.delete_button = QPushButton(_("De&lete"))
        self._button_row(self.new_button, self.next_button, self.delete_button,
                         self._files_button(files.fill_menu))
        self.new_button.clicked.connect(lambda: self.new_meeting())
        self.next_button.clicked.connect(lambda: self.next_meeting())
        self.delete_button.clicked.connect(lambda: self.delete())

        # Search across titles, discussions, decisions and items (简/繁, pinyin): the list
        # keeps the meetings where something was found.
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search meetings"))
        self.search.setToolTip(_("Titles, discussions, decisions and the three lists' items, "
                                 "in simplified or traditional characters or in pinyin"))
        self.search.setAccessibleName(_("Search meetings"))
        self.search.setClearButtonEnabled(True)
        self._found: set[str] | None = None
        self._search_timer = pause_timer(self, 250, self._run_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        left = self._list_column(_("Meetings"), _("No meetings yet. Start one with New…."),
                                 self.search)

        self.details = DetailsForm(ctx, runner)
        self.details.saved.connect(self._saved)
        self.attendance = AttendanceEditor(ctx, runner)
        self.agenda = AgendaEditor(ctx, runner)
        self.carried = CarriedEditor(ctx, runner)
        self.editor = QTabWidget()
        self.editor.setDocumentMode(True)
        # The details scroll on their own: nine fields are taller than a small window's room.
        details = QScrollArea()
        details.setWidgetResizable(True)
        details.setFrameShape(QFrame.Shape.NoFrame)
        details.setWidget(self.details)
        for widget, title in ((details, _("Details")), (self.attendance, _("Attendance")),
                              (self.agenda, _("Agenda and decisions")),
                              (self.carried, _("Items followed"))):
            self.editor.addTab(widget, title)
        right = self._with_message(self.editor)

        self._lay_out(left, right, 0.24, 160, 240)
        self._update_buttons()

    # -- the list --------------------------------------------------------------------------

    def read_rows(self) -> list:
        return list(reversed(reads.meeting_rows(self._ctx.db)))  # newest first

    def shown_rows(self) -> list:
        return [row for row in self.rows if self._found is None or row.id in self._found]

    def _fill_list(self, chosen: str | None) -> None:
        self.empty.setText(_("No meetings yet. Start one with New….") if self._found is None
                           else _("Nothing found for {text}.").format(
                               text=self.search.text().strip()))
        super()._fill_list(chosen)

    def _run_search(self) -> None:
        text = self.search.text().strip()
        self._found = {hit.meeting_id for hit in reads.search(self._ctx.db, text)
                       if hit.meeting_id} if text else None
        self.load()

    def list_item(self, row) -> tuple[str, str, str]:
        kind = names.name(names.KINDS, row.kind)
        line = f"{row.title}\n{format_date(row.date)} {row.starts_at:%H:%M} · {kind}"
        return line, row.id, row.title

    def _update_buttons(self) -> None:
        chosen = self.detail is not None
        for button in (self.next_button, self.delete_button, self.files_button):
            button.setEnabled(chosen)
        for index in (ATTENDANCE, AGENDA, CARRIED):
            self.editor.setTabEnabled(index, chosen)

    def _show_current(self) -> None:
        meeting_id = self.current_id()
        self.message.clear()
        try:
            self.detail = reads.meeting(self._ctx.db, meeting_id) if meeting_id else None
        except LinliError as exc:
            self.detail = None
            self.message.setText(exc.message)
        detail = self.detail
        if detail is None:
            self.details.clear()
            self.attendance.show_attendees(None, [])
            self.agenda.show_agenda(None, [])
            self.carried.show_items(None, [])
        else:
            self.details.show_meeting(detail, detail.series)
            self.attendance.show_attendees(detail.id, detail.attendees)
            self.agenda.show_agenda(detail.id, detail.agenda)
            carried = {row.id for row in detail.carried}
            self.carried.show_items(detail.id, [*detail.carried, *(
                row for row in detail.born if row.id not in carried)])
            self.agenda.set_default_due(next_month(detail.starts_at).date())
        self._update_buttons()

    # -- commands ----------------------------------------------------------------------------

    def new_meeting(self) -> None:
        """A blank details form; Save makes the meeting."""
        self.list.setCurrentRow(-1)
        self.list.clearSelection()
        self.detail = None
        self.details.clear()
        self._update_buttons()
        self.editor.setCurrentIndex(DETAILS)
        self.details.title.setFocus()

    def _saved(self, meeting_id: str) -> None:
        self.load(meeting_id)
        tell(self, _("The meeting was saved."))

    def next_meeting(self):
        """The next meeting of the series a month on: its first agenda item lists every item
        still open, to be gone through there."""
        if self.detail is None:
            return None
        from desktop.meetings.service import next_meeting

        meeting_id = self.detail.id
        starts_at = next_month(self.detail.starts_at)

        def opened(new_id: str) -> None:
            self.load(new_id)
            self.editor.setCurrentIndex(CARRIED)

        return self._write(lambda uow: next_meeting(uow, meeting_id, starts_at),
                           _("Next meeting"), _("The next meeting was made; the open items "
                                                "are carried over to it."), opened)

    def delete(self, confirm: bool = True):
        if self.detail is None:
            return None
        title = self.detail.title
        if confirm and QMessageBox.question(
                self, _("Delete meeting"),
                _("Delete {title}? Its action items stay in the three lists.").format(
                    title=title)) != QMessageBox.StandardButton.Yes:
            return None
        from desktop.meetings.service import delete_meeting

        meeting_id = self.detail.id
        return self._write(lambda uow: delete_meeting(uow, meeting_id),
                           _("Delete meeting {title}").format(title=title),
                           _("The meeting was deleted."))
