"""The Campaigns tab's reads: each opens one short read session and returns plain data (the
core's dataclasses), never an ORM object. Qt-free, like ``desktop.visits.forms.reading``."""

from __future__ import annotations

from desktop.storage.database import Database


def campaign_rows(db: Database, include_archived: bool = False):
    from desktop.visits.campaigns.reading import list_campaigns

    with db.reading() as session:
        return list_campaigns(session, include_archived)


def campaign(db: Database, campaign_id: str):
    from desktop.visits.campaigns.reading import campaign_summary

    with db.reading() as session:
        return campaign_summary(session, campaign_id)


def coverage(db: Database, campaign_id: str):
    """The counts now; each building's doors read when the picture draws it."""
    from desktop.visits.results.coverage import read_coverage

    return read_coverage(db, campaign_id)


def tallies(db: Database, campaign_id: str, building_id: str | None, language: str | None):
    from desktop.visits.results.tallies import question_tallies

    with db.reading() as session:
        return question_tallies(session, campaign_id, building_id, language)


def cross_tab(db: Database, campaign_id: str, row: str, column: str,
              building_id: str | None, language: str | None):
    from desktop.visits.results.tallies import cross_tab as tab

    with db.reading() as session:
        return tab(session, campaign_id, row, column, building_id, language)


def follow_ups(db: Database, campaign_id: str):
    from desktop.visits.results.tallies import follow_ups as rows

    with db.reading() as session:
        return rows(session, campaign_id)


def proposals(db: Database, campaign_id: str | None):
    from desktop.visits.doors.proposals import pending_proposals

    with db.reading() as session:
        return pending_proposals(session, campaign_id)


def review(db: Database, campaign_id: str | None):
    from desktop.visits.doors.review import visits_for_review

    with db.reading() as session:
        return visits_for_review(session, campaign_id)


def current_forms(db: Database):
    """The office's forms with their current versions (what a new campaign may use)."""
    from desktop.visits.forms.service import list_forms

    with db.reading() as session:
        return list_forms(session)


def places(db: Database):
    from desktop.roster.place_tree import place_tree

    with db.reading() as session:
        return place_tree(session)
