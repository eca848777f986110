"""(Being written.)"""

from __future__ import annotations

RUNNERS: dict = {}


def add_commands(sub) -> None:
    """Adds this module's ``linli vote`` subcommands."""
