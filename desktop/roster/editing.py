"""Editing residents: check a draft as the user types, save it, move people between households
and mark them moved out or deceased. Nothing is ever hard-deleted.

``check_resident`` is cheap (one indexed lookup for duplicates) so the dialog can run it on
every pause in typing; ``save_resident`` runs the same checks again and refuses to store a draft
with errors, so the database never holds what the form would have flagged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.i18n import _, format_date
from desktop.roster import codes
from desktop.roster.households import household_address
from desktop.roster.id_number import SEX_UNKNOWN, parse_id_number
from desktop.roster.ids import HouseholdId, ResidentId, TagId
from desktop.roster.models import Household, Resident, ResidentTag, Tag
from desktop.roster.phones import check_phone
from desktop.storage.database import UnitOfWork

# The form's fields, top to bottom: problems are reported under these names.
FIELDS = ("name", "id_number", "sex", "birth_date", "phone", "phone2", "relationship",
          "residence_status", "ethnicity", "political_status", "hukou_address", "work_unit",
          "notes")
_MAX_LENGTH = {"name": 50, "hukou_address": 200, "work_unit": 100}
_CODE_TABLES = {"sex": codes.SEXES, "relationship": codes.RELATIONSHIPS,
                "residence_status": codes.RESIDENCE_STATUSES, "ethnicity": codes.ETHNICITIES,
                "political_status": codes.POLITICAL_STATUSES}


@dataclass(frozen=True)
class ResidentDraft:
    """What the resident form holds. ``tag_ids`` None leaves the resident's tags as they are."""

    name: str = ""
    id_number: str = ""
    sex: str = SEX_UNKNOWN
    birth_date: dt.date | None = None
    phone: str = ""
    phone2: str = ""
    relationship: str = ""
    residence_status: str = "permanent"
    ethnicity: str = "01"
    political_status: str = "13"
    hukou_address: str = ""
    work_unit: str = ""
    notes: str = ""
    tag_ids: frozenset[str] | None = None


@dataclass(frozen=True)
class Duplicate:
    """Another resident on the roster with the same ID number."""

    id: str
    name: str
    address: str
    household_id: str | None
    moved_out: bool
    deceased: bool


@dataclass(frozen=True)
class ResidentCheck:
    errors: dict[str, str] = field(default_factory=dict)  # field → translated message
    warnings: dict[str, str] = field(default_factory=dict)
    id_number: str = ""  # the normalised 18-character number ("" if none or unusable)
    id_number_original: str = ""  # the 15-digit number it was upgraded from
    derived_birth_date: dt.date | None = None  # read from a valid ID number
    derived_sex: str | None = None
    phone: str = ""  # normalised
    phone2: str = ""
    duplicates: tuple[Duplicate, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors


def _check_id(draft: ResidentDraft, errors: dict, warnings: dict, today: dt.date) -> dict:
    text = draft.id_number.strip()
    if not text:
        return {}
    parsed = parse_id_number(text, today=today)
    if parsed.errors:
        errors["id_number"] = parsed.errors[0].message
        return {}
    if parsed.warnings:
        warnings["id_number"] = parsed.warnings[0].message
    birth = parsed.birth_date
    if draft.birth_date is not None and birth and draft.birth_date != birth:
        errors["birth_date"] = _(
            "The ID number says this person was born on {date}."
        ).format(date=format_date(parsed.birth_date))
    if draft.sex not in ("", SEX_UNKNOWN) and draft.sex != parsed.sex:
        errors["sex"] = _("The ID number says this person is {sex}.").format(
            sex=_(codes.SEXES[parsed.sex]).lower())
    return {"id_number": parsed.number, "id_number_original": parsed.upgraded_from,
            "derived_birth_date": parsed.birth_date, "derived_sex": parsed.sex}


def find_duplicates(session: Session, id_number: str,
                    resident_id: ResidentId | None = None) -> tuple[Duplicate, ...]:
    if not id_number:
        return ()
    query = select(Resident.id, Resident.name, Resident.household_id, Resident.moved_out,
                   Resident.deceased).where(Resident.id_number == id_number,
                                            Resident.deleted.is_(False))
    if resident_id:
        query = query.where(Resident.id != resident_id)
    return tuple(
        Duplicate(row.id, row.name, household_address(session, row.household_id),
                  row.household_id, row.moved_out, row.deceased)
        for row in session.execute(query.order_by(Resident.created_hlc))
    )


def check_resident(session: Session, draft: ResidentDraft,
                   resident_id: ResidentId | None = None,
                   *, household_id: HouseholdId | None = None,
                   today: dt.date | None = None) -> ResidentCheck:
    """Every problem of ``draft``, by field. Errors block saving; warnings do not."""
    today = today or dt.date.today()
    errors: dict[str, str] = {}
    warnings: dict[str, str] = {}
    if not draft.name.strip():
        errors["name"] = _("Enter the resident's name.")
    for name, limit in _MAX_LENGTH.items():
        if len(getattr(draft, name).strip()) > limit:
            errors[name] = _("This is too long (at most {count} characters).").format(
                count=limit)
    for name, table in _CODE_TABLES.items():
        value = getattr(draft, name)
        if value and value not in table:
            errors[name] = _("Choose a value from the list.")
    derived = _check_id(draft, errors, warnings, today)
    if draft.birth_date is not None and draft.birth_date > today and "birth_date" not in errors:
        errors["birth_date"] = _("The birth date is in the future.")
    phones = {}
    for name in ("phone", "phone2"):
        result = check_phone(getattr(draft, name))
        phones[name] = result.number
        if result.error:
            errors[name] = result.error
        elif result.warning:
            warnings[name] = result.warning
    if draft.relationship == codes.HEAD_RELATIONSHIP and household_id:
        head = session.execute(
            select(Resident.name).where(
                Resident.household_id == household_id,
                Resident.relationship == codes.HEAD_RELATIONSHIP,
                Resident.deleted.is_(False), Resident.moved_out.is_(False),
                Resident.deceased.is_(False), Resident.id != (resident_id or ""))
        ).scalars().first()
        if head:
            warnings["relationship"] = _(
                "{name} is already the head of this household.").format(name=head)
    duplicates = find_duplicates(session, derived.get("id_number", ""), resident_id)
    return ResidentCheck(errors=errors, warnings=warnings, phone=phones["phone"],
                         phone2=phones["phone2"], duplicates=duplicates, **derived)


def _raise_first(check: ResidentCheck) -> None:
    for name in FIELDS:
        if name in check.errors:
            raise ValidationError(check.errors[name], field=name)


def _get_resident(session: Session, resident_id: ResidentId) -> Resident:
    person = session.get(Resident, resident_id)
    if person is None or person.deleted:
        raise ValidationError(_("This resident no longer exists."), field="resident")
    return person


def _get_household(session: Session, household_id: HouseholdId) -> Household:
    household = session.get(Household, household_id)
    if household is None or household.deleted:
        raise ValidationError(_("This household no longer exists."), field="household")
    return household


def save_resident(uow: UnitOfWork, draft: ResidentDraft, household_id: HouseholdId | None,
                  resident_id: ResidentId | None = None,
                  allow_duplicate: bool = False) -> ResidentId:
    """Create or edit a resident; returns the id. A new resident goes into ``household_id``;
    for an existing one a household id given here moves them there, None leaves them."""
    session = uow.session
    if household_id is not None:
        _get_household(session, household_id)
    check = check_resident(session, draft, resident_id,
                           household_id=household_id if resident_id is None else None)
    _raise_first(check)
    if check.duplicates and not allow_duplicate:
        other = check.duplicates[0]
        raise ValidationError(_(
            "This ID number is already on the roster as {name} ({address})."
        ).format(name=other.name, address=other.address or _("no address")), field="id_number")
    if resident_id is None:
        person = Resident(name="", household_id=household_id)
        session.add(person)
    else:
        person = _get_resident(session, resident_id)
        if household_id is not None:
            person.household_id = household_id
    person.name = draft.name.strip()
    person.id_number = check.id_number
    person.id_number_original = check.id_number_original
    person.sex = check.derived_sex or draft.sex or SEX_UNKNOWN
    person.birth_date = check.derived_birth_date or draft.birth_date
    person.phone, person.phone2 = check.phone, check.phone2
    person.relationship = draft.relationship
    person.residence_status = draft.residence_status or "permanent"
    person.ethnicity = draft.ethnicity
    person.political_status = draft.political_status
    person.hukou_address = draft.hukou_address.strip()
    person.work_unit = draft.work_unit.strip()
    person.notes = draft.notes
    session.flush()
    if draft.tag_ids is not None:
        _set_tags(session, person.id, draft.tag_ids)
    return person.id


def _set_tags(session: Session, resident_id: ResidentId, tag_ids: frozenset[TagId]) -> None:
    """Make the resident's live tag rows exactly ``tag_ids``: add, revive or tombstone rows."""
    known = set(session.execute(select(Tag.id).where(Tag.id.in_(tag_ids),
                                                     Tag.deleted.is_(False))).scalars())
    missing = set(tag_ids) - known
    if missing:
        raise ValidationError(_("A chosen tag no longer exists."), field="tags")
    rows = session.execute(select(ResidentTag).where(ResidentTag.resident_id == resident_id)
                           .order_by(ResidentTag.created_hlc)).scalars().all()
    seen: set[str] = set()
    for row in rows:
        wanted = row.tag_id in tag_ids and row.tag_id not in seen
        if wanted:
            seen.add(row.tag_id)
        if row.deleted == wanted:  # a live row that should go, or a tombstone to revive
            row.deleted = not wanted
    for tag_id in sorted(set(tag_ids) - seen):
        session.add(ResidentTag(resident_id=resident_id, tag_id=tag_id))
    session.flush()


def tag_choices(session: Session) -> dict[str, str]:
    """Tag id → display name (built-in groups translated), in the order they were made."""
    return {t.id: (_(codes.BUILTIN_TAGS[t.code]) if t.code in codes.BUILTIN_TAGS else t.name)
            for t in session.execute(select(Tag).where(Tag.deleted.is_(False))
                                     .order_by(Tag.created_hlc)).scalars()}


def resident_tag_ids(session: Session, resident_id: ResidentId) -> frozenset[TagId]:
    return frozenset(session.execute(
        select(ResidentTag.tag_id).where(ResidentTag.resident_id == resident_id,
                                         ResidentTag.deleted.is_(False))).scalars())


def load_draft(session: Session,
               resident_id: ResidentId) -> tuple[ResidentDraft, HouseholdId | None]:
    """The stored resident as a draft for the form, and their household id."""
    p = _get_resident(session, resident_id)
    draft = ResidentDraft(
        name=p.name, id_number=p.id_number, sex=p.sex, birth_date=p.birth_date, phone=p.phone,
        phone2=p.phone2, relationship=p.relationship, residence_status=p.residence_status,
        ethnicity=p.ethnicity, political_status=p.political_status,
        hukou_address=p.hukou_address, work_unit=p.work_unit, notes=p.notes,
        tag_ids=resident_tag_ids(session, resident_id),
    )
    return draft, p.household_id


def move_resident(uow: UnitOfWork, resident_id: ResidentId, to_household_id: HouseholdId,
                  relationship: str) -> None:
    """Move a resident into another household (living there now: moved-out is cleared)."""
    session = uow.session
    person = _get_resident(session, resident_id)
    _get_household(session, to_household_id)
    if relationship and relationship not in codes.RELATIONSHIPS:
        raise ValidationError(_("Choose a value from the list."), field="relationship")
    if person.deceased:
        raise ValidationError(_("{name} is recorded as deceased and cannot be moved.").format(
            name=person.name), field="resident")
    person.household_id = to_household_id
    person.relationship = relationship
    person.moved_out = False
    person.moved_out_on = None
    session.flush()


def _check_date(person: Resident, on: dt.date) -> None:
    if on > dt.date.today():
        raise ValidationError(_("The date is in the future."), field="date")
    if person.birth_date and on < person.birth_date:
        raise ValidationError(_("The date is before the birth date."), field="date")


def mark_moved_out(uow: UnitOfWork, resident_id: ResidentId, on: dt.date) -> None:
    """The resident left the community: hidden from the roster, kept with their history."""
    person = _get_resident(uow.session, resident_id)
    _check_date(person, on)
    person.moved_out, person.moved_out_on = True, on
    uow.session.flush()


def mark_deceased(uow: UnitOfWork, resident_id: ResidentId, on: dt.date) -> None:
    person = _get_resident(uow.session, resident_id)
    _check_date(person, on)
    person.deceased, person.deceased_on = True, on
    uow.session.flush()


def reactivate(uow: UnitOfWork, resident_id: ResidentId) -> None:
    """Undo a moved-out or deceased mark made in error (or someone moved back)."""
    person = _get_resident(uow.session, resident_id)
    person.moved_out, person.moved_out_on = False, None
    person.deceased, person.deceased_on = False, None
    uow.session.flush()


def with_derived(draft: ResidentDraft, check: ResidentCheck) -> ResidentDraft:
    """The draft with birth date and sex taken from a valid ID number."""
    if check.derived_birth_date is None and check.derived_sex is None:
        return draft
    return replace(draft, birth_date=check.derived_birth_date or draft.birth_date,
                   sex=check.derived_sex or draft.sex)
