"""The three lists (问题·责任·整改): action items and their progress log.

An item belongs to the community: it may be born in a meeting or between meetings (a resident's
complaint), and is followed until closed (已销号). Every status move and every reopening is a
dated progress entry, so the log tells the whole story; a closed item cannot be edited or moved
until it is reopened explicitly. Overdue is never stored: it is read from the due date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.core.errors import ValidationError
from desktop.core.fields import checked_text
from desktop.core.i18n import _
from desktop.meetings.service import _check_compound, get_meeting
from desktop.meetings.tables import (
    ACTION_STATUSES,
    RESPONSIBLE_PARTIES,
    ActionItem,
    ActionProgress,
    Meeting,
    MeetingSeries,
)
from desktop.storage.database import UnitOfWork


@dataclass(frozen=True)
class ActionDraft:
    problem: str
    responsible: str
    remedy: str = ""
    due: dt.date | None = None
    responsible_unit: str = ""
    responsible_person: str = ""
    compound_id: str | None = None
    source: str = ""


def _day(value, field: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if not isinstance(value, dt.date):
        raise ValidationError(_("Give a date."), field=field)
    return value


def _checked(session, draft: ActionDraft, opened_on: dt.date,
             meeting: Meeting | None) -> dict:
    values = {
        "problem": checked_text(draft.problem, "problem", None, _("The problem"), required=True),
        "remedy": checked_text(draft.remedy, "remedy", None, _("The remedy")),
        "responsible_unit": checked_text(draft.responsible_unit, "responsible_unit", 100,
                                         _("Responsible unit")),
        "responsible_person": checked_text(draft.responsible_person, "responsible_person", 50,
                                           _("Responsible person")),
        "source": checked_text(draft.source, "source", 200, _("Source")),
    }
    if draft.responsible not in RESPONSIBLE_PARTIES:
        raise ValidationError(_("Choose who is responsible."), field="responsible")
    due = _day(draft.due, "due")
    born = meeting.starts_at.date() if meeting is not None else opened_on
    if due is not None and due < born:
        if meeting is not None:
            message = _("The due date {due} is before the meeting of {date} the item was "
                        "raised in.").format(due=due.isoformat(), date=born.isoformat())
        else:
            message = _("The due date {due} is before the item was opened on {date}.").format(
                due=due.isoformat(), date=born.isoformat())
        raise ValidationError(message, field="due")
    _check_compound(session, draft.compound_id)
    values.update(responsible=draft.responsible, due=due, compound_id=draft.compound_id)
    return values


def _set(item: ActionItem, **values) -> None:
    """Set only what changes: an unchanged field gets no new stamp to merge."""
    for key, value in values.items():
        if getattr(item, key) != value:
            setattr(item, key, value)


def _item(session, action_id: str) -> ActionItem:
    item = session.get(ActionItem, action_id) if action_id else None
    if item is None or item.deleted:
        raise ValidationError(_("This action item no longer exists."), field="action")
    return item


def _entry_day(session, on, meeting_id: str | None, item: ActionItem) -> dt.date:
    """The entry's date: given, else the meeting's, else today; never before the item."""
    day = _day(on, "on")
    if day is None:
        day = (get_meeting(session, meeting_id).starts_at.date() if meeting_id
               else dt.date.today())
    elif meeting_id:
        get_meeting(session, meeting_id)
    if day < item.opened_on:
        raise ValidationError(_("The date {date} is before the item was opened on "
                                "{opened}.").format(date=day.isoformat(),
                                                    opened=item.opened_on.isoformat()),
                              field="on")
    return day


def add_action(uow: UnitOfWork, draft: ActionDraft, meeting_id: str | None = None,
               opened_on: dt.date | None = None) -> str:
    """A new item, born in a meeting (opened that day unless said) or between meetings."""
    meeting = get_meeting(uow.session, meeting_id) if meeting_id else None
    opened = _day(opened_on, "opened_on")
    if opened is None:
        opened = meeting.starts_at.date() if meeting is not None else dt.date.today()
    if meeting is not None and draft.compound_id is None and meeting.series_id:
        series = uow.session.get(MeetingSeries, meeting.series_id)
        if series is not None and series.compound_id:
            from dataclasses import replace

            draft = replace(draft, compound_id=series.compound_id)
    values = _checked(uow.session, draft, opened, meeting)
    item = ActionItem(origin_meeting_id=meeting_id, opened_on=opened, status="open", **values)
    uow.session.add(item)
    uow.session.flush()
    return item.id


def edit_action(uow: UnitOfWork, action_id: str, draft: ActionDraft) -> None:
    """Change what an item says. A closed item is refused: reopen it first (logged)."""
    item = _item(uow.session, action_id)
    if item.status == "closed":
        raise ValidationError(_("This item is closed. Reopen it first (the reopening is "
                                "logged), then change it."), field="status")
    meeting = uow.session.get(Meeting, item.origin_meeting_id) if item.origin_meeting_id \
        else None
    _set(item, **_checked(uow.session, draft, item.opened_on, meeting))


def record_progress(uow: UnitOfWork, action_id: str, note: str, status: str | None = None,
                    meeting_id: str | None = None, on: dt.date | None = None) -> str:
    """A dated progress entry, moving the item to ``status`` if given ("closed" records the
    day and the meeting that closed it; "done" the day it was done)."""
    item = _item(uow.session, action_id)
    note = checked_text(note, "note", None, _("The progress note"))
    if status is not None and status not in ACTION_STATUSES:
        raise ValidationError(_("Choose the item's status."), field="status")
    if not note and status in (None, item.status):
        raise ValidationError(_("Write what happened, or choose a new status."), field="note")
    if item.status == "closed":
        raise ValidationError(_("This item is closed. Reopen it first (the reopening is "
                                "logged)."), field="status")
    day = _entry_day(uow.session, on, meeting_id, item)
    moved = status is not None and status != item.status
    if moved:
        item.status = status
        if status == "closed":
            item.closed_on, item.closed_meeting_id = day, meeting_id
            if item.done_on is None:
                item.done_on = day
        else:
            # Not closed: no closing day (one a merge may have left behind is cleared too).
            _set(item, closed_on=None, closed_meeting_id=None,
                 done_on=day if status == "done" else None)  # back to work: not done after all
    entry = ActionProgress(action_item_id=item.id, meeting_id=meeting_id, on=day, note=note,
                           status=status if moved else "", reopened=False, by=uow.operator)
    uow.session.add(entry)
    uow.session.flush()
    return entry.id


def reopen_action(uow: UnitOfWork, action_id: str, reason: str, meeting_id: str | None = None,
                  on: dt.date | None = None) -> str:
    """Open a closed item again (待办), with the reason logged as a progress entry."""
    item = _item(uow.session, action_id)
    reason = checked_text(reason, "reason", None, _("The reason"), required=True)
    if item.status != "closed":
        raise ValidationError(_("Only a closed item is reopened."), field="status")
    day = _entry_day(uow.session, on, meeting_id, item)
    if item.closed_on is not None and day < item.closed_on:
        raise ValidationError(_("The date {date} is before the item was closed on "
                                "{closed}.").format(date=day.isoformat(),
                                                    closed=item.closed_on.isoformat()),
                              field="on")
    _set(item, status="open", closed_on=None, closed_meeting_id=None, done_on=None)
    entry = ActionProgress(action_item_id=item.id, meeting_id=meeting_id, on=day, note=reason,
                           status="open", reopened=True, by=uow.operator)
    uow.session.add(entry)
    uow.session.flush()
    return entry.id


def delete_action(uow: UnitOfWork, action_id: str) -> None:
    """Take out an item written by mistake (a tombstone; its log stays with it). An item
    that was dealt with is closed, not deleted."""
    _item(uow.session, action_id).deleted = True
