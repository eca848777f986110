"""The Owners' votes page's reads: each opens one short read session and returns plain data
(the votes core's dataclasses, or tuples), never an ORM object. Qt-free."""

from __future__ import annotations

import datetime as dt

from desktop.storage.database import Database


def vote_rows(db: Database, today: dt.date):
    from desktop.votes.reading import list_votes

    with db.reading() as session:
        return list_votes(session, today)


def detail(db: Database, vote_id: str):
    from desktop.votes.reading import vote_detail

    with db.reading() as session:
        return vote_detail(session, vote_id)


def tally(db: Database, vote_id: str, today: dt.date):
    from desktop.votes.reading import vote_tally

    with db.reading() as session:
        return vote_tally(session, vote_id, today)


def electorate(db: Database, vote_id: str):
    from desktop.votes.reading import electorate_rows

    with db.reading() as session:
        return electorate_rows(session, vote_id)


def history(db: Database, vote_id: str, dwelling_id: str | None = None):
    from desktop.votes.reading import ballot_history

    with db.reading() as session:
        return ballot_history(session, vote_id, dwelling_id)


def find(db: Database, vote_id: str, text: str, electors=None):
    """The dwellings ``text`` means; ``electors``: the electorate already read (typing many
    ballots reads it once)."""
    from desktop.votes.ballots import find_electors

    with db.reading() as session:
        return find_electors(session, vote_id, text, electors or None)


def gaps(db: Database, compound_id: str, building_id: str | None, unit: str):
    from desktop.votes.electorate import scope_gaps

    with db.reading() as session:
        return scope_gaps(session, compound_id, building_id, unit)


def compounds(db: Database) -> list[tuple[str, str]]:
    from desktop.roster.place_choices import compound_choices

    with db.reading() as session:
        return compound_choices(session)


def buildings(db: Database, compound_id: str) -> list[tuple[str, str]]:
    """(id, name) of a compound's buildings, in the roster's order (3幢 before 10幢)."""
    from desktop.roster.place_choices import building_choices

    with db.reading() as session:
        return building_choices(session, compound_id)


def units(db: Database, building_id: str) -> list[str]:
    """The units (stairwells) a building's dwellings are in, "1" before "10"."""
    from desktop.roster.place_choices import unit_choices

    with db.reading() as session:
        return unit_choices(session, building_id)
