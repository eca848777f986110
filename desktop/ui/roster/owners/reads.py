"""The owner register's reads for the windows: one short read session each, plain data out.
Qt-free."""

from __future__ import annotations

from desktop.storage.database import Database


def dwelling(db: Database, dwelling_id: str):
    from desktop.roster.owners.reading import dwelling_sheet

    with db.reading() as session:
        return dwelling_sheet(session, dwelling_id)


def residents(db: Database, text: str):
    from desktop.roster.owners.reading import find_residents

    with db.reading() as session:
        return find_residents(session, text)


def summary(db: Database):
    from desktop.roster.owners.register import register_summary

    with db.reading() as session:
        return register_summary(session)
