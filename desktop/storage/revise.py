"""For developers: write a new migration from the difference between the models and the
migrations so far.  ``python -m desktop.storage.revise "add visits"``

Then set ``HEAD_REVISION`` in desktop/storage/schema.py to the new revision id.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from desktop.storage.migrate import MIGRATIONS_DIR, alembic_config


def main(argv: list[str]) -> None:
    message = argv[0] if argv else "schema change"
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{Path(tmp) / 'scratch.sqlite3'}", hide_parameters=True)
        with engine.begin() as conn:
            config = alembic_config(conn, MIGRATIONS_DIR)
            command.upgrade(config, "head")
            n = len(list((MIGRATIONS_DIR / "versions").glob("*.py"))) + 1
            command.revision(config, message, autogenerate=True, rev_id=f"{n:04d}")
        engine.dispose()


if __name__ == "__main__":
    main(sys.argv[1:])
