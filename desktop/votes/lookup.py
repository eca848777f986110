"""A vote the user names on the command line: by its title or its id, exactly one.

Titles repeat ("电梯更新" in two buildings): a title several votes share is refused with each
of them listed (scope, period and id), so the user can give the id instead.
"""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.core.errors import LinliError
from desktop.core.i18n import _
from desktop.votes.reading import scope_label
from desktop.votes.tables import Vote


def find_vote(session: Session, name: str) -> str:
    name = (name or "").strip()
    found = session.execute(select(Vote).where(
        or_(Vote.id == name, Vote.title == name), Vote.deleted.is_(False))
        .order_by(Vote.opens_on, Vote.id)).scalars().all()
    exact = [vote for vote in found if vote.id == name]
    if exact:
        return exact[0].id
    if not found:
        raise LinliError(_("There is no vote named {name}.").format(name=name))
    if len(found) > 1:
        listed = "; ".join(
            _("{scope}, {opens} to {closes} (id {id})").format(
                scope=scope_label(session, vote), opens=vote.opens_on.isoformat(),
                closes=vote.closes_on.isoformat(), id=vote.id) for vote in found)
        raise LinliError(_("Several votes are named {name}: {votes}. Give the vote's id "
                           "instead.").format(name=name, votes=listed))
    return found[0].id
