"""Entering ballots: one typed at the office (found by its ballot code or address), or a sheet
of ballots collected on paper.

Ballots are append-only: a second ballot for a dwelling names the one it replaces, which stays
in the history. A ballot cast after the period closed is stored like any other; it is late
because its date says so, and the count leaves it out unless the office includes late ones.
Every input is checked before anything is written; a sheet with any problem writes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.fields import checked_text
from desktop.core.i18n import _
from desktop.core.tasks import TaskContext
from desktop.roster.address import building_number, parse_shorthand
from desktop.storage.database import UnitOfWork
from desktop.votes.codes import code_is_valid, normal_code
from desktop.votes.margins import addresses
from desktop.votes.reading import ElectorRow, electorate_rows
from desktop.votes.service import get_vote, open_vote
from desktop.votes.tables import BALLOT_SOURCES, OPINIONS, Ballot, VoteDwelling

SHOWN = 20  # electors offered for one search text


def check_cast_on(vote, cast_on) -> dt.date:
    if not isinstance(cast_on, dt.date) or isinstance(cast_on, dt.datetime):
        raise ValidationError(_("Give the date the ballot was signed."), field="cast_on")
    if cast_on < vote.opens_on:
        raise ValidationError(_("The ballot is dated {date}, before the vote opened on "
                                "{opens}.").format(date=cast_on.isoformat(),
                                                   opens=vote.opens_on.isoformat()),
                              field="cast_on")
    return cast_on


def member_of(session: Session, vote, dwelling_id: str | None) -> VoteDwelling:
    """The dwelling's place in the electorate, or a refusal naming its address."""
    member = session.execute(
        select(VoteDwelling).where(VoteDwelling.vote_id == vote.id,
                                   VoteDwelling.dwelling_id == dwelling_id,
                                   VoteDwelling.deleted.is_(False))).scalar()
    if member is None:
        address = addresses(session, [dwelling_id]).get(dwelling_id) if dwelling_id else None
        raise ValidationError(_("{address} is not in the electorate of “{title}”: its ballot "
                                "cannot be counted.").format(
                                    address=address or _("This dwelling"), title=vote.title),
                              field="dwelling")
    if member.excluded:
        address = addresses(session, [dwelling_id]).get(dwelling_id, "")
        raise ValidationError(_("{address} was left out of this vote ({reason}).").format(
            address=address, reason=member.exclusion_reason), field="dwelling")
    return member


def _latest(session: Session, vote_id: str, dwelling_id: str) -> tuple[str, dt.datetime] | None:
    row = session.execute(
        select(Ballot.id, Ballot.recorded_at)
        .where(Ballot.vote_id == vote_id, Ballot.dwelling_id == dwelling_id,
               Ballot.deleted.is_(False))
        .order_by(Ballot.recorded_at.desc(), Ballot.id.desc()).limit(1)).first()
    return (row[0], row[1]) if row else None


def _write(session: Session, vote_id: str, dwelling_id: str, opinion: str, cast_on: dt.date,
           proxy_name: str, source: str, recorded_by: str, note: str,
           now: dt.datetime) -> str:
    previous = _latest(session, vote_id, dwelling_id)
    recorded_at = now
    if previous is not None and previous[1] >= now:
        # The later ballot must sort later even on a clock that went back.
        recorded_at = previous[1] + dt.timedelta(microseconds=1)
    ballot = Ballot(vote_id=vote_id, dwelling_id=dwelling_id, opinion=opinion, cast_on=cast_on,
                    recorded_at=recorded_at, source=source, proxy_name=proxy_name,
                    replaces_id=previous[0] if previous else None, recorded_by=recorded_by,
                    note=note)
    session.add(ballot)
    session.flush()
    return ballot.id


def record_ballot(uow: UnitOfWork, vote_id: str, dwelling_id: str, opinion: str,
                  cast_on: dt.date, *, proxy_name: str = "", source: str = "office",
                  recorded_by: str = "", note: str = "") -> str:
    """One ballot; its id. A second ballot for the dwelling replaces the first (both stay)."""
    session = uow.session
    vote = open_vote(session, vote_id)
    if opinion not in OPINIONS:
        raise ValidationError(_("Choose agree, against or abstain."), field="opinion")
    if source not in BALLOT_SOURCES:
        raise ValidationError(_("Unknown ballot source."), field="source")
    cast_on = check_cast_on(vote, cast_on)
    proxy_name = checked_text(proxy_name, "proxy_name", 50, _("Proxy"))
    recorded_by = checked_text(recorded_by, "recorded_by", 50, _("Recorded by"))
    note = checked_text(note, "note", 2000, _("Note"))
    member_of(session, vote, dwelling_id)
    return _write(session, vote.id, dwelling_id, opinion, cast_on, proxy_name, source,
                  recorded_by or uow.operator, note, dt.datetime.now())


# --- finding a dwelling by what is typed -------------------------------------------------

@lru_cache(maxsize=4096)
def _number(text: str | None) -> str:
    # Cached: a lookup compares the typed room with every dwelling's, and a compound has a
    # few hundred room numbers at most ("501" in every stairwell).
    digits = "".join(ch for ch in (text or "") if ch.isdigit())
    return digits.lstrip("0") or ("0" if digits else "")


@lru_cache(maxsize=1024)
def _building(name: str) -> str:
    return building_number(name)


def find_electors(session: Session, vote_id: str, text: str,
                  rows: list[ElectorRow] | None = None) -> list[ElectorRow]:
    """The electorate's dwellings a typed text means, best first: the ballot code (only a code
    whose check digit holds: a slip finds nothing rather than a neighbour), then the address
    ("3-2-501", "3幢2单元501") or the room alone ("501"), else an owner's name. A text that is
    both a code and a room number finds both, the code first. ``rows``: the electorate
    already read (a page typing many ballots reads it once)."""
    get_vote(session, vote_id)
    typed = (text or "").strip()
    if not typed:
        return []
    if rows is None:
        rows = electorate_rows(session, vote_id)
    code = normal_code(typed)
    by_code = [row for row in rows if row.code == code] \
        if code.isdigit() and code_is_valid(code) else []
    found: list[ElectorRow] = []
    key = parse_shorthand(typed)
    if key is not None:
        found = [row for row in rows
                 if _building(row.building) == key.building
                 and (key.unit is None or _number(row.unit) == key.unit)
                 and (key.room is None or _number(row.room) == key.room)]
    if not found and typed.isdigit():
        # A room typed alone; listed after a ballot code that reads the same ("1001").
        room = _number(typed)
        found = [row for row in rows if _number(row.room) == room]
    if not found and not by_code and not typed.isdigit():
        found = [row for row in rows if typed in row.owners or typed in row.address]
    found = by_code + [row for row in found if row not in by_code]
    return found[:SHOWN]


def elector_by_code(session: Session, vote_id: str, code: str) -> ElectorRow:
    """The dwelling of a ballot code, refusing a code whose check digit fails."""
    typed = normal_code(code)
    if not code_is_valid(typed):
        raise ValidationError(_("“{code}” is not a ballot code of this vote: check its digits.")
                              .format(code=code.strip()), field="code")
    for row in electorate_rows(session, vote_id):
        if row.code == typed:
            return row
    raise ValidationError(_("“{code}” is not a ballot code of this vote: check its digits.")
                          .format(code=code.strip()), field="code")


# --- a sheet of ballots ------------------------------------------------------------------

@dataclass
class BallotImportReport:
    file: str
    rows: int = 0  # rows with a ballot read
    written: int = 0  # ballots written (0 whenever there is a problem)
    replaced: int = 0  # of those, ballots replacing an earlier one
    late: int = 0  # of those, cast after the period closed
    problems: list[tuple[int, str]] = field(default_factory=list)  # (sheet row, message)

    @property
    def ok(self) -> bool:
        return not self.problems


def import_ballots(uow: UnitOfWork, vote_id: str, path: str | Path,
                   ctx: TaskContext | None = None, cast_on: dt.date | None = None
                   ) -> BallotImportReport:
    """The ballots of a sheet (小区, 楼栋, 单元, 房号, 表决意见; optionally 委托代理人 and
    表决日期). Every problem is reported by row; when there is any, nothing is written.
    ``cast_on``: the date for rows without one (default today)."""
    from desktop.votes.ballot_sheet import read_ballot_sheet

    session = uow.session
    vote = open_vote(session, vote_id)
    ctx = ctx or TaskContext()
    sheet = read_ballot_sheet(session, vote, Path(path), ctx, cast_on or dt.date.today())
    report = BallotImportReport(file=Path(path).name, rows=len(sheet.ballots),
                                problems=list(sheet.problems))
    if report.problems:
        return report
    now = dt.datetime.now()
    for number, ballot in enumerate(sheet.ballots, start=1):
        ctx.check()
        ctx.report(number, len(sheet.ballots), _("Entering ballots: {done} of {total}").format(
            done=number, total=len(sheet.ballots)))
        before = _latest(session, vote.id, ballot.dwelling_id)
        _write(session, vote.id, ballot.dwelling_id, ballot.opinion, ballot.cast_on,
               ballot.proxy_name, "sheet", uow.operator, "", now)
        report.written += 1
        report.replaced += before is not None
        report.late += ballot.cast_on > vote.closes_on
    return report
