"""Writing votes: opening one over a scope (its electorate fixed from the owner register), its
details, whether late ballots count, and closing the count.

Services get a unit of work and return plain data. Every input is checked before the first row
is written, so bad input raises a ``ValidationError`` naming what it concerns and nothing is
written; anything failing later rolls the whole unit of work back.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from desktop.core.errors import ValidationError
from desktop.core.fields import checked_text
from desktop.core.i18n import _, ngettext
from desktop.storage.database import UnitOfWork
from desktop.votes.codes import code_width, make_code
from desktop.votes.counting import ITEMS, RULE_VERSION
from desktop.votes.electorate import check_scope, scope_dwellings
from desktop.votes.tables import Vote, VoteDwelling

GAPS_SHOWN = 12  # addresses named in the message; the rest are counted


@dataclass(frozen=True)
class VoteDraft:
    title: str
    item: int
    compound_id: str
    opens_on: dt.date
    closes_on: dt.date
    proposal: str = ""
    building_id: str | None = None
    unit: str = ""


def _period(opens_on, closes_on) -> None:
    for value, field in ((opens_on, "opens_on"), (closes_on, "closes_on")):
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise ValidationError(_("Give the collection period's first and last days."),
                                  field=field)
    if closes_on < opens_on:
        raise ValidationError(_("The collection period ends before it starts."),
                              field="closes_on")


def get_vote(session, vote_id: str | None) -> Vote:
    vote = session.get(Vote, vote_id) if vote_id else None
    if vote is None or vote.deleted:
        raise ValidationError(_("This vote no longer exists."), field="vote")
    return vote


def open_vote(session, vote_id: str | None) -> Vote:
    """The vote, refused once its count is closed (a posted result must not move)."""
    vote = get_vote(session, vote_id)
    if vote.closed_on is not None:
        raise ValidationError(_("The count of “{title}” is closed: it can no longer be "
                                "changed.").format(title=vote.title), field="vote")
    return vote


def gap_message(problems: list[tuple[str, str]]) -> str:
    """The refusal listing register gaps: (address, problem) pairs in walking order."""
    words = {"no_area": _("no exclusive area"), "no_owner": _("no owner")}
    shown = [_("{address} ({problem})").format(address=address, problem=words[problem])
             for address, problem in problems[:GAPS_SHOWN]]
    text = "、".join(shown)
    rest = len(problems) - len(shown)
    if rest:
        text += " " + ngettext("and {count} more", "and {count} more", rest).format(count=rest)
    return ngettext(
        "{count} dwelling of the scope cannot be counted yet: {list}. Fix it in the owner "
        "register or leave it out with a reason.",
        "{count} dwellings of the scope cannot be counted yet: {list}. Fix them in the owner "
        "register or leave them out with a reason.",
        len({a for a, _p in problems})).format(count=len({a for a, _p in problems}), list=text)


def create_vote(uow: UnitOfWork, draft: VoteDraft, exclude: dict[str, str] | None = None
                ) -> str:
    """A new vote over the draft's scope; its id. Every dwelling of the scope joins the
    electorate in walking order with its ballot code, exclusive area and owners as the
    register has them now; one with no area or no owner refuses the vote until it is fixed
    or left out (``exclude``: dwelling id → the office's reason)."""
    session = uow.session
    title = checked_text(draft.title, "title", 200, _("The vote's title"), required=True)
    proposal = checked_text(draft.proposal, "proposal", None, _("The proposal put to the vote"))
    if not isinstance(draft.item, int) or isinstance(draft.item, bool) or draft.item not in ITEMS:
        raise ValidationError(_("Choose the matter's item of article 278 (1 to 9)."),
                              field="item")
    _period(draft.opens_on, draft.closes_on)
    unit = checked_text(draft.unit, "unit", 10, _("Unit"))
    check_scope(session, draft.compound_id, draft.building_id, unit)
    dwellings = scope_dwellings(session, draft.compound_id, draft.building_id, unit)
    if not dwellings:
        raise ValidationError(_("The chosen place has no dwellings to vote."), field="scope")
    exclude = dict(exclude or {})
    in_scope = {d.dwelling_id for d in dwellings}
    stray = [d for d in exclude if d not in in_scope]
    if stray:
        raise ValidationError(_("A dwelling left out is not in the vote's scope."),
                              field="exclude")
    reasons = {}
    for dwelling in dwellings:
        if dwelling.dwelling_id in exclude:
            reasons[dwelling.dwelling_id] = checked_text(
                exclude[dwelling.dwelling_id], "exclude", 200,
                _("Reason for leaving out {address}").format(address=dwelling.address),
                required=True)
    gaps = [(d.address, problem) for d in dwellings if d.dwelling_id not in reasons
            for problem in d.problems]
    if gaps:
        raise ValidationError(gap_message(gaps), field="exclude",
                              details="\n".join(f"{a}\t{p}" for a, p in gaps))
    vote = Vote(title=title, proposal=proposal, item=draft.item,
                compound_id=draft.compound_id, building_id=draft.building_id, unit=unit,
                opens_on=draft.opens_on, closes_on=draft.closes_on,
                rule_version=RULE_VERSION)
    session.add(vote)
    session.flush()
    width = code_width(len(dwellings))
    session.add_all([
        VoteDwelling(vote_id=vote.id, dwelling_id=d.dwelling_id,
                     code=make_code(number, width), area=d.area, owner_key=d.owner_key,
                     owners=d.owner_names[:200], developer_held=d.developer_held,
                     excluded=d.dwelling_id in reasons,
                     exclusion_reason=reasons.get(d.dwelling_id, ""), walk_order=number)
        for number, d in enumerate(dwellings, start=1)])
    session.flush()
    return vote.id


def edit_vote(uow: UnitOfWork, vote_id: str, *, title: str | None = None,
              proposal: str | None = None, opens_on: dt.date | None = None,
              closes_on: dt.date | None = None) -> None:
    """Change what is given of the vote's title, proposal and collection period."""
    vote = open_vote(uow.session, vote_id)
    values = {}
    if title is not None:
        values["title"] = checked_text(title, "title", 200, _("The vote's title"), required=True)
    if proposal is not None:
        values["proposal"] = checked_text(proposal, "proposal", None, _("The proposal put to the vote"))
    new_open = vote.opens_on if opens_on is None else opens_on
    new_close = vote.closes_on if closes_on is None else closes_on
    _period(new_open, new_close)
    values["opens_on"], values["closes_on"] = new_open, new_close
    for key, value in values.items():
        if getattr(vote, key) != value:
            setattr(vote, key, value)


def set_include_late(uow: UnitOfWork, vote_id: str, include: bool) -> None:
    """Whether ballots cast after the period closed count (the office's decision)."""
    vote = open_vote(uow.session, vote_id)
    if vote.include_late != bool(include):
        vote.include_late = bool(include)


def close_vote(uow: UnitOfWork, vote_id: str, on: dt.date) -> None:
    """Close the count: the tally as it stands is stored with the rule that counted it."""
    from desktop.votes.reading import tally_json, vote_tally

    vote = open_vote(uow.session, vote_id)
    if not isinstance(on, dt.date) or isinstance(on, dt.datetime) or on < vote.opens_on:
        raise ValidationError(_("The count can close only after the vote opened ({date}).")
                              .format(date=vote.opens_on.isoformat()), field="closed_on")
    uow.session.flush()
    result = vote_tally(uow.session, vote_id)
    stored = {**tally_json(result), "item": vote.item,
              "rule_version": result.tally.rule_version, "include_late": vote.include_late}
    vote.result = json.dumps(stored, ensure_ascii=False, sort_keys=True)
    vote.rule_version = result.tally.rule_version
    vote.closed_on = on
