"""A conversion killed (SIGKILL: no clean-up runs) at any point leaves the old plain database
or the new encrypted one, every row readable, never neither; the next attempt completes."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from desktop.storage.backup import backup_database, list_backups
from desktop.storage.cipher import STEPS, is_plaintext, temp_path
from desktop.storage.lifecycle import open_database

from .conftest import KEY, encrypted_count, fill, plain_count

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")

# The child converts the database; LINLI_TEST_KILL_AT_STEP names the step (1 = the first
# report) at which it kills itself, as a power cut or the task manager would.
CHILD = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from desktop.storage.cipher import encrypt_existing

    kill_at = int(os.environ.get("LINLI_TEST_KILL_AT_STEP", "0"))

    def progress(done, total, message):
        if done == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    print("converting", flush=True)
    encrypt_existing(Path(sys.argv[1]), bytes.fromhex(sys.argv[2]),
                     backups_dir=Path(sys.argv[3]), progress=progress)
""")

RESIDENTS = 3000


@pytest.fixture(scope="module")
def plain_folder(tmp_path_factory):
    """A plain data folder with residents and a plain backup, copied for each run."""
    from desktop.core.paths import DataDir

    data_dir = DataDir(tmp_path_factory.mktemp("plain") / "data").prepare()
    db = open_database(data_dir)
    fill(db, RESIDENTS, 300)
    db.close()
    backup_database(data_dir.database, data_dir.backups, "before-0011", keep=5)
    return data_dir


def _copy(plain_folder, tmp_path):
    from desktop.core.paths import DataDir

    shutil.copytree(plain_folder.root, tmp_path / "data")
    return DataDir(tmp_path / "data")


def _start(data_dir, key, kill_at: int | None):
    env = dict(os.environ)
    if kill_at is not None:
        env["LINLI_TEST_KILL_AT_STEP"] = str(kill_at)
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data_dir.database), key.hex(), str(data_dir.backups)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _assert_one_whole_database(data_dir, key, residents=RESIDENTS) -> str:
    """The folder holds the plain database or the encrypted one, with every row."""
    path = data_dir.database
    if is_plaintext(path):
        assert plain_count(path) == residents
        assert plain_count(path, "household") == residents // 10
        return "plain"
    assert encrypted_count(path, key) == residents
    assert encrypted_count(path, key, "household") == residents // 10
    return "encrypted"


def _assert_finished(data_dir, key, residents=RESIDENTS) -> None:
    process = _start(data_dir, key, kill_at=None)
    _out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert _assert_one_whole_database(data_dir, key, residents) == "encrypted"
    assert not temp_path(data_dir.database).exists()
    assert list_backups(data_dir.backups) == []  # the plain backup went with the conversion
    db = open_database(data_dir, key=key)  # and the app opens it
    db.close()


@pytest.mark.parametrize("step", range(1, len(STEPS) + 1), ids=list(STEPS))
def test_killed_after_each_step(plain_folder, tmp_path, key, step):
    data_dir = _copy(plain_folder, tmp_path)
    process = _start(data_dir, key, kill_at=step)
    process.communicate(timeout=120)
    assert process.returncode == -signal.SIGKILL
    state = _assert_one_whole_database(data_dir, key)
    # Before the rename the plain file is still the database; from it on, the encrypted one.
    assert state == ("plain" if step < STEPS.index("replaced") + 1 else "encrypted")
    _assert_finished(data_dir, key)


@pytest.fixture(scope="module")
def larger_folder(tmp_path_factory):
    """Like ``plain_folder`` with more residents (the copy takes a while to interrupt), and
    how long an uninterrupted conversion of a copy of it takes on this machine."""
    from desktop.core.paths import DataDir

    data_dir = DataDir(tmp_path_factory.mktemp("larger") / "data").prepare()
    db = open_database(data_dir)
    fill(db, LARGER, LARGER // 10)
    db.close()
    backup_database(data_dir.database, data_dir.backups, "before-0011", keep=5)
    trial = DataDir(tmp_path_factory.mktemp("trial") / "data")
    shutil.copytree(data_dir.root, trial.root)
    process = _start(trial, KEY, kill_at=None)
    assert process.stdout.readline().strip() == "converting"
    started = time.perf_counter()
    process.communicate(timeout=120)
    return data_dir, time.perf_counter() - started


LARGER = 20_000


@pytest.mark.slow
@pytest.mark.parametrize("fraction", [0.0, 0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 0.95])
def test_killed_at_any_moment(larger_folder, tmp_path, key, fraction):
    """Killed from outside at a moment within a step (in the middle of the copy, of the
    checks, of the sync), spread over how long a conversion takes here."""
    folder, duration = larger_folder
    data_dir = _copy(folder, tmp_path)
    process = _start(data_dir, key, kill_at=None)
    assert process.stdout.readline().strip() == "converting"
    time.sleep(duration * fraction)
    process.kill()
    process.communicate(timeout=120)
    _assert_one_whole_database(data_dir, key, LARGER)
    _assert_finished(data_dir, key, LARGER)
