"""What each feature declares about itself, and the registry that holds the declarations.

A feature (the roster, notices, and the coming visits, votes and meetings) names its synced
tables here: their labels, how a scoped bundle picks their rows from the chosen places, what a
withdrawal removes, and which personal fields a minimised bundle leaves out. The sync layer and
the sync page read these declarations and never name a feature's table, so a new feature's
table reaches a volunteer's bundle by declaring itself (and ``tests/test_features.py`` fails
for a synced table that has no declaration, label or scope rule).

Features register themselves (``register`` in their ``declaration`` module). Which modules
those are is said once, in ``FEATURES`` below (with each feature's window declaration, read by
``desktop.ui.features``), and ``declared_features()`` imports them before answering. Why a list
here rather than the composition root importing them: the bundle command, the tests and the
window all ask the sync layer, and only some of them start from ``desktop.app``; a registry
that depended on who started first would be empty in the others, and an empty registry is
exactly the silent miss this module exists to prevent. The modules are imported by name and
only when first asked, so importing the core stays light, Qt-free and free of import circles;
the order of ``FEATURES`` (not the order of imports) is the order the sync page lists the
tables in, so it is the same whoever imports what first.

Qt-free and free of SQLAlchemy: a declaration is plain data (table and column names).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class FeatureModules:
    """Where a feature declares itself: ``core`` (Qt-free: synced tables, scope rules, models;
    its module calls ``register``) and ``ui`` (``desktop/ui/<feature>``: pages and commands;
    its module holds ``FEATURE``, read by ``desktop.ui.features``). Either may be absent."""

    key: str
    core: str | None = None
    ui: str | None = None


# The app's features in the order people meet them (the window's navigation and the sync
# page's tables follow it): the one list of features, for the core and for the window.
FEATURES: tuple[FeatureModules, ...] = (
    FeatureModules("roster", "desktop.roster.declaration", "desktop.ui.roster.declaration"),
    FeatureModules("visits", "desktop.visits.declaration", "desktop.ui.visits.declaration"),
    FeatureModules("votes", "desktop.votes.declaration", "desktop.ui.votes.declaration"),
    FeatureModules("meetings", "desktop.meetings.declaration", "desktop.ui.meetings.declaration"),
    FeatureModules("notices", "desktop.notices.declaration", "desktop.ui.notices.declaration"),
    FeatureModules("sync", "desktop.sync.declaration", "desktop.ui.sync.declaration"),
    FeatureModules("security", "desktop.security.declaration", "desktop.ui.security.declaration"),
    FeatureModules("settings", ui="desktop.ui.settings.declaration"),
)


@dataclass(frozen=True)
class ScopeRule:
    """How a scoped bundle (a volunteer's chosen grids, compounds or buildings) selects a
    table's rows. A table's rows are selected when their id is among the scope's ``chosen``
    key (``"buildings"``), or when one of the ``follows`` columns points at a selected row of
    the named table (``("building_id", "building")``). A rule selecting nothing (the default)
    says so on purpose: the rows travel only where a selected row references them (a
    community, a tag). Every row a selected row references always travels along.

    ``everywhere``: every row travels in every scoped bundle, whatever places were chosen
    (the office's survey forms: a volunteer needs them all, and they hold no personal data).

    ``withdrawn``: taking the scope back from a copy removes the rows this rule selected there
    (not those only referenced)."""

    chosen: str = ""
    follows: tuple[tuple[str, str], ...] = ()
    withdrawn: bool = True
    everywhere: bool = False

    @property
    def selects(self) -> bool:
        return bool(self.chosen or self.follows or self.everywhere)


# Rows travel in a scoped bundle only where a selected row references them.
ONLY_REFERENCED = ScopeRule()
# Rows travel in every scoped bundle, and stay on the copy when the scope is withdrawn.
EVERYWHERE = ScopeRule(everywhere=True, withdrawn=False)


@dataclass(frozen=True)
class SyncedTable:
    """One synced table as its feature declares it."""

    name: str
    label: str  # N_() marked; shown with _()
    scope: ScopeRule | None  # None is a mistake the declaration check reports
    # Column → label (N_() marked) where the column's own name would not do for people.
    field_labels: Mapping[str, str] = field(default_factory=dict, hash=False)
    # Personal fields a minimised (scoped) bundle leaves out unless the office says otherwise.
    minimised: tuple[str, ...] = ()
    # Its rows are the communities a copy holds: a bundle is said to be theirs, and a bundle
    # of another community is refused unless the office accepts it.
    is_community: bool = False


@dataclass(frozen=True)
class FeatureDeclaration:
    key: str
    synced_tables: tuple[SyncedTable, ...] = ()
    # (session, scope) → the chosen places as a person reads them ("翠苑一区 3幢"), said in a
    # scoped bundle's header; for the feature whose places a scope names (the roster).
    scope_places: Callable[[object, dict], list[str]] | None = None
    # (session, {"grids": [name or id…], …}) → the scope those names mean, each name exactly
    # one place (``linli bundle export --building 3幢``); from the same feature.
    scope_from_names: Callable[[object, dict], dict] | None = None
    # The modules defining its SQLAlchemy models: storage imports them to know the whole
    # schema (``desktop.storage.schema.full_metadata``) instead of naming every feature.
    models: tuple[str, ...] = ()
    # (connection, scope) → more places the scope means, merged into it before rows are
    # picked: a bundle "for a visitor" means the dwellings of that visitor's doors.
    expand_scope: Callable[[object, dict], dict] | None = None


_registered: dict[str, FeatureDeclaration] = {}
_loaded = False


class DeclarationClash(ValueError):
    """Two declarations for one feature key or one table: a programming error."""


def register(feature: FeatureDeclaration) -> FeatureDeclaration:
    """Record a feature's declaration (again is fine when it is the same one)."""
    known = _registered.get(feature.key)
    if known is not None and known != feature:
        raise DeclarationClash(f"feature {feature.key!r} is declared twice")
    for other in _registered.values():
        if other.key == feature.key:
            continue
        taken = {t.name for t in other.synced_tables} & {t.name for t in feature.synced_tables}
        if taken:
            raise DeclarationClash(f"tables {sorted(taken)} are declared by both "
                                   f"{other.key!r} and {feature.key!r}")
    _registered[feature.key] = feature
    return feature


def unregister(key: str) -> None:
    """Forget a feature (tests that declare a toy feature for their duration)."""
    _registered.pop(key, None)


def load_declarations() -> None:
    """Import every feature's declaration module (each registers itself)."""
    global _loaded
    if _loaded:
        return
    for feature in FEATURES:
        if feature.core is not None:
            importlib.import_module(feature.core)
    _loaded = True


def declared_features() -> tuple[FeatureDeclaration, ...]:
    """Every feature's declaration: the app's in ``FEATURES`` order, then any others (a test's
    toy) in the order they registered."""
    load_declarations()
    order = [feature.key for feature in FEATURES]
    ranked = sorted(enumerate(_registered.values()),
                    key=lambda pair: (order.index(pair[1].key) if pair[1].key in order
                                      else len(order), pair[0]))
    return tuple(feature for _i, feature in ranked)


def declared_tables() -> tuple[SyncedTable, ...]:
    """Every declared synced table, feature by feature in their declared order."""
    return tuple(t for feature in declared_features() for t in feature.synced_tables)


def scope_places(session, scope: dict) -> list[str]:
    """A scope's places as people read them, from every feature that names places."""
    return [label for feature in declared_features() if feature.scope_places is not None
            for label in feature.scope_places(session, scope)]


def scope_from_names(session, names: dict) -> dict:
    """The scope that places named by people mean (``{"grids": ids, …}``), from every feature
    that names places; a name that means no place or several is refused there."""
    scope: dict = {}
    for feature in declared_features():
        if feature.scope_from_names is not None:
            scope.update(feature.scope_from_names(session, names))
    return scope


def expand_scope(connection, scope: dict) -> dict:
    """The scope with what every feature adds to it (ids under a key are merged, never
    replaced); the scope itself is left as it was."""
    expanded = {key: list(values) for key, values in scope.items()}
    for feature in declared_features():
        if feature.expand_scope is None:
            continue
        for key, values in feature.expand_scope(connection, expanded).items():
            known = expanded.setdefault(key, [])
            seen = set(known)
            known.extend(v for v in values if v not in seen and not seen.add(v))
    return expanded


def chosen_scope_keys() -> dict[str, str]:
    """Table name → the scope key that chooses its rows (``"building"`` → ``"buildings"``):
    the places a person can tick for a volunteer's bundle."""
    return {t.name: t.scope.chosen for t in declared_tables()
            if t.scope is not None and t.scope.chosen}


def synced_table(name: str) -> SyncedTable | None:
    """The declaration of one synced table, or None when no feature declares it."""
    return next((t for t in declared_tables() if t.name == name), None)
