"""The ``linli`` command: starts the app, or runs a headless subcommand with the same code.

    linli [--demo] [--data-dir D] [--lang zh_Hans|zh_Hant|en] [--screenshot F.png [--page P]]
    linli [--data-dir D] [--lang L] FILE.linli   (opens the window on that bundle's import)
    linli demo --residents N --out DB [--seed S]
    linli setup --community C [--issuer I] [--device D] --operator O | --from-bundle F.linli
    linli roster export --out FILE.xlsx|FILE.csv [--columns ...] [--mask] ...
    linli roster import FILE [--policy add|update|skip] [--dry-run] [--report R.json] ...
    linli bundle export|inspect|import ...
    linli form import FILE.xlsx [--report R.json] | export NAME --out F.xlsx | list
    linli campaign list | export-visits NAME --out F.xlsx | report NAME --out F.pdf | walk-list …
    linli meeting list | minutes ID --out F.pdf [--posted];  linli actions export --out F.xlsx
    linli protect --operator NAME;  linli unlock --recovery;  linli operator …;  linli audit …

Qt is imported only when the window is actually started, so headless commands run without it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop import __version__
from desktop.core.errors import LinliError
from desktop.core.i18n import LANGUAGES, N_, _, detect_language, set_language
from desktop.pages import PAGES


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="linli", description=_("Linli Desk: the community office's offline desk.")
    )
    parser.add_argument("--version", action="version", version=f"linli {__version__}")
    parser.add_argument(
        "--data-dir", help=_("the data folder (default: your user data folder; or LINLI_DATA_DIR)")
    )
    parser.add_argument(
        "--demo", action="store_true", help=_("open a demo community in its own data folder")
    )
    parser.add_argument("--lang", choices=sorted(LANGUAGES), help=_("the language of the window"))
    parser.add_argument(
        "--screenshot", type=Path, metavar="FILE.png",
        help=_("render the main window to a PNG file and exit"),
    )
    parser.add_argument("--page", choices=PAGES, help=_("the page to show with --screenshot"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = sub.add_parser("demo", help=_("create a demo database without opening the window"))
    demo.add_argument("--residents", type=int, default=8000, help=_("how many residents"))
    demo.add_argument("--out", type=Path, required=True, help=_("the database file to create"))
    demo.add_argument("--seed", type=int, default=2026, help=_("the random seed"))
    from desktop.setup.cli import add_setup_parser

    add_setup_parser(sub)
    _add_roster_parser(sub)
    _add_notice_parser(sub)
    _add_bundle_parser(sub)
    from desktop.visits.forms.cli import add_form_parser

    add_form_parser(sub)
    from desktop.visits.results.cli import add_campaign_parser

    add_campaign_parser(sub)
    from desktop.meetings.cli import add_meeting_parsers

    add_meeting_parsers(sub)
    from desktop.roster.owners.cli import add_owners_parser

    add_owners_parser(sub)
    from desktop.votes.cli import add_vote_parser

    add_vote_parser(sub)
    from desktop.security.cli import add_security_parsers

    add_security_parsers(sub)
    return parser


def _add_roster_parser(sub) -> None:
    """``linli roster <command>``: one sub-subcommand per roster job (export, import…)."""
    from desktop.roster.exporting.cli import add_export_parser
    from desktop.roster.importing.cli import add_import_parser
    from desktop.roster.printing.cli import add_print_parser

    roster = sub.add_parser("roster", help=_("work on the roster without opening the window"))
    roster_sub = roster.add_subparsers(dest="roster_command", metavar="COMMAND", required=True)
    add_export_parser(roster_sub)
    add_import_parser(roster_sub)
    add_print_parser(roster_sub)


def _add_notice_parser(sub) -> None:
    """``linli notice render SPEC.json --out FILE.pdf``."""
    from desktop.notices.cli import add_notice_parser

    add_notice_parser(sub)


def _add_bundle_parser(sub) -> None:
    """``linli bundle export|inspect|import``."""
    from desktop.sync.cli import add_bundle_parser

    add_bundle_parser(sub)


def _run_roster(args: argparse.Namespace) -> int:
    if args.roster_command == "export":
        from desktop.roster.exporting.cli import run_export

        return run_export(args)
    if args.roster_command == "import":
        from desktop.roster.importing.cli import run_import

        return run_import(args)
    if args.roster_command == "print":
        from desktop.roster.printing.cli import run_print

        return run_print(args)
    raise AssertionError(f"unknown roster command {args.roster_command}")


def _run_demo(args: argparse.Namespace) -> int:
    from desktop.core.paths import DataDir
    from desktop.core.tasks import TaskContext
    from desktop.setup.demo import fill_demo
    from desktop.storage.engine import writing
    from desktop.storage.lifecycle import open_database
    from desktop.storage.marks import mark_as_demo

    out: Path = args.out
    if out.exists():
        raise LinliError(_("{path} already exists; choose a new file.").format(path=out))
    if args.residents < 1:
        raise LinliError(_("--residents must be at least 1."))
    data_dir = DataDir(out.parent.resolve(), db_name=out.name).prepare()
    db = open_database(data_dir, device_name="demo")
    try:
        with writing(db.engine) as conn:
            mark_as_demo(conn)  # wherever the file goes, it says it is a demo
        summary = fill_demo(db, args.residents, TaskContext(), seed=args.seed)
    finally:
        db.close()
    print(
        _("Created {path}: {residents} residents in {households} households.").format(
            path=out, residents=summary.residents, households=summary.households
        )
    )
    return 0


# argparse's own words, so that a whole help page is in the user's language: argparse looks
# them up through its module's ``_`` when it formats help; listed here for the catalog.
ARGPARSE_WORDS = (N_("usage: "), N_("options"), N_("positional arguments"),
                  N_("show this help message and exit"),
                  N_("show program's version number and exit"))


def _translate_argparse() -> None:
    argparse._ = lambda message: _(message) if message in ARGPARSE_WORDS else message


def _early_language(argv: list[str]) -> str:
    """``--lang`` read before the parser is built: its help texts are translated when built."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang")
    known, _rest = early.parse_known_args(argv)
    return known.lang if known.lang in LANGUAGES else detect_language()


# The top-level options that take a value: the word after one of them is never a bundle.
VALUE_OPTIONS = ("--data-dir", "--lang", "--screenshot", "--page")
BUNDLE_SUFFIX = ".linli"


def split_bundle(argv: list[str], commands) -> tuple[list[str], Path | None]:
    """A bundle file to open, as Windows and the .desktop association pass it: the only
    argument (whatever its name), or a ``.linli`` file after the window's options. Taken out
    before argparse, which would read it as an unknown command. Subcommands are untouched."""
    if not argv or argv[-1].startswith("-") or argv[-1] in commands:
        return argv, None
    if len(argv) == 1 or (argv[-1].lower().endswith(BUNDLE_SUFFIX)
                          and argv[-2] not in VALUE_OPTIONS
                          and not any(word in commands for word in argv[:-1])):
        return argv[:-1], Path(argv[-1])
    return argv, None


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    return {name for action in parser._subparsers._group_actions
            for name in getattr(action, "choices", None) or ()}


def _makes_volunteer_copy(args: argparse.Namespace) -> bool:
    """``bundle export`` of chosen places or a visitor's doors (not a withdrawal)."""
    return (args.bundle_command == "export" and not args.withdraw
            and bool(args.grid or args.compound or args.building or args.campaign))


def _sign_in_for_commands() -> None:
    """Every headless command opens its folder signed in (a protected folder asks for the
    operator's password, or reads LINLI_PASSWORD)."""
    from desktop.security.cli import terminal_ask
    from desktop.security.opening import open_for_command
    from desktop.storage.lifecycle import use_command_opener

    use_command_opener(lambda data_dir_arg: open_for_command(data_dir_arg, terminal_ask))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    set_language(_early_language(argv))
    _translate_argparse()
    parser = build_parser()
    argv, bundle = split_bundle(argv, _commands(parser))
    args = parser.parse_args(argv)
    if args.lang:
        set_language(args.lang)
    _sign_in_for_commands()
    try:
        if args.command == "demo":
            return _run_demo(args)
        if args.command == "setup":
            from desktop.setup.cli import run_setup

            return run_setup(args)
        if args.command == "roster":
            return _run_roster(args)
        if args.command == "notice":
            from desktop.notices.cli import run_notice

            return run_notice(args)
        if args.command == "bundle":
            from desktop.sync.cli import run_bundle

            if _makes_volunteer_copy(args):
                from desktop.security.cli import confirm_recovery_before_copy

                confirm_recovery_before_copy(args.bundle_data_dir or args.data_dir)

            return run_bundle(args)
        if args.command == "form":
            from desktop.visits.forms.cli import run_form

            return run_form(args)
        if args.command == "campaign":
            from desktop.visits.results.cli import run_campaign

            return run_campaign(args)
        if args.command in ("meeting", "actions"):
            from desktop.meetings.cli import run_actions, run_meeting

            return (run_meeting if args.command == "meeting" else run_actions)(args)
        if args.command == "owners":
            from desktop.roster.owners.cli import run_owners

            return run_owners(args)
        if args.command == "vote":
            from desktop.votes.cli import run_vote

            return run_vote(args)
        if args.command in ("protect", "unlock", "operator", "audit"):
            from desktop.security import cli as security

            return {"protect": security.run_protect, "unlock": security.run_unlock,
                    "operator": security.run_operator,
                    "audit": security.run_audit}[args.command](args)
    except LinliError as exc:
        print(_("Error: {message}").format(message=exc.message), file=sys.stderr)
        return 2
    if args.page and not args.screenshot:
        parser.error(_("--page goes with --screenshot"))
    from desktop.app import GuiOptions, run_gui

    return run_gui(
        GuiOptions(args.data_dir, args.demo, args.lang, args.screenshot, args.page, bundle)
    )


if __name__ == "__main__":
    sys.exit(main())
