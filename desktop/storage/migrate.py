"""Running Alembic from inside the app (and for developers, making new revisions)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None, location: Path = MIGRATIONS_DIR):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(location))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def known_revisions(location: Path = MIGRATIONS_DIR) -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(location=location))
    return {rev.revision for rev in script.walk_revisions()}


def head_revision(location: Path = MIGRATIONS_DIR) -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(location=location)).get_current_head()


def upgrade(connection: Connection, location: Path = MIGRATIONS_DIR) -> None:
    from alembic import command

    command.upgrade(alembic_config(connection, location), "head")
