"""What kind of copy this database is, for the window (one short read session, a plain bool)."""

from __future__ import annotations

from sqlalchemy import exists, select

from desktop.storage.database import Database
from desktop.sync.exchange.models import WithheldField
from desktop.sync.exchange.state import is_partial


def is_volunteer_copy(db: Database) -> bool:
    """This copy came from a scoped bundle (only some buildings) or a minimised one (personal
    fields left out): a volunteer's laptop, not the office's database."""
    with db.reading() as session:
        return is_partial(session) or bool(session.scalar(select(exists().select_from(
            WithheldField))))
