"""The packages stack in layers and never import in a circle.

Every ``import`` in ``desktop/`` counts, also those inside functions (a lazy import is still a
dependency: it only hides the circle until the function runs). A package may import only
packages of a lower layer; packages import each other in no circle, at any depth
(``desktop.ui.roster`` ↔ ``desktop.ui.shell`` counts as much as ``storage`` ↔ ``sync``).
A new top-level package must be given its layer here.
"""

from __future__ import annotations

import ast
import graphlib
from collections import defaultdict
from pathlib import Path

import desktop

ROOT = Path(desktop.__file__).parent

# Lower numbers are lower layers. ``desktop`` is the package's own ``__init__`` (the version).
LAYERS = {
    "desktop": 0, "core": 0, "pages": 0,
    "storage": 1,  # the persistence layer: engine, unit of work, change set, stamps, schema
    "sync": 2, "spreadsheets": 2, "printing": 2,
    "security": 2,  # key slots, operators, the audit log: beside sync, below the features  # shared parts every feature may use
    "roster": 3,
    "notices": 4,  # notices name the community and mask residents of the roster
    "visits": 4,  # survey forms now; visits read the households they go to
    "votes": 5,  # owners' votes count the register; ballots come at the door as visits
    "meetings": 6,  # minutes are posted through the notices archive; items link to votes
    "setup": 7,  # a new data folder: the community, or a copy started from a bundle
    "context": 8,  # what the window's parts are given
    "ui": 9,
    "app": 10,  # the composition root
    "cli": 11, "__main__": 12,
}


def _modules() -> dict[str, tuple[Path, bool]]:
    """Module name → (file, is a package) for every module of ``desktop``."""
    found = {}
    for path in ROOT.rglob("*.py"):
        parts = ["desktop", *path.relative_to(ROOT).with_suffix("").parts]
        is_package = path.name == "__init__.py"
        found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


def imports(modules: dict[str, tuple[Path, bool]]) -> list[tuple[str, str, int]]:
    """(importing module, imported module, line) for every import of a ``desktop`` module."""
    found = []
    for name, (path, is_package) in modules.items():
        package = name if is_package else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(anchor + ([node.module] if node.module else []))
                # ``from a import b``: module a.b where b is one, else module a.
                targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules
                           else base for alias in node.names]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                continue
            for target in set(targets):
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target:
                    found.append((name, target, node.lineno))
    return found


def _package(module: str, modules) -> str:
    return module if modules[module][1] else module.rpartition(".")[0]


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def circle(edges: dict[str, set[str]]) -> list[str]:
    """One import circle (its packages in order, the first repeated at the end), or []."""
    try:
        graphlib.TopologicalSorter(edges).prepare()
    except graphlib.CycleError as found:
        return list(found.args[1])
    return []


def test_every_top_level_package_has_a_layer():
    tops = {_top(name) for name in _modules()}
    assert tops - set(LAYERS) == set(), "give the new package its layer in LAYERS"


def test_no_package_imports_a_higher_or_equal_layer():
    modules = _modules()
    wrong = sorted(
        f"{source}:{line} imports {target}" for source, target, line in imports(modules)
        if _top(source) != _top(target)
        and LAYERS[_top(source)] <= LAYERS[_top(target)])
    assert wrong == []


def test_no_import_circle_between_packages():
    modules = _modules()
    edges: dict[str, set[str]] = defaultdict(set)
    for source, target, _line in imports(modules):
        a, b = _package(source, modules), _package(target, modules)
        # A package's ``__init__`` and its own modules are one package, not a circle.
        if a != b and not a.startswith(b + "."):
            edges[a].add(b)
    assert circle(edges) == []


def test_circles_are_found():
    # The check itself: a circle through three packages, and one through a lazy import.
    found = circle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})
    assert set(found) == {"a", "b", "c"} and found[0] == found[-1]
    assert circle({"a": {"b"}, "b": set()}) == []
    modules = _modules()
    found = {(s, t) for s, t, _line in imports(modules)}
    # A lazy import inside a function counts (desktop.cli starts the window only when asked).
    assert ("desktop.cli", "desktop.app") in found
