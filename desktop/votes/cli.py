"""``linli vote``: owners' votes without opening the window, by the same code as the app.

    linli vote create NAME --item 1..9 --compound C [--building B] [--unit U] [--data-dir D]
    linli vote list | tally NAME --json | import-ballots NAME FILE.xlsx       [--data-dir D]
    linli vote ballots NAME --out F.pdf | share --amount A … --out F.xlsx      [--data-dir D]

The counting commands live in ``cli_counting`` and the printing ones in ``cli_printing``; each
adds its subcommands and names the function that runs them. A problem is said in one line on
stderr with exit status 2 (``desktop.cli`` turns every LinliError into that).
"""

from __future__ import annotations

import argparse

from desktop.core.i18n import _
from desktop.storage import headless

DATA_DIR = "vote_data_dir"  # where ``--data-dir`` goes (see ``desktop.storage.headless``)


def data_dir_option(command: argparse.ArgumentParser) -> None:
    headless.data_dir_option(command, DATA_DIR)


def add_vote_parser(subparsers) -> None:
    from desktop.votes import cli_counting, cli_printing

    vote = subparsers.add_parser("vote", help=_("owners' votes: create, tally, print ballots"))
    sub = vote.add_subparsers(dest="vote_command", metavar="COMMAND", required=True)
    cli_counting.add_commands(sub)
    cli_printing.add_commands(sub)


def run_vote(args: argparse.Namespace) -> int:
    from desktop.votes import cli_counting, cli_printing

    runners = {**cli_counting.RUNNERS, **cli_printing.RUNNERS}
    return runners[args.vote_command](args)
