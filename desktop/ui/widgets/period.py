"""A period from one day to another (a vote's collection period, a campaign's dates): two date
fields with a calendar, side by side, and the conversions between their QDate and a date."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def day_of(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


def period_fields(starts: dt.date, ends: dt.date) -> tuple[QDateEdit, QDateEdit, QHBoxLayout]:
    """The first and last day's fields, and the row that holds them ("from – to")."""
    first, last = QDateEdit(qdate(starts)), QDateEdit(qdate(ends))
    row = QHBoxLayout()
    for edit in (first, last):
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
    row.addWidget(first)
    row.addWidget(QLabel("–"))
    row.addWidget(last)
    row.addStretch(1)
    return first, last, row
