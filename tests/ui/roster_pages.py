"""Opening the roster page in window tests, the way the main window does, and waiting until
it shows its data."""

from __future__ import annotations


def wait_loaded(qtbot, roster, runner) -> None:
    """Until the search index, the place tree and the overview have arrived."""
    qtbot.waitUntil(lambda: roster.index_ready and roster.tree.root is not None
                    and roster.counts is not None, timeout=30000)
    assert runner.wait_idle(30)


def open_roster_page(qtbot, ctx, runner):
    from desktop.ui.roster.page import RosterPage

    roster = RosterPage(ctx, runner)
    qtbot.addWidget(roster)
    roster.resize(1180, 700)
    roster.show()
    roster.activated()
    wait_loaded(qtbot, roster, runner)
    return roster
