"""The headless commands of protection: a data folder protected, a password reset with the
recovery code, operators added and removed, the audit log read and checked.

    linli protect --operator NAME [--data-dir D]
    linli unlock --recovery [--operator NAME] [--data-dir D]
    linli operator list | add NAME [--role office|volunteer] | remove NAME | password [NAME]
    linli audit list [--operator NAME] [--action A] [--since DATE] [--limit N] | verify

Passwords come from LINLI_PASSWORD (the signed-in operator's) and LINLI_NEW_PASSWORD (a new
one), the recovery code from LINLI_RECOVERY_CODE, else they are asked for on the terminal and
never shown: never from an argument, which other users of the computer can see.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from desktop.core.errors import LinliError
from desktop.core.i18n import _

NEW_PASSWORD_VARIABLE = "LINLI_NEW_PASSWORD"
RECOVERY_VARIABLE = "LINLI_RECOVERY_CODE"
DATA_DIR = "security_data_dir"


def terminal_ask(question: str, secret: bool) -> str:
    """An answer typed on the terminal (hidden when ``secret``); none is a clear error."""
    try:
        answer = getpass.getpass(question) if secret else input(question)
    except (EOFError, KeyboardInterrupt):
        answer = ""
    if not answer:
        raise LinliError(_("No answer was typed. For scripts, set LINLI_PASSWORD (and "
                           "LINLI_OPERATOR when several operators can sign in)."))
    return answer


def new_password(ask=terminal_ask) -> str:
    """A new password: LINLI_NEW_PASSWORD, else typed twice."""
    from desktop.security.keyslots import check_password

    value = os.environ.get(NEW_PASSWORD_VARIABLE)
    if value:
        check_password(value)
        return value
    first = ask(_("New password (at least 8 characters): "), True)
    check_password(first)
    if ask(_("The new password again: "), True) != first:
        raise LinliError(_("The two passwords differ. Nothing was changed."))
    return first


def first_password(ask=terminal_ask) -> str:
    """The first operator's password when a folder is protected: LINLI_PASSWORD (scripts and
    tests), else typed twice."""
    from desktop.security.keyslots import check_password
    from desktop.security.opening import password_from_environment

    value = password_from_environment()
    if value:
        check_password(value)
        return value
    return new_password(ask)


def recovery_note(code: str) -> str:
    return _("Recovery code: {code}\nWrite it down or print it, and keep it in the office, "
             "away from this computer. With it a forgotten password can be replaced (linli "
             "unlock --recovery); without the password and the code the data cannot be "
             "read by anyone.").format(code=code)


def add_security_parsers(sub) -> None:
    from desktop.storage.headless import data_dir_option

    protect = sub.add_parser("protect", help=_("encrypt a data folder's database and create "
                                               "its first operator"))
    protect.add_argument("--operator", required=True, metavar="NAME",
                         help=_("the first operator (office staff)"))
    data_dir_option(protect, DATA_DIR)
    unlock = sub.add_parser("unlock", help=_("set a new password with the recovery code"))
    unlock.add_argument("--recovery", action="store_true", required=True,
                        help=_("use the recovery code printed when the folder was protected"))
    unlock.add_argument("--operator", metavar="NAME",
                        help=_("whose password to replace (default: the only operator)"))
    data_dir_option(unlock, DATA_DIR)

    operator = sub.add_parser("operator", help=_("the operators who can sign in here"))
    data_dir_option(operator, DATA_DIR)
    actions = operator.add_subparsers(dest="operator_command", metavar="ACTION", required=True)
    listed = actions.add_parser("list", help=_("list the operators and their roles"))
    data_dir_option(listed, DATA_DIR)
    add = actions.add_parser("add", help=_("add an operator (asks for their password)"))
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", choices=("office", "volunteer"), default="volunteer",
                     help=_("office staff or volunteer (default: volunteer)"))
    data_dir_option(add, DATA_DIR)
    remove = actions.add_parser("remove", help=_("remove an operator"))
    remove.add_argument("name", metavar="NAME")
    data_dir_option(remove, DATA_DIR)
    password = actions.add_parser("password", help=_("change a password"))
    password.add_argument("name", nargs="?", metavar="NAME",
                          help=_("whose (default: the operator signed in)"))
    data_dir_option(password, DATA_DIR)

    audit = sub.add_parser("audit", help=_("read and check the audit log"))
    data_dir_option(audit, DATA_DIR)
    audit_actions = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    entries = audit_actions.add_parser("list", help=_("list entries, newest first"))
    entries.add_argument("--operator", metavar="NAME")
    entries.add_argument("--action", metavar="ACTION")
    entries.add_argument("--since", metavar="YYYY-MM-DD")
    entries.add_argument("--limit", type=int, default=200)
    data_dir_option(entries, DATA_DIR)
    verify = audit_actions.add_parser("verify", help=_("check every device's hash chain"))
    data_dir_option(verify, DATA_DIR)


def _data_dir(args: argparse.Namespace):
    from desktop.core.paths import DataDir, choose_data_dir

    return DataDir(choose_data_dir(getattr(args, DATA_DIR, None) or args.data_dir, demo=False))


def run_protect(args: argparse.Namespace, ask=terminal_ask) -> int:
    from desktop.security.opening import FolderState, folder_state, protect_folder
    from desktop.storage.folders import check_for_command

    data_dir = _data_dir(args)
    check_for_command(data_dir)  # a set-up folder; the demo is never protected
    from desktop.storage.marks import DatabaseKind, database_kind

    if database_kind(data_dir.database) is DatabaseKind.DEMO:
        raise LinliError(_("{folder} holds the demo community, which is not encrypted. "
                           "Real data goes in a folder of its own.").format(
                               folder=data_dir.root))
    if folder_state(data_dir) is FolderState.PROTECTED:
        raise LinliError(_("{folder} is already protected. To replace a forgotten password, "
                           "run: linli unlock --recovery").format(folder=data_dir.root))
    password = first_password(ask)
    db, code = protect_folder(data_dir, args.operator, password)
    db.close()
    print(_("The database in {folder} is now encrypted; {name} signs in with the password "
            "just set.").format(folder=data_dir.root, name=args.operator.strip()))
    print(recovery_note(code))
    return 0


def run_unlock(args: argparse.Namespace, ask=terminal_ask) -> int:
    from desktop.security.opening import choose_operator, open_with_key
    from desktop.security.operators import reset_with_recovery

    data_dir = _data_dir(args)
    operator = args.operator or choose_operator(data_dir, ask)
    code = os.environ.get(RECOVERY_VARIABLE) or ask(_("Recovery code: "), True)
    password = new_password(ask)
    data_key = reset_with_recovery(data_dir, operator, code, password)
    db = open_with_key(data_dir, operator, data_key)
    try:
        from desktop.security.audit import Action, record

        record(db, Action.RECOVERY_USED, operator)
    finally:
        db.close()
    print(_("{name} has a new password. Sign in with it.").format(name=operator))
    return 0


def run_operator(args: argparse.Namespace, ask=terminal_ask) -> int:
    from desktop.core.access import ROLE_LABELS, Role
    from desktop.security import operators
    from desktop.storage.lifecycle import open_existing

    db = open_existing(getattr(args, DATA_DIR, None) or args.data_dir)
    try:
        keys = _data_dir(args).keys_file
        command = args.operator_command
        if command == "list":
            with db.reading() as session:
                for row in operators.list_operators(session):
                    print(f"{row.name}\t{_(ROLE_LABELS[Role(row.role)])}")
            return 0
        if command == "add":
            from desktop.core.access import Permission, require

            require(db.actor, Permission.MANAGE_OPERATORS)  # before a password is typed
            password = new_password(ask)
            with db.unit_of_work(db.actor.name) as uow:
                operators.add_operator(uow, keys, db.key, db.actor, args.name,
                                       Role(args.role), password)
            print(_("{name} can now sign in here.").format(name=args.name))
            return 0
        if command == "remove":
            with db.unit_of_work(db.actor.name) as uow:
                operators.remove_operator(uow, keys, db.actor, args.name)
            print(_("{name} can no longer sign in here.").format(name=args.name))
            return 0
        name = args.name or db.actor.name
        password = new_password(ask)
        with db.unit_of_work(db.actor.name) as uow:
            operators.change_password(uow, keys, db.key, db.actor, name, password)
        print(_("The password of {name} was changed.").format(name=name))
        return 0
    finally:
        db.close()


def run_audit(args: argparse.Namespace) -> int:
    import datetime as dt

    from desktop.security import audit
    from desktop.storage.lifecycle import open_existing

    db = open_existing(getattr(args, DATA_DIR, None) or args.data_dir)
    try:
        with db.reading() as session:
            if args.audit_command == "verify":
                problems = audit.verify(session)
                for problem in problems:
                    print(problem, file=sys.stderr)
                if problems:
                    return 1
                print(_("The audit log is whole: every device's chain verifies."))
                return 0
            try:
                since = dt.date.fromisoformat(args.since) if args.since else None
            except ValueError:
                raise LinliError(_("--since: {value} is not a date like 2026-12-31.").format(
                    value=args.since)) from None
            for entry in audit.entries(session, operator=args.operator, action=args.action,
                                       since=since, limit=args.limit):
                print("\t".join(str(part) for part in audit.entry_line(entry)))
        return 0
    finally:
        db.close()


def confirm_recovery_before_copy(data_dir_arg: str | None, ask=terminal_ask) -> None:
    """Before a protected copy's first volunteer bundle: the recovery code typed back
    (LINLI_RECOVERY_CODE, else asked), checked and remembered; nothing asked afterwards."""
    from desktop.security.recovery_check import (
        confirm_recovery_code,
        needs_recovery_code,
    )
    from desktop.storage.lifecycle import open_existing

    db = open_existing(data_dir_arg)
    try:
        if not needs_recovery_code(db):
            return
        print(_("This is the first copy for a volunteer's laptop: type the recovery code "
                "from the printed recovery sheet first."), file=sys.stderr)
        code = os.environ.get(RECOVERY_VARIABLE) or ask(_("Recovery code: "), True)
        from desktop.core.paths import DataDir

        confirm_recovery_code(db, DataDir(db.path.parent).keys_file, code)
    finally:
        db.close()
