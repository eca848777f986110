"""Reading votes: the list, one vote's details and electorate, its ballot history, and the live
tally with the margin in words. Session in, plain dataclasses out.

Which ballot counts for a dwelling is ``counted``'s rule. The electorate is the snapshot
written when the vote opened, so a later change to the register never moves a count.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from sqlalchemy.orm import Session

from desktop.core.i18n import N_
from desktop.roster.address import format_address
from desktop.sync.exchange.export import raw_select
from desktop.votes.counted import OPINION, Counted, counted_ballots, door_ballots
from desktop.votes.counting import (
    Elector,
    Gap,
    Tally,
    approval_gap,
    area_text,
    participation_gap,
    tally,
)
from desktop.votes.margins import addresses, margin_sentences, tally_warnings
from desktop.votes.service import get_vote
from desktop.votes.tables import Vote

STATES = ("upcoming", "collecting", "ended", "closed")
STATE_LABELS = {"upcoming": N_("not yet open"), "collecting": N_("collecting ballots"),
                "ended": N_("period ended, count not closed"), "closed": N_("closed")}


def vote_state(vote: Vote, today: dt.date) -> str:
    if vote.closed_on is not None:
        return "closed"
    if today < vote.opens_on:
        return "upcoming"
    return "collecting" if today <= vote.closes_on else "ended"


@dataclass(frozen=True)
class VoteRow:
    id: str
    title: str
    item: int
    scope: str
    opens_on: dt.date
    closes_on: dt.date
    state: str
    electors: int  # dwellings in the electorate (not left out)
    voted: int  # of those, dwellings with a counted ballot


@dataclass(frozen=True)
class VoteDetail:
    id: str
    title: str
    proposal: str
    item: int
    compound_id: str
    building_id: str | None
    unit: str
    scope_kind: str  # "compound" | "building" | "unit"
    scope: str
    opens_on: dt.date
    closes_on: dt.date
    include_late: bool
    campaign_id: str | None
    rule_version: str
    closed_on: dt.date | None
    result: dict  # the stored tally once closed, else {}
    notice_id: str | None
    state: str


@dataclass(frozen=True)
class ElectorRow:
    dwelling_id: str
    code: str
    address: str
    building: str
    unit: str
    floor: int | None
    room: str
    area: Decimal | None
    owners: str
    owner_key: str
    developer_held: bool
    excluded: bool
    reason: str
    walk_order: int
    opinion: str | None = None  # the counted ballot's, None when none counts
    late: bool = False
    source: str = ""
    proxy_name: str = ""


@dataclass(frozen=True)
class BallotRow:
    id: str
    dwelling_id: str
    address: str
    code: str
    opinion: str
    cast_on: dt.date
    recorded_at: dt.datetime
    source: str  # office | sheet | door
    proxy_name: str
    recorded_by: str
    note: str
    replaces_id: str | None
    replaced: bool  # a later ballot for the same dwelling exists
    late: bool
    counted: bool
    in_electorate: bool


@dataclass(frozen=True)
class VoteTally:
    vote_id: str
    tally: Tally
    participation: Gap
    approval: Gap
    sentences: tuple[str, ...]
    warnings: tuple[str, ...]
    late_not_counted: int = 0
    outside: tuple[str, ...] = ()  # dwelling ids with ballots but not in the electorate
    include_late: bool = False
    extra: dict = field(default_factory=dict)


def scope_label(session: Session, vote: Vote) -> str:
    rows = raw_select(session.connection(), "SELECT name FROM compound WHERE id = ?",
                      (vote.compound_id,))
    compound = rows[0][0] if rows else ""
    if vote.building_id is None:
        return compound
    rows = raw_select(session.connection(), "SELECT name FROM building WHERE id = ?",
                      (vote.building_id,))
    building = rows[0][0] if rows else ""
    return f"{compound} {format_address(building, vote.unit, '')}".strip()


def scope_kind(vote: Vote) -> str:
    if vote.building_id is None:
        return "compound"
    return "unit" if vote.unit else "building"


def _date(text) -> dt.date:
    return text if isinstance(text, dt.date) else dt.date.fromisoformat(str(text)[:10])


# --- the electorate ----------------------------------------------------------------------

_ELECTORATE = """
    SELECT dwelling_id, area, owner_key, excluded
    FROM vote_dwelling WHERE vote_id = ? AND deleted = 0 ORDER BY walk_order"""


def vote_tally(session: Session, vote_id: str, today: dt.date | None = None) -> VoteTally:
    """The live count of a vote: the tally, the gaps and the margin in words, and what the
    office should check."""
    vote = get_vote(session, vote_id)
    session.flush()
    electorate = []
    areas: dict[int, Fraction] = {}  # one Fraction per distinct area (flats repeat sizes)
    for dwelling_id, area, key, excluded in raw_select(session.connection(), _ELECTORATE,
                                                       (vote.id,)):
        if excluded:
            continue  # left out by the office: a ballot for it is listed as outside
        value = areas.get(area)
        if value is None:
            value = areas[area] = Fraction(area or 0, 100)
        electorate.append(Elector(dwelling_id, value, key))
    members = {elector.dwelling_id for elector in electorate}
    counted, late_out = counted_ballots(session, vote)
    opinions = {d: ballot[OPINION] for d, ballot in counted.items() if d in members}
    outside = sorted(d for d in counted if d not in members)
    late_out &= members
    result = tally(vote.item, electorate, opinions)
    participation, approval = participation_gap(result), approval_gap(result)
    return VoteTally(
        vote_id=vote.id, tally=result, participation=participation, approval=approval,
        sentences=margin_sentences(result, participation, approval),
        warnings=tally_warnings(session, vote, result, electorate, late_out, outside),
        late_not_counted=len(late_out), outside=tuple(outside),
        include_late=vote.include_late)


def _area(value: Fraction) -> str:
    return area_text(value)


def tally_json(result: VoteTally) -> dict:
    """The shape of ``linli vote tally --json``: areas as exact decimal strings, two places."""
    t = result.tally
    return {
        "total_area": _area(t.total_area), "total_heads": t.total_heads,
        "participating_area": _area(t.participating_area),
        "participating_heads": t.participating_heads,
        "agree_area": _area(t.agree_area), "agree_heads": t.agree_heads,
        "participation_met": t.participation_met, "approval_met": t.approval_met,
        "passed": t.passed,
    }


def stored_result(vote: Vote) -> dict:
    try:
        value = json.loads(vote.result) if vote.result else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


# --- lists and details -------------------------------------------------------------------

def _counts(session: Session) -> dict[str, int]:
    return dict(raw_select(session.connection(),
                           "SELECT vote_id, COUNT(*) FROM vote_dwelling WHERE deleted = 0 "
                           "AND excluded = 0 GROUP BY vote_id"))


def list_votes(session: Session, today: dt.date) -> list[VoteRow]:
    """Every vote not archived, the newest period first."""
    votes = session.query(Vote).filter(Vote.deleted.is_(False), Vote.archived.is_(False)) \
        .order_by(Vote.opens_on.desc(), Vote.id.desc()).all()
    electors = _counts(session)
    rows = []
    for vote in votes:
        counted, _late = counted_ballots(session, vote)
        members = {row[0] for row in raw_select(
            session.connection(), "SELECT dwelling_id FROM vote_dwelling WHERE vote_id = ? "
            "AND deleted = 0 AND excluded = 0", (vote.id,))}
        rows.append(VoteRow(vote.id, vote.title, vote.item, scope_label(session, vote),
                            vote.opens_on, vote.closes_on, vote_state(vote, today),
                            electors.get(vote.id, 0), len(members & counted.keys())))
    return rows


def vote_detail(session: Session, vote_id: str, today: dt.date | None = None) -> VoteDetail:
    vote = get_vote(session, vote_id)
    return VoteDetail(
        id=vote.id, title=vote.title, proposal=vote.proposal, item=vote.item,
        compound_id=vote.compound_id, building_id=vote.building_id, unit=vote.unit,
        scope_kind=scope_kind(vote), scope=scope_label(session, vote),
        opens_on=vote.opens_on, closes_on=vote.closes_on, include_late=vote.include_late,
        campaign_id=vote.campaign_id, rule_version=vote.rule_version,
        closed_on=vote.closed_on, result=stored_result(vote), notice_id=vote.notice_id,
        state=vote_state(vote, today or dt.date.today()))


_ELECTOR_ROWS = """
    SELECT vd.dwelling_id, vd.code, b.name, d.unit, d.floor, d.room, vd.area, vd.owners,
           vd.owner_key, vd.developer_held, vd.excluded, vd.exclusion_reason, vd.walk_order
    FROM vote_dwelling vd
    LEFT JOIN dwelling d ON d.id = vd.dwelling_id
    LEFT JOIN building b ON b.id = d.building_id
    WHERE vd.vote_id = ? AND vd.deleted = 0 ORDER BY vd.walk_order"""


def electorate_rows(session: Session, vote_id: str) -> list[ElectorRow]:
    """The electorate in walking order, each dwelling with its counted ballot if any."""
    vote = get_vote(session, vote_id)
    session.flush()
    counted, _late = counted_ballots(session, vote)
    rows = []
    for (dwelling_id, code, building, unit, floor, room, area, owners, key, developer,
         excluded, reason, walk) in raw_select(session.connection(), _ELECTOR_ROWS,
                                               (vote.id,)):
        ballot = None if excluded or dwelling_id not in counted else \
            Counted._make(counted[dwelling_id])
        rows.append(ElectorRow(
            dwelling_id=dwelling_id, code=code, address=format_address(building, unit, room),
            building=building or "", unit=unit or "", floor=floor, room=room or "",
            area=None if area is None else (Decimal(area) / 100).quantize(Decimal("0.01")),
            owners=owners or "", owner_key=key, developer_held=bool(developer),
            excluded=bool(excluded), reason=reason or "", walk_order=walk,
            opinion=ballot.opinion if ballot else None,
            late=bool(ballot and ballot.cast_on > vote.closes_on.isoformat()),
            source=ballot.source if ballot else "",
            proxy_name=(ballot.proxy_name or "") if ballot else ""))
    return rows


# "+vd.vote_id": by the dwelling's index (a row or two), never by the vote's (its whole
# electorate for every ballot: 2.6 s for 4,000 ballots of a 5,000-dwelling vote).
_HISTORY = """
    SELECT b.id, b.dwelling_id, b.opinion, b.cast_on, b.recorded_at, b.source, b.proxy_name,
           b.recorded_by, b.note, b.replaces_id, vd.code, vd.excluded, bd.name, d.unit, d.room
    FROM ballot b
    LEFT JOIN vote_dwelling vd ON vd.dwelling_id = b.dwelling_id AND +vd.vote_id = b.vote_id
         AND vd.deleted = 0
    LEFT JOIN dwelling d ON d.id = b.dwelling_id
    LEFT JOIN building bd ON bd.id = d.building_id
    WHERE b.vote_id = ? AND b.deleted = 0 {dwelling}
    ORDER BY b.recorded_at DESC, b.id DESC"""


def _datetime(value) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def _door_history(session: Session, vote: Vote, dwelling_id: str | None) -> list[tuple]:
    """The door's ballots as history rows (the same columns as ``_HISTORY``)."""
    doors = [d for d in door_ballots(session, vote)
             if dwelling_id is None or d.dwelling_id == dwelling_id]
    if not doors:
        return []
    members = {d: (code, excluded) for d, code, excluded in raw_select(
        session.connection(), "SELECT dwelling_id, code, excluded FROM vote_dwelling "
        "WHERE vote_id = ? AND deleted = 0", (vote.id,))}
    where = addresses(session, [d.dwelling_id for d in doors])
    rows = []
    for door in doors:
        code, excluded = members.get(door.dwelling_id, (None, False))
        # A visit's key is its time (26 characters) then its id.
        rows.append((door.key[26:], door.dwelling_id, door.opinion, door.cast_on,
                     door.key[:26], "door", door.proxy_name, "", "", None, code, excluded,
                     where.get(door.dwelling_id, "")))
    return rows


def ballot_history(session: Session, vote_id: str, dwelling_id: str | None = None
                   ) -> list[BallotRow]:
    """Every ballot of the vote (or of one dwelling), newest first — replaced and late ones,
    and those given at the door — each saying whether it is the one that counts."""
    vote = get_vote(session, vote_id)
    session.flush()
    counted, _late = counted_ballots(session, vote)
    counted_keys = {Counted._make(c).key for c in counted.values()}
    sql = _HISTORY.format(dwelling="AND b.dwelling_id = ?" if dwelling_id else "")
    params = (vote.id, dwelling_id) if dwelling_id else (vote.id,)
    rows = [(*row[:12], format_address(*row[12:]))
            for row in raw_select(session.connection(), sql, params)]
    rows += _door_history(session, vote, dwelling_id)
    rows.sort(key=lambda row: f"{row[4]}{row[0]}", reverse=True)
    seen: set[str] = set()
    out = []
    for (ballot_id, d_id, opinion, cast_on, recorded_at, source, proxy, by, note, replaces,
         code, excluded, address) in rows:
        cast = _date(cast_on)
        in_electorate = code is not None and not excluded
        out.append(BallotRow(
            id=ballot_id, dwelling_id=d_id, address=address, code=code or "",
            opinion=opinion, cast_on=cast, recorded_at=_datetime(recorded_at), source=source,
            proxy_name=proxy or "", recorded_by=by or "", note=note or "",
            replaces_id=replaces, replaced=d_id in seen, late=cast > vote.closes_on,
            counted=in_electorate and f"{recorded_at}{ballot_id}" in counted_keys,
            in_electorate=in_electorate))
        seen.add(d_id)
    return out
