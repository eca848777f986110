"""The pages of the main window, by key and in navigation order, readable without Qt: the
command line offers them to ``--page``. Each is declared, with its label and how it is built,
by its feature's ``desktop/ui/<feature>/declaration.py``; a test checks that both agree."""

from __future__ import annotations

PAGES: tuple[str, ...] = ("roster", "visits", "votes", "meetings", "notices", "sync",
                          "security", "settings")
