"""Editing the owner register: a dwelling's areas, whether the developer still holds it, and its
owners (residents of the roster or outside persons, with shares).

Each function takes the unit of work and changes rows through the ORM, so every changed field is
stamped (who, when, the old value) like any roster edit, syncs, and is undone by the window's
undo as one entry. Bad input raises ValidationError naming the field before anything is changed.

Shares: either every owner of a dwelling has a share and the shares add up to exactly 100 %
(按份共有), or none has (a sole owner, or owners in common without shares, 共同共有); each is then
stored as 100, the column's "no share given".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.roster.id_number import parse_id_number
from desktop.roster.models import Dwelling, DwellingOwner, Resident
from desktop.roster.owners.areas import AreaError, parse_area
from desktop.roster.phones import check_phone
from desktop.storage.database import UnitOfWork

HUNDRED = Decimal(100)
_NAME_LIMIT = 50


@dataclass(frozen=True)
class OwnerDraft:
    """One owner as the dialog holds it: a resident (``resident_id``) or an outside person."""

    resident_id: str | None = None
    name: str = ""  # outside person only
    phone: str = ""
    id_number: str = ""
    share_percent: Decimal | str | None = None  # None: no share given


@dataclass(frozen=True)
class AreasDraft:
    floor_area: Decimal | str | None = None  # 建筑面积
    exclusive_area: Decimal | str | None = None  # 专有部分面积
    developer_held: bool = False  # 未售或未交付


def live_dwelling(session: Session, dwelling_id: str) -> Dwelling:
    dwelling = session.get(Dwelling, dwelling_id)
    if dwelling is None or dwelling.deleted:
        raise ValidationError(_("This dwelling no longer exists."), field="dwelling")
    return dwelling


def _area(value, field: str) -> Decimal | None:
    try:
        return parse_area(value)
    except AreaError as exc:
        raise ValidationError(str(exc), field=field) from None


def check_areas(draft: AreasDraft) -> tuple[Decimal | None, Decimal | None]:
    """(floor area, exclusive area) parsed; ValidationError naming the field otherwise."""
    floor = _area(draft.floor_area, "floor_area")
    exclusive = _area(draft.exclusive_area, "exclusive_area")
    if floor is not None and exclusive is not None and exclusive > floor:
        raise ValidationError(_(
            "The exclusive area ({exclusive} m²) cannot be larger than the floor area "
            "({floor} m²).").format(exclusive=f"{exclusive:.2f}", floor=f"{floor:.2f}"),
            field="exclusive_area")
    return floor, exclusive


def set_areas(uow: UnitOfWork, dwelling_id: str, draft: AreasDraft) -> None:
    """Store a dwelling's floor area, exclusive area and developer-held mark."""
    dwelling = live_dwelling(uow.session, dwelling_id)
    floor, exclusive = check_areas(draft)
    # Assigning an equal value would still stamp the field: change only what changed.
    if dwelling.floor_area != floor:
        dwelling.floor_area = floor
    if dwelling.exclusive_area != exclusive:
        dwelling.exclusive_area = exclusive
    if bool(dwelling.developer_held) != bool(draft.developer_held):
        dwelling.developer_held = bool(draft.developer_held)
    uow.session.flush()


@dataclass(frozen=True)
class _Checked:
    resident_id: str | None
    name: str
    phone: str
    id_number: str
    share: Decimal

    @property
    def identity(self) -> tuple:
        if self.resident_id:
            return ("resident", self.resident_id)
        return ("outside", "".join(self.name.split()), self.id_number or self.phone)


def parse_share(value, label: str) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip().rstrip("%％").strip()
    try:
        share = Decimal(text)
    except ArithmeticError:
        share = None
    if share is None or not share.is_finite() or share <= 0 or share > HUNDRED:
        raise ValidationError(_("{owner}: the share must be a percentage above 0 and at most "
                                "100.").format(owner=label), field="share_percent")
    if share != share.quantize(Decimal("0.01")):
        raise ValidationError(_("{owner}: a share has at most two decimal places.").format(
            owner=label), field="share_percent")
    return share.quantize(Decimal("0.01"))


def check_owners(session: Session, owners: Sequence[OwnerDraft]) -> list[_Checked]:
    """The owners as they will be stored; ValidationError naming the owner and field."""
    shares: list[Decimal | None] = []
    out: list[_Checked] = []
    seen: dict[tuple, str] = {}
    for number, draft in enumerate(owners, start=1):
        if draft.resident_id:
            person = session.get(Resident, draft.resident_id)
            if person is None or person.deleted:
                raise ValidationError(_("Owner {number}: this resident no longer exists.")
                                      .format(number=number), field="owners")
            label = person.name
            name, phone, id_number = "", "", ""
        else:
            name = " ".join(draft.name.split())
            label = name or _("Owner {number}").format(number=number)
            if not name:
                raise ValidationError(_("Owner {number}: enter the owner's name.").format(
                    number=number), field="name")
            if len(name) > _NAME_LIMIT:
                raise ValidationError(_("{owner}: the name is too long (at most {count} "
                                        "characters).").format(owner=label, count=_NAME_LIMIT),
                                      field="name")
            checked_phone = check_phone(draft.phone)
            if checked_phone.error:
                raise ValidationError(f"{label}: {checked_phone.error}", field="phone")
            phone = checked_phone.number
            id_number = ""
            if draft.id_number.strip():
                parsed = parse_id_number(draft.id_number)
                if parsed.errors:
                    raise ValidationError(f"{label}: {parsed.errors[0].message}",
                                          field="id_number")
                id_number = parsed.number
        shares.append(parse_share(draft.share_percent, label))
        checked = _Checked(draft.resident_id or None, name, phone, id_number, HUNDRED)
        if checked.identity in seen:
            raise ValidationError(_("{owner} is listed twice.").format(owner=label),
                                  field="owners")
        seen[checked.identity] = label
        out.append(checked)
    given = [s for s in shares if s is not None]
    if given:
        if len(given) != len(shares):
            missing = next(i for i, s in enumerate(shares) if s is None)
            raise ValidationError(_(
                "Give every owner a share, or none: {owner} has none.").format(
                owner=list(seen.values())[missing]), field="share_percent")
        total = sum(given, Decimal(0))
        if total != HUNDRED:
            raise ValidationError(_(
                "The shares add up to {total} %; they must add up to exactly 100 %.").format(
                total=f"{total:f}".rstrip("0").rstrip(".")), field="share_percent")
        out = [_Checked(c.resident_id, c.name, c.phone, c.id_number, share)
               for c, share in zip(out, given, strict=True)]
    return out


def set_owners(uow: UnitOfWork, dwelling_id: str, owners: Sequence[OwnerDraft]) -> None:
    """Make the dwelling's live owners exactly ``owners``: rows for the same person are kept
    (their fields updated), others tombstoned, new ones added — never hard-deleted."""
    session = uow.session
    live_dwelling(session, dwelling_id)
    wanted = check_owners(session, owners)
    replace_owners(session, dwelling_id, wanted)
    session.flush()


def _identity(row: DwellingOwner) -> tuple:
    if row.resident_id:
        return ("resident", row.resident_id)
    return ("outside", "".join(row.outside_name.split()),
            row.outside_id_number or row.outside_phone)


def replace_owners(session: Session, dwelling_id: str, wanted: Sequence) -> dict[str, int]:
    """Shared with the owners' list import. ``wanted`` items have resident_id, name, phone,
    id_number, share. Returns counts: added, removed, kept."""
    rows = session.execute(select(DwellingOwner).where(
        DwellingOwner.dwelling_id == dwelling_id, DwellingOwner.deleted.is_(False))
        .order_by(DwellingOwner.created_hlc)).scalars().all()
    by_identity = {}
    for row in rows:
        by_identity.setdefault(_identity(row), row)
    counts = {"added": 0, "removed": 0, "kept": 0}
    used = set()
    for owner in wanted:
        identity = (("resident", owner.resident_id) if owner.resident_id else
                    ("outside", "".join(owner.name.split()), owner.id_number or owner.phone))
        row = by_identity.get(identity)
        if row is None:
            session.add(DwellingOwner(
                dwelling_id=dwelling_id, resident_id=owner.resident_id,
                outside_name=owner.name, outside_phone=owner.phone,
                outside_id_number=owner.id_number, share_percent=owner.share))
            counts["added"] += 1
            continue
        used.add(row.id)
        counts["kept"] += 1
        for key, value in (("outside_name", owner.name), ("outside_phone", owner.phone),
                           ("outside_id_number", owner.id_number),
                           ("share_percent", owner.share)):
            if getattr(row, key) != value:
                setattr(row, key, value)
    for row in rows:
        if row.id not in used:
            row.deleted = True
            counts["removed"] += 1
    return counts


def save_dwelling(uow: UnitOfWork, dwelling_id: str, areas: AreasDraft,
                  owners: Sequence[OwnerDraft]) -> None:
    """The dialog's Save: areas and owners in one write (one undo entry); both are checked
    before either is changed."""
    session = uow.session
    live_dwelling(session, dwelling_id)
    check_areas(areas)
    wanted = check_owners(session, owners)
    set_areas(uow, dwelling_id, areas)
    replace_owners(session, dwelling_id, wanted)
    session.flush()
