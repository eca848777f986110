"""SQLite settings for writing many rows in one transaction (imports, the demo, bundle merges).

Both helpers act inside the caller's transaction and leave the schema and settings exactly as
they found them: a rollback undoes a dropped index with everything else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

from sqlalchemy import Connection

BULK_CACHE_KIB = -65536  # negative: KiB, i.e. 64 MiB
# Below this many new rows a table keeps its indexes: rebuilding costs more than it saves.
REBUILD_FROM_ROWS = 10_000


@contextmanager
def large_page_cache(uow) -> Iterator[None]:
    """A bigger SQLite page cache while a bulk write runs, then the previous size again.

    The name and ID-number indexes take rows in random order; with the default 2 MB cache
    their pages are spilled and re-read all through the transaction (measured: ~1 s of a
    200k demo).
    """
    connection = uow.session.connection()
    previous = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size={BULK_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size={int(previous)}")


@contextmanager
def indexes_rebuilt_after(connection: Connection, incoming: Mapping[str, int],
                          before_each: Callable[[], None] | None = None) -> Iterator[None]:
    """Drop the plain (non-unique) indexes of the tables about to receive at least as many new
    rows as they hold, and create them again, from their stored SQL, when the block succeeds.

    Adding rows in random order to the name and ID-number indexes costs a B-tree descent and
    page split each; building the index once from the finished table is a sort (measured on a
    100,000-resident import: 2.0 s of inserts became 0.6 s plus 0.35 s of index building).
    Unique indexes stay: they are constraints, and a duplicate must fail at its own row.
    If the block raises, the transaction is rolled back by the caller and the dropped indexes
    come back with it. ``before_each`` runs before each index is built (progress and Cancel:
    a 200,000-row table takes about 0.2 s an index).
    """
    dropped: list[str] = []
    for table, rows in incoming.items():
        if rows < REBUILD_FROM_ROWS or rows < _row_count(connection, table):
            continue
        for name, sql in _plain_indexes(connection, table):
            connection.exec_driver_sql(f'DROP INDEX "{name}"')
            dropped.append(sql)
    yield
    for sql in dropped:
        if before_each is not None:
            before_each()
        connection.exec_driver_sql(sql)


def _row_count(connection: Connection, table: str) -> int:
    return connection.exec_driver_sql(f'SELECT count(*) FROM "{table}"').scalar() or 0


def _plain_indexes(connection: Connection, table: str) -> list[tuple[str, str]]:
    """(name, CREATE INDEX statement) of the table's non-unique indexes made by the schema;
    automatic indexes (primary keys, UNIQUE constraints) have no SQL and are never touched."""
    unique = {row[1] for row in connection.exec_driver_sql(f'PRAGMA index_list("{table}")')
              if row[2]}
    return [(name, sql) for name, sql in connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
        "AND sql IS NOT NULL ORDER BY name", (table,)) if name not in unique]
