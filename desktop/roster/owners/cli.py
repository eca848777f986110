"""(Being written.) ``linli owners import FILE.xlsx``."""

from __future__ import annotations

import argparse


def add_owners_parser(subparsers) -> None:
    """``linli owners import``."""


def run_owners(args: argparse.Namespace) -> int:
    raise AssertionError("not written yet")
