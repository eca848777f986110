"""The synced tables' declarations as the exchange reads them (``desktop.core.features``).

The exchange names no feature's table: which rows a scoped bundle selects, what a withdrawal
removes, which fields a minimised bundle leaves out and which table holds "the community" all
come from the features' declarations. ``declaration_problems`` is the check that keeps the two
lists — the synced tables on the metadata and the declared ones — the same.
"""

from __future__ import annotations

from desktop.core.features import ScopeRule, SyncedTable, declared_tables, synced_table
from desktop.sync.exchange.tables import ordered_tables


class UndeclaredTable(LookupError):
    """A synced table no feature declares, or declares without a scope rule: a programming
    error (the declaration check in the tests reports it first)."""


def scope_rule(name: str) -> ScopeRule:
    declared = synced_table(name)
    if declared is None or declared.scope is None:
        raise UndeclaredTable(f"synced table {name!r} has no declared scope rule: declare it "
                              "in its feature's declaration module (desktop.core.features)")
    return declared.scope


def scope_keys() -> tuple[str, ...]:
    """The keys a scope names places under (``grids``, ``compounds``, …), in table order."""
    keys: list[str] = []
    for table in ordered_tables():
        chosen = scope_rule(table.name).chosen
        if chosen and chosen not in keys:
            keys.append(chosen)
    return tuple(keys)


def minimised_fields() -> tuple[str, ...]:
    """``table.field`` for every personal field a minimised bundle leaves out."""
    return tuple(f"{t.name}.{name}" for t in declared_tables() for name in t.minimised)


def community_table():
    """The synced table whose rows are the communities a copy holds (None if none is)."""
    names = {t.name for t in declared_tables() if t.is_community}
    return next((t for t in ordered_tables() if t.name in names), None)


def _rule_problems(table, declared: SyncedTable, selected_before: set[str]) -> list[str]:
    problems = []
    for column, parent in declared.scope.follows:
        col = table.columns.get(column)
        if col is None:
            problems.append(f"{table.name}: scope follows {column!r}, which is not a column")
        elif not any(fk.column.table.name == parent for fk in col.foreign_keys):
            problems.append(f"{table.name}.{column} does not reference {parent!r}")
        elif parent == table.name or parent not in selected_before:
            # Rows are selected parents first; a parent that selects nothing selects no child.
            problems.append(f"{table.name}: scope follows {parent!r}, whose rule selects "
                            "nothing before it")
    return problems


def declaration_problems() -> list[str]:
    """Every way the declarations and the synced tables disagree (empty when they agree): a
    synced table with no declaration, no label or no scope rule; a rule following a column
    that is not a reference to the table it names; a minimised field that is no column; a
    declared table that is not synced."""
    problems: list[str] = []
    synced = ordered_tables()
    selected: set[str] = set()
    for table in synced:
        declared = synced_table(table.name)
        if declared is None:
            problems.append(f"{table.name}: synced, but no feature declares it")
            continue
        if not declared.label:
            problems.append(f"{table.name}: declared without a label")
        if declared.scope is None:
            problems.append(f"{table.name}: declared without a scope rule (which rows a "
                            "volunteer's scoped bundle holds)")
        else:
            problems += _rule_problems(table, declared, selected)
            if declared.scope.selects:
                selected.add(table.name)
        problems += [f"{table.name}.{name}: minimised, but not a column"
                     for name in declared.minimised if name not in table.columns]
    names = {t.name for t in synced}
    problems += [f"{t.name}: declared, but not a synced table"
                 for t in declared_tables() if t.name not in names]
    return problems
