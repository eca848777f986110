"""The audit log: who exported, printed, opened or changed what, append-only and hash-chained.

Each entry is written in a unit of work (``append``; ``record`` opens one of its own) and
chained per device incarnation (``DeviceIdentity.node``): ``seq`` is that chain's previous
``seq`` + 1, ``prev_hash`` that entry's ``hash``, and ``hash`` the SHA-256 of the entry's
canonical JSON (sorted keys, ISO time, no floats) of every field except the hash and the sync
bookkeeping (``created_hlc``/``created_by``, which the stamper fills at flush). A chain per
incarnation, not per device: a copy restored from an older backup starts a new chain instead
of reusing sequence numbers the office already holds from the lost future.

``verify`` recomputes every chain: an entry edited with raw SQL no longer matches its hash, a
removed one leaves a gap, an inserted one does not link to its predecessor. Nothing in the app
deletes or edits audit rows (PIPL art. 55-56 ask for three years); sync carries them to the
office and never changes one it already holds (``desktop.security.declaration``).

``detail`` holds what the entry concerned, never personal data itself: a file's base name (a
folder may be named after a person), row counts, whether names were masked, a resident's id.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import PurePath

from sqlalchemy import func, select

from desktop.core import auditing
from desktop.core.access import UNSIGNED, Actor, actor_of
from desktop.core.i18n import N_, _
from desktop.security.tables import AuditEntry
from desktop.storage.ids import uuid7


class Action(StrEnum):
    SIGN_IN = "sign_in"
    SIGN_OUT = "sign_out"
    LOCK = "lock"
    UNLOCK = "unlock"
    RESIDENT_OPENED = "resident_opened"
    EXPORT = "export"
    PRINT = "print"
    BUNDLE_MADE = "bundle_made"
    BUNDLE_IMPORTED = "bundle_imported"
    OPERATOR_ADDED = "operator_added"
    OPERATOR_REMOVED = "operator_removed"
    PASSWORD_CHANGED = "password_changed"
    RECOVERY_USED = "recovery_used"
    BACKUP_RESTORED = "backup_restored"
    DATABASE_ENCRYPTED = "database_encrypted"


ACTION_LABELS = {
    Action.SIGN_IN: N_("Signed in"),
    Action.SIGN_OUT: N_("Signed out"),
    Action.LOCK: N_("Locked"),
    Action.UNLOCK: N_("Unlocked"),
    Action.RESIDENT_OPENED: N_("Opened a resident"),
    Action.EXPORT: N_("Exported a file"),
    Action.PRINT: N_("Printed or saved a printout"),
    Action.BUNDLE_MADE: N_("Made a bundle"),
    Action.BUNDLE_IMPORTED: N_("Imported a bundle"),
    Action.OPERATOR_ADDED: N_("Added an operator"),
    Action.OPERATOR_REMOVED: N_("Removed an operator"),
    Action.PASSWORD_CHANGED: N_("Changed a password"),
    Action.RECOVERY_USED: N_("Used the recovery code"),
    Action.BACKUP_RESTORED: N_("Restored a backup"),
    Action.DATABASE_ENCRYPTED: N_("Encrypted the database"),
}


def action_label(action: str) -> str:
    """The action in the reader's words (an action a newer version wrote: its code)."""
    try:
        return _(ACTION_LABELS[Action(action)])
    except ValueError:
        return action


# -- writing ------------------------------------------------------------------------------

def _plain(value):
    """A detail value as JSON can hold it exactly: a path as its base name; no floats (their
    text is not canonical across versions, and no detail needs one)."""
    if isinstance(value, PurePath):
        return value.name
    if isinstance(value, float):
        raise TypeError("audit details hold no floats")
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, bool)):
        return value
    return str(value)


def canonical(values: dict) -> bytes:
    return json.dumps(values, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def _hashed_fields(entry: AuditEntry) -> dict:
    return {"id": entry.id, "device_id": entry.device_id, "seq": entry.seq,
            "at": entry.at.isoformat(timespec="microseconds"), "operator": entry.operator,
            "role": entry.role, "action": entry.action, "subject": entry.subject,
            "detail": entry.detail, "prev_hash": entry.prev_hash,
            "deleted": bool(entry.deleted)}


def entry_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(canonical(_hashed_fields(entry))).hexdigest()


def _chain_of(uow) -> str:
    # The unit of work's database (it offers no public handle): its incarnation's node.
    return uow._db.identity.node


def _last(session, chain: str) -> tuple[int, str]:
    row = session.execute(
        select(AuditEntry.seq, AuditEntry.hash).where(AuditEntry.device_id == chain)
        .order_by(AuditEntry.seq.desc()).limit(1)).first()
    return (row.seq, row.hash) if row is not None else (0, "")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _utc(at: dt.datetime) -> dt.datetime:
    """Stored as naive UTC (the column has no zone)."""
    return at.astimezone(dt.UTC).replace(tzinfo=None) if at.tzinfo else at


def append(uow, actor: Actor | None, action: Action | str, subject: str = "",
           *, at: dt.datetime | None = None, **detail) -> AuditEntry:
    """One entry, written in ``uow`` (committed with it, or not at all). ``actor`` None:
    the unit of work's own (``actor_of``)."""
    actor = actor if actor is not None else actor_of(uow.session)
    session = uow.session
    chain = _chain_of(uow)
    # Entries appended earlier in this unit of work are flushed, so the last one is read.
    session.flush()
    seq, prev = _last(session, chain)
    entry = AuditEntry(
        id=uuid7(), device_id=chain, seq=seq + 1, at=_utc(at) if at else _now(),
        operator=actor.name or uow.operator or "",
        role=str(actor.role) if actor.signed_in else "", action=str(Action(action)),
        subject=str(_plain(subject) or ""),
        detail=canonical(_plain(detail)).decode("utf-8") if detail else "", prev_hash=prev,
        deleted=False)
    entry.hash = entry_hash(entry)
    session.add(entry)
    session.flush()
    return entry


def record(db, action: Action | str, subject: str = "", **detail) -> None:
    """One entry in a unit of work of its own, by the operator signed in (``db.actor``)."""
    actor = getattr(db, "actor", UNSIGNED)
    with db.unit_of_work(actor.name or db.identity.name) as uow:
        append(uow, actor, action, subject, **detail)


auditing.install(lambda uow, action, subject, detail: append(uow, None, action, subject,
                                                             **detail))


# -- reading ------------------------------------------------------------------------------

@dataclass(frozen=True)
class AuditRow:
    device_id: str
    seq: int
    at: dt.datetime  # UTC
    operator: str
    role: str
    action: str
    subject: str
    detail: dict = field(default_factory=dict)


def _row(entry: AuditEntry) -> AuditRow:
    try:
        detail = json.loads(entry.detail) if entry.detail else {}
    except ValueError:
        detail = {"?": entry.detail}
    return AuditRow(entry.device_id, entry.seq, entry.at, entry.operator, entry.role,
                    entry.action, entry.subject, detail if isinstance(detail, dict) else {})


def _day_start(value: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time())


def entries(session, *, operator: str | None = None, action: str | None = None,
            since: dt.date | dt.datetime | None = None,
            until: dt.date | dt.datetime | None = None, limit: int = 500) -> list[AuditRow]:
    """The newest entries first. ``since``/``until`` in UTC; a date ``until`` includes its
    whole day."""
    stmt = select(AuditEntry)
    if operator:
        stmt = stmt.where(AuditEntry.operator == operator)
    if action:
        stmt = stmt.where(AuditEntry.action == str(action))
    if since is not None:
        stmt = stmt.where(AuditEntry.at >= _day_start(since))
    if until is not None:
        end = (until if isinstance(until, dt.datetime)
               else _day_start(until) + dt.timedelta(days=1))
        stmt = stmt.where(AuditEntry.at < end)
    stmt = stmt.order_by(AuditEntry.at.desc(), AuditEntry.seq.desc()).limit(limit)
    return [_row(e) for e in session.execute(stmt).scalars()]


def entry_line(row: AuditRow) -> tuple[str, ...]:
    """One entry as ``linli audit list`` prints it (tab-separated, for scripts): the UTC time,
    operator, role, action code, subject, and the details as JSON."""
    return (row.at.isoformat(timespec="seconds") + "Z", row.operator, row.role, row.action,
            row.subject, canonical(row.detail).decode("utf-8") if row.detail else "")


def operators(session) -> list[str]:
    """Every operator name the log holds (for the filter)."""
    return list(session.execute(select(AuditEntry.operator).distinct()
                                .order_by(AuditEntry.operator)).scalars())


def count(session) -> int:
    return session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()


# -- verifying ----------------------------------------------------------------------------

ALTERED, MISSING, UNLINKED = "altered", "missing", "unlinked"


@dataclass(frozen=True)
class Problem:
    device_id: str
    seq: int
    kind: str  # ALTERED, MISSING or UNLINKED

    @property
    def message(self) -> str:
        if self.kind == ALTERED:
            text = _("Device {device}: entry {seq} was changed after it was written.")
        elif self.kind == MISSING:
            text = _("Device {device}: the entry before {seq} is missing.")
        else:
            text = _("Device {device}: entry {seq} does not follow the entry before it "
                     "(inserted or replaced).")
        return text.format(device=self.device_id, seq=self.seq)

    def __str__(self) -> str:
        return self.message


def verify(session) -> list[Problem]:
    """Every break in every device's chain, in device and sequence order; [] when all
    verify."""
    problems: list[Problem] = []
    chain, expected_seq, prev_hash = None, 1, ""
    stmt = select(AuditEntry).order_by(AuditEntry.device_id, AuditEntry.seq)
    for entry in session.execute(stmt).scalars():
        if entry.device_id != chain:
            chain, expected_seq, prev_hash = entry.device_id, 1, ""
        if entry_hash(entry) != entry.hash:
            problems.append(Problem(chain, entry.seq, ALTERED))
        if entry.seq != expected_seq:
            problems.append(Problem(chain, entry.seq, MISSING))
        elif entry.prev_hash != prev_hash:
            problems.append(Problem(chain, entry.seq, UNLINKED))
        expected_seq, prev_hash = entry.seq + 1, entry.hash
    return problems


def chains(session) -> list[str]:
    """Every device incarnation with entries in the log."""
    return list(session.execute(select(AuditEntry.device_id).distinct()
                                .order_by(AuditEntry.device_id)).scalars())
