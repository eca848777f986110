"""An import that fails half-way — a full disk, the process killed — changes nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, event

from desktop.core.paths import DataDir
from desktop.storage.lifecycle import open_database
from desktop.sync.transfer import DiskFull, ExportRequest, export_bundle, import_bundle

PASS = "fault-injection"
ROOT = Path(__file__).resolve().parents[3]


def _dump(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


@pytest.fixture
def bundle_and_laptop(tmp_path):
    from desktop.roster.demo import generate_demo

    office = open_database(DataDir(tmp_path / "office").prepare(), device_name="office")
    generate_demo(office, residents=3000)
    bundle = export_bundle(office, ExportRequest(tmp_path / "all.linli", PASS)).path
    office.close()
    laptop_dir = DataDir(tmp_path / "laptop").prepare()
    open_database(laptop_dir, device_name="laptop").close()
    return bundle, laptop_dir


def test_a_full_disk_mid_import_changes_nothing_and_says_so(bundle_and_laptop):
    bundle, laptop_dir = bundle_and_laptop
    before = _dump(laptop_dir.database)
    pages = sqlite3.connect(laptop_dir.database).execute("pragma page_count").fetchone()[0]

    def nearly_full(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 40}")

    event.listen(Engine, "connect", nearly_full)
    try:
        db = open_database(laptop_dir, device_name="laptop")
        with pytest.raises(DiskFull) as err:
            import_bundle(db, bundle, PASS, trust_signer=True)
        db.close()
    finally:
        event.remove(Engine, "connect", nearly_full)
    assert "disk is full" in err.value.message
    assert _dump(laptop_dir.database) == before


_IMPORTER = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from desktop.core.paths import DataDir
from desktop.core.tasks import TaskContext
from desktop.storage.lifecycle import open_database
from desktop.sync.transfer import import_bundle

def report(done, total, message=""):
    print("progress", message, flush=True)

db = open_database(DataDir(Path(sys.argv[2])), device_name="laptop")
import_bundle(db, Path(sys.argv[3]), sys.argv[4], trust_signer=True,
              ctx=TaskContext(on_progress=report, min_interval=0))
print("done", flush=True)
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_the_process_killed_mid_import_changes_nothing(bundle_and_laptop):
    bundle, laptop_dir = bundle_and_laptop
    before = _dump(laptop_dir.database)
    process = subprocess.Popen(
        [sys.executable, "-c", _IMPORTER, str(ROOT), str(laptop_dir.root), str(bundle), PASS],
        stdout=subprocess.PIPE, text=True)
    try:
        for line in process.stdout:  # wait until the merge has begun, then pull the plug
            if line.startswith("progress") and "Merging" in line:
                time.sleep(0.05)
                process.send_signal(signal.SIGKILL)
                break
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL
    # Reopening recovers from the journal: what the killed transaction wrote is gone.
    open_database(laptop_dir, device_name="laptop").close()
    assert _dump(laptop_dir.database) == before
