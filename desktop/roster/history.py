"""A household's history — who changed what, and when — read from the per-field change stamps.

Every edit of a synced row left a ``FieldStamp`` (row, field, stamp, operator, new value), and
every row its ``created_hlc``/``created_by``. The history of a household is the stamps of the
household itself, of its members now, and of everyone who ever lived in it (a member who moved
away keeps their entries here), plus their tag changes. Fields changed together share one stamp
and make one entry. The old value of a change is the one recorded with its stamp, else the
previous stamp's value.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.core.i18n import N_, _, format_date
from desktop.roster import codes
from desktop.roster.households import dwelling_address
from desktop.roster.models import Household, Resident, ResidentTag, Tag
from desktop.storage.hlc import Stamp
from desktop.storage.records import FieldStamp

FIELD_LABELS = {
    "name": N_("Name"), "id_number": N_("ID number"), "id_number_original": N_("Old ID number"),
    "sex": N_("Sex"), "birth_date": N_("Birth date"), "phone": N_("Phone"),
    "phone2": N_("Second phone"), "relationship": N_("Relationship"),
    "residence_status": N_("Residence"), "ethnicity": N_("Ethnic group"),
    "political_status": N_("Political status"), "hukou_address": N_("Registered address"),
    "work_unit": N_("Work unit"), "notes": N_("Notes"), "number": N_("Household number"),
    "dwelling_id": N_("Dwelling"),
}
_CODED = {"sex": codes.SEXES, "relationship": codes.RELATIONSHIPS,
          "residence_status": codes.RESIDENCE_STATUSES, "ethnicity": codes.ETHNICITIES,
          "political_status": codes.POLITICAL_STATUSES}
# Fields changed together are said in the form's order (household number before its notes).
_ORDER = {name: index for index, name in enumerate(dict.fromkeys(
    ("number", "dwelling_id", "household_id", "moved_out", "deceased", "deleted",
     *FIELD_LABELS)))}
# Follow-up fields said by the entry of their flag ("moved out on 2026年11月1日").
_QUIET = {"moved_out_on", "deceased_on", "id_number_original"}


@dataclass(frozen=True)
class HistoryEntry:
    when: dt.datetime  # local time
    operator: str
    subject: str  # the person (or "Household") the entry is about
    what: str  # translated, e.g. "张三: Phone: 13800001111 → 13900002222"
    hlc: str


def stamp_time(hlc: str) -> dt.datetime:
    return dt.datetime.fromtimestamp(Stamp.parse(hlc).wall_ms / 1000)


def _value(field: str, raw: str | None) -> str:
    value = json.loads(raw) if raw else None
    if value is None or value == "":
        return _("(empty)")
    if field in _CODED:
        label = _CODED[field].get(value)
        return _(label) if label else str(value)
    if field.endswith(("_date", "_on")):
        try:
            return format_date(dt.date.fromisoformat(value))
        except ValueError:
            return str(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _household_numbers(session: Session, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    return dict(session.execute(select(Household.id, Household.number)
                                .where(Household.id.in_(ids))).all())


def _describe(fields: dict[str, str | None], household_id: str,
              numbers: dict[str, str]) -> list[str]:
    """Sentences for fields changed together (field → JSON value), with old values filled in
    by the caller as ``field + '\\0old'`` keys."""
    parts: list[str] = []
    for field, raw in sorted(fields.items(), key=lambda item: _ORDER.get(item[0], 99)):
        if field in _QUIET or field.endswith("\0old"):
            continue
        value = json.loads(raw) if raw else None
        if field == "moved_out":
            on = fields.get("moved_out_on")
            parts.append(_("moved out on {date}").format(date=_value("moved_out_on", on))
                         if value and on else _("moved out") if value else _("moved back in"))
        elif field == "deceased":
            on = fields.get("deceased_on")
            parts.append(_("died on {date}").format(date=_value("deceased_on", on))
                         if value and on else _("deceased") if value
                         else _("no longer marked deceased"))
        elif field == "deleted":
            parts.append(_("removed") if value else _("restored"))
        elif field == "household_id":
            if value == household_id:
                parts.append(_("moved into this household"))
            else:
                parts.append(_("moved to household {number}").format(
                    number=numbers.get(value, "") or "—"))
        else:
            label = _(FIELD_LABELS.get(field, field))
            old = fields.get(field + "\0old")
            new = _value(field, raw)
            if field == "dwelling_id":  # ids mean nothing to people: say the address
                old = None if old is None else json.dumps(numbers.get(json.loads(old) or ""))
                new = numbers.get(value or "", "") or _("(empty)")
            if old is None:
                parts.append(_("{field}: {new}").format(field=label, new=new))
            else:
                parts.append(_("{field}: {old} → {new}").format(
                    field=label, old=_value(field, old), new=new))
    return parts


def household_history(session: Session, household_id: str,
                      limit: int = 500) -> list[HistoryEntry]:
    """Who changed what in this household and when, newest first."""
    household = session.get(Household, household_id)
    if household is None:
        return []
    moved_in = select(FieldStamp.row_id).where(
        FieldStamp.table_name == "resident", FieldStamp.field == "household_id",
        FieldStamp.value == json.dumps(household_id))
    people = {p.id: p for p in session.execute(
        select(Resident).where(or_(Resident.household_id == household_id,
                                   Resident.id.in_(moved_in)))).scalars()}
    tag_rows = session.execute(
        select(ResidentTag, Tag).join(Tag, Tag.id == ResidentTag.tag_id)
        .where(ResidentTag.resident_id.in_(people))).all()
    tags = {row.id: (row, tag) for row, tag in tag_rows}
    row_ids = {household_id, *people, *tags}
    stamps = session.execute(
        select(FieldStamp).where(FieldStamp.row_id.in_(row_ids))
        .order_by(FieldStamp.row_id, FieldStamp.field, FieldStamp.hlc)).scalars().all()

    # Group by (row, stamp): one entry per change; remember each field's previous value.
    groups: dict[tuple[str, str], dict[str, str | None]] = defaultdict(dict)
    operators: dict[tuple[str, str], str] = {}
    previous: dict[tuple[str, str], str | None] = {}
    for stamp in stamps:
        key = (stamp.row_id, stamp.hlc)
        fields = groups[key]
        fields[stamp.field] = stamp.value
        if stamp.old_value is not None:  # what the editor saw before changing it
            fields[stamp.field + "\0old"] = stamp.old_value
        elif (stamp.row_id, stamp.field) in previous:
            fields[stamp.field + "\0old"] = previous[(stamp.row_id, stamp.field)]
        previous[(stamp.row_id, stamp.field)] = stamp.value
        operators[key] = stamp.operator
    moved_to = {json.loads(f["household_id"]) for f in groups.values()
                if f.get("household_id")}
    numbers = _household_numbers(session, moved_to - {None})
    for fields in groups.values():
        for key in ("dwelling_id", "dwelling_id\0old"):
            dwelling_id = json.loads(fields[key]) if fields.get(key) else None
            if dwelling_id and dwelling_id not in numbers:
                numbers[dwelling_id] = "".join(dwelling_address(session, dwelling_id))

    household_label = _("Household")
    entries: list[HistoryEntry] = []

    def add(hlc: str, operator: str, subject: str, text: str) -> None:
        entries.append(HistoryEntry(stamp_time(hlc), operator, subject,
                                    f"{subject}: {text}" if subject else text, hlc))

    add(household.created_hlc, household.created_by, household_label, _("household created"))
    for person in people.values():
        add(person.created_hlc, person.created_by, person.name, _("added to the roster"))
    for row, tag in tags.values():
        name = people[row.resident_id].name
        tag_name = _(codes.BUILTIN_TAGS[tag.code]) if tag.code in codes.BUILTIN_TAGS else tag.name
        add(row.created_hlc, row.created_by, name, _("tag added: {tag}").format(tag=tag_name))
    for (row_id, hlc), fields in groups.items():
        if row_id in tags:
            row, tag = tags[row_id]
            if "deleted" not in fields:
                continue
            tag_name = (_(codes.BUILTIN_TAGS[tag.code]) if tag.code in codes.BUILTIN_TAGS
                        else tag.name)
            removed = json.loads(fields["deleted"])
            text = (_("tag removed: {tag}") if removed else _("tag added: {tag}")).format(
                tag=tag_name)
            add(hlc, operators[(row_id, hlc)], people[row.resident_id].name, text)
            continue
        subject = household_label if row_id == household_id else people[row_id].name
        parts = _describe(fields, household_id, numbers)
        if parts:
            add(hlc, operators[(row_id, hlc)], subject, _("; ").join(parts))
    entries.sort(key=lambda e: e.hlc, reverse=True)
    return entries[:limit]
