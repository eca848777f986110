"""Alembic environment: migrations run on a connection the app opened (see lifecycle.py).

Developers create a revision with ``python -m desktop.storage.revise "message"``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from desktop.storage.schema import full_metadata


def _render_item(type_, obj, autogen_context):
    # Migrations must not import app column types (they change; migrations must not): a
    # TypeDecorator is written as the plain SQL type it stores.
    if type_ == "type" and hasattr(obj, "impl_instance"):
        return f"sa.{obj.impl_instance!r}"
    return False


metadata = full_metadata()

connection = context.config.attributes.get("connection")
if connection is None:
    # Run from the command line against a scratch database (revision autogenerate).
    engine = create_engine(context.config.get_main_option("sqlalchemy.url"), hide_parameters=True)
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=True,
            render_item=_render_item,
        )
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite can only ALTER a little; batch mode rebuilds tables when needed.
        render_as_batch=True,
        render_item=_render_item,
        # SQLite DDL is transactional: a failed upgrade leaves the database as it was.
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()
