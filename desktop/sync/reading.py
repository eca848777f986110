"""This device's facts for the window, read through one short read session: plain strings."""

from __future__ import annotations

from desktop.storage.database import Database
from desktop.storage.device import device_name


def device_label(db: Database) -> str:
    """The device's name as saved now (first-run setup may have renamed it after the database
    opened), else the name it was opened with."""
    with db.reading() as session:
        return device_name(session.connection()) or db.identity.name
