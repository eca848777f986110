"""The tracker of the three lists across every meeting: what is open, overdue and closed this
month, by responsible party and by compound; how old the open items are; and the resolution
rate per party and month, the figure offices report upward ("问题解决率", "办结率").

Definitions (one place, so the page, the chart and the reports say the same thing):

- *open*: status 待办 or 整改中 (``open`` / ``in_progress``);
- *overdue*: open and due before today (an item done but not yet checked is not overdue: the
  remedy is finished, only the 销号 is waiting);
- *resolved*: status 已完成 or 已销号 (``done`` / ``closed``), on the earlier of the day it was
  done and the day it was closed (a remedy done in March and checked in April was resolved in
  March);
- *closed this month*: resolved within today's calendar month;
- *resolution rate* of a party for a month: of the items due that month, those resolved on or
  before their due date, divided by all items due that month. Exact (a ``Fraction``); a month
  with nothing due has no rate (``None``), not 0 % or 100 %. An item reopened counts as it
  stands now: its status is open again, so it is not resolved. In the current month an item
  still open whose due date has not passed yet (today included) is left out until it has: it
  is not late yet, and counting it would show every month as failing until its last day.

Deleted items do not count. One read of the items' few columns (strings compared as ISO dates,
which sort as dates), so 10,000 items over five years take a few milliseconds.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from fractions import Fraction

from sqlalchemy.orm import Session

from desktop.core.i18n import _
from desktop.meetings.labels import PARTIES, label
from desktop.meetings.tables import RESPONSIBLE_PARTIES
from desktop.sync.exchange.export import raw_select

OPEN_STATUSES = frozenset({"open", "in_progress"})
RESOLVED_STATUSES = frozenset({"done", "closed"})
# The ages (days since opened) the open items are grouped by: up to a month, a quarter, half a
# year, and older.
AGE_LIMITS = (30, 90, 180)


def party_label(party: str) -> str:
    return label(PARTIES, party)


@dataclass(frozen=True)
class Counts:
    """One line of the tracker: a party's, a compound's or everyone's items."""

    key: str  # the party code, the compound id ("" for items of no compound), or "" for all
    label: str
    open: int
    overdue: int
    done: int  # 已完成, waiting to be checked and closed
    closed_this_month: int
    total: int
    oldest_open_days: int | None  # the age of the oldest open item
    ages: tuple[int, ...]  # open items by age: ≤30, ≤90, ≤180, older (AGE_LIMITS)


@dataclass(frozen=True)
class MonthRate:
    month: dt.date  # its first day
    due: int
    on_time: int

    @property
    def rate(self) -> Fraction | None:
        return Fraction(self.on_time, self.due) if self.due else None


@dataclass(frozen=True)
class Tracker:
    today: dt.date
    total: Counts
    by_party: tuple[Counts, ...]  # every responsible party, in the fixed order
    by_compound: tuple[Counts, ...]  # compounds with items, by name; no compound last
    months: tuple[dt.date, ...]  # the chart's months, oldest first
    rates: dict[str, tuple[MonthRate, ...]]  # party → one per month of ``months``
    overall: tuple[MonthRate, ...]  # all parties together


def format_rate(rate: Fraction | None) -> str:
    """"95.2%", "100%", "—" for a month with nothing due: one decimal, exact (no float on the
    way), ".0" left off, and rounded down, so a figure reported upward is never one that was
    not reached (1,999 of 2,000 on time is 99.9 %, not 100 %)."""
    if rate is None:
        return "—"
    tenths = (rate * 1000).__floor__()
    whole, tenth = divmod(tenths, 10)
    return _("{percent}%").format(percent=f"{whole}.{tenth}" if tenth else f"{whole}")


def _month_start(value: dt.date) -> dt.date:
    return value.replace(day=1)


def _add_months(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


def _age_bucket(days: int) -> int:
    for index, limit in enumerate(AGE_LIMITS):
        if days <= limit:
            return index
    return len(AGE_LIMITS)


class _Tally:
    __slots__ = ("ages", "closed_this_month", "done", "oldest", "open", "overdue", "total")

    def __init__(self) -> None:
        self.open = self.overdue = self.done = self.closed_this_month = self.total = 0
        self.oldest: int | None = None
        self.ages = [0] * (len(AGE_LIMITS) + 1)

    def counts(self, key: str, label: str) -> Counts:
        return Counts(key, label, self.open, self.overdue, self.done, self.closed_this_month,
                      self.total, self.oldest, tuple(self.ages))


def _resolved_on(status: str, done_on: str | None, closed_on: str | None) -> str | None:
    """The day an item was resolved. Copies merge field by field, so a status may sit beside
    a closing day another copy left (closed there, moved back to work here): the status wins,
    and a day counts only when the status agrees (as desktop.meetings.reading shows them)."""
    if status not in RESOLVED_STATUSES:
        return None
    days = [d for d in (done_on, closed_on if status == "closed" else None) if d]
    return min(days) if days else None


def tracker(session: Session, *, today: dt.date, months: int | None = 12) -> Tracker:
    """The tracker as of ``today``. ``months``: how many months the rates cover, ending with
    today's; ``None`` for every month from the first item due up to today's."""
    rows = raw_select(session.connection(), """
        SELECT responsible, compound_id, status, due, opened_on, done_on, closed_on
        FROM action_item WHERE deleted = 0""")
    compounds = dict(raw_select(session.connection(), "SELECT id, name FROM compound"))
    today_text = today.isoformat()
    this_month = today_text[:7]
    everyone = _Tally()
    parties: dict[str, _Tally] = {p: _Tally() for p in RESPONSIBLE_PARTIES}
    places: dict[str, _Tally] = defaultdict(_Tally)
    due_counts: Counter = Counter()  # (party, "YYYY-MM") → items due
    on_time: Counter = Counter()
    for party, compound_id, status, due, opened_on, done_on, closed_on in rows:
        tallies = (everyone, parties.setdefault(party, _Tally()), places[compound_id or ""])
        resolved_on = _resolved_on(status, done_on, closed_on)
        # An item not resolved and not yet past its due date cannot be late yet: it counts
        # once its day has passed (only the current month has such items).
        if due and (resolved_on is not None or due[:10] < today_text):
            due_counts[party, due[:7]] += 1
            if resolved_on is not None and resolved_on <= due[:10]:
                on_time[party, due[:7]] += 1
        is_open = status in OPEN_STATUSES
        age = (today - dt.date.fromisoformat(opened_on[:10])).days if is_open and opened_on \
            else None
        for tally in tallies:
            tally.total += 1
            if is_open:
                tally.open += 1
                if due and due[:10] < today_text:
                    tally.overdue += 1
                if age is not None:
                    tally.ages[_age_bucket(age)] += 1
                    if tally.oldest is None or age > tally.oldest:
                        tally.oldest = age
            elif status == "done":
                tally.done += 1
            if resolved_on is not None and resolved_on[:7] == this_month \
                    and resolved_on[:10] <= today_text:
                tally.closed_this_month += 1
    chart = _months(today, months, due_counts)
    keys = [m.isoformat()[:7] for m in chart]
    rates = {party: tuple(MonthRate(m, due_counts[party, k], on_time[party, k])
                          for m, k in zip(chart, keys, strict=True)) for party in parties}
    overall = tuple(MonthRate(m, sum(r[i].due for r in rates.values()),
                              sum(r[i].on_time for r in rates.values()))
                    for i, m in enumerate(chart))
    by_compound = sorted(
        (tally.counts(key, compounds.get(key) or _("Deleted compound") if key
                      else _("No compound")) for key, tally in places.items()),
        key=lambda c: (c.key == "", c.label))
    return Tracker(today, everyone.counts("", _("All")),
                   tuple(t.counts(p, party_label(p)) for p, t in parties.items()),
                   tuple(by_compound), tuple(chart), rates, overall)


def _months(today: dt.date, months: int | None, due_counts: Counter) -> list[dt.date]:
    last = _month_start(today)
    if months is None:
        firsts = [k for _p, k in due_counts if k <= last.isoformat()[:7]]
        first = dt.date.fromisoformat(min(firsts) + "-01") if firsts else last
    else:
        first = _add_months(last, -(max(months, 1) - 1))
    out = []
    month = first
    while month <= last:
        out.append(month)
        month = _add_months(month, 1)
    return out
