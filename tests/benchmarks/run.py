"""Benchmarks (not run by CI): one JSON line per figure, {"name", "value", "unit", ...}.

    python tests/benchmarks/run.py [--residents N] [--only NAME ...] [--repeat K] [--encrypted]

The standard dataset (a demo community of N residents, 200,000 by default) is generated once and
cached in tests/benchmarks/.cache/. Timed figures are the median of --repeat runs; the single
runs are printed too ("samples") so noise on this machine is visible.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from desktop.core.paths import DataDir  # noqa: E402
from desktop.storage.schema import HEAD_REVISION  # noqa: E402

CACHE = Path(__file__).resolve().parent / ".cache"
BENCHMARKS: dict[str, Callable[[argparse.Namespace], list[dict]]] = {}
# The figures each benchmark prints, as fnmatch patterns ("*" stands for the dataset's label,
# e.g. 200k): --only takes a figure's name too, and a figure is known only after a run.
FIGURES: dict[str, tuple[str, ...]] = {}


def benchmark(key: str, figures: tuple[str, ...]):
    def register(fn):
        BENCHMARKS[key] = fn
        FIGURES[key] = figures
        return fn

    return register


def matches(key: str, name: str) -> bool:
    """``--only name`` runs benchmark ``key``: its key, or the name of a figure it prints."""
    return name == key or any(fnmatch.fnmatchcase(name, p) for p in FIGURES[key])


def chosen_benchmarks(only: list[str] | None) -> list[str]:
    return [key for key in BENCHMARKS if not only or any(matches(key, n) for n in only)]


def figure(name: str, value: float, unit: str, samples: list[float] | None = None) -> dict:
    out = {"name": name, "value": round(value, 3), "unit": unit}
    if samples and len(samples) > 1:
        out["samples"] = [round(s, 3) for s in samples]
    return out


def _generate(target: DataDir, residents: int) -> float:
    from desktop.core.tasks import TaskContext
    from desktop.roster.demo import generate_demo
    from desktop.storage.lifecycle import open_database

    db = open_database(target.prepare(), device_name="bench", key=None)  # always plain
    try:
        # Marked as the demo, as ``linli --demo`` marks it: the window opens it as it is
        # (an office's unmarked plain folder would first ask for a password to protect it).
        from desktop.storage.engine import writing
        from desktop.storage.marks import mark_as_demo

        with writing(db.engine) as conn:
            mark_as_demo(conn)
        start = time.perf_counter()
        generate_demo(db, residents=residents, ctx=TaskContext())
        return time.perf_counter() - start
    finally:
        db.close()


ENCRYPTED = False  # --encrypted: every database opened or created is an encrypted one


def dataset(residents: int) -> DataDir:
    """The cached standard dataset, built on first use (its encrypted copy with
    --encrypted)."""
    root = CACHE / f"demo-{residents}-schema{HEAD_REVISION}"
    if ENCRYPTED:
        from encrypted import encrypted_copy

        return encrypted_copy(_plain_dataset(root, residents), root.with_name(root.name + "-enc"))
    return _plain_dataset(root, residents)


def _plain_dataset(root: Path, residents: int) -> DataDir:
    data_dir = DataDir(root)
    if not data_dir.database.exists():
        partial = CACHE / f"partial-{residents}"
        shutil.rmtree(partial, ignore_errors=True)
        _generate(DataDir(partial), residents)
        shutil.rmtree(root, ignore_errors=True)
        partial.rename(root)
    return data_dir


def _label(residents: int) -> str:
    return f"{residents // 1000}k" if residents % 1000 == 0 else str(residents)


@benchmark("demo_generate", figures=("demo_generate_*_s",))
def bench_demo_generate(args) -> list[dict]:
    samples = []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            samples.append(_generate(DataDir(Path(tmp) / "d"), args.residents))
    return [figure(f"demo_generate_{_label(args.residents)}_s", statistics.median(samples), "s",
                   samples)]


@benchmark("open_db", figures=("open_db_ms",))
def bench_open_db(args) -> list[dict]:
    from desktop.storage.lifecycle import open_database

    data_dir = dataset(args.residents)
    samples = []
    for _ in range(max(args.repeat, 5)):
        start = time.perf_counter()
        db = open_database(data_dir)
        samples.append((time.perf_counter() - start) * 1000)
        db.close()
    return [figure("open_db_ms", statistics.median(samples), "ms", samples)]


@benchmark("startup", figures=("startup_*_s",))
def bench_startup(args) -> list[dict]:
    """Process start to main window shown: the app prints the moment its window is exposed."""
    data_dir = dataset(args.residents)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LINLI_REPORT_SHOWN="1")
    samples = []
    for _ in range(max(args.repeat, 3)):
        start = time.time()
        result = subprocess.run(
            [sys.executable, "-m", "desktop", "--data-dir", str(data_dir.root)],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
        )
        shown = [line for line in result.stdout.splitlines() if line.startswith("shown ")]
        if result.returncode != 0 or not shown:
            raise SystemExit(f"app did not report its window: {result.stderr[-2000:]}")
        samples.append(float(shown[-1].split()[1]) - start)
    return [figure(f"startup_{_label(args.residents)}_s", statistics.median(samples), "s",
                   samples)]


def _load_feature_benchmarks() -> None:
    """Features add their figures in tests/benchmarks/bench_*.py using ``@benchmark``."""
    import importlib.util

    # Feature modules write "from run import benchmark": give them this module, not a copy.
    sys.modules.setdefault("run", sys.modules[__name__])
    for path in sorted(Path(__file__).parent.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(f"linli_bench_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)


def main(argv: list[str] | None = None) -> int:
    _load_feature_benchmarks()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=200_000)
    parser.add_argument("--only", nargs="*", metavar="NAME",
                        help="benchmarks to run, by key "
                             f"({', '.join(sorted(BENCHMARKS))}) or by a figure's name")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--encrypted", action="store_true",
                        help="on encrypted databases (the dataset's encrypted copy; new "
                             "databases created encrypted)")
    args = parser.parse_args(argv)
    if args.encrypted:
        global ENCRYPTED
        from encrypted import install

        ENCRYPTED = True
        install()
    CACHE.mkdir(exist_ok=True)
    chosen = chosen_benchmarks(args.only)
    if not chosen:
        known = [f"{key} ({', '.join(FIGURES[key])})" for key in BENCHMARKS]
        parser.error(f"no benchmark matches {args.only}; known: {'; '.join(known)}")
    dataset(args.residents)  # build the cache once, before anything is timed
    if len(chosen) > 1:
        # Each benchmark in a fresh process: memory and caches left by one (generating
        # 200,000 residents) must not show up in the next one's RSS or timings.
        for key in chosen:
            subprocess.run([sys.executable, __file__, "--residents", str(args.residents),
                            "--repeat", str(args.repeat), "--only", key,
                            *(["--encrypted"] if args.encrypted else [])], check=True)
        return 0
    for key in chosen:
        for fig in BENCHMARKS[key](args):
            if not matches(key, fig["name"]):  # keeps the declarations honest
                raise SystemExit(f"benchmark {key} printed {fig['name']}, which it does not "
                                 f"declare in @benchmark(figures=...)")
            print(json.dumps(fig, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
