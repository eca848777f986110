"""Roster import of a 100,000-row xlsx (tests/benchmarks/import_input.py writes it once).

import_100k_s        parse + check + plan + store into a fresh database with one community,
                     the whole ``prepare_import`` + ``apply_import`` the wizard runs
import_floor_s       in the same run: python-calamine reading the same file, plus one Core
                     executemany of its rows (as text) into an empty SQLite table
import_floor_ratio   import_100k_s / import_floor_s
import_peak_rss_mb   peak RSS of the process that ran one import (a fresh subprocess)
import_reimport_100k_s  the same file again under the update policy: every row unchanged
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import CACHE, benchmark, dataset, figure

INPUT_ROWS = 100_000


def _input_file() -> Path:
    from import_input import write_input

    target = CACHE / f"import-{INPUT_ROWS // 1000}k.xlsx"
    if not target.exists():
        write_input(dataset(200_000).database, target, INPUT_ROWS)
    return target


def _fresh_database(folder: Path):
    from desktop.core.paths import DataDir
    from desktop.roster.community import SetupAnswers, save_setup
    from desktop.storage.lifecycle import open_database

    db = open_database(DataDir(folder).prepare(), device_name="bench")
    with db.unit_of_work("bench") as uow:
        save_setup(uow, SetupAnswers("翠苑一区社区", "翠苑一区社区居民委员会", "bench", "bench"))
    return db


def _floor(path: Path) -> float:
    from python_calamine import CalamineWorkbook
    from sqlalchemy import Column, MetaData, Table, Text, create_engine, insert

    start = time.perf_counter()
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(
        skip_empty_area=False)
    width = max(len(r) for r in rows)
    metadata = MetaData()
    table = Table("rows", metadata, *[Column(f"c{i}", Text) for i in range(width)])
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{tmp}/floor.sqlite3")
        metadata.create_all(engine)
        params = [{f"c{i}": None if v is None else str(v) for i, v in enumerate(r)}
                  for r in rows]
        with engine.begin() as conn:
            conn.execute(insert(table), params)
        elapsed = time.perf_counter() - start
        engine.dispose()
    return elapsed


def _one_import(path: Path, folder: Path, policy: str = "update", again: bool = False) -> float:
    from desktop.core.tasks import TaskContext
    from desktop.roster.importing.apply import apply_import
    from desktop.roster.importing.pipeline import prepare_import

    db = _fresh_database(folder)
    try:
        if again:
            prepared = prepare_import(path)
            apply_import(db, prepared.read, policy, operator="bench", file_name=path.name)
        start = time.perf_counter()
        prepared = prepare_import(path, ctx=TaskContext())
        result = apply_import(db, prepared.read, policy, operator="bench", file_name=path.name,
                              ctx=TaskContext())
        elapsed = time.perf_counter() - start
    finally:
        db.close()
    expected = "unchanged" if again else "created"
    assert getattr(result, expected) == INPUT_ROWS, result
    return elapsed


def _peak_rss(path: Path) -> float:
    # VmHWM is the peak of this process's own memory; getrusage's ru_maxrss would also count
    # the parent (the benchmark runner, holding a previous import) it was forked from.
    code = (
        "import sys, tempfile; sys.path[:0] = [sys.argv[1], sys.argv[2]];"
        "from pathlib import Path; import bench_import as b;"
        "tmp = tempfile.mkdtemp(); b._one_import(Path(sys.argv[3]), Path(tmp) / 'db');"
        "print(next(int(line.split()[1]) for line in open('/proc/self/status')"
        " if line.startswith('VmHWM')) / 1024)"
    )
    here = Path(__file__).resolve().parent
    out = subprocess.run([sys.executable, "-c", code, str(here.parents[1]), str(here), str(path)],
                         check=True, capture_output=True, text=True).stdout
    return float(out.strip().splitlines()[-1])


@benchmark("import", figures=("import_100k_s", "import_floor_s", "import_floor_ratio",
                             "import_reimport_100k_s", "import_peak_rss_mb"))
def bench_import(args) -> list[dict]:
    path = _input_file()
    imports, floors, reimports = [], [], []
    for _ in range(max(args.repeat, 3)):
        floors.append(_floor(path))
        with tempfile.TemporaryDirectory() as tmp:
            imports.append(_one_import(path, Path(tmp) / "db"))
    with tempfile.TemporaryDirectory() as tmp:
        reimports.append(_one_import(path, Path(tmp) / "db", again=True))
    ratios = [i / f for i, f in zip(imports, floors, strict=True)]
    return [
        figure("import_100k_s", statistics.median(imports), "s", imports),
        figure("import_floor_s", statistics.median(floors), "s", floors),
        figure("import_floor_ratio", statistics.median(ratios), "x", ratios),
        figure("import_reimport_100k_s", reimports[0], "s"),
        figure("import_peak_rss_mb", _peak_rss(path), "MB"),
    ]


if __name__ == "__main__":
    print(json.dumps(bench_import(type("A", (), {"repeat": 1})()), ensure_ascii=False))
