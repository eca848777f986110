"""Opening a data folder as a signed-in operator: the one path the window, the headless
commands and the idle lock's unlock take.

A folder is in one of three states (``folder_state``):

- ``NEW``: no database yet. It is created encrypted, after the first operator chose a password
  (``protect_folder``).
- ``PLAIN``: a database from before encryption (or the demo). ``protect_folder`` converts it
  in place; the demo stays plain and passwordless (the caller decides).
- ``PROTECTED``: a key-slots file beside the database. ``open_signed_in`` derives the data key
  from the operator's password once, then opens the database with the raw key.

The key slots are written before the database is converted: a start interrupted in between
finds slots beside a plain file, signs in, and converts it then (``open_database`` with a key
converts a plain file), so nothing is ever left that no password opens.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from enum import Enum

from desktop.core.access import Actor, Role
from desktop.core.i18n import _
from desktop.core.paths import DataDir
from desktop.storage.database import Database
from desktop.storage.engine import make_engine
from desktop.storage.lifecycle import open_database

log = logging.getLogger(__name__)

# Scripts give the password in the environment, never as an argument (others see arguments).
PASSWORD_VARIABLE = "LINLI_PASSWORD"
OPERATOR_VARIABLE = "LINLI_OPERATOR"


class FolderState(Enum):
    NEW = "new"
    PLAIN = "plain"
    PROTECTED = "protected"


def folder_state(data_dir: DataDir) -> FolderState:
    if data_dir.keys_file.exists():
        return FolderState.PROTECTED
    database = data_dir.database
    if database.exists() and database.stat().st_size > 0:
        return FolderState.PLAIN
    return FolderState.NEW


def slot_operators(data_dir: DataDir) -> list[str]:
    """The operators who can sign in here (from the key slots), sorted."""
    from desktop.security.keyslots import load_slots, operators

    return sorted(operators(load_slots(data_dir.keys_file)))


def protect_folder(data_dir: DataDir, operator: str, password: str,
                   **open_options) -> tuple[Database, str]:
    """Create the key slots with ``operator`` as the first office operator, then open the
    database with the new key (converting a plain one, creating a new one encrypted).
    Returns the open database and the recovery code, to be shown once and printed."""
    from desktop.security.keyslots import check_name, check_password, create_slots

    name = check_name(operator)
    check_password(password)
    data_key, recovery_code = create_slots(data_dir.keys_file, name, password)
    db = _open(data_dir, name, data_key, first=True, **open_options)
    _audit(db, "database_encrypted")
    return db, recovery_code


def open_signed_in(data_dir: DataDir, operator: str, password: str,
                   **open_options) -> Database:
    """Sign ``operator`` in with ``password`` (throttled after failures) and open the
    database with the data key; the sign-in is in the audit log."""
    from desktop.security.operators import sign_in

    data_key = sign_in(data_dir, operator, password)
    return open_with_key(data_dir, operator, data_key, **open_options)


def open_with_key(data_dir: DataDir, operator: str, data_key: bytes,
                  **open_options) -> Database:
    """Open with a data key already unwrapped (a recovery-code unlock, a new password)."""
    db = _open(data_dir, operator, data_key, first=False, **open_options)
    _audit(db, "sign_in")
    return db


def reopen(db: Database, data_key: bytes) -> None:
    """After the idle lock: the same ``Database`` on a new engine opened with the key."""
    db.unlock(make_engine(db.path, key=data_key), data_key)


def _open(data_dir: DataDir, operator: str, data_key: bytes, *, first: bool,
          **open_options) -> Database:
    from desktop.security.keyslots import check_name

    db = open_database(data_dir, key=data_key, **open_options)
    try:
        db.actor = _actor(db, data_dir, check_name(operator), first=first)
    except BaseException:
        db.close()
        raise
    return db


def _actor(db: Database, data_dir: DataDir, operator: str, *, first: bool) -> Actor:
    """The operator with their role as the database says: the slots file only holds wrapped
    keys, and a volunteer must not become office staff by editing a file beside the
    database."""
    from desktop.security.operators import signed_in_actor
    from desktop.security.tables import Operator

    with db.unit_of_work(operator) as uow:
        empty = uow.session.query(Operator).first() is None
        if empty and (first or len(slot_operators(data_dir)) == 1):
            # The first operator, or a protection interrupted before its row was written: the
            # only slot is the office's first operator.
            uow.session.add(Operator(name=operator, role=Role.OFFICE.value,
                                     created_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                                     added_by=operator))
            return Actor(operator, Role.OFFICE, signed_in=True)
        return signed_in_actor(uow.session, operator)


def _audit(db: Database, action: str) -> None:
    from desktop.security.audit import Action, record

    record(db, Action(action))


def password_from_environment() -> str | None:
    return os.environ.get(PASSWORD_VARIABLE) or None


def operator_from_environment() -> str | None:
    return (os.environ.get(OPERATOR_VARIABLE) or "").strip() or None


def open_for_command(data_dir_arg: str | None, ask) -> Database:
    """The database of the folder a headless command names, signed in when it is protected.

    ``ask(question, secret)`` asks on the terminal (the command line's; tests give answers):
    the operator when several can sign in and LINLI_OPERATOR does not say, and the password
    unless LINLI_PASSWORD gives it."""
    from desktop.core.paths import choose_data_dir
    from desktop.storage.folders import check_for_command

    data_dir = DataDir(choose_data_dir(data_dir_arg, demo=False))
    check_for_command(data_dir)
    if folder_state(data_dir) is not FolderState.PROTECTED:
        # Not protected yet (the demo; a folder from before encryption, which the window's
        # next start or ``linli protect`` converts): it opens as it is.
        return open_database(data_dir)
    return open_asking(data_dir, ask)


def open_asking(data_dir: DataDir, ask, **open_options) -> Database:
    """A protected folder opened by the operator LINLI_OPERATOR names (or the only one) with
    LINLI_PASSWORD; what they do not say, ``ask(question, secret)`` asks (or refuses)."""
    operator = choose_operator(data_dir, ask)
    password = password_from_environment() or ask(
        _("Password for {name}: ").format(name=operator), True)
    return open_signed_in(data_dir, operator, password, **open_options)


def choose_operator(data_dir: DataDir, ask) -> str:
    names = slot_operators(data_dir)
    chosen = operator_from_environment()
    if chosen is None and len(names) == 1:
        chosen = names[0]
    if chosen is None:
        chosen = ask(_("Operator ({names}): ").format(names=", ".join(names)), False).strip()
    return chosen

