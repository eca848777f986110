"""The demo community, whole: the roster, the notices, the survey forms, two visiting
campaigns with their visits, two owners' votes (one closed and posted, one collecting) and a
year of monthly meetings with their action items, made the
same way by ``linli --demo`` (the window) and ``linli demo --out`` (headless)."""

from __future__ import annotations

from desktop.core.tasks import TaskContext
from desktop.storage.database import Database


def fill_demo(db: Database, residents: int, ctx: TaskContext, seed: int = 2026,
              campaigns: bool = True, meetings: bool = True, votes: bool = True):
    """Generate the roster, then add the notices, forms, campaigns, votes and meetings;
    returns the roster's summary. ``campaigns=False`` leaves the visiting campaigns out,
    ``votes=False`` the owners' votes, ``meetings=False`` the meetings (a test that makes its
    own)."""
    from desktop.meetings.demo import add_demo_meetings
    from desktop.notices.demo import add_demo_notices
    from desktop.roster.demo import generate_demo
    from desktop.visits.demo import add_demo_campaigns
    from desktop.visits.forms.demo import add_demo_forms
    from desktop.votes.demo import add_demo_votes

    summary = generate_demo(db, residents=residents, seed=seed, ctx=ctx)
    add_demo_notices(db)
    add_demo_forms(db)
    if campaigns:
        add_demo_campaigns(db)
    if votes:
        add_demo_votes(db)
    if meetings:
        add_demo_meetings(db)
    return summary
