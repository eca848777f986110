"""What an agenda item links to by reference — a visiting campaign, an owners' vote — named
where the meeting is shown or printed. By reference: a campaign or vote not on this computer
has no name here, and nothing fails for it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.i18n import _
from desktop.votes.reading import stored_result
from desktop.votes.tables import Vote


def campaign_names(session: Session, campaign_ids) -> dict[str, str]:
    """The names of the visiting campaigns agenda items link to (by reference: a campaign not
    on this computer has no name here)."""
    from desktop.visits.records.campaigns import Campaign

    wanted = {c for c in campaign_ids if c}
    if not wanted:
        return {}
    return dict(session.execute(select(Campaign.id, Campaign.name)
                                .where(Campaign.id.in_(wanted))).all())


def vote_lines(session: Session, vote_ids) -> dict[str, str]:
    """How the owners' votes agenda items link to stand, in a line each ("3幢电梯更新：已通过"),
    by reference like campaigns: a vote not on this computer has no line here."""
    wanted = {v for v in vote_ids if v}
    if not wanted:
        return {}
    lines = {}
    for vote in session.execute(select(Vote).where(Vote.id.in_(wanted))).scalars():
        if vote.deleted:
            continue
        if vote.closed_on is None:
            state = _("collecting ballots until {date}").format(date=vote.closes_on.isoformat())
        elif stored_result(vote).get("passed"):
            state = _("passed")
        else:
            state = _("not passed")
        lines[vote.id] = _("{title}: {state}").format(title=vote.title, state=state)
    return lines


def vote_choices(session: Session) -> list[tuple[str, str]]:
    """(id, title) of the owners' votes an agenda item may be about, newest first."""
    return [tuple(row) for row in session.execute(
        select(Vote.id, Vote.title).where(Vote.deleted.is_(False), Vote.archived.is_(False))
        .order_by(Vote.opens_on.desc(), Vote.created_hlc.desc())).all()]
