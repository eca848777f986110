"""The operators of this copy: who can sign in (a key slot in keys.json) and with which role
(an ``Operator`` row inside the encrypted database).

Both are changed together. The database row is written first, in the caller's unit of work,
and the key slots file last, just before the unit of work commits: if writing the slots fails,
the unit of work rolls back and both stay as they were. If the commit itself failed after the
slots were written, what is left is a slot without a row (refused at sign-in: the role comes
from the database, which a volunteer cannot edit without the key) or a row without a slot
(nobody can sign in with it); adding the operator again repairs either.

The first operator of a copy is office staff and needs no permission (there is nobody to ask);
after that, adding and removing operators or changing another's password needs
``MANAGE_OPERATORS``. The last office operator cannot be removed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from desktop.core.access import Actor, Permission, Role, require
from desktop.core.errors import LinliError, ValidationError
from desktop.core.i18n import _
from desktop.core.paths import DataDir
from desktop.security import keyslots
from desktop.security.tables import Operator
from desktop.security.throttle import SignInThrottle


@dataclass(frozen=True)
class OperatorRow:
    name: str
    role: Role
    created_at: dt.datetime
    added_by: str

    @property
    def role_label(self) -> str:
        return Actor(self.name, self.role).role_label


class NotAnOperator(LinliError):
    """A password unwrapped the key, but the database has no such operator (a slot left by a
    failed change, or one added to keys.json by hand): refused."""

    def __init__(self, name: str) -> None:
        super().__init__(_(
            "{name} has a password here but is not one of this copy's operators. Ask office "
            "staff to add them again.").format(name=name))
        self.name = name


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _audit(uow, actor: Actor, action: str, subject: str, **detail) -> None:
    # Imported here: the audit log is a sibling module, loaded once something is recorded.
    from desktop.security.audit import Action, append

    append(uow, actor, Action(action), subject, **detail)


def _row(operator: Operator) -> OperatorRow:
    return OperatorRow(operator.name, Role(operator.role), operator.created_at,
                       operator.added_by)


def _no_such_operator(name: str) -> ValidationError:
    return ValidationError(_("There is no operator named {name}.").format(name=name),
                           field="name")


# -- reading ------------------------------------------------------------------------------

def list_operators(session) -> list[OperatorRow]:
    """Every operator with their role: office staff first, then by name."""
    rows = [_row(o) for o in session.scalars(select(Operator).order_by(Operator.name))]
    return sorted(rows, key=lambda row: row.role is not Role.OFFICE)


def operator_role(session, name: str) -> Role:
    """``name``'s role as the database says (``NotAnOperator`` when it has no row)."""
    row = session.get(Operator, keyslots.check_name(name))
    if row is None:
        raise NotAnOperator(name)
    return Role(row.role)


def signed_in_actor(session, name: str) -> Actor:
    """The ``Actor`` for an operator whose password was just accepted."""
    name = keyslots.check_name(name)
    return Actor(name, operator_role(session, name), signed_in=True)


# -- signing in ---------------------------------------------------------------------------

def sign_in(data_dir: DataDir, operator: str, password: str, *,
            throttle: SignInThrottle | None = None) -> bytes:
    """The data key for ``operator``'s password, throttled: ``TooManyAttempts`` (the password
    is not tried), ``WrongPassword`` (counted), ``KeysDamaged`` (not counted: no guess)."""
    throttle = throttle or SignInThrottle(data_dir.signin_file)
    throttle.check()
    slots = keyslots.load_slots(data_dir.keys_file)
    try:
        data_key = keyslots.unwrap(slots, operator, password)
    except keyslots.WrongPassword:
        throttle.failed()
        raise
    throttle.succeeded()
    return data_key


def reset_with_recovery(data_dir: DataDir, operator: str, code: str, password: str) -> bytes:
    """Give ``operator`` a new password with the recovery code; returns the data key. The
    caller records ``recovery_used`` once the database is open."""
    name, password = keyslots.check_name(operator), keyslots.check_password(password)
    slots = keyslots.load_slots(data_dir.keys_file)
    data_key = keyslots.unwrap_recovery(slots, code)
    keyslots.set_password(data_dir.keys_file, data_key, name, password)
    return data_key


# -- changing -----------------------------------------------------------------------------

def add_operator(uow, keys_path: Path, data_key: bytes, actor: Actor, name: str,
                 role: Role | str, password: str) -> OperatorRow:
    """A new operator: their row (role) and their key slot (password)."""
    session = uow.session
    first = not session.scalar(select(func.count()).select_from(Operator))
    if not first:
        require(actor, Permission.MANAGE_OPERATORS)
    name, password, role = keyslots.check_name(name), keyslots.check_password(password), Role(role)
    if first and role is not Role.OFFICE:
        raise ValidationError(_(
            "The first operator must be office staff: they add the others."), field="role")
    if session.get(Operator, name) is not None:
        raise ValidationError(_("There is already an operator named {name}.").format(
            name=name), field="name")
    operator = Operator(name=name, role=role.value, created_at=_now(),
                        added_by=actor.name or name)
    session.add(operator)
    session.flush()
    _audit(uow, actor, "operator_added", name, role=role.value)
    if name in keyslots.load_slots(keys_path).slots:
        # A slot without a row (an earlier add whose commit failed): the new password wins.
        keyslots.set_password(keys_path, data_key, name, password)
    else:
        keyslots.add_slot(keys_path, data_key, name, password)
    return _row(operator)


def remove_operator(uow, keys_path: Path, actor: Actor, name: str) -> None:
    """Remove an operator's row and key slot (never the last office operator)."""
    require(actor, Permission.MANAGE_OPERATORS)
    session = uow.session
    name = keyslots.check_name(name)
    operator = session.get(Operator, name)
    if operator is None:
        raise _no_such_operator(name)
    if operator.role == Role.OFFICE.value:
        offices = session.scalar(select(func.count()).select_from(Operator)
                                 .where(Operator.role == Role.OFFICE.value))
        if offices <= 1:
            raise ValidationError(_(
                "{name} is the last office operator and cannot be removed: nobody could "
                "manage operators then. Add another office operator first."
            ).format(name=name), field="name")
    session.delete(operator)
    session.flush()
    _audit(uow, actor, "operator_removed", name, role=operator.role)
    if name in keyslots.load_slots(keys_path).slots:  # a row without a slot: nothing to do
        keyslots.remove_slot(keys_path, name)


def change_password(uow, keys_path: Path, data_key: bytes, actor: Actor, name: str,
                    password: str) -> None:
    """Rewrap ``name``'s slot under a new password: their own, or anyone's for office staff."""
    name = keyslots.check_name(name)
    if name != actor.name:
        require(actor, Permission.MANAGE_OPERATORS)
    password = keyslots.check_password(password)
    if uow.session.get(Operator, name) is None:
        raise _no_such_operator(name)
    _audit(uow, actor, "password_changed", name)
    keyslots.set_password(keys_path, data_key, name, password)
