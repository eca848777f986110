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
from desktop.votes.counting import Elector, Gap, Tally, area_text
from desktop.votes.electorate import (
    OwnerFacts,
    likely_same_owners,
    normal_id_number,
    normal_phone,
)
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


# The owners of the electorate's dwellings as the register has them now: name, ID number and
# phone, whether a resident or an outside person.
_OWNERS = """
    SELECT vd.dwelling_id,
           CASE WHEN o.resident_id IS NULL THEN o.outside_name ELSE r.name END,
           CASE WHEN o.resident_id IS NULL THEN o.outside_id_number ELSE r.id_number END,
           CASE WHEN o.resident_id IS NULL THEN o.outside_phone ELSE r.phone END
    FROM vote_dwelling vd
    JOIN dwelling_owner o ON o.dwelling_id = vd.dwelling_id AND o.deleted = 0
    LEFT JOIN resident r ON r.id = o.resident_id AND r.deleted = 0
    WHERE vd.vote_id = ? AND vd.deleted = 0 AND vd.excluded = 0"""


def _same_owner_warnings(session: Session, vote: Vote) -> list[str]:
    # Redrawn after every ballot over thousands of owners: OwnerFacts are made only for the
    # few whose ID number or phone is shared, which likely_same_owners then checks.
    rows = raw_select(session.connection(), _OWNERS, (vote.id,))
    seen_id: dict[str, str] = {}
    seen_phone: dict[str, str] = {}
    shared_ids: set[str] = set()
    shared_phones: set[str] = set()
    for _dwelling, name, id_number, phone in rows:
        if not name:
            continue  # a deleted resident, or an outside owner with no name
        if id_number:
            id_key = id_number.upper() if id_number.isalnum() else normal_id_number(id_number)
            if seen_id.setdefault(id_key, name) != name:
                shared_ids.add(id_key)
        if phone:
            phone_key = phone if phone.isdigit() else normal_phone(phone)
            if phone_key and seen_phone.setdefault(phone_key, name) != name:
                shared_phones.add(phone_key)
    if not shared_ids and not shared_phones:
        return []
    pairs = []
    for dwelling_id, name, id_number, phone in rows:
        if name and ((id_number and normal_id_number(id_number) in shared_ids)
                     or (phone and normal_phone(phone) in shared_phones)):
            pairs.append((dwelling_id, OwnerFacts(dwelling_id, name, None, id_number or "",
                                                  phone or "")))
    found = likely_same_owners(pairs)
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


def tally_warnings(session: Session, vote: Vote, result: Tally, electorate: list[Elector],
                   late_out: set[str], outside: list[str]) -> tuple[str, ...]:
    warnings = []
    if result.mixed_owners:
        mixed = set(result.mixed_owners)
        ids = [e.dwelling_id for e in electorate if e.owner_key in mixed]
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
