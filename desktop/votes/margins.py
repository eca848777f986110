"""The live tally in words: how far a vote is from passing ("3 more dwellings and at least
210.50 m² must take part") and what the office should check before trusting the count.

Areas in a margin round up (``area_text(up=True)``): reaching the figure shown is always
enough. Every figure comes from the exact gaps of ``counting``.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from desktop.core.i18n import _, ngettext
from desktop.roster.address import format_address
from desktop.sync.exchange.export import raw_select
from desktop.votes.counting import Gap, Tally, area_text
from desktop.votes.electorate import OwnerFacts, likely_same_owners
from desktop.votes.tables import Vote

ADDRESSES_SHOWN = 8


def participation_sentence(gap: Gap) -> str:
    if gap.closed:
        return _("Participation is met.")
    if not gap.reachable:
        return _("Participation cannot be met even if every dwelling not yet voted takes "
                 "part.")
    if gap.area == 0:
        return ngettext("{count} more dwelling must take part.",
                        "{count} more dwellings must take part.",
                        gap.dwellings).format(count=gap.dwellings)
    return ngettext("{count} more dwelling and at least {area} m² must take part.",
                    "{count} more dwellings and at least {area} m² must take part.",
                    gap.dwellings).format(count=gap.dwellings,
                                          area=area_text(gap.area, up=True))


def approval_sentence(gap: Gap) -> str:
    if gap.closed:
        return _("Approval is met.")
    if not gap.reachable:
        return _("Approval cannot be met even if every dwelling not yet voted agrees.")
    if gap.area == 0:
        return ngettext("{count} more dwelling must agree.",
                        "{count} more dwellings must agree.",
                        gap.dwellings).format(count=gap.dwellings)
    return ngettext("{count} more dwelling must agree, and the agreeing area must grow by "
                    "{area} m².",
                    "{count} more dwellings must agree, and the agreeing area must grow by "
                    "{area} m².",
                    gap.dwellings).format(count=gap.dwellings,
                                          area=area_text(gap.area, up=True))


def margin_sentences(result: Tally, participation: Gap, approval: Gap) -> tuple[str, ...]:
    sentences = [participation_sentence(participation), approval_sentence(approval)]
    if result.passed:
        sentences.append(_("As the ballots stand, the proposal passes."))
    return tuple(sentences)


def addresses(session: Session, dwelling_ids: Iterable[str]) -> dict[str, str]:
    """dwelling id → "3幢2单元501" for the given ids (those this copy holds)."""
    ids = list(dict.fromkeys(dwelling_ids))
    found: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for dwelling_id, building, unit, room in raw_select(
                session.connection(),
                f"SELECT d.id, b.name, d.unit, d.room FROM dwelling d "
                f"JOIN building b ON b.id = d.building_id WHERE d.id IN ({marks})", chunk):
            found[dwelling_id] = format_address(building, unit, room)
    return found


def _listed(names: list[str]) -> str:
    shown = "、".join(names[:ADDRESSES_SHOWN])
    rest = len(names) - ADDRESSES_SHOWN
    if rest > 0:
        shown += " " + ngettext("and {count} more", "and {count} more", rest).format(count=rest)
    return shown


# The owners of the electorate's dwellings as the register has them now.
_OWNERS = """
    SELECT vd.dwelling_id, o.resident_id, r.name, r.id_number, r.phone,
           o.outside_name, o.outside_id_number, o.outside_phone
    FROM vote_dwelling vd
    JOIN dwelling_owner o ON o.dwelling_id = vd.dwelling_id AND o.deleted = 0
    LEFT JOIN resident r ON r.id = o.resident_id AND r.deleted = 0
    WHERE vd.vote_id = ? AND vd.deleted = 0 AND vd.excluded = 0"""


def _same_owner_warnings(session: Session, vote: Vote) -> list[str]:
    pairs = []
    for (dwelling_id, resident_id, r_name, r_id, r_phone, o_name, o_id,
         o_phone) in raw_select(session.connection(), _OWNERS, (vote.id,)):
        if resident_id is not None:
            if r_name is not None:
                pairs.append((dwelling_id, OwnerFacts(dwelling_id, r_name, resident_id,
                                                      r_id or "", r_phone or "")))
        elif o_name:
            pairs.append((dwelling_id, OwnerFacts(dwelling_id, o_name, None, o_id or "",
                                                  o_phone or "")))
    found = likely_same_owners(pairs)
    if not found:
        return []
    where = addresses(session, {d for w in found for d in w.addresses})
    out = []
    for warning in found:
        text = (_("Likely the same person under two names — {names}, with the same ID number: "
                  "{addresses}. Check the owner register.")
                if warning.by == "id_number" else
                _("Likely the same person under two names — {names}, with the same phone: "
                  "{addresses}. Check the owner register."))
        out.append(text.format(names="、".join(warning.names), addresses=_listed(
            sorted(where.get(d, d) for d in warning.addresses))))
    return out


def tally_warnings(session: Session, vote: Vote, result: Tally, late_out: set[str],
                   outside: list[str]) -> tuple[str, ...]:
    warnings = []
    if result.mixed_owners:
        mixed = set(result.mixed_owners)
        ids = [d for d, _excluded_key in _members(session, vote) if _excluded_key in mixed]
        where = addresses(session, ids)
        warnings.append(ngettext(
            "{count} owner voted differently on their dwellings and counts as taking part, "
            "not agreeing: {addresses}.",
            "{count} owners voted differently on their dwellings and count as taking part, "
            "not agreeing: {addresses}.", len(mixed)).format(
                count=len(mixed), addresses=_listed([where.get(d, d) for d in ids])))
    if late_out:
        where = addresses(session, late_out)
        warnings.append(ngettext(
            "{count} ballot cast after {date} is not counted: {addresses}.",
            "{count} ballots cast after {date} are not counted: {addresses}.",
            len(late_out)).format(count=len(late_out), date=vote.closes_on.isoformat(),
                                  addresses=_listed(sorted(where.get(d, d)
                                                           for d in late_out))))
    if outside:
        where = addresses(session, outside)
        warnings.append(ngettext(
            "{count} ballot is for a dwelling outside the vote's electorate and is not "
            "counted: {addresses}.",
            "{count} ballots are for dwellings outside the vote's electorate and are not "
            "counted: {addresses}.", len(outside)).format(
                count=len(outside), addresses=_listed(sorted(where.get(d, d)
                                                             for d in outside))))
    warnings += _same_owner_warnings(session, vote)
    return tuple(warnings)


def _members(session: Session, vote: Vote) -> list[tuple[str, str]]:
    return [(d, key) for d, key in raw_select(
        session.connection(),
        "SELECT dwelling_id, owner_key FROM vote_dwelling WHERE vote_id = ? AND deleted = 0 "
        "AND excluded = 0 ORDER BY walk_order", (vote.id,))]
