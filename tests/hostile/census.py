"""The fault census: every hostile file through ``linli roster import`` in its own process.

A file may refuse or import; what is counted is how it ends. Each run is a real subprocess,
so a native abort (SIGABRT from an allocation of 512 GiB) or a stall is seen as the user would
see it, and pytest survives to count it. Run it alone to print the tables of files, bundles
(bundles.py) and leak scans (leaks.py) for a closing note:

    python -m tests.hostile.census
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.hostile.hostile_files import HOSTILE, Hostile

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_S = 90
MEMORY_CAP = 3 * 1024**3  # what a runaway allocation may take before it fails here


@dataclass(frozen=True)
class Outcome:
    name: str
    returncode: int | None  # None: killed at the time-out
    seconds: float
    survived: bool  # ended by itself, by an exit status (no signal, no time-out)
    clean: bool  # no traceback; a refusal says why
    as_expected: bool  # refused / imported as the file's expectation says
    database_ok: bool  # refused: byte-identical; imported: intact, nothing bad stored
    detail: str


def prepare_office(folder: Path) -> Path:
    """A data folder set up as an office's, holding one resident, its WAL checkpointed."""
    from desktop.core.paths import DataDir
    from desktop.roster.community import SetupAnswers, save_setup
    from desktop.storage.lifecycle import open_database

    data = DataDir(folder).prepare()
    db = open_database(data, device_name="office-pc")
    with db.unit_of_work("setup") as uow:
        save_setup(uow, SetupAnswers("翠苑一区社区", "翠苑一区社区居民委员会", "office-pc",
                                     "王社工"))
    db.close()
    return folder


def digest(folder: Path) -> str:
    return hashlib.sha256((folder / "linli.sqlite3").read_bytes()).hexdigest()


def _limit_memory() -> None:  # pragma: no cover - runs in the child
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def linli(args: list[str], env: dict | None = None, timeout: float = TIMEOUT_S):
    """``linli ARGS`` as a user runs it; returns (returncode or None, stdout, stderr, seconds)."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    started = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True,
                              text=True, timeout=timeout, env=environment,
                              preexec_fn=_limit_memory if os.name == "posix" else None)
    except subprocess.TimeoutExpired as expired:
        out = (expired.stdout or b"").decode(errors="replace") if isinstance(
            expired.stdout, bytes) else (expired.stdout or "")
        return None, out, "timed out", time.perf_counter() - started
    return done.returncode, done.stdout, done.stderr, time.perf_counter() - started


def _stored(folder: Path) -> list[dict]:
    con = sqlite3.connect(folder / "linli.sqlite3")
    con.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in con.execute("select * from resident")]
    finally:
        con.close()


def _integrity(folder: Path) -> bool:
    con = sqlite3.connect(folder / "linli.sqlite3")
    try:
        return con.execute("pragma integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()


def run_one(hostile: Hostile, template: Path, work: Path) -> Outcome:
    folder = work / "data"
    shutil.copytree(template, folder)
    before = digest(folder)
    path = hostile.make(work / "input")
    code, out, err, seconds = linli(["--lang", "en", "roster", "import", str(path),
                                     "--data-dir", str(folder)])
    survived = code is not None and code >= 0
    said = (out + err).strip()
    clean = survived and "Traceback" not in said and (code == 0 or bool(said))
    refused = code == 2
    as_expected = survived and {"refuse": refused, "rows": code in (0, 1),
                                "either": code in (0, 1, 2)}[hostile.expect]
    detail = ""
    if refused or not survived:
        database_ok = digest(folder) == before
    else:
        problem = hostile.stored(_stored(folder)) if hostile.stored else None
        database_ok = _integrity(folder) and problem is None
        detail = problem or ""
    if not (clean and as_expected and database_ok):
        detail = f"rc={code} {detail} {said[-400:]}"
    return Outcome(hostile.name, code, seconds, survived, clean, as_expected, database_ok,
                   detail.strip())


def run_census(work: Path, files: tuple[Hostile, ...] = HOSTILE) -> list[Outcome]:
    template = prepare_office(work / "template")
    outcomes = []
    for n, hostile in enumerate(files):
        case = work / f"case{n:02d}"
        case.mkdir()
        outcomes.append(run_one(hostile, template, case))
        shutil.rmtree(case, ignore_errors=True)
    return outcomes


def share(outcomes: list, attr: str) -> str:
    """How many outcomes have ``attr`` true, as "n/total (p %)"."""
    n, total = sum(getattr(o, attr) for o in outcomes), len(outcomes)
    return f"{n}/{total} ({100 * n // max(total, 1)} %)"


def table(outcomes: list[Outcome]) -> str:
    def count(attr: str) -> str:
        return share(outcomes, attr)

    lines = [f"hostile files tried: {len(outcomes)}",
             f"process survived: {count('survived')}",
             f"ended cleanly (no traceback, a message): {count('clean')}",
             f"refused or imported as expected: {count('as_expected')}",
             f"database unchanged (refused) or intact (imported): {count('database_ok')}",
             f"slowest: {max(o.seconds for o in outcomes):.1f} s"]
    lines += [f"  FAIL {o.name}: {o.detail}" for o in outcomes
              if not (o.survived and o.clean and o.as_expected and o.database_ok)]
    return "\n".join(lines)


def main() -> None:
    from tests.hostile.bundles import bundle_table, run_bundle_census
    from tests.hostile.leaks import leak_table, run_scans

    for name, run, show in (("files", run_census, table),
                            ("bundles", run_bundle_census, bundle_table),
                            ("leaks", run_scans, leak_table)):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / name
            folder.mkdir()
            print(show(run(folder)), flush=True)


if __name__ == "__main__":
    main()
