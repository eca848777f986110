"""A meeting's details: kind, series, title, number, date and time, place, convener, chair,
recorder. A blank form is a new meeting; Save writes through the one write path."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _
from desktop.ui.meetings import names
from desktop.ui.operations import Operations, in_fields
from desktop.ui.widgets.form import FieldGrid


def save_details(uow, fields: dict, series_name: str, meeting_id: str | None) -> str:
    """Qt-free: the series (found by name, made when new) and the meeting, in one unit."""
    from sqlalchemy import select

    from desktop.meetings.service import MeetingDraft, save_meeting, save_series
    from desktop.meetings.tables import MeetingSeries

    series_id = None
    if series_name.strip():
        series_id = uow.session.scalar(
            select(MeetingSeries.id).where(MeetingSeries.name == series_name.strip(),
                                           MeetingSeries.deleted.is_(False)))
        if series_id is None:
            series_id = save_series(uow, series_name.strip(), fields["kind"])
    return save_meeting(uow, MeetingDraft(series_id=series_id, **fields), meeting_id)


class DetailsForm(QWidget):
    saved = Signal(str)  # the meeting's id

    def __init__(self, ctx, runner, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx, self._runner = ctx, runner
        self.meeting_id: str | None = None
        self.grid = grid = FieldGrid()
        self.kind = grid.add("kind", _("&Kind:"), QComboBox())
        names.fill_combo(self.kind, names.KINDS)
        self.series = grid.add("series", _("Se&ries:"), QLineEdit())
        self.series.setPlaceholderText(_("e.g. 翠苑一区三方联席会议"))
        self.title = grid.add("title", _("&Title:"), QLineEdit())
        self.number = grid.add("number", _("N&umber:"), QLineEdit())
        self.number.setPlaceholderText("〔2026〕第12期")
        self.starts_at = grid.add("starts_at", _("&Date and time:"), QDateTimeEdit())
        self.starts_at.setCalendarPopup(True)
        self.starts_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.place = grid.add("place", _("&Place:"), QLineEdit())
        self.convener = grid.add("convener", _("Co&nvener:"), QLineEdit())
        self.chair = grid.add("chair", _("C&hair:"), QLineEdit())
        self.recorder = grid.add("recorder", _("Rec&order:"), QLineEdit())
        self.save_button = QPushButton(_("&Save details"))
        self.save_button.clicked.connect(lambda: self.save())
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(row)
        layout.addStretch(1)
        self.clear()

    def clear(self, starts_at: dt.datetime | None = None) -> None:
        """A new meeting: blank, today at 9:00 (the monthly meetings are mornings)."""
        self.meeting_id = None
        for edit in (self.series, self.title, self.number, self.place, self.convener,
                     self.chair, self.recorder):
            edit.clear()
        self.kind.setCurrentIndex(0)
        start = starts_at or dt.datetime.combine(dt.date.today(), dt.time(9, 0))
        self.starts_at.setDateTime(QDateTime(start))
        self._clear_problems()

    def show_meeting(self, meeting, series_name: str = "") -> None:
        self.meeting_id = meeting.id
        names.choose(self.kind, meeting.kind)
        self.series.setText(series_name or "")
        self.title.setText(meeting.title)
        self.number.setText(getattr(meeting, "number", "") or "")
        self.starts_at.setDateTime(QDateTime(meeting.starts_at))
        for edit, field in ((self.place, "place"), (self.convener, "convener"),
                            (self.chair, "chair"), (self.recorder, "recorder")):
            edit.setText(getattr(meeting, field, "") or "")
        self._clear_problems()

    def _clear_problems(self) -> None:
        for label in self.grid.problems.values():
            label.clear()
            label.setVisible(False)

    def fields(self) -> dict:
        return {
            "kind": self.kind.currentData(), "title": self.title.text().strip(),
            "starts_at": self.starts_at.dateTime().toPython(),
            "place": self.place.text().strip(), "convener": self.convener.text().strip(),
            "chair": self.chair.text().strip(), "recorder": self.recorder.text().strip(),
            "number": self.number.text().strip(),
        }

    def save(self):
        fields, series, meeting_id = self.fields(), self.series.text(), self.meeting_id
        self._clear_problems()
        return Operations.of(self._runner).write(
            self._ctx, lambda uow: save_details(uow, fields, series, meeting_id),
            label=_("Save meeting {title}").format(title=fields["title"]), parent=self,
            progress=False, on_done=lambda new_id, _c: self.saved.emit(new_id),
            on_refused=in_fields(self._runner, self, {n: self.grid for n in self.grid.fields},
                                 "title"))
