"""The open database and its unit of work: the one place that commits.

Services receive a ``UnitOfWork`` and use ``uow.session``; they never open sessions or commit.
The unit of work stamps every synced change (desktop.storage.stamping), saves the clock in the same
transaction, and hands back a ``ChangeSet`` so pages refresh only what changed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.access import UNSIGNED, Actor
from desktop.core.files import write_private_text
from desktop.storage.changes import ChangeSet
from desktop.storage.device import DeviceIdentity, load_identity, save_clock
from desktop.storage.engine import WRITE
from desktop.storage.errors import database_error
from desktop.storage.hlc import HybridClock
from desktop.storage.stamping import Stamper, clear_flushing, install_session_hooks


class Database:
    def __init__(
        self,
        engine: Engine,
        identity: DeviceIdentity,
        clock: HybridClock,
        path: Path,
        side_file: Path | None = None,
        actor: Actor = UNSIGNED,
    ) -> None:
        self.identity = identity
        self.clock = clock
        self.path = path
        self._side_file = side_file
        # Who is signed in: services read it from their session (desktop.core.access.actor_of)
        # to check the role and to say who exported what in the audit log.
        self._actor = actor
        # The raw data key while unlocked (None for a plain database): SQLCipher holds it for
        # every new connection anyway; the security layer needs it to add an operator's slot.
        self.key: bytes | None = None
        self._use(engine)

    @property
    def actor(self) -> Actor:
        return self._actor

    @actor.setter
    def actor(self, actor: Actor) -> None:
        self._actor = actor
        if self.engine is not None:
            self._use(self.engine)  # every new session carries the new actor

    def _use(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False, autoflush=False,
                                      info={"actor": self.actor})
        install_session_hooks(self._sessions)

    @property
    def locked(self) -> bool:
        return self.engine is None

    def lock(self) -> None:
        """Close every connection and forget the engine, and with it the key its connections
        were opened with: a locked copy cannot be read until ``unlock`` is given the key again
        (the idle lock; not a curtain drawn over an open database)."""
        if self.engine is not None:
            self.engine.dispose()
        self.engine = None
        self._sessions = None
        self.key = None

    def unlock(self, engine: Engine, key: bytes) -> None:
        """Use ``engine`` (opened with ``key``, signed in again) after ``lock``."""
        self.key = key
        self._use(engine)

    def unit_of_work(self, operator: str = "") -> UnitOfWork:
        return UnitOfWork(self, operator)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads (a deferred transaction: it never waits for a writer); anything
        it would write is rolled back."""
        session = self._sessions()
        try:
            yield session
        except Exception as exc:
            self.raise_user_error(exc)
            raise
        finally:
            session.rollback()
            session.close()

    def refresh_identity(self) -> DeviceIdentity:
        """Re-read the device identity (after the device was renamed). A read: the identity
        was written when the database was opened, so no write lock is taken."""
        try:
            with self.engine.begin() as conn:
                self.identity, _clock = load_identity(conn)
        except Exception as exc:
            self.raise_user_error(exc)
            raise
        return self.identity

    def raise_user_error(self, exc: BaseException | None) -> None:
        """Raise the user's message for ``exc`` when SQLite says what went wrong (locked,
        read-only, full, damaged…); return when it is anything else (the caller re-raises)."""
        known = database_error(exc, self.path) if isinstance(exc, Exception) else None
        if known is not None and known is not exc:
            raise known from exc

    def close(self) -> None:
        if self.engine is not None:
            self.engine.dispose()

    def _after_commit(self) -> None:
        # A copy of the clock outside the database: if this file is ever ahead of the database,
        # the database was replaced by an older copy, and a new incarnation must begin.
        if self._side_file is None:
            return
        payload = {"device_id": self.identity.device_id, "clock": str(self.clock.last)}
        tmp = self._side_file.with_suffix(".tmp")
        try:
            write_private_text(tmp, json.dumps(payload))
            os.replace(tmp, self._side_file)
        except OSError:
            pass  # only a safety net; the database itself is already committed


class UnitOfWork:
    """``with db.unit_of_work(operator) as uow:`` commits on success, rolls back on any error."""

    def __init__(self, db: Database, operator: str) -> None:
        self._db = db
        self.operator = operator
        self.changes = ChangeSet()
        self.session: Session

    @property
    def edits(self):
        """Every field edit so far, with old and new values (for undo)."""
        return self._stamper.edits

    def new_stamp(self) -> str:
        """A creation stamp for rows written in bulk with Core ``insert()`` (imports, demo),
        which bypass the ORM hook: put it in each row's ``created_hlc``."""
        return self._db.clock.now()

    def new_stamps(self, count: int) -> list[str]:
        """``count`` creation stamps in order, for bulk inserts (cheaper than one by one)."""
        return self._db.clock.now_many(count)

    def __enter__(self) -> UnitOfWork:
        self.session = self._db._sessions()
        self._stamper = Stamper(self._db.clock, self.operator, self.changes)
        self.session.info["stamper"] = self._stamper
        self.session.begin()
        try:
            # The write lock now (BEGIN IMMEDIATE), waiting out the busy timeout for another
            # writer, rather than failing at once half-way through (see storage/engine.py).
            self.session.connection(execution_options={WRITE: True})
            clear_flushing(self.session)  # a flag a failed flush may have left on the connection
        except Exception as exc:
            self.session.close()
            self._db.raise_user_error(exc)
            raise
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        try:
            if exc_type is None:
                self.session.flush()
                save_clock(self.session.connection(), self._db.clock)
                self.session.commit()
                self._db._after_commit()
            else:
                self.session.rollback()
        except BaseException as failure:
            self.session.rollback()
            self._db.raise_user_error(failure)
            raise
        finally:
            self.session.close()
        self._db.raise_user_error(exc)  # rolled back above; say what SQLite meant
        return False
