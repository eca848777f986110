"""The core never imports Qt: everything outside desktop/ui and the composition root must import
with PySide6 unavailable."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import desktop

PACKAGE = Path(desktop.__file__).resolve().parent
QT_ALLOWED = {"desktop.app"}


def core_modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[1:2] == ["ui"] or "migrations" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        name = ".".join(parts)
        if name in QT_ALLOWED or parts[-1] == "__main__":
            continue
        names.append(name)
    return names


def test_there_is_a_core_to_check():
    assert {"desktop.storage.database", "desktop.storage.stamping", "desktop.roster.models",
            "desktop.cli"} <= set(core_modules())


def test_core_imports_with_pyside6_blocked():
    script = textwrap.dedent(f"""
        import importlib, importlib.abc, sys

        class BlockQt(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6"):
                    raise ImportError("Qt is not allowed in the core: " + name)
                return None

        sys.meta_path.insert(0, BlockQt())
        for name in {core_modules()!r}:
            importlib.import_module(name)
        assert not any(m.startswith("PySide6") for m in sys.modules)
        print("ok", len({core_modules()!r}))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=PACKAGE.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok")
