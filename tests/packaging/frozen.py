"""Running the one-folder build in dist/linli (made by packaging/build-linux.sh).

Shared by the smoke test (test_frozen.py) and the figures the build script prints
(``python -m tests.packaging.frozen figures``): both start the frozen app exactly as a user's
double-click would, with nothing from the checkout or the venv on its paths.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist" / "linli"
FROZEN = DIST / ("linli.exe" if sys.platform == "win32" else "linli")
STARTUP_RUNS = 3
DEMO_RESIDENTS = 8000  # the demo community the window opens with (desktop.app.DEMO_RESIDENTS)


def frozen_env(**extra: str) -> dict[str, str]:
    """The user's environment without the developer's: no venv, no data folder override."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "LINLI_DATA_DIR")}
    env.update({"QT_QPA_PLATFORM": "offscreen", **extra})  # extra may choose another platform
    return env


def run(*args: str | os.PathLike[str], cwd: Path | None = None, timeout: float = 180,
        program: Path = FROZEN, **env: str) -> subprocess.CompletedProcess[str]:
    # cwd outside the checkout: a frozen app must not lean on files next to the caller.
    return subprocess.run([str(program), *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env=frozen_env(**env),
                          cwd=cwd or tempfile.gettempdir(), check=False)


def size_mb(folder: Path = DIST) -> float:
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return round(total / 1e6, 1)


def startup_s(program: list[str], data_dir: Path) -> float:
    """Process start to the first painted main window (the app prints that moment when
    LINLI_REPORT_SHOWN is set, see desktop/app.py), median of a few runs."""
    samples = []
    for _ in range(STARTUP_RUNS):
        start = time.time()
        result = subprocess.run([*program, "--data-dir", str(data_dir)], capture_output=True,
                                text=True, timeout=180, cwd=tempfile.gettempdir(),
                                env=frozen_env(LINLI_REPORT_SHOWN="1"), check=False)
        shown = [line for line in result.stdout.splitlines() if line.startswith("shown ")]
        if result.returncode != 0 or not shown:
            raise RuntimeError(f"{program[0]} did not show its window:\n{result.stderr}")
        samples.append(float(shown[-1].split()[1]) - start)
    return round(statistics.median(samples), 2)


def figures() -> list[dict]:
    """frozen_size_mb, and the start-up of the frozen and the pip-installed app side by side
    on the same demo community, made once by the installed app."""
    installed = Path(sys.executable).with_name("linli.exe" if sys.platform == "win32" else "linli")
    with tempfile.TemporaryDirectory(prefix="linli-figures-") as tmp:
        data_dir = Path(tmp) / "demo"
        data_dir.mkdir()
        made = subprocess.run([str(installed), "demo", "--residents", str(DEMO_RESIDENTS),
                               "--out", str(data_dir / "linli.sqlite3")],
                              capture_output=True, text=True, env=frozen_env(), check=False)
        if made.returncode != 0:
            raise RuntimeError(made.stderr)
        startup_s([str(FROZEN)], data_dir)  # the first start warms the disk cache for both
        frozen = startup_s([str(FROZEN)], data_dir)
        pip = startup_s([str(installed)], data_dir)
    return [
        {"figure": "frozen_size_mb", "value": size_mb(), "target": "<= 200"},
        {"figure": "frozen_startup_s", "value": frozen, "residents": DEMO_RESIDENTS},
        {"figure": "installed_startup_s", "value": pip, "residents": DEMO_RESIDENTS},
        {"figure": "frozen_startup_ratio", "value": round(frozen / pip, 2), "target": "<= 1.3"},
    ]


if __name__ == "__main__" and sys.argv[1:] == ["figures"]:
    for line in figures():
        print(json.dumps(line, ensure_ascii=False))
