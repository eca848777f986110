"""``linli setup``: set up a data folder without the window, with the window's own service.

    linli setup --community NAME [--issuer NAME] [--device NAME] --operator NAME [--data-dir D]
    linli setup --from-bundle F.linli [--device NAME] --operator NAME [--data-dir D]

The bundle's passphrase comes from LINLI_BUNDLE_PASSPHRASE, else it is asked for; it is never
taken on the command line, where others could see it. So does the operator's new password
(LINLI_PASSWORD, else typed twice): the folder's database is created encrypted with it, and
the recovery code is printed as soon as the key slots exist. The signer is trusted: the laptop's user
got the file from the office (compare the fingerprint printed here with the office's screen).
"""

from __future__ import annotations

import argparse
import getpass
import os
import platform
import sys
from pathlib import Path

from desktop.core.errors import DataDirError, LinliError
from desktop.core.i18n import _

PASSPHRASE_VARIABLE = "LINLI_BUNDLE_PASSPHRASE"  # the same as ``linli bundle import``

# Which command-line flag each answer comes from, to name it in a message.
FLAGS = {"community_name": "--community", "issuing_body": "--issuer",
         "device_name": "--device", "operator": "--operator"}


def add_setup_parser(sub) -> None:
    setup = sub.add_parser("setup", help=_("set up a data folder without opening the window"))
    setup.add_argument("--community", default="", metavar="NAME",
                       help=_("the community this office serves, e.g. 翠苑一区社区"))
    setup.add_argument("--issuer", default="", metavar="NAME",
                       help=_("the issuing body printed at the foot of notices (default: the "
                              "community)"))
    setup.add_argument("--device", default=None, metavar="NAME",
                       help=_("this computer's name (default: its network name)"))
    setup.add_argument("--operator", default="", metavar="NAME",
                       help=_("your name; it is recorded with every change you make"))
    setup.add_argument("--from-bundle", type=Path, metavar="FILE.linli",
                       help=_("set up a volunteer's laptop from the office's bundle (the "
                              "community comes from it)"))
    setup.add_argument("--data-dir", dest="setup_data_dir", metavar="DIR",
                       help=_("the data folder (default: your user data folder; or "
                              "LINLI_DATA_DIR)"))


def _answers(args: argparse.Namespace):
    from desktop.roster.community import SetupAnswers

    device = platform.node() if args.device is None else args.device
    return SetupAnswers(args.community, args.issuer, device, args.operator)


def _problems_message(problems: dict[str, str]) -> str:
    return "\n".join(f"{FLAGS[field]}: {message}" for field, message in problems.items())


def _passphrase() -> str:
    value = os.environ.get(PASSPHRASE_VARIABLE)
    if not value:
        try:
            value = getpass.getpass(_("Passphrase: "))
        except (EOFError, KeyboardInterrupt):
            value = ""
    if not value:
        raise LinliError(_("No passphrase: type the one the office told you, or set "
                           "LINLI_BUNDLE_PASSPHRASE."))
    return value


def run_setup(args: argparse.Namespace) -> int:
    from desktop.core.paths import DataDir, choose_data_dir
    from desktop.core.settings import Settings
    from desktop.roster.community import validate_setup
    from desktop.security.opening import protect_folder
    from desktop.setup.service import (
        SetupProblems,
        device_problems,
        set_up_community,
        set_up_from_bundle,
    )
    from desktop.storage.marks import DatabaseKind, database_kind

    if getattr(args, "demo", False):
        raise LinliError(_("linli setup sets up real data; it does not go with --demo."))
    answers = _answers(args)
    bundle: Path | None = args.from_bundle
    # Every value is checked before anything is created on disk.
    if bundle is not None:
        if args.community or args.issuer:
            raise LinliError(_("--community and --issuer do not go with --from-bundle: the "
                               "community comes from the office's bundle."))
        problems = device_problems(answers)
    else:
        problems = validate_setup(answers)
    if problems:
        raise LinliError(_problems_message(problems))
    if bundle is not None and not bundle.is_file():
        raise LinliError(_("There is no file {file}.").format(file=bundle))

    data_dir = DataDir(choose_data_dir(args.setup_data_dir or args.data_dir, demo=False))
    kind = database_kind(data_dir.database)
    if kind is DatabaseKind.DEMO:
        raise DataDirError(_("{folder} holds the demo community; real data never goes into "
                             "it. Choose another folder with --data-dir.").format(
                                 folder=data_dir.root))
    from desktop.security.cli import first_password, recovery_note
    from desktop.security.opening import (
        FolderState,
        folder_state,
        open_signed_in,
        password_from_environment,
    )

    protected = folder_state(data_dir) is FolderState.PROTECTED
    if kind is DatabaseKind.REAL:
        raise DataDirError(_("{folder} is already set up. Its database is not encrypted yet: "
                             "run linli protect --operator NAME to protect it.").format(
                                 folder=data_dir.root))
    # The password before anything is written: a new folder is created encrypted with it.
    password = (password_from_environment() or _ask_password(answers.operator)) if protected \
        else first_password()
    settings = Settings.load(data_dir.prepare().settings_file)
    if protected:  # protected earlier (the window's first step), not yet set up
        db = open_signed_in(data_dir, answers.operator.strip(), password,
                            device_name=answers.device_name.strip())
    else:
        db, recovery_code = protect_folder(data_dir, answers.operator, password,
                                           device_name=answers.device_name.strip())
        # Said at once: should the setup below fail (a wrong passphrase), the folder stays
        # protected, and the next ``linli setup`` signs in with the same password.
        print(recovery_note(recovery_code))
    try:
        if bundle is None:
            done = set_up_community(db, settings, answers)
        else:
            from desktop.setup.service import check_bundle_answers
            from desktop.sync.transfer import inspect_bundle

            check_bundle_answers(db, answers)  # already set up: say so before the passphrase
            header = inspect_bundle(bundle)
            print(_("The bundle was made by {sender}, fingerprint {fingerprint}; it is trusted "
                    "as the office's.").format(sender=header.sender_name,
                                               fingerprint=header.signer_fingerprint))
            done = set_up_from_bundle(db, settings, answers, bundle, _passphrase())
    except SetupProblems as exc:
        raise LinliError(_problems_message(exc.problems)) from exc
    finally:
        db.close()
    if done.settings_problem is not None:
        print(done.settings_problem.message, file=sys.stderr)
    print(_("{folder} is set up for {community}. Start linli to open it.").format(
        folder=data_dir.root, community=done.community.name))
    return 0


def _ask_password(operator: str) -> str:
    from desktop.security.cli import terminal_ask

    return terminal_ask(_("Password for {name}: ").format(name=operator.strip()), True)
