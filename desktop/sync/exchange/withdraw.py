"""Withdrawing a scope from a copy: its rows are removed there, not deleted everywhere."""

from __future__ import annotations

from desktop.storage.stamping import STAMPED_OPTION
from desktop.sync.exchange.declared import scope_rule
from desktop.sync.exchange.export import _chunks, scope_ids
from desktop.sync.exchange.tables import ordered_tables


def withdraw_scope(uow, scope: dict) -> dict[str, int]:
    """Remove the scope's rows (those the tables' declared scope rules select and say a
    withdrawal removes; not the rows only referenced) from this copy, with their stamps. This is the one place synced rows are hard-deleted: no
    tombstone is written, so nothing is deleted anywhere else. Rows that other rows here still
    reference (an owner elsewhere pointing at a resident of the scope) are kept."""
    session = uow.session
    session.flush()
    conn = session.connection().execution_options(**{STAMPED_OPTION: True})
    doomed = {name: set(ids) for name, ids in scope_ids(conn, scope, references=False).items()
              if scope_rule(name).withdrawn}
    tables = ordered_tables()
    changed = True
    while changed:  # keep what a surviving row references
        changed = False
        for table in tables:
            for column in table.columns:
                for fk in column.foreign_keys:
                    target = fk.column.table.name
                    targets = doomed.get(target)
                    if not targets:
                        continue
                    mine = doomed.get(table.name, set())
                    for chunk in _chunks(targets):
                        marks = ",".join("?" * len(chunk))
                        for row_id, ref in conn.exec_driver_sql(
                                f'SELECT id, "{column.name}" FROM "{table.name}" '
                                f'WHERE "{column.name}" IN ({marks})', tuple(chunk)):
                            if row_id not in mine and ref in targets:
                                targets.discard(ref)
                                changed = True
    removed = {}
    for table in reversed(tables):
        ids = doomed.get(table.name)
        if not ids:
            continue
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            conn.exec_driver_sql(f'DELETE FROM "{table.name}" WHERE id IN ({marks})',
                                 tuple(chunk))
            conn.exec_driver_sql(f"DELETE FROM field_stamp WHERE row_id IN ({marks})",
                                 tuple(chunk))
            conn.exec_driver_sql(f"DELETE FROM withheld_field WHERE row_id IN ({marks})",
                                 tuple(chunk))
        removed[table.name] = len(ids)
        for row_id in ids:
            uow.changes.add("deleted", table.name, row_id)
    return removed
