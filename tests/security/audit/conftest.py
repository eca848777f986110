"""Helpers for the audit tests: the audit rows as plain tuples, a database snapshot, and a
headless command run in this process as a chosen operator."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from desktop.core.access import Actor, Role
from desktop.security import audit

VOLUNTEER = Actor("小李", Role.VOLUNTEER, signed_in=True)
OFFICE = Actor("王芳", Role.OFFICE, signed_in=True)


def audit_rows(db) -> list:
    with db.reading() as session:
        return list(reversed(audit.entries(session, limit=10_000)))


def snapshot(db) -> str:
    """Every row of every table, hashed: equal before and after means nothing changed."""
    digest = hashlib.sha256()
    with db.engine.connect() as conn:
        tables = [r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        for table in tables:
            for row in conn.exec_driver_sql(f'SELECT * FROM "{table}" ORDER BY 1'):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


@pytest.fixture
def as_operator(monkeypatch):
    """``as_operator(actor)``: headless commands run in this process open their folder signed
    in as ``actor`` (the window and the commands hand the same ``Database.actor`` down)."""
    from desktop.core.paths import DataDir
    from desktop.storage import lifecycle

    def use(actor: Actor) -> None:
        def open_existing(data_dir_arg):
            db = lifecycle.open_database(DataDir(Path(data_dir_arg)))
            db.actor = actor
            return db

        monkeypatch.setattr(lifecycle, "open_existing", open_existing)

    return use
